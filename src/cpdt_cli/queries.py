"""The questions cpdt answers, as pure functions over the model. Results are plain data in
the shape of the JSON contract (PRODUCT.md); rendering is output.py's business."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import search
from .errors import NotFound
from .model import Citation, Entity, Facts, Source, Statement

Result = dict[str, Any]


@dataclass
class Answer:
    command: str
    query: dict[str, Any]
    results: list[Result]
    notices: list[str] = field(default_factory=list)  # for stderr: overrides, typo fixes …


# --- shared building blocks ----------------------------------------------------------------


def source_record(source: Source) -> dict[str, Any]:
    return {
        "id": source.id,
        "title": source.title,
        "publisher": source.publisher,
        "date": source.date,
        "url": source.url,
    }


def citations(facts: Facts, cites: list[Citation]) -> list[dict[str, Any]]:
    return [
        {
            "source": source_record(facts.sources[c.source]),
            "quote": c.quote,
            "locator": c.locator,
        }
        for c in cites
    ]


def entity_ref(facts: Facts, entity_id: str | None) -> dict[str, Any] | None:
    if entity_id is None:
        return None
    e = facts.entities[entity_id]
    return {"id": e.id, "name": e.name, "name_en": e.name_en}


def statement_result(facts: Facts, st: Statement, title: str | None = None) -> Result:
    subject = facts.entities.get(st.subject) if st.subject else None
    result: Result = {
        "id": st.id,
        "kind": st.kind,
        "title": title
        or st.title
        or (subject.name if subject else _KIND_TITLES.get(st.kind, st.kind)),
        "text": st.wording,
        "text_en": st.text_en,
        "subject": entity_ref(facts, st.subject),
        "date": st.date,
        "valid_from": st.valid_from,
        "valid_until": st.valid_until,
        **st.fields,
        "notes": st.notes,
        "refs": list(st.refs),
        "citations": citations(facts, st.citations),
    }
    return result


_KIND_TITLES = {
    "definition": "Định nghĩa trong bài viết",
    "note": "Lưu ý",
    "goal": "Mục tiêu",
    "purpose": "Mục đích",
    "target": "Chỉ tiêu",
    "phase": "Giai đoạn",
    "context": "Bối cảnh",
    "event": "Sự kiện",
    "ranking": "Xếp hạng",
    "interview": "Phỏng vấn",
}


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
    definitions = [s for s in facts.statements.values() if s.kind == "definition"]
    notices: list[str] = []
    chosen = definitions
    if source is not None:
        chosen, notice = _by_source(facts, definitions, source)
        notices += notice
    if query:
        q = search.fold(query)
        named = _by_source(facts, chosen, query, strict=True)[0] if q else []
        chosen = named or [s for s in chosen if q and q in _definition_haystack(facts, s)]
        if not chosen:
            raise NotFound(
                f"không có định nghĩa nào khớp với '{query}'",
                ("thử: cpdt define (xem mọi định nghĩa) hoặc cpdt search " + f"'{query}'",),
            )
    results = [statement_result(facts, s, _definition_title(facts, s)) for s in chosen]
    if source is None and not query:
        notes = [s for s in facts.statements.values() if s.kind == "note"
                 and s.fields.get("about") == "definition"]  # fmt: skip
        results += [statement_result(facts, s) for s in notes]
    return Answer("define", {"text": query, "source": source}, results, notices)


def _definition_title(facts: Facts, st: Statement) -> str:
    if st.title:
        return st.title
    if st.subject:
        name = facts.entities[st.subject].name
        year = st.fields.get("year")
        return f"{name} ({year})" if year else name
    return f"{_KIND_TITLES['definition']}: {facts.sources[st.citations[0].source].title}"


def _definition_haystack(facts: Facts, st: Statement) -> str:
    parts = [st.wording, st.text_en or "", _definition_title(facts, st)]
    parts += [c.quote for c in st.citations]
    return search.fold(" ".join(parts))


def _by_source(
    facts: Facts, definitions: list[Statement], wanted: str, strict: bool = False
) -> tuple[list[Statement], list[str]]:
    """Definitions whose definer, or else whose cited article, `wanted` names."""
    definer_ids = {s.subject for s in definitions if s.subject}
    definers = [
        search.Named(e.id, e.name, _entity_names(e))
        for e in facts.entities.values()
        if e.id in definer_ids or e.kind == "definer"
    ]
    articles = [search.Named(s.id, s.title, _source_names(s)) for s in facts.sources.values()]
    hit = search.match_names(wanted, definers)
    if hit:
        ids = {n.id for n in hit}
        return [s for s in definitions if s.subject in ids], []
    hit = search.match_names(wanted, articles)
    if hit:
        ids = {n.id for n in hit}
        return [s for s in definitions if any(c.source in ids for c in s.citations)], []
    if strict:
        return [], []
    typo = search.best_typo_match(wanted, definers)
    if typo is not None:
        notice = f"hiểu '{wanted}' là '{typo.label}'"
        return [s for s in definitions if s.subject == typo.id], [notice]
    known = sorted({d.label for d in definers})
    close = search.suggest(wanted, definers + articles)
    hints = []
    if close:
        hints.append("có phải ý bạn là: " + ", ".join(f"'{c.label}'" for c in close) + "?")
    hints.append("các nguồn đã biết: " + "; ".join(known))
    raise NotFound(f"không biết nguồn '{wanted}'", tuple(hints))
