"""The days a question covers: dates and years typed on the command line, today (bounded by
the data's date), and whether a period may cover a day. From the validity dates in the data,
never from dates written into code."""

from __future__ import annotations

import re
from typing import Any

from ..data.model import Facts
from ..errors import UsageError
from ..messages import say, when
from ..text.dates import date_bounds, date_problem

MIN_YEAR, MAX_YEAR = 1900, 2100


def parse_day(value: str, option: str) -> str:
    """A full date from the command line, YYYY-MM-DD (also D/M/YYYY, as Vietnamese write it)."""
    text = value.strip()
    m = re.fullmatch(r"([0-9]{1,2})[/.]([0-9]{1,2})[/.]([0-9]{4})", text)
    if m:
        text = f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text) or date_problem(text):
        raise UsageError(say("bad_date", option=option, value=value, example="2021-09-24"))
    return text


def check_year(year: int, option: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise UsageError(say("bad_year", option=option, year=year, low=MIN_YEAR, high=MAX_YEAR))


def today(facts: Facts) -> tuple[str, list[str]]:
    """The day an undated question is answered for: today (CPDT_TODAY overrides it, for
    reproducible runs), but never past the data's `data_as_of`."""
    import datetime
    import os

    now = os.environ.get("CPDT_TODAY") or datetime.date.today().isoformat()
    if now > facts.data_as_of:
        return facts.data_as_of, [say("data_current_to", when=when(facts.data_as_of))]
    return now, []


def window(
    facts: Facts, year: int | None, on: str | None
) -> tuple[str, str, dict[str, Any], list[str]]:
    """The days a question covers (--year, --on, or the bounded today) and its notices."""
    if year is not None and on is not None:
        raise UsageError(say("not_both", one="--year", other="--on"))
    notices: list[str] = []
    if year is not None:
        check_year(year, "--year")
        lo, hi = f"{year}-01-01", f"{year}-12-31"
    elif on is not None:
        lo = hi = parse_day(on, "--on")
    else:
        lo, notices = today(facts)
        hi = lo
    if hi > facts.data_as_of:
        notices.append(say("past_the_data", when=when(facts.data_as_of)))
    return lo, hi, {"year": year, "on": on, "as_of": hi if year is None else None}, notices


def period_overlaps(start: str | None, until: str | None, lo: str, hi: str) -> bool:
    """Whether a period [start, until) may cover a day between lo and hi. A partial end date
    is a period of doubt: the period is kept for every day it may still have stood."""
    first = date_bounds(start)[0] if start else "0000-01-01"
    if until is None:
        return first <= hi
    end = date_bounds(until)[1]
    exclusive = len(until) == 10
    return first <= hi and (lo < end if exclusive else lo <= end)
