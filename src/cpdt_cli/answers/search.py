"""`cpdt search`: the register's searchable documents (data/documents.py, kept in its
database) ranked by fulltext.StoredIndex, a question answered first by the command it maps
onto (questions.py), hits returned in the JSON contract's shape."""

from __future__ import annotations

import sqlite3
import unicodedata
from typing import Any

from ..data import documents
from ..data.fulltext import StoredIndex
from ..data.model import Citation, Facts, Statement
from ..errors import NotFound, UsageError
from ..messages import say
from ..text import normalize, ranking
from . import results as r
from .forms import is_question
from .refs import citations, entity_ref, statement_result
from .results import Answer

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
    shown = unicodedata.normalize("NFC", normalize.strip_surrogates(query))
    echo = {"text": shown, "kind": kind, "limit": limit}
    if kind is not None:
        kind = _check_kind(facts, kind)
    first = None
    said: list[str] = []  # a question whose command finds nothing: how it was read, and why
    if kind is None and is_question(normalize.fold(query)):  # a question is answered first
        from . import questions  # by the reference command it maps onto

        first = questions.answer_first(facts, query, said)
    try:
        try:
            found = _search(facts, index_of(facts), query, kind, limit, echo)
        except (ranking.CorruptIndex, sqlite3.DatabaseError):  # a damaged database: rebuilt
            from ..data import store

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
    wanted = _intent(normalize.words(query))

    def boost(i: int) -> float:
        return INTENT_BOOST if index.kind(i) in wanted else 1.0

    def keep(i: int) -> bool:
        return kind in (index.kind(i), index.entity_kind(i))

    results: list[r.Result] = []
    most = INTENT_BOOST if wanted else 1.0
    boosted = boost if wanted else None  # none: every document's bound is its own
    kept = keep if kind is not None else None
    for score, i, matched in index.ranked(query, limit, boosted, kept, most):
        try:
            result, text = _hit(facts, index.kind(i), index.item(i))
        except KeyError as missing:  # an index not built from these facts (the retry is fresh)
            raise ranking.CorruptIndex(str(missing)) from None
        result.snippet = normalize.snippet(text, matched)
        result.score = round(score, 3)
        results.append(result)
    if not results:
        raise NotFound(say("nothing_found", query=echo["text"]), _hints(facts, query, kind))
    return Answer("search", echo, results)


# --- the index -----------------------------------------------------------------------------


def index_of(facts: Facts) -> StoredIndex:
    """The search index of the register (one kept: a batch asks the same register again)."""
    from ..data import store

    db = store.database(facts)
    if _KEPT and _KEPT[0].db is db:
        return _KEPT[0]
    _KEPT[:] = [StoredIndex(db)]
    return _KEPT[0]


_KEPT: list[StoredIndex] = []


def _statement_title(facts: Facts, st: Statement) -> str:
    if st.kind == "membership":
        return str(st.fields.get("holder") or st.id)
    return statement_result(facts, st).title


# --- results -------------------------------------------------------------------------------


def _hit(facts: Facts, kind: str, item_id: str) -> tuple[r.Hit, str]:
    """The hit's result and the text its snippet is cut from; a statement is read once."""
    if kind in ITEM_KINDS:
        return _result(facts, kind, item_id), _display_text(facts, kind, item_id)
    st = facts.statements[item_id]
    if st.kind == "membership":
        result = statement_result(facts, st, _statement_title(facts, st))
    else:
        result = statement_result(facts, st)  # its own title: the one _statement_title gives
    return result, _body(documents.statement_doc(facts, st))


def _result(facts: Facts, kind: str, item_id: str) -> r.Hit:
    """An item of ITEM_KINDS as the result its own command gives (an instrument as in `law`,
    a source as in `sources`); an entity, which no command lists, as an Entity."""
    if kind == "entity":
        e = facts.entities[item_id]
        text = " · ".join(dict.fromkeys(n for n in (e.short, e.name_en, *e.aliases) if n))
        return r.Entity(
            id=e.id, kind="entity", title=e.name, text=text, entity_kind=e.kind,
            name_en=e.name_en, parent=entity_ref(facts, e.parent),
            citations=citations(facts, _mentions(facts, e.id)),
        )  # fmt: skip
    if kind == "instrument":
        from .days import today
        from .law import instrument_result

        return instrument_result(facts, facts.instruments[item_id], today(facts)[0])
    if kind == "committee-state":
        from .committee import state_result

        return state_result(facts, facts.committee_states[item_id])
    from .sources import source_result  # the last of ITEM_KINDS

    uses, first = facts.cited().get(item_id, (0, None))
    return source_result(facts, facts.sources[item_id], uses, [first] if first else [])


def _display_text(facts: Facts, kind: str, item_id: str) -> str:
    """The text an item's snippet is cut from (an entity, instrument, line-up or source)."""
    build = {
        "entity": documents.entity_doc,
        "instrument": documents.instrument_doc,
        "committee-state": documents.state_doc,
        "source": documents.source_doc,
    }[kind]
    return _body(build(facts, item_id))


def _body(doc: ranking.Doc) -> str:
    """The first body field, else the title."""
    body = [t for w, t in doc.fields if w == documents.BODY]
    return body[0] if body else doc.fields[0][1]


def _mentions(facts: Facts, entity_id: str) -> list[Citation]:
    """Citations of up to two items that name the entity (it has none of its own)."""
    found = [st.citations[0] for st in facts.statements.linked(entity_id, documents.LINKING)[:2]]
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
    folded = normalize.fold(kind).replace(" ", "-")
    if folded in kinds:
        return folded
    named = [normalize.Named(k, k, (k,)) for k in kinds]
    hints = normalize.did_you_mean(kind, named)
    hints.append(say("the_kinds", names=", ".join(kinds)))
    raise UsageError(say("no_kind", kind=kind), tuple(hints))


def _hints(facts: Facts, query: str, kind: str | None) -> tuple[str, ...]:
    named: list[normalize.Named] = []
    for e in facts.entities.values():
        named.append(
            normalize.Named(e.id, e.name, (e.name, *e.aliases, *filter(None, [e.name_en])))
        )
    for ins in facts.instruments.values():
        named.append(normalize.Named(ins.id, ins.number, (ins.number, ins.title)))
    for g in facts.glossary.values():
        named.append(normalize.Named(g.id, g.term, (g.term, *g.expansions)))
    hints = normalize.did_you_mean(query, named)
    if kind is not None:
        hints.append(say("try_without_kind", kind=kind))
    hints.append(say("try_fewer_words"))
    return tuple(hints)
