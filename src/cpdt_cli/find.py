"""`cpdt search`: every statement, entity, instrument, committee state and source as a
searchable document (built once, kept in the register database: store.py), ranked by
fulltext.StoredIndex, returned in the JSON contract's shape."""

from __future__ import annotations

import itertools
import sqlite3
import unicodedata
from typing import Any

from . import ranking, search
from . import results as r
from .errors import NotFound, UsageError
from .fulltext import StoredIndex
from .messages import say
from .model import Citation, Facts, Statement
from .queries import Answer, citations, entity_ref, statement_result

# Field weights: what an item is called counts more than what it says.
TITLE, LABEL, CONTEXT, BODY, ENGLISH = 3.0, 2.0, 1.5, 1.0, 0.8
SOURCE_PRIOR = 0.6  # a bibliographic record makes no claim of its own
INTENT_BOOST = 1.5

# Question words and the kinds of item that answer them ("ai là chủ tịch …" asks for a holder).
INTENTS: dict[tuple[str, ...], frozenset[str]] = {
    ("ai",): frozenset({"membership"}),
    ("who",): frozenset({"membership"}),
    ("la", "gi"): frozenset({"definition"}),
    ("what", "is"): frozenset({"definition"}),
    ("khi", "nao"): frozenset({"event", "instrument", "committee-state"}),
    ("bao", "gio"): frozenset({"event", "instrument", "committee-state"}),
    ("nam", "nao"): frozenset({"event", "instrument", "committee-state"}),
    ("when",): frozenset({"event", "instrument", "committee-state"}),
    ("xep", "hang"): frozenset({"ranking"}),
    ("thu", "may"): frozenset({"ranking"}),
    ("ranking",): frozenset({"ranking"}),
    ("rank",): frozenset({"ranking"}),
}

ITEM_KINDS = ("entity", "instrument", "committee-state", "source")


def search_facts(facts: Facts, query: str, kind: str | None = None, limit: int = 10) -> Answer:
    """Ranked hits across everything the fact file holds, each with a snippet and citations."""
    shown = unicodedata.normalize("NFC", search.strip_surrogates(query))
    echo = {"text": shown, "kind": kind, "limit": limit}
    if kind is not None:
        kind = _check_kind(facts, kind)
    first = None
    said: list[str] = []  # a question whose command finds nothing: how it was read, and why
    if kind is None:  # a question is answered first by the reference command it maps onto
        from . import questions

        first = questions.answer_first(facts, query, said)
    try:
        try:
            found = _search(facts, index_of(facts), query, kind, limit, echo)
        except (ranking.CorruptIndex, sqlite3.DatabaseError):  # a damaged database: rebuilt
            from . import store

            facts = store.rebuilt(facts)
            found = _search(facts, index_of(facts), query, kind, limit, echo)
    except NotFound:
        if first is None:
            raise
        found = Answer("search", echo, [])
    if first is not None:  # the reference answer the question maps onto, shown first
        found.interpretation = first
        found.notices += first.answer.notices
    found.notices += said
    return found


def _search(
    facts: Facts,
    index: StoredIndex,
    query: str,
    kind: str | None,
    limit: int,
    echo: dict[str, Any],
) -> Answer:
    wanted = _intent(search.words(query))

    def boost(i: int) -> float:
        return INTENT_BOOST if wanted and index.kind(i) in wanted else 1.0

    def keep(i: int) -> bool:
        if kind is None:
            return True
        return kind in (index.kind(i), index.entity_kind(i))

    results: list[r.Result] = []
    most = INTENT_BOOST if wanted else 1.0
    for score, i, matched in index.ranked(query, limit, boost, keep, most):
        try:
            result = _result(facts, index.kind(i), index.item(i))
            text = _display_text(facts, index.kind(i), index.item(i))
        except KeyError as missing:  # an index not built from these facts (the retry is fresh)
            raise ranking.CorruptIndex(str(missing)) from None
        result.snippet = search.snippet(text, matched)
        result.score = round(score, 3)
        results.append(result)
    if not results:
        raise NotFound(say("nothing_found", query=echo["text"]), _hints(facts, query, kind))
    return Answer("search", echo, results)


_LINKING = ("subject", "ref", "from", "to", "org")  # what _linked counts, as store links name it


def _linked(st: Statement) -> set[str | None]:
    return {st.subject, *st.refs, *(str(st.fields.get(k)) for k in ("from", "to", "org"))}


# --- the index -----------------------------------------------------------------------------


def index_of(facts: Facts) -> StoredIndex:
    """The search index of the register (one kept: a batch asks the same register again)."""
    from . import store

    db = store.database(facts)
    if _KEPT and _KEPT[0].db is db:
        return _KEPT[0]
    _KEPT[:] = [StoredIndex(db)]
    return _KEPT[0]


_KEPT: list[StoredIndex] = []


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
        (_statement_doc(facts, st) for st in facts.statements.values()),
        (_entity_doc(facts, e.id) for e in facts.entities.values() if e.id in named),
        (_instrument_doc(facts, i.id) for i in facts.instruments.values()),
        (_state_doc(facts, s.id) for s in facts.committee_states.values()),
        (_source_doc(facts, s.id) for s in facts.sources.values() if s.id in cited),
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


def _statement_doc(facts: Facts, st: Statement) -> ranking.Doc:
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


def _statement_title(facts: Facts, st: Statement) -> str:
    if st.kind == "membership":
        return str(st.fields.get("holder") or st.id)
    return statement_result(facts, st).title


def _entity_doc(facts: Facts, entity_id: str) -> ranking.Doc:
    e = facts.entities[entity_id]
    names = [e.name, e.short, *e.aliases]
    return ranking.Doc(
        e.id,
        "entity",
        _fields(*((TITLE, n) for n in names), (ENGLISH, e.name_en), (CONTEXT, e.kind)),
    )


def _instrument_doc(facts: Facts, instrument_id: str) -> ranking.Doc:
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


def _state_doc(facts: Facts, state_id: str) -> ranking.Doc:
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


def _source_doc(facts: Facts, source_id: str) -> ranking.Doc:
    src = facts.sources[source_id]
    return ranking.Doc(
        src.id,
        "source",
        _fields((TITLE, src.title), (CONTEXT, src.publisher), (CONTEXT, src.author)),
        prior=SOURCE_PRIOR,
    )


# --- results -------------------------------------------------------------------------------


def _result(facts: Facts, kind: str, item_id: str) -> r.Hit:
    """The hit as the result its own command gives (an instrument as in `law`, a source as in
    `sources`); an entity, which no command lists, as an Entity."""
    if kind == "entity":
        e = facts.entities[item_id]
        text = " · ".join(dict.fromkeys(n for n in (e.short, e.name_en, *e.aliases) if n))
        return r.Entity(
            id=e.id, kind="entity", title=e.name, text=text, entity_kind=e.kind,
            name_en=e.name_en, parent=entity_ref(facts, e.parent),
            citations=citations(facts, _mentions(facts, e.id)),
        )  # fmt: skip
    if kind == "instrument":
        from .law import instrument_result
        from .temporal import today

        return instrument_result(facts, facts.instruments[item_id], today(facts)[0])
    if kind == "committee-state":
        from .temporal import state_result

        return state_result(facts, facts.committee_states[item_id])
    if kind == "source":
        from .queries import source_result

        uses, first = facts.cited().get(item_id, (0, None))
        return source_result(facts, facts.sources[item_id], uses, [first] if first else [])
    st = facts.statements[item_id]
    if st.kind == "membership":
        return statement_result(facts, st, _statement_title(facts, st))
    return statement_result(facts, st)  # its own title: the one _statement_title gives


def _display_text(facts: Facts, kind: str, item_id: str) -> str:
    """The text a snippet is cut from: the first body field, else the title."""
    build = {"entity": _entity_doc, "instrument": _instrument_doc, "committee-state": _state_doc,
             "source": _source_doc}.get(kind)  # fmt: skip
    doc = build(facts, item_id) if build else _statement_doc(facts, facts.statements[item_id])
    body = [t for w, t in doc.fields if w == BODY]
    return body[0] if body else doc.fields[0][1]


def _mentions(facts: Facts, entity_id: str) -> list[Citation]:
    """Citations of up to two items that name the entity (it has none of its own)."""
    found = [st.citations[0] for st in facts.statements.linked(entity_id, _LINKING)[:2]]
    if len(found) == 2:
        return found
    for ins in facts.instruments.values():
        if entity_id == ins.issuer or any(r.target == entity_id for r in ins.relations):
            found.append(ins.citations[0])
            break
    for s in facts.committee_states.values():
        if s.body == entity_id:
            found.append(s.citations[0])
            break
    return found[:2]


def _intent(query_words: tuple[str, ...]) -> frozenset[str]:
    wanted: set[str] = set()
    for cue, kinds in INTENTS.items():
        n = len(cue)
        if any(query_words[i : i + n] == cue for i in range(len(query_words) - n + 1)):
            wanted |= kinds
    return frozenset(wanted)


def known_kinds(facts: Facts) -> list[str]:
    kinds = facts.statements.kinds()
    kinds |= {e.kind for e in facts.entities.values()}
    return sorted(kinds | set(ITEM_KINDS))


def _check_kind(facts: Facts, kind: str) -> str:
    kinds = known_kinds(facts)
    folded = search.fold(kind).replace(" ", "-")
    if folded in kinds:
        return folded
    named = [search.Named(k, k, (k,)) for k in kinds]
    hints = search.did_you_mean(kind, named)
    hints.append(say("the_kinds", names=", ".join(kinds)))
    raise UsageError(say("no_kind", kind=kind), tuple(hints))


def _hints(facts: Facts, query: str, kind: str | None) -> tuple[str, ...]:
    named: list[search.Named] = []
    for e in facts.entities.values():
        named.append(search.Named(e.id, e.name, (e.name, *e.aliases, *filter(None, [e.name_en]))))
    for ins in facts.instruments.values():
        named.append(search.Named(ins.id, ins.number, (ins.number, ins.title)))
    for g in facts.glossary.values():
        named.append(search.Named(g.id, g.term, (g.term, *g.expansions)))
    hints = search.did_you_mean(query, named)
    if kind is not None:
        hints.append(say("try_without_kind", kind=kind))
    hints.append(say("try_fewer_words"))
    return tuple(hints)
