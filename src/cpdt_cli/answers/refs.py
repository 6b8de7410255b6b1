"""The shared shapes every answer is built from: references to sources, entities, instruments
and committee line-ups, and a statement as a result; plus the name matching several answers
share."""

from typing import Any

from ..data.model import Citation, Facts, Source, Statement
from ..labels import INSTRUMENT_TYPES
from ..messages import Name, say
from . import results as r


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


def number(facts: Facts, instrument_id: str) -> str:
    """An instrument's type and number, as messages name it ("Quyết định 1072/QĐ-TTg")."""
    ins = facts.instruments.get(instrument_id)
    if ins is None:
        return instrument_id
    pair = INSTRUMENT_TYPES.get(ins.type)
    if pair is None:
        return ins.number
    return say("instrument", type=Name(*pair), number=ins.number)


def source_names(s: Source) -> tuple[str, ...]:
    return tuple(n for n in (s.id, s.title, s.publisher, s.author) if n)


def words_in(query: str, text: str) -> bool:
    """Every word of the (folded) query occurs in the (folded) text."""
    from ..text import normalize

    words = set(normalize.fold(query).split())
    return bool(words) and words <= set(normalize.fold(text).split())


def statement_text(st: Statement) -> str:
    return " ".join([st.wording, st.text_en or "", *(c.quote for c in st.citations)])
