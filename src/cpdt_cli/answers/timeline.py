"""`cpdt timeline`: dated instruments and events in order, each act once."""

from __future__ import annotations

from ..data.model import Facts, Statement
from ..errors import NotFound, UsageError
from ..labels import INSTRUMENT_TYPES, label
from ..messages import say
from ..text.dates import date_bounds
from . import results as r
from .days import check_year, window
from .refs import citations, entity_ref, instrument_ref, words_in
from .results import Answer

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
        for entry, haystack in _entries(facts, lo, hi, kind)
        if lo <= entry.date[:4] <= hi
        and date_bounds(entry.date)[0] <= day
        and (kind is None or kind in (entry.kind, entry.instrument and entry.instrument.type))
        and (not query or words_in(query, haystack))
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


def _entries(facts: Facts, lo: str, hi: str, kind: str | None) -> list[tuple[r.TimelineEntry, str]]:
    """Every dated act with the text a query is matched against. An event statement about an
    instrument, dated as one of the instrument's own events, is that entry, not another."""
    out = [(entry, [haystack]) for entry, haystack in _instrument_entries(facts)]
    by_act: dict[tuple[str, str], tuple[r.TimelineEntry, list[str]]] = {}
    for entry, words in out:
        by_act.setdefault((entry.id, entry.date), (entry, words))
    for st, date in _dated_statements(facts, lo, hi, kind):
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


def _dated_statements(
    facts: Facts, lo: str, hi: str, kind: str | None
) -> list[tuple[Statement, str]]:
    """The dated statements that may be entries (or add to an instrument's). A timeline of one
    kind of instrument reads only those that refer to such an instrument: no statement kind is
    an instrument type, so no other statement can be an entry of that kind."""
    refs = None
    if kind is not None and kind not in ("event", "ranking"):
        refs = {i.id for i in facts.instruments.values() if kind in ("instrument", i.type)}
    out = []
    for st in facts.statements.dated(lo, hi, refs):
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
