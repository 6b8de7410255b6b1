"""The legal-instruments register: find an instrument by number however it is typed, show
its relations in both directions and every fact that rests on it."""

from __future__ import annotations

import re
from typing import Any

from ..data.model import CommitteeState, Facts, Instrument, Relation, Statement
from ..errors import NotFound, UsageError
from ..messages import say
from ..text import normalize
from ..text.dates import date_bounds
from . import results as r
from .days import check_year, parse_day, today
from .refs import citations, entity_ref, instrument_ref, words_in
from .results import Answer

# Words users put before a number, folded, and the instrument type they name.
_TYPE_WORDS = {
    "qd": "decision", "quyet dinh": "decision", "decision": "decision",
    "nq": "resolution", "nghi quyet": "resolution", "resolution": "resolution",
    "nd": "decree", "nghi dinh": "decree", "decree": "decree",
    "tb": "notice", "thong bao": "notice", "notice": "notice",
    "tt": "circular", "thong tu": "circular", "circular": "circular",
    "luat": "law", "law": "law",
    "quy che": "regulation", "ke hoach": "plan",
    "ct": "directive", "chi thi": "directive", "directive": "directive",
}  # fmt: skip

# "nq57", "nd61": a type's abbreviation run together with the number
_GLUED = re.compile(r"\b(nq|nd|qd|tb|tt|ct)(\d+)\b")

# the status codes --in-force keeps (the labels are the renderer's: document.STATUS_LABELS)
IN_FORCE = ("in-force", "partly")


def _parse(query: str) -> tuple[set[str], str | None, str]:
    """Numbers, the named type (if any) and the remaining words of a query."""
    folded = _GLUED.sub(r"\1 \2", normalize.fold(query))
    kind = None
    for words, named in sorted(_TYPE_WORDS.items(), key=lambda kv: -len(kv[0])):
        padded = f" {folded} "
        if f" {words} " in padded:
            kind = named
            folded = padded.replace(f" {words} ", " ", 1).strip()
            break
    tokens = folded.split()
    numbers = {t for t in tokens if any(ch.isdigit() for ch in t)}
    rest = " ".join(t for t in tokens if t not in numbers)
    return numbers, kind, rest


def _number_tokens(ins: Instrument) -> list[str]:
    return normalize.fold(ins.number).split()


def _names(ins: Instrument) -> str:
    return " ".join([ins.number, ins.title, ins.title_en or "", *ins.aliases])


def find(facts: Facts, query: str) -> list[Instrument]:
    """By number ("61/2018/NĐ-CP", "nd 61 2018", "nq57"), with a type word or a year or not,
    or by name ("luat du lieu", "luật giao dịch điện tử 2023", "de an 06")."""
    numbers, kind, rest = _parse(query)
    pool = [i for i in facts.instruments.values() if kind is None or i.type == kind]
    if numbers:

        def has_all(i: Instrument) -> bool:
            return numbers <= {*_number_tokens(i), *(i.date or "").split("-")}

        lead = [i for i in pool if _number_tokens(i) and _number_tokens(i)[0] in numbers]
        hits = [i for i in lead if has_all(i)]
        if hits:
            return hits
        named = [i for i in pool if has_all(i) and (not rest or words_in(rest, _names(i)))]
        return named or [i for i in pool if numbers <= set(_number_tokens(i))]
    if kind and not rest:
        return pool
    text = rest or normalize.fold(query)
    return [i for i in pool if words_in(text, _names(i))]


def as_of(facts: Facts, on: str | None) -> tuple[str, list[str]]:
    """The day an answer is true on: --on, else today bounded by the data's data_as_of
    (days.today, the same day every other command answers for)."""
    if on is None:
        return today(facts)[0], []
    day = parse_day(on, "--on")
    if day > facts.data_as_of:
        return day, [say("past_the_check", day=day, checked=facts.data_as_of)]
    return day, []


def law(
    facts: Facts,
    query: str | None = None,
    *,
    in_force: bool = False,
    on: str | None = None,
    type_: str | None = None,
    issuer: str | None = None,
    start: int | None = None,
    end: int | None = None,
) -> Answer:
    for value, option in ((start, "--from"), (end, "--to")):
        if value is not None:
            check_year(value, option)
    if start is not None and end is not None and start > end:
        raise UsageError(say("from_after_to", start=start, end=end))
    kind = _type(type_) if type_ is not None else None
    day, notices = as_of(facts, on)
    if query:
        found = find(facts, query)
        if not found:
            named = [
                normalize.Named(i.id, i.number, (i.number, i.title, *i.aliases))
                for i in facts.instruments.values()
            ]
            hints = normalize.did_you_mean(query, named)
            hints.append(say("see_register", command="cpdt law"))
            raise NotFound(say("no_law", query=query), tuple(hints))
    else:
        found = list(facts.instruments.values())
    if kind is not None:
        found = [i for i in found if i.type == kind]
    if issuer is not None:
        found = [i for i in found if i.issuer in _issuers(facts, issuer)]
    if start is not None or end is not None:
        lo, hi = f"{start or 0:04d}", f"{end or 9999:04d}"
        found = [i for i in found if i.date and lo <= i.date[:4] <= hi]
    if in_force:
        found = [i for i in found if status_on(facts, i, day).code in IN_FORCE]
    query_doc: dict[str, Any] = {
        "text": query, "on": day, "in_force": in_force, "type": kind, "issuer": issuer,
        "from": start, "to": end,
    }  # fmt: skip
    if not found:
        raise NotFound(
            say("no_law_chosen"),
            (say("try_fewer", command="cpdt law --in-force"),),
        )
    found.sort(key=lambda i: (i.date or "9999", i.number))
    _links(facts).statements.read([i.id for i in found])
    return Answer("law", query_doc, [instrument_result(facts, i, day) for i in found], notices)


def _type(value: str) -> str:
    from ..data.validate import INSTRUMENT_TYPES

    folded = normalize.fold(value)
    named = _TYPE_WORDS.get(folded, folded)
    if named not in INSTRUMENT_TYPES:
        choices = ", ".join(sorted(INSTRUMENT_TYPES))
        raise UsageError(say("no_such_value", option="--type", value=value, choices=choices))
    return named


def _issuers(facts: Facts, value: str) -> set[str]:
    """Entity ids the --issuer text names: an exact name, short name or alias first, else every
    issuer whose name contains the words."""
    folded = normalize.fold(value)
    issuing = {i.issuer for i in facts.instruments.values() if i.issuer}
    names = {
        e: [facts.entities[e].name, facts.entities[e].name_en or "", facts.entities[e].short or "",
            *facts.entities[e].aliases, e]
        for e in issuing
    }  # fmt: skip
    exact = {e for e, ns in names.items() if folded in {normalize.fold(n) for n in ns if n}}
    if exact:
        return exact
    return {e for e, ns in names.items() if any(words_in(folded, n) for n in ns if n)}


def status_on(facts: Facts, ins: Instrument, day: str) -> r.Status:
    """The instrument's legal status on `day`, from its dates, with the sources' own words."""
    ended = ins.effective_until
    unsigned = not ins.effective_from and ins.date is not None and day < date_bounds(ins.date)[0]
    if ended and day >= date_bounds(ended)[0]:
        code = "ended"
        late = [c for c in ins.status if c.code == "partly" and c.as_of and c.as_of <= day]
        if late:
            code = "partly"
    elif (ins.effective_from and day < date_bounds(ins.effective_from)[0]) or unsigned:
        code = "not-yet"
    elif ins.effective_from and day >= date_bounds(ins.effective_from)[1]:
        code = "unknown" if ins.status_unverified else "in-force"
    else:
        code = "unknown"
    wanted = {"not-yet": ("in-force",), "partly": ("partly",), "ended": ("ended", "partly")}
    codes = wanted.get(code, (code, "in-force") if code == "unknown" else (code,))
    claims = [c for c in ins.status if c.code in codes]
    return r.Status(
        on=day,
        code=code,
        note=ins.status_unverified if code == "unknown" else None,
        words=[
            r.StatusWords(
                code=c.code, as_of=c.as_of, note=c.note, citations=citations(facts, c.citations)
            )
            for c in claims
        ],
    )


def chain(facts: Facts, ins: Instrument) -> list[r.InstrumentRef]:
    """What it replaced and what replaced it, oldest first (itself included); [] when neither."""
    links = _links(facts)
    replaced_by, replaces = links.replaced_by, links.replaces
    first = ins.id
    seen = {first}
    while first in replaces and replaces[first] not in seen:
        first = replaces[first]
        seen.add(first)
    out = [first]
    while out[-1] in replaced_by and replaced_by[out[-1]] not in out:
        out.append(replaced_by[out[-1]])
    if len(out) == 1:
        return []
    return [ref for x in out if (ref := instrument_ref(facts, x))]


def _relation(facts: Facts, type_: str, target: str, note: str | None) -> r.Relation:
    instrument = instrument_ref(facts, target)
    if instrument is not None:
        return r.Relation(type=type_, target=instrument, established_by=[], note=note)
    entity = entity_ref(facts, target)
    assert entity is not None  # the validator checked the reference
    founded = _links(facts).founded.get(target, {})
    return r.Relation(
        type=type_,
        target=entity,
        established_by=[ref for i in founded if (ref := instrument_ref(facts, i))],
        note=note,
    )


class _Links:
    """What points at each instrument (and which instruments found each entity), gathered in
    one pass over the data, so that the register is linear in it, not quadratic."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self.inverse: dict[str, list[tuple[Instrument, Relation]]] = {}
        self.founded: dict[str, dict[str, Instrument]] = {}
        self.statements = _Citing(facts)
        self.states: dict[str, list[CommitteeState]] = {}
        self.replaced_by: dict[str, str] = {}  # instrument -> the one that replaced it
        for other in facts.instruments.values():
            for rel in other.relations:
                self.inverse.setdefault(rel.target, []).append((other, rel))
                if rel.type == "establishes":
                    self.founded.setdefault(rel.target, {})[other.id] = other
                if rel.type == "replaces" and rel.target in facts.instruments:
                    self.replaced_by[rel.target] = other.id
        self.replaces = {new: old for old, new in self.replaced_by.items()}
        for state in facts.committee_states.values():
            for target in dict.fromkeys(filter(None, (state.instrument, state.ended_by))):
                self.states.setdefault(target, []).append(state)


_CITING_ROLES = ("ref", "basis", "state")


class _Citing:
    """Target -> the statements resting on it (refs, basis, state), read when first asked."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self.got: dict[str, list[Statement]] = {}

    def read(self, targets: list[str]) -> None:
        """Read what rests on each of many targets at once (a listing): one query, not one
        a target."""
        wanted = {t for t in targets if t not in self.got}
        if len(wanted) > 1:
            found = self.facts.statements.linked_to_any(wanted, _CITING_ROLES)
            self.got.update({t: found.get(t, []) for t in wanted})

    def get(self, target: str, default: list[Statement]) -> list[Statement]:
        if target not in self.got:
            self.got[target] = self.facts.statements.linked(target, _CITING_ROLES)
        return self.got[target] or default


_LAST: list[_Links] = []  # the links of the facts last asked about (one process, one data set)


def _links(facts: Facts) -> _Links:
    if not _LAST or _LAST[0].facts is not facts:
        _LAST[:] = [_Links(facts)]
    return _LAST[0]


def instrument_result(facts: Facts, ins: Instrument, day: str) -> r.Instrument:
    """The one shape of an instrument, in `law` and in `search`."""
    links = _links(facts)
    relations = [_relation(facts, x.type, x.target, x.note) for x in ins.relations]
    inverse = [
        _relation(facts, x.type, other.id, x.note) for other, x in links.inverse.get(ins.id, [])
    ]
    for rel in inverse:  # the instrument itself is not one of its target's founders
        rel.established_by = [f for f in rel.established_by if f.id != ins.id]
    for rel in relations:
        rel.established_by = [f for f in rel.established_by if f.id != ins.id]
    cited_by = [
        r.CitedBy(id=st.id, kind=st.kind, text=st.wording)
        for st in links.statements.get(ins.id, [])
    ]
    cited_by += [
        r.CitedBy(id=state.id, kind="committee-state", text=state.name)
        for state in links.states.get(ins.id, [])
    ]
    return r.Instrument(
        id=ins.id,
        kind="instrument",
        title=ins.number,
        number=ins.number,
        type=ins.type,
        issuer=entity_ref(facts, ins.issuer),
        date=ins.date,
        signer=ins.signer,
        proposed_by=ins.proposed_by,
        gazetted=ins.gazetted,
        effective_from=ins.effective_from,
        effective_until=ins.effective_until,
        inferred=ins.inferred or None,
        status=status_on(facts, ins, day),
        chain=chain(facts, ins),
        aliases=ins.aliases,
        text=ins.title,
        title_en=ins.title_en,
        # the result's text is the title: a translated title is a translated text
        translations=[{"title": "text"}.get(t, t) for t in ins.translations],
        notes=ins.notes,
        notes_en=ins.notes_en,
        provenance=ins.provenance,
        relations=relations,
        related_by=inverse,
        cited_by=cited_by,
        citations=citations(facts, ins.citations),
    )
