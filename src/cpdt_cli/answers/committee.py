"""`cpdt committee`: the national committee as it stood in a year or on a day; after its end,
its successor, marked as such."""

from __future__ import annotations

from ..data.model import CommitteeState, Facts
from ..errors import NotFound
from ..labels import POSITIONS
from ..messages import Name, say, when
from ..text.dates import date_bounds
from . import results as r
from .days import period_overlaps, window
from .refs import citations, entity_ref, instrument_ref, number, statement_result
from .results import Answer

_POSITION_ORDER = list(POSITIONS)


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
        by = say("by", instrument=number(facts, first.instrument)) if first.instrument else ""
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
    what = say("by", instrument=number(facts, ended.id)) if ended else ""
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
