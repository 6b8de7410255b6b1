"""The register as searchable documents: every statement, the entities they name, every
instrument, committee line-up and cited source, each with weighted fields (what an item is
called counts more than what it says). Built once per register and kept in its database
(store.build_search); answers.search ranks them."""

from __future__ import annotations

import itertools

from ..text import ranking
from .model import Facts, Statement

# Field weights: what an item is called counts more than what it says.
# Field weights: what an item is called counts more than what it says.
TITLE, LABEL, CONTEXT, BODY, ENGLISH = 3.0, 2.0, 1.5, 1.0, 0.8
SOURCE_PRIOR = 0.6  # a bibliographic record makes no claim of its own


LINKING = ("subject", "ref", "from", "to", "org")  # what _linked counts, as store links name it


def _linked(st: Statement) -> set[str | None]:
    return {st.subject, *st.refs, *(str(st.fields.get(k)) for k in ("from", "to", "org"))}


def build_index(facts: Facts) -> ranking.IndexData:
    """Every item as a document. An entity card stands in for the one statement about it,
    which says all the card could say and more ("Cổng Dịch vụ công quốc gia" -> who builds it);
    the statement then ranks just above the card."""
    about: dict[str, list[str]] = {}
    for st in facts.statements.values():
        for e_id in _linked(st):
            if e_id is not None:
                about.setdefault(e_id, []).append(st.id)
    named = set(about)
    for ins in facts.instruments.values():
        named.update(filter(None, [ins.issuer, *(r.target for r in ins.relations)]))
    named.update(s.body for s in facts.committee_states.values())
    cited = {c.source for st in facts.statements.values() for c in st.citations}

    docs = itertools.chain(
        (statement_doc(facts, st) for st in facts.statements.values()),
        (entity_doc(facts, e.id) for e in facts.entities.values() if e.id in named),
        (instrument_doc(facts, i.id) for i in facts.instruments.values()),
        (state_doc(facts, s.id) for s in facts.committee_states.values()),
        (source_doc(facts, s.id) for s in facts.sources.values() if s.id in cited),
    )
    index = ranking.build(docs, thesaurus(facts))
    number = {st_id: i for i, st_id in enumerate(facts.statements)}  # statements come first
    for i, (kind, item_id) in enumerate(zip(index.kinds, index.ids, strict=True)):
        sole = about.get(item_id, []) if kind == "entity" else []
        if len(sole) == 1:
            index.stand_ins.setdefault(number[sole[0]], []).append(i)
    return index


def thesaurus(facts: Facts) -> ranking.Thesaurus:
    """Spellings that mean one thing: glossary terms, then each entity's and state's names."""
    groups: list[list[str]] = []
    for g in facts.glossary.values():
        groups.append([g.term, *g.expansions, *([g.name_en] if g.name_en else [])])
    for e in facts.entities.values():
        groups.append([e.name, *e.aliases, *(n for n in (e.short, e.name_en) if n)])
    for s in facts.committee_states.values():
        groups.append([s.name, *([s.name_en] if s.name_en else [])])
    return ranking.Thesaurus.of_names(groups)


def _fields(*pairs: tuple[float, str | None]) -> list[tuple[float, str]]:
    return [(w, t) for w, t in pairs if t]


def statement_doc(facts: Facts, st: Statement) -> ranking.Doc:
    subject = facts.entities.get(st.subject) if st.subject else None
    own = st.fields
    labels = [str(own[k]) for k in ("role", "question", "term", "holder") if own.get(k)]
    context = [st.kind, subject.name if subject else None]
    context.append(_years(st.date, st.valid_from, st.valid_until))
    if st.kind == "membership":
        state = facts.committee_states.get(str(own.get("state")))
        context += [str(own.get("position", ""))]
        if state is not None:
            context += [state.name, _years(state.valid_from)]
    for key in ("from", "to", "org"):
        ref = facts.entities.get(str(own.get(key)))
        context.append(ref.name if ref else None)
    return ranking.Doc(
        st.id,
        st.kind,
        _fields(
            (TITLE, st.title),
            *((LABEL, label) for label in labels),
            *((CONTEXT, c) for c in context),
            (BODY, st.wording),
            *((BODY, c.quote) for c in st.citations),
            (ENGLISH, st.text_en),
        ),
    )


def _years(*dates: str | None) -> str:
    """The years of an item's dates, as words a query can match ("… năm 2019")."""
    return " ".join(dict.fromkeys(d[:4] for d in dates if d))


def entity_doc(facts: Facts, entity_id: str) -> ranking.Doc:
    e = facts.entities[entity_id]
    names = [e.name, e.short, *e.aliases]
    return ranking.Doc(
        e.id,
        "entity",
        _fields(*((TITLE, n) for n in names), (ENGLISH, e.name_en), (CONTEXT, e.kind)),
    )


def instrument_doc(facts: Facts, instrument_id: str) -> ranking.Doc:
    ins = facts.instruments[instrument_id]
    issuer = facts.entities.get(ins.issuer) if ins.issuer else None
    return ranking.Doc(
        ins.id,
        "instrument",
        _fields(
            (TITLE, ins.number),
            *((TITLE, a) for a in ins.aliases),
            (LABEL, ins.title),
            (CONTEXT, issuer.name if issuer else None),
            (CONTEXT, ins.type),
            (CONTEXT, _years(ins.date)),
            *((BODY, c.quote) for c in ins.citations),
            (ENGLISH, ins.title_en),
        ),
    )


def state_doc(facts: Facts, state_id: str) -> ranking.Doc:
    s = facts.committee_states[state_id]
    ins = facts.instruments.get(s.instrument or "")
    return ranking.Doc(
        s.id,
        "committee-state",
        _fields(
            (TITLE, s.name),
            (CONTEXT, ins.number if ins else None),
            (CONTEXT, s.change),
            (TITLE, _years(s.valid_from)),  # a line-up is named by its year ("UBQG 2021")
            *((BODY, c.quote) for c in s.citations),
            (ENGLISH, s.name_en),
        ),
    )


def source_doc(facts: Facts, source_id: str) -> ranking.Doc:
    src = facts.sources[source_id]
    return ranking.Doc(
        src.id,
        "source",
        _fields((TITLE, src.title), (CONTEXT, src.publisher), (CONTEXT, src.author)),
        prior=SOURCE_PRIOR,
    )
