"""`cpdt search`: every statement, entity, instrument, committee state and source as a
searchable document, ranked by search.Index, returned in the JSON contract's shape."""

from __future__ import annotations

import unicodedata

from . import search
from .errors import NotFound, UsageError
from .model import Citation, Facts, Statement
from .queries import Answer, Result, citations, entity_ref, statement_result

# Field weights: what an item is called counts more than what it says.
TITLE, LABEL, CONTEXT, BODY, ENGLISH = 3.0, 2.0, 1.5, 1.0, 0.8
SOURCE_PRIOR = 0.6  # a bibliographic record makes no claim of its own
INTENT_BOOST = 1.5
CARD_YIELD = 1.01
Hit = tuple[float, search.Doc, set[str]]

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
}

ITEM_KINDS = ("entity", "instrument", "committee-state", "source")


def search_facts(facts: Facts, query: str, kind: str | None = None, limit: int = 10) -> Answer:
    """Ranked hits across everything the fact file holds, each with a snippet and citations."""
    shown = unicodedata.normalize("NFC", search.strip_surrogates(query))
    echo = {"text": shown, "kind": kind, "limit": limit}
    if kind is not None:
        kind = _check_kind(facts, kind)
    index = build_index(facts)
    wanted = _intent(search.words(query))
    results: list[Result] = []
    ranked = [
        (score * (INTENT_BOOST if doc.kind in wanted else 1.0), doc, found)
        for score, doc, found in index.rank(query)
    ]
    ranked = _sole_facts_first(facts, ranked)
    for score, doc, matched in ranked:
        if kind is not None and kind not in (doc.kind, _entity_kind(facts, doc)):
            continue
        result = _result(facts, doc)
        result["snippet"] = search.snippet(_display_text(doc), matched)
        result["score"] = round(score, 3)
        results.append(result)
        if len(results) >= limit:
            break
    if not results:
        raise NotFound(f"không tìm thấy gì cho '{shown}'", _hints(facts, index, query, kind))
    return Answer("search", echo, results)


def _sole_facts_first(facts: Facts, ranked: list[Hit]) -> list[Hit]:
    """An entity card yields its place to the one statement about it, which says all the card
    could say and more ("Cổng Dịch vụ công quốc gia" -> who builds it)."""
    sole: dict[str, str] = {}
    for e_id in (d.id for _, d, _ in ranked if d.kind == "entity"):
        about = [st.id for st in facts.statements.values() if e_id in _linked(st)]
        if len(about) == 1:
            sole[about[0]] = e_id
    if sole:
        card = {d.id: s for s, d, _ in ranked if d.kind == "entity"}
        ranked = [
            (max(s, card.get(sole.get(d.id, ""), 0.0) * CARD_YIELD), d, m) if d.kind != "entity"
            else (s, d, m)
            for s, d, m in ranked
        ]  # fmt: skip
    return sorted(ranked, key=lambda r: -r[0])  # stable: ties keep the index order


def _linked(st: Statement) -> set[str | None]:
    return {st.subject, *st.refs, *(str(st.fields.get(k)) for k in ("from", "to", "org"))}


# --- the index -----------------------------------------------------------------------------


def build_index(facts: Facts) -> search.Index:
    docs: list[search.Doc | None] = [_statement_doc(facts, st) for st in facts.statements.values()]
    docs += [_entity_doc(facts, e.id) for e in facts.entities.values()]
    docs += [_instrument_doc(facts, i.id) for i in facts.instruments.values()]
    docs += [_state_doc(facts, s.id) for s in facts.committee_states.values()]
    docs += [_source_doc(facts, s.id) for s in facts.sources.values()]
    return search.Index([d for d in docs if d is not None], thesaurus(facts))


def thesaurus(facts: Facts) -> search.Thesaurus:
    """Spellings that mean one thing: glossary terms, then each entity's and state's names."""
    groups: list[list[str]] = []
    for g in facts.glossary.values():
        groups.append([g.term, *g.expansions, *([g.name_en] if g.name_en else [])])
    for e in facts.entities.values():
        groups.append([e.name, *e.aliases, *(n for n in (e.short, e.name_en) if n)])
    for s in facts.committee_states.values():
        groups.append([s.name, *([s.name_en] if s.name_en else [])])
    return search.Thesaurus(groups)


def _fields(*pairs: tuple[float, str | None]) -> list[tuple[float, str]]:
    return [(w, t) for w, t in pairs if t]


def _statement_doc(facts: Facts, st: Statement) -> search.Doc:
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
    return search.Doc(
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
    return str(statement_result(facts, st)["title"])


def _entity_doc(facts: Facts, entity_id: str) -> search.Doc | None:
    e = facts.entities[entity_id]
    if not _mentions(facts, entity_id):
        return None
    names = [e.name, e.short, *e.aliases]
    return search.Doc(
        e.id,
        "entity",
        _fields(*((TITLE, n) for n in names), (ENGLISH, e.name_en), (CONTEXT, e.kind)),
    )


def _instrument_doc(facts: Facts, instrument_id: str) -> search.Doc:
    ins = facts.instruments[instrument_id]
    issuer = facts.entities.get(ins.issuer) if ins.issuer else None
    return search.Doc(
        ins.id,
        "instrument",
        _fields(
            (TITLE, ins.number),
            (LABEL, ins.title),
            (CONTEXT, issuer.name if issuer else None),
            (CONTEXT, ins.type),
            (CONTEXT, _years(ins.date)),
            *((BODY, c.quote) for c in ins.citations),
            (ENGLISH, ins.title_en),
        ),
    )


def _state_doc(facts: Facts, state_id: str) -> search.Doc:
    s = facts.committee_states[state_id]
    ins = facts.instruments.get(s.instrument)
    return search.Doc(
        s.id,
        "committee-state",
        _fields(
            (TITLE, s.name),
            (CONTEXT, ins.number if ins else None),
            (CONTEXT, f"{s.change} {_years(s.valid_from)}"),
            *((BODY, c.quote) for c in s.citations),
            (ENGLISH, s.name_en),
        ),
    )


def _source_doc(facts: Facts, source_id: str) -> search.Doc | None:
    src = facts.sources[source_id]
    if not _source_citations(facts, source_id):
        return None
    return search.Doc(
        src.id,
        "source",
        _fields((TITLE, src.title), (CONTEXT, src.publisher), (CONTEXT, src.author)),
        prior=SOURCE_PRIOR,
    )


# --- results -------------------------------------------------------------------------------


def _result(facts: Facts, doc: search.Doc) -> Result:
    if doc.kind == "entity":
        e = facts.entities[doc.id]
        text = " · ".join(dict.fromkeys(n for n in (e.short, e.name_en, *e.aliases) if n))
        return {
            "id": e.id,
            "kind": "entity",
            "title": e.name,
            "text": text,
            "entity_kind": e.kind,
            "name_en": e.name_en,
            "parent": entity_ref(facts, e.parent),
            "citations": citations(facts, _mentions(facts, e.id)),
        }
    if doc.kind == "instrument":
        ins = facts.instruments[doc.id]
        return {
            "id": ins.id,
            "kind": "instrument",
            "title": ins.number,
            "text": ins.title,
            "number": ins.number,
            "type": ins.type,
            "issuer": entity_ref(facts, ins.issuer),
            "date": ins.date,
            "citations": citations(facts, ins.citations),
        }
    if doc.kind == "committee-state":
        s = facts.committee_states[doc.id]
        return {
            "id": s.id,
            "kind": "committee-state",
            "title": s.name,
            "text": s.name_en or "",
            "valid_from": s.valid_from,
            "valid_until": s.valid_until,
            "change": s.change,
            "instrument": _instrument_ref(facts, s.instrument),
            "citations": citations(facts, s.citations),
        }
    if doc.kind == "source":
        src = facts.sources[doc.id]
        text = ", ".join(p for p in (src.publisher, src.author, src.date) if p)
        return {
            "id": src.id,
            "kind": "source",
            "title": src.title,
            "text": text,
            "citations": citations(facts, _source_citations(facts, src.id)),
        }
    st = facts.statements[doc.id]
    result = statement_result(facts, st, _statement_title(facts, st))
    own = st.fields
    state = facts.committee_states.get(str(own.get("state")))
    if st.kind == "membership" and state is not None:
        from .temporal import POSITIONS

        position = POSITIONS.get(str(own.get("position")), str(own.get("position")))
        result["position_label"] = f"{position}, {state.name} ({state.valid_from[:4]})"
    for key in ("person", "org", "from", "to"):
        if key in own:
            result[key] = entity_ref(facts, own[key]) if own[key] in facts.entities else None
    if own.get("basis") in facts.instruments:
        result["basis"] = _instrument_ref(facts, str(own["basis"]))
    return result


def _instrument_ref(facts: Facts, instrument_id: str) -> dict[str, str | None]:
    ins = facts.instruments[instrument_id]
    return {"id": ins.id, "number": ins.number, "type": ins.type, "date": ins.date}


def _display_text(doc: search.Doc) -> str:
    """The text a snippet is cut from: the first body field, else the title."""
    body = [t for w, t in doc.fields if w == BODY]
    return body[0] if body else doc.fields[0][1]


def _mentions(facts: Facts, entity_id: str) -> list[Citation]:
    """Citations of up to two items that name the entity (it has none of its own)."""
    found: list[Citation] = []
    for st in facts.statements.values():
        if entity_id in _linked(st):
            found.append(st.citations[0])
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


def _source_citations(facts: Facts, source_id: str) -> list[Citation]:
    cites = (c for st in facts.statements.values() for c in st.citations)
    return [c for c in cites if c.source == source_id][:1]


def _entity_kind(facts: Facts, doc: search.Doc) -> str | None:
    return facts.entities[doc.id].kind if doc.kind == "entity" else None


def _intent(query_words: tuple[str, ...]) -> frozenset[str]:
    wanted: set[str] = set()
    for cue, kinds in INTENTS.items():
        n = len(cue)
        if any(query_words[i : i + n] == cue for i in range(len(query_words) - n + 1)):
            wanted |= kinds
    return frozenset(wanted)


def known_kinds(facts: Facts) -> list[str]:
    kinds = {st.kind for st in facts.statements.values()}
    kinds |= {e.kind for e in facts.entities.values()}
    return sorted(kinds | set(ITEM_KINDS))


def _check_kind(facts: Facts, kind: str) -> str:
    kinds = known_kinds(facts)
    folded = search.fold(kind).replace(" ", "-")
    if folded in kinds:
        return folded
    named = [search.Named(k, k, (k,)) for k in kinds]
    hints = search.did_you_mean(kind, named)
    hints.append("các loại: " + ", ".join(kinds))
    raise UsageError(f"không có loại '{kind}'", tuple(hints))


def _hints(facts: Facts, index: search.Index, query: str, kind: str | None) -> tuple[str, ...]:
    named: list[search.Named] = []
    for e in facts.entities.values():
        named.append(search.Named(e.id, e.name, (e.name, *e.aliases, *filter(None, [e.name_en]))))
    for ins in facts.instruments.values():
        named.append(search.Named(ins.id, ins.number, (ins.number, ins.title)))
    for g in facts.glossary.values():
        named.append(search.Named(g.id, g.term, (g.term, *g.expansions)))
    hints = search.did_you_mean(query, named)
    if kind is not None:
        hints.append(f"thử bỏ --kind {kind}")
    hints.append("thử ít từ hơn, hoặc: cpdt define, cpdt agency, cpdt committee, cpdt law")
    return tuple(hints)
