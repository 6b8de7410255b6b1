"""Questions about time: the committee as it stood, and the timeline. Answered from the
validity dates in the data, never from dates written into code."""

from __future__ import annotations

import re
from typing import Any

from ..data.model import CommitteeState, Facts, Statement
from ..errors import NotFound, UsageError
from ..messages import Name, say, when
from ..text.dates import date_bounds, date_problem
from . import results as r
from .labels import INSTRUMENT_TYPES, POSITIONS, label
from .queries import (
    Answer,
    _words_in,
    citations,
    entity_ref,
    instrument_ref,
    statement_result,
)

_POSITION_ORDER = list(POSITIONS)

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


# --- committee -----------------------------------------------------------------------------


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


def committee(facts: Facts, year: int | None = None, on: str | None = None) -> Answer:
    """The national committee as it stood in a year or on a day (by default: today, bounded by
    the data's date); after its end, its successor, marked as such."""
    lo, hi, query, notices = window(facts, year, on)
    states = sorted(facts.committee_states.values(), key=lambda s: date_bounds(s.valid_from)[0])
    if not states:
        raise NotFound(say("no_committee_data"), query=query)
    first = states[0]
    if hi < date_bounds(first.valid_from)[0]:
        then = when(str(year)) if year is not None else when(hi)
        by = say("by", instrument=_number(facts, first.instrument)) if first.instrument else ""
        raise NotFound(
            say(
                "no_committee_yet",
                when=then,
                name=Name(first.name, first.name_en),
                founded=when(first.valid_from),
                by=by,
            ),
            (say("try_committee", year=first.valid_from[:4]),),
            query=query,
            notices=notices,
        )
    chosen = [s for s in states if period_overlaps(s.valid_from, s.valid_until, lo, hi)]
    for body_id in dict.fromkeys(s.body for s in states):
        last = [s for s in states if s.body == body_id][-1]
        _ended_notice(facts, last, hi, notices)
    for state in chosen:
        for key in ("valid_from", "valid_until"):
            day = getattr(state, key)
            if (
                getattr(state, f"{key}_precision") == "reported"
                and day
                and lo[:7] <= day[:7] <= hi[:7]
            ):
                notice = say("reported_day", when=when(day))
                if notice not in notices:
                    notices.append(notice)
    if not chosen:  # after the last state of a body that ended with no successor in the data
        raise NotFound(notices[-1] if notices else say("no_committee_then"),
                       query=query, notices=notices[:-1])  # fmt: skip
    results = [_state_result(facts, s, first.body, lo, hi) for s in chosen]
    return Answer("committee", query, results, notices)


def _ended_notice(facts: Facts, state: CommitteeState, hi: str, notices: list[str]) -> None:
    body = facts.entities[state.body]
    if body.valid_until is None or hi < date_bounds(body.valid_until)[0]:
        return
    ended = facts.instruments.get(body.ended_by or state.ended_by or "")
    what = say("by", instrument=_number(facts, ended.id)) if ended else ""
    successor = facts.entities.get(body.successor or "")
    tail: str = ""
    if successor is not None:
        tail = say("successor", name=Name(successor.name, successor.name_en))
    elif body.successor == "none":
        tail = say("no_successor")
    notices.append(
        say(
            "ended",
            name=Name(state.name, state.name_en),
            when=when(body.valid_until),
            by=what,
            successor=tail,
        )
    )


def _number(facts: Facts, instrument_id: str) -> str:
    """An instrument's type and number, as messages name it ("Quyết định 1072/QĐ-TTg")."""
    ins = facts.instruments.get(instrument_id)
    if ins is None:
        return instrument_id
    pair = INSTRUMENT_TYPES.get(ins.type)
    if pair is None:
        return ins.number
    return say("instrument", type=Name(*pair), number=ins.number)


def _state_result(
    facts: Facts, state: CommitteeState, lineage: str, lo: str, hi: str
) -> r.CommitteeState:
    members = [
        s for s in facts.statements.linked(state.id, ("state",))
        if s.kind == "membership" and period_overlaps(s.valid_from, s.valid_until, lo, hi)
    ]  # fmt: skip
    members.sort(key=lambda s: _POSITION_ORDER.index(s.fields["position"]))
    items = [
        m for m in (statement_result(facts, s) for s in members) if isinstance(m, r.Membership)
    ]
    body = entity_ref(facts, state.body)
    assert body is not None
    return r.CommitteeState(
        id=state.id,
        kind="committee-state",
        title=state.name,
        name=state.name,
        name_en=state.name_en,
        body=body,
        successor_of=entity_ref(facts, lineage) if state.body != lineage else None,
        valid_from=state.valid_from,
        valid_from_precision=state.valid_from_precision or _precision(state.valid_from),
        valid_until=state.valid_until,
        valid_until_precision=state.valid_until_precision or _precision(state.valid_until),
        change=state.change,
        instrument=instrument_ref(facts, state.instrument),
        ended_by=instrument_ref(facts, state.ended_by),
        notes=state.notes,
        notes_en=state.notes_en,
        provenance=state.provenance,
        members=items,
        citations=citations(facts, state.citations),
    )


def state_result(facts: Facts, state: CommitteeState) -> r.CommitteeState:
    """A committee state with every member it had (search's shape of the same result)."""
    lo = date_bounds(state.valid_from)[0]
    hi = date_bounds(state.valid_until)[1] if state.valid_until else "9999-12-31"
    return _state_result(facts, state, state.body, lo, hi)


def _precision(date: str | None) -> str | None:
    if date is None:
        return None
    return ("year", "month", "day")[len(date.split("-")) - 1]


# --- timeline ------------------------------------------------------------------------------

TIMELINE_KINDS = (*INSTRUMENT_TYPES, "instrument", "event", "ranking")


def timeline(
    facts: Facts,
    query: str | None = None,
    year: int | None = None,
    start: int | None = None,
    end: int | None = None,
    kind: str | None = None,
    on: str | None = None,
) -> Answer:
    """Dated instruments and events in order, optionally within years, of a kind, or matching;
    with `on`, only what had happened by that day (as the record stood then)."""
    for value, option in ((year, "--year"), (start, "--from"), (end, "--to")):
        if value is not None:
            check_year(value, option)
    if year is not None and (start is not None or end is not None):
        raise UsageError(say("not_both", one="--year", other="--from/--to"))
    if start is not None and end is not None and start > end:
        raise UsageError(say("from_after_to", start=start, end=end))
    if kind is not None and kind not in TIMELINE_KINDS:
        raise UsageError(
            say("no_such_value", option="--kind", value=kind, choices=", ".join(TIMELINE_KINDS))
        )
    lo = f"{year if year is not None else start if start is not None else 0:04d}"
    hi = f"{year if year is not None else end if end is not None else 9999:04d}"
    notices: list[str] = []
    day = "9999-12-31"
    if on is not None:
        if year is not None:
            raise UsageError(say("not_both", one="--year", other="--on"))
        _, day, _, notices = window(facts, None, on)
    chosen = [
        entry
        for entry, haystack in _entries(facts, lo, hi)
        if lo <= entry.date[:4] <= hi
        and date_bounds(entry.date)[0] <= day
        and (kind is None or kind in (entry.kind, entry.instrument and entry.instrument.type))
        and (not query or _words_in(query, haystack))
    ]
    chosen.sort(key=lambda e: (date_bounds(e.date)[0], e.id, _EVENT_ORDER.index(e.event or "")))
    if not chosen:
        raise NotFound(
            say("no_timeline"),
            (say("try_fewer", command="cpdt timeline --from 2018 --to 2019"),),
        )
    query_doc = {"text": query, "year": year, "from": start, "to": end, "kind": kind}
    if on is not None:
        query_doc["on"] = day
    return Answer("timeline", query_doc, chosen, notices)


_EVENT_ORDER = ("signed", "effective", "ended", "")


def _entries(facts: Facts, lo: str, hi: str) -> list[tuple[r.TimelineEntry, str]]:
    """Every dated act with the text a query is matched against. An event statement about an
    instrument, dated as one of the instrument's own events, is that entry, not another."""
    out = [(entry, [haystack]) for entry, haystack in _instrument_entries(facts)]
    by_act: dict[tuple[str, str], tuple[r.TimelineEntry, list[str]]] = {}
    for entry, words in out:
        by_act.setdefault((entry.id, entry.date), (entry, words))
    for st, date in _dated_statements(facts, lo, hi):
        same = [by_act[(ref, date)] for ref in st.refs if (ref, date) in by_act]
        if st.kind == "event" and same:
            entry, words = same[0]
            entry.statements.append(st.id)
            seen = {(c.source.id, c.quote) for c in entry.citations}
            entry.citations += [
                c for c in citations(facts, st.citations) if (c.source.id, c.quote) not in seen
            ]
            words += [st.wording, st.text_en or ""]
            continue
        entry, haystack = _statement_entry(facts, st, date)
        out.append((entry, [haystack]))
    return [(entry, " ".join(words)) for entry, words in out]


def _instrument_entries(facts: Facts) -> list[tuple[r.TimelineEntry, str]]:
    """One entry per event: signed (or adopted), took effect, ended; each with its words."""
    out = []
    for ins in facts.instruments.values():
        name = f"{label(INSTRUMENT_TYPES, ins.type, 'vi')} {ins.number}"
        events = (
            ("signed", ins.date, ins.citations),
            ("effective", ins.effective_from,
             [c for claim in ins.status if claim.code == "in-force" for c in claim.citations]),
            ("ended", ins.effective_until,
             [c for claim in ins.status if claim.code in ("ended", "partly")
              for c in claim.citations]),
        )  # fmt: skip
        haystack = " ".join([name, ins.title, ins.title_en or "", *ins.aliases])
        for event, date, cites in events:
            if not date:
                continue
            entry = r.TimelineEntry(
                id=ins.id,
                kind="instrument",
                date=date,
                event=event,
                title=ins.number,
                text=ins.title,
                text_en=ins.title_en,
                translations=["text_en" if t == "title_en" else "text" for t in ins.translations],
                instrument=instrument_ref(facts, ins.id),
                subject=entity_ref(facts, ins.issuer),
                statements=[],
                citations=citations(facts, cites or ins.citations),
            )
            out.append((entry, haystack))
    return out


def _dated_statements(facts: Facts, lo: str, hi: str) -> list[tuple[Statement, str]]:
    out = []
    for st in facts.statements.dated(lo, hi):
        date = st.date or (
            str(st.fields["year"]) if st.kind == "ranking" and "year" in st.fields else None
        )
        if date and st.kind != "membership":
            out.append((st, date))
    return out


def _statement_entry(facts: Facts, st: Statement, date: str) -> tuple[r.TimelineEntry, str]:
    instrument = next((i for i in st.refs if i in facts.instruments), None)
    entry = r.TimelineEntry(
        id=st.id,
        kind=st.kind if st.kind in TIMELINE_KINDS else "event",
        date=date,
        event=None,
        title=st.title or st.wording,
        text=st.wording,
        text_en=st.text_en,
        translations=list(st.translations),
        instrument=instrument_ref(facts, instrument),
        subject=entity_ref(facts, st.subject),
        statements=[st.id],
        citations=citations(facts, st.citations),
    )
    return entry, " ".join([entry.title, st.wording, st.text_en or ""])
