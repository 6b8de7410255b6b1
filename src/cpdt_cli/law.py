"""The legal-instruments register: find an instrument by number however it is typed, show
its relations in both directions and every fact that rests on it."""

from __future__ import annotations

from typing import Any

from . import search
from .errors import NotFound
from .model import CommitteeState, Facts, Instrument, Relation, Statement
from .queries import Answer, Result, _words_in, citations, entity_ref
from .temporal import _TYPE_LABELS

# Words users put before a number, folded, and the instrument type they name.
_TYPE_WORDS = {
    "qd": "decision", "quyet dinh": "decision", "decision": "decision",
    "nq": "resolution", "nghi quyet": "resolution", "resolution": "resolution",
    "nd": "decree", "nghi dinh": "decree", "decree": "decree",
    "tb": "notice", "thong bao": "notice", "notice": "notice",
    "tt": "circular", "thong tu": "circular", "circular": "circular",
    "luat": "law", "law": "law",
    "quy che": "regulation", "ke hoach": "plan",
}  # fmt: skip

# relation -> (label from the instrument's side, label from the target's side)
RELATION_LABELS = {
    "amends": ("sửa đổi", "được sửa đổi bởi"),
    "replaces": ("thay thế", "bị thay thế bởi"),
    "renames": ("đổi tên", "được đổi tên bởi"),
    "establishes": ("thành lập", "được thành lập bởi"),
    "implements": ("thực hiện", "được thực hiện bởi"),
    "issued-with": ("ban hành kèm theo", "kèm theo nó là"),
    "merges": ("hợp nhất", "được hợp nhất bởi"),
    "regulates": ("quy định hoạt động của", "được quy định bởi"),
    "plan-of": ("là kế hoạch của", "có kế hoạch"),
    "requests-amendment-of": ("yêu cầu sửa đổi", "được yêu cầu sửa đổi bởi"),
    "cites": ("dẫn chiếu", "được dẫn chiếu bởi"),
}


def _parse(query: str) -> tuple[set[str], str | None, str]:
    """Numbers, the named type (if any) and the remaining words of a query."""
    folded = search.fold(query)
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
    return search.fold(ins.number).split()


def find(facts: Facts, query: str) -> list[Instrument]:
    numbers, kind, rest = _parse(query)
    pool = [i for i in facts.instruments.values() if kind is None or i.type == kind]
    if numbers:
        lead = [i for i in pool if _number_tokens(i) and _number_tokens(i)[0] in numbers]
        hits = [i for i in lead if numbers <= {*_number_tokens(i), *(i.date or "").split("-")}]
        if hits:
            return hits
        return [i for i in pool if numbers <= set(_number_tokens(i))]
    if kind and not rest:
        return pool
    text = rest or search.fold(query)
    return [i for i in pool if _words_in(text, " ".join([i.number, i.title, i.title_en or ""]))]


def law(facts: Facts, query: str | None = None) -> Answer:
    if query:
        found = find(facts, query)
        if not found:
            named = [
                search.Named(i.id, i.number, (i.number, i.title))
                for i in facts.instruments.values()
            ]
            hints = search.did_you_mean(query, named)
            hints.append("xem cả danh mục: cpdt law")
            raise NotFound(f"không có văn bản nào khớp với '{query}'", tuple(hints))
    else:
        found = list(facts.instruments.values())
    found.sort(key=lambda i: (i.date or "9999", i.number))
    return Answer("law", {"text": query}, [_result(facts, i) for i in found])


def _target(facts: Facts, target: str) -> dict[str, Any]:
    if target in facts.instruments:
        t = facts.instruments[target]
        label = f"{_TYPE_LABELS.get(t.type, t.type)} {t.number}"
        return {"id": t.id, "kind": "instrument", "title": label, "date": t.date}
    e = facts.entities[target]
    founded = _links(facts).founded.get(e.id, {}).values()
    return {
        "id": e.id,
        "kind": "entity",
        "title": e.name,
        "established_by": [{"id": i.id, "number": i.number, "date": i.date} for i in founded],
    }


class _Links:
    """What points at each instrument (and which instruments found each entity), gathered in
    one pass over the data, so that the register is linear in it, not quadratic."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self.inverse: dict[str, list[tuple[Instrument, Relation]]] = {}
        self.founded: dict[str, dict[str, Instrument]] = {}
        self.statements: dict[str, list[Statement]] = {}
        self.states: dict[str, list[CommitteeState]] = {}
        for other in facts.instruments.values():
            for r in other.relations:
                self.inverse.setdefault(r.target, []).append((other, r))
                if r.type == "establishes":
                    self.founded.setdefault(r.target, {})[other.id] = other
        for st in facts.statements.values():
            basis = {v for k, v in st.fields.items() if k in ("basis", "state")}
            for target in dict.fromkeys([*st.refs, *(b for b in basis if isinstance(b, str))]):
                self.statements.setdefault(target, []).append(st)
        for state in facts.committee_states.values():
            for target in dict.fromkeys(filter(None, (state.instrument, state.ended_by))):
                self.states.setdefault(target, []).append(state)


_LAST: list[_Links] = []  # the links of the facts last asked about (one process, one data set)


def _links(facts: Facts) -> _Links:
    if not _LAST or _LAST[0].facts is not facts:
        _LAST[:] = [_Links(facts)]
    return _LAST[0]


def _result(facts: Facts, ins: Instrument) -> Result:
    relations = [
        {"type": r.type, "label": RELATION_LABELS[r.type][0], "target": _target(facts, r.target),
         "note": r.note}
        for r in ins.relations
    ]  # fmt: skip
    links = _links(facts)
    inverse = [
        {"type": r.type, "label": RELATION_LABELS[r.type][1], "target": _target(facts, other.id),
         "note": r.note}
        for other, r in links.inverse.get(ins.id, [])
    ]  # fmt: skip
    cited_by = [
        {"id": st.id, "kind": st.kind, "text": st.wording}
        for st in links.statements.get(ins.id, [])
    ]
    cited_by += [
        {"id": state.id, "kind": "committee-state", "text": state.name}
        for state in links.states.get(ins.id, [])
    ]
    return {
        "id": ins.id,
        "kind": "instrument",
        "title": f"{_TYPE_LABELS.get(ins.type, ins.type)} {ins.number}",
        "number": ins.number,
        "type": ins.type,
        "type_label": _TYPE_LABELS.get(ins.type, ins.type),
        "issuer": entity_ref(facts, ins.issuer),
        "date": ins.date,
        "text": ins.title,
        "title_en": ins.title_en,
        "notes": ins.notes,
        "notes_en": ins.notes_en,
        "provenance": ins.provenance,
        "relations": relations,
        "related_by": inverse,
        "cited_by": cited_by,
        "citations": citations(facts, ins.citations),
    }
