"""`cpdt agency`: bodies and what they do, each role with its legal basis, on a day or in a year."""

from ..data.model import Entity, Facts, Statement, entity_names
from ..errors import NotFound
from ..messages import Name, say, when
from . import results as r
from .days import period_overlaps, window
from .refs import (
    entity_ref,
    instrument_ref,
    number,
    statement_result,
    statement_text,
    words_in,
)
from .results import Answer

AGENCY_KINDS = ("agency", "body", "working-group", "system", "organisation")


_ROLE_KINDS = ("role", "task-transfer")


def agency(
    facts: Facts, query: str | None = None, year: int | None = None, on: str | None = None
) -> Answer:
    """Bodies and what they do, each role with its legal basis, as of a day or in a year
    (by default today, bounded by the data's date)."""

    lo, hi, when, notices = window(facts, year, on)
    roles: dict[str, list[Statement]] = {}
    for st in facts.statements.of_kind(*_ROLE_KINDS):
        if period_overlaps(st.valid_from, st.valid_until, lo, hi):
            owner = st.fields.get("to") if st.kind == "task-transfer" else st.subject
            if owner:
                roles.setdefault(owner, []).append(st)
    bodies = [facts.entities[i] for i in roles if facts.entities[i].kind in AGENCY_KINDS]
    if len(bodies) > 1:  # in file order
        position = {ident: i for i, ident in enumerate(facts.entities)}  # not list.index
        bodies.sort(key=lambda e: position[e.id])
    chosen: list[tuple[Entity, list[Statement]]] = []
    query_doc = {"text": query, **when}
    if query:
        from ..text import normalize

        ended = [  # selected by the register: not every entity is read
            e for e in facts.entities.of_kind(*AGENCY_KINDS, ended_by=hi) if e.id not in roles
        ]
        for hit in normalize.match_names(
            query, [normalize.Named(e.id, e.name, entity_names(e)) for e in ended]
        ):
            notices.append(_ended_agency(facts, facts.entities[hit.id]))

        named = normalize.match_names(
            query, [normalize.Named(e.id, e.name, entity_names(e)) for e in bodies]
        )
        ids = {n.id for n in named}
        for e in bodies:
            hits = (
                roles[e.id]
                if e.id in ids
                else [s for s in roles[e.id] if words_in(query, statement_text(s))]
            )
            if hits:
                chosen.append((e, hits))
        if not chosen:
            named = [normalize.Named(e.id, e.name, entity_names(e)) for e in bodies]
            hints = normalize.did_you_mean(query, named)
            hints.append(say("try_agency", query=query))
            if notices and "chấm dứt" in notices[-1]:
                raise NotFound(notices[-1], (say("try_agency_year", year=2024, query=query),),
                               query=query_doc, notices=notices[:-1])  # fmt: skip
            raise NotFound(
                say("no_agency", query=query),
                tuple(hints),
                query=query_doc,
                notices=notices,
            )
    else:
        chosen = [(e, roles[e.id]) for e in bodies]
    for e, _ in chosen:
        if e.valid_until and hi >= e.valid_until:
            notices.append(_ended_agency(facts, e))
    predecessors: dict[str, list[str]] = {}  # one pass, not one per body
    for e in facts.entities.values():
        if e.successor:
            predecessors.setdefault(e.successor, []).append(e.id)
    results = [_agency_result(facts, e, sts, predecessors.get(e.id, [])) for e, sts in chosen]
    return Answer("agency", query_doc, results, notices)


def _ended_agency(facts: Facts, e: Entity) -> str:
    by = say("by", instrument=number(facts, e.ended_by)) if e.ended_by else ""
    successor = facts.entities.get(e.successor or "")
    tail = say("successor", name=Name(successor.name, successor.name_en)) if successor else ""
    name = Name(e.name, e.name_en)
    return say("ended", name=name, when=when(e.valid_until or ""), by=by, successor=tail)


def _agency_result(
    facts: Facts, e: Entity, sts: list[Statement], predecessors: list[str]
) -> r.Agency:
    items = []
    for st in sts:
        item = statement_result(facts, st, _role_title(st))
        assert isinstance(item, r.Role)
        items.append(item)
    return r.Agency(
        id=e.id,
        kind="agency",
        title=e.name,
        name=e.name,
        name_en=e.name_en,
        short=e.short,
        parent=entity_ref(facts, e.parent),
        valid_from=e.valid_from,
        valid_until=e.valid_until,
        ended_by=instrument_ref(facts, e.ended_by),
        successor=entity_ref(facts, e.successor) if e.successor != "none" else None,
        predecessors=[ref for p in predecessors if (ref := entity_ref(facts, p))],
        notes=e.notes,
        notes_en=e.notes_en,
        provenance=e.provenance,
        roles=items,
        citations=[c for item in items for c in item.citations],
    )


def _role_title(st: Statement) -> str | None:
    role = st.fields.get("role")
    return str(role)[:1].upper() + str(role)[1:] if role else None
