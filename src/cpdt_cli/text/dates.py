"""Dates as the fact file writes them: YYYY-MM-DD, or YYYY-MM / YYYY where a source gives only
that much. Kept apart from validate.py so that answering a query never imports the validator."""

from __future__ import annotations

import re

# A pattern, compiled on first use: answering a query needs date_bounds, not this.
_DATE = r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?"  # ASCII digits: \d takes "٢٠١٩" too


def days_in_month(year: int, month: int) -> int:
    """As calendar.monthrange(year, month)[1], without importing calendar (~1 ms)."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def date_problem(value: str) -> str | None:
    """Why `value` is not a valid (possibly partial) date, or None."""
    from ..messages import say

    m = re.fullmatch(_DATE, value)
    if not m:
        return say("d.not_a_date", value=value)
    year, month, day = int(m[1]), m[2], m[3]
    if month is not None and not 1 <= int(month) <= 12:
        return say("d.no_month", value=value, month=month)
    if day is not None:
        last = days_in_month(year, int(month or 1))
        if not 1 <= int(day) <= last:
            return say("d.no_day", value=value, day=day)
    return None


def date_bounds(value: str) -> tuple[str, str]:
    """The first and last day a (possibly partial) date may stand for, as ISO strings."""
    parts = value.split("-")
    if len(parts) == 3:
        return value, value
    if len(parts) == 2:
        y, m = int(parts[0]), int(parts[1])
        return f"{value}-01", f"{value}-{days_in_month(y, m):02d}"
    return f"{value}-01-01", f"{value}-12-31"
