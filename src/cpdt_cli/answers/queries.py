"""The questions cpdt answers, as pure functions over the model. Results are the typed
results of results.py; rendering is the renderers' business."""

from typing import Any

from ..data.model import Citation, Entity, Facts, Source, Statement
from ..errors import NotFound
from ..messages import Name, say, when
from . import results as r
from .results import Answer

# `search` is imported in the functions that match names or words: committee, timeline and
# sources answer without it, and importing it costs a few ms of each start (bench/startup.py).

__all__ = ["Answer"]

# --- shared building blocks ----------------------------------------------------------------


def source_ref(source: Source) -> r.SourceRef:
    return r.SourceRef(
        id=source.id, title=source.title, publisher=source.publisher, date=source.date,
        url=source.url,
    )  # fmt: skip


def citations(facts: Facts, cites: list[Citation]) -> list[r.Citation]:
    return [
        r.Citation(source=source_ref(facts.sources[c.source]), quote=c.quote, locator=c.locator)
        for c in cites
    ]


def entity_ref(facts: Facts, entity_id: str | None) -> r.EntityRef | None:
    e = facts.entities.get(entity_id) if entity_id else None
    return r.EntityRef(id=e.id, name=e.name, name_en=e.name_en) if e else None


def instrument_ref(facts: Facts, instrument_id: str | None) -> r.InstrumentRef | None:
    ins = facts.instruments.get(instrument_id) if instrument_id else None
    if ins is None:
        return None
    return r.InstrumentRef(
        id=ins.id, number=ins.number, type=ins.type, title=ins.title, title_en=ins.title_en,
        date=ins.date, effective_from=ins.effective_from, effective_until=ins.effective_until,
    )  # fmt: skip


def committee_ref(facts: Facts, state_id: str) -> r.CommitteeRef | None:
    s = facts.committee_states.get(state_id)
    if s is None:
        return None
    return r.CommitteeRef(
        id=s.id, name=s.name, name_en=s.name_en, valid_from=s.valid_from,
        valid_until=s.valid_until,
    )  # fmt: skip


def _own_fields(facts: Facts, st: Statement) -> dict[str, Any]:
    """The kind's own fields, references resolved to their shared shapes."""
    own: dict[str, Any] = {}
    for key, value in st.fields.items():
        if key in ("scope", "from", "to", "person", "org"):
            own["from_" if key == "from" else key] = entity_ref(facts, value)
        elif key == "basis":
            own[key] = instrument_ref(facts, value)
        elif key == "score" and st.kind == "ranking":
            own["score_value"] = value
        else:
            own[key] = value
    if st.kind == "membership":
        own["committee"] = committee_ref(facts, str(st.fields["state"]))
        own.setdefault("person", None)
        own.setdefault("org", None)
    elif st.kind in ("role", "task-transfer"):
        own.setdefault("basis", None)
        own.setdefault("scope", None)
    return own


def statement_result(facts: Facts, st: Statement, title: str | None = None) -> r.Statement:
    subject = facts.entities.get(st.subject) if st.subject else None
    kind = r.STATEMENT_TYPES.get(st.kind, r.Statement)
    return kind(
        id=st.id,
        kind=st.kind,
        title=title
        or st.title
        or (str(st.fields["holder"]) if st.kind == "membership" else None)
        or (subject.name if subject else st.wording),
        text=st.wording,
        text_en=st.text_en,
        subject=entity_ref(facts, st.subject),
        date=st.date,
        valid_from=st.valid_from,
        valid_until=st.valid_until,
        valid_from_precision=st.valid_from_precision,
        valid_until_precision=st.valid_until_precision,
        translations=list(st.translations),
        notes=st.notes,
        notes_en=st.notes_en,
        provenance=st.provenance,
        refs=list(st.refs),
        citations=citations(facts, st.citations),
        **_own_fields(facts, st),
    )


def _entity_names(e: Entity) -> tuple[str, ...]:
    tail = e.id.split(".", 1)[-1]
    names = [e.name, tail, *e.aliases]
    names += [n for n in (e.name_en, e.short) if n]
    return tuple(names)


def _source_names(s: Source) -> tuple[str, ...]:
    return tuple(n for n in (s.id, s.title, s.publisher, s.author) if n)


# --- define --------------------------------------------------------------------------------


def define(facts: Facts, query: str | None = None, source: str | None = None) -> Answer:
    """Definitions of CPĐT: all side by side, or those of one source (definer or article)."""
    definitions = facts.statements.of_kind("definition")
    notices: list[str] = []
    chosen = definitions
    if source is not None:
        chosen, notice = _by_source(facts, definitions, source)
        notices += notice
    if query:
        from ..text import normalize

        q = normalize.fold(query)
        named = _by_source(facts, chosen, query, strict=True)[0] if q else []
        chosen = named or [s for s in chosen if q and q in _definition_haystack(facts, s)]
        if not chosen:
            raise NotFound(
                say("no_definition", query=query),
                (say("try_define", query=query),),
            )
    results: list[r.Result] = [
        statement_result(facts, s, _definition_title(facts, s)) for s in chosen
    ]
    if source is None and not query:
        notes = [s for s in facts.statements.of_kind("note")
                 if s.fields.get("about") == "definition"]  # fmt: skip
        results += [statement_result(facts, s) for s in notes]
    return Answer("define", {"text": query, "source": source}, results, notices)


def _definition_title(facts: Facts, st: Statement) -> str:
    if st.title:
        return st.title
    if st.subject:
        name = facts.entities[st.subject].name
        year = st.fields.get("year")
        return f"{name} ({year})" if year else name
    return facts.sources[st.citations[0].source].title


def _definition_haystack(facts: Facts, st: Statement) -> str:
    from ..text import normalize

    parts = [st.wording, st.text_en or "", _definition_title(facts, st)]
    parts += [c.quote for c in st.citations]
    return normalize.fold(" ".join(parts))


def _by_source(
    facts: Facts, definitions: list[Statement], wanted: str, strict: bool = False
) -> tuple[list[Statement], list[str]]:
    """Definitions whose definer, or else whose cited article, `wanted` names."""
    from ..text import normalize

    definer_ids = {s.subject for s in definitions if s.subject}
    definers = [
        normalize.Named(e.id, e.name, _entity_names(e))
        for e in facts.entities.values()
        if e.id in definer_ids or e.kind == "definer"
    ]
    articles = [normalize.Named(s.id, s.title, _source_names(s)) for s in facts.sources.values()]
    hit = normalize.match_names(wanted, definers)
    if hit:
        ids = {n.id for n in hit}
        return [s for s in definitions if s.subject in ids], []
    hit = normalize.match_names(wanted, articles)
    if hit:
        ids = {n.id for n in hit}
        return [s for s in definitions if any(c.source in ids for c in s.citations)], []
    if strict:
        return [], []
    typo = normalize.best_typo_match(wanted, definers)
    if typo is not None:
        notice = say("read_as", typed=wanted, read=typo.label)
        return [s for s in definitions if s.subject == typo.id], [notice]
    known = sorted({d.label for d in definers})
    hints = normalize.did_you_mean(wanted, definers + articles)
    hints.append(say("known_sources", names="; ".join(known)))
    raise NotFound(say("unknown_source", source=wanted), tuple(hints))


# --- agency --------------------------------------------------------------------------------

AGENCY_KINDS = ("agency", "body", "working-group", "system", "organisation")
_ROLE_KINDS = ("role", "task-transfer")


def _words_in(query: str, text: str) -> bool:
    """Every word of the (folded) query occurs in the (folded) text."""
    from ..text import normalize

    words = set(normalize.fold(query).split())
    return bool(words) and words <= set(normalize.fold(text).split())


def _statement_text(st: Statement) -> str:
    return " ".join([st.wording, st.text_en or "", *(c.quote for c in st.citations)])


def agency(
    facts: Facts, query: str | None = None, year: int | None = None, on: str | None = None
) -> Answer:
    """Bodies and what they do, each role with its legal basis, as of a day or in a year
    (by default today, bounded by the data's date)."""
    from .temporal import period_overlaps, window

    lo, hi, when, notices = window(facts, year, on)
    roles: dict[str, list[Statement]] = {}
    for st in facts.statements.of_kind(*_ROLE_KINDS):
        if period_overlaps(st.valid_from, st.valid_until, lo, hi):
            owner = st.fields.get("to") if st.kind == "task-transfer" else st.subject
            if owner:
                roles.setdefault(owner, []).append(st)
    bodies = [facts.entities[i] for i in roles if facts.entities[i].kind in AGENCY_KINDS]
    position = {ident: i for i, ident in enumerate(facts.entities)}  # not list.index: linear
    bodies.sort(key=lambda e: position[e.id])
    chosen: list[tuple[Entity, list[Statement]]] = []
    query_doc = {"text": query, **when}
    if query:
        from ..text import normalize

        ended = [
            e for e in facts.entities.values()
            if e.kind in AGENCY_KINDS and e.valid_until and e.id not in roles
            and hi >= e.valid_until
        ]  # fmt: skip
        for hit in normalize.match_names(
            query, [normalize.Named(e.id, e.name, _entity_names(e)) for e in ended]
        ):
            notices.append(_ended_agency(facts, facts.entities[hit.id]))

        named = normalize.match_names(
            query, [normalize.Named(e.id, e.name, _entity_names(e)) for e in bodies]
        )
        ids = {n.id for n in named}
        for e in bodies:
            hits = (
                roles[e.id]
                if e.id in ids
                else [s for s in roles[e.id] if _words_in(query, _statement_text(s))]
            )
            if hits:
                chosen.append((e, hits))
        if not chosen:
            named = [normalize.Named(e.id, e.name, _entity_names(e)) for e in bodies]
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
    from .temporal import _number

    by = say("by", instrument=_number(facts, e.ended_by)) if e.ended_by else ""
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


# --- models --------------------------------------------------------------------------------


def models(facts: Facts, query: str | None = None) -> Answer:
    """G2C, G2B, G2E, G2G: description, functions, goal; plus what all of them rest on."""
    sts = facts.statements.of_kind("model")
    entities = [e for e in facts.entities.values() if e.kind == "model"]
    chosen = entities
    general = [s for s in sts if s.subject is None]
    if query:
        from ..text import normalize

        named = normalize.match_names(
            query, [normalize.Named(e.id, e.name, _entity_names(e)) for e in entities]
        )
        ids = {n.id for n in named} or {
            s.subject for s in sts if s.subject and _words_in(query, _statement_text(s))
        }
        chosen = [e for e in entities if e.id in ids]
        general = [] if chosen else [s for s in general if _words_in(query, _statement_text(s))]
        if not chosen and not general:
            named = [normalize.Named(e.id, e.name, _entity_names(e)) for e in entities]
            hints = normalize.did_you_mean(query, named)
            hints.append(say("the_models", names=", ".join(e.short or e.name for e in entities)))
            raise NotFound(say("no_model", query=query), tuple(hints))

    from .labels import FACETS  # in the order a model's facets are listed

    order = list(FACETS)
    results: list[r.Result] = []
    for e in chosen:
        facets = sorted(
            (s for s in sts if s.subject == e.id), key=lambda s: order.index(s.fields["facet"])
        )
        items = [statement_result(facts, s) for s in facets]
        if not items:
            continue
        results.append(
            r.Model(
                id=e.id, kind="model", title=e.name, name_en=e.name_en,
                facets=[i for i in items if isinstance(i, r.Facet)],
                citations=[c for item in items for c in item.citations],
            )
        )  # fmt: skip
    results += [statement_result(facts, s) for s in general]
    return Answer("models", {"text": query}, results)


# --- sources -------------------------------------------------------------------------------


def all_citations(facts: Facts) -> list[Citation]:
    cites: list[Citation] = []
    for group in (facts.statements, facts.instruments, facts.committee_states):
        for item in group.values():
            cites.extend(item.citations)
    return cites


def sources(facts: Facts) -> Answer:
    """The bibliography, with how many entries cite each document."""
    cited = facts.cited()
    results: list[r.Result] = []
    for s in facts.sources.values():
        if s.id not in cited:
            continue
        uses, first = cited[s.id]
        results.append(source_result(facts, s, uses, [first]))
    return Answer("sources", {}, results)


def source_result(facts: Facts, s: Source, cited_by: int, cites: list[Citation]) -> r.Source:
    return r.Source(
        id=s.id, kind="source", title=s.title, publisher=s.publisher, author=s.author,
        reviewed_by=s.reviewed_by, date=s.date, url=s.url, language=s.language,
        external=s.external, inferred=dict(s.inferred), notes=s.notes, notes_en=s.notes_en,
        provenance=s.provenance, cited_by=cited_by, citations=citations(facts, cites),
    )  # fmt: skip
