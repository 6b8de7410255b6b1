"""The typed results every query returns, and from which the JSON Schema is generated.

References (source, citation, entity, instrument) have one shape wherever they appear; each
command's result kind is one Struct. Codes (position, type, relation, facet, change, status,
event) are data: their labels are labels.py's, looked up by the renderers.

msgspec Structs, not dataclasses: defining these costs little at start-up. Fields without a
default are always in the JSON (null when empty); the few with a default (a statement kind's
own fields, search's snippet and score) are left out when unset.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, Union

import msgspec

# --- references ----------------------------------------------------------------------------


class SourceRef(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    id: str
    title: str
    publisher: str | None
    date: str | None
    url: str | None


class Citation(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    source: SourceRef
    quote: str  # verbatim text from the source
    locator: str | None


class EntityRef(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, tag="entity", tag_field="kind"
):
    id: str
    name: str
    name_en: str | None


class InstrumentRef(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, tag="instrument", tag_field="kind"
):
    id: str
    number: str
    type: str  # code: labels.INSTRUMENT_TYPES
    title: str
    title_en: str | None
    date: str | None
    effective_from: str | None
    effective_until: str | None


class CommitteeRef(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    id: str
    name: str
    name_en: str | None
    valid_from: str
    valid_until: str | None


# --- statements ----------------------------------------------------------------------------


class Statement(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, omit_defaults=True):
    """A statement of the fact file (goal, purpose, target, phase, context, event, …)."""

    id: str
    kind: str
    title: str
    text: str
    text_en: str | None
    subject: EntityRef | None
    date: str | None
    valid_from: str | None
    valid_until: str | None
    valid_from_precision: str | None
    valid_until_precision: str | None
    translations: list[str]
    notes: str | None
    notes_en: str | None
    provenance: str | None
    refs: list[str]
    citations: list[Citation]
    snippet: str | None = None  # search only
    score: float | None = None  # search only


class Definition(Statement, kw_only=True, omit_defaults=True):
    year: int | None = None
    language: str | None = None
    term: str | None = None


class Note(Statement, kw_only=True, omit_defaults=True):
    about: str | None = None


class Role(Statement, kw_only=True, omit_defaults=True):
    """A task of a body (kind "role"), or a task moved between bodies ("task-transfer")."""

    basis: InstrumentRef | None
    scope: EntityRef | None
    role: str | None = None
    locator: str | None = None
    from_: EntityRef | None = msgspec.field(default=None, name="from")
    to: EntityRef | None = None


class Membership(Statement, kw_only=True, omit_defaults=True):
    position: str  # code: labels.POSITIONS
    holder: str
    state: str  # the committee state's id
    committee: CommitteeRef | None
    person: EntityRef | None
    org: EntityRef | None


class Facet(Statement, kw_only=True, omit_defaults=True):
    facet: str  # code: labels.FACETS


class Ranking(Statement, kw_only=True, omit_defaults=True):
    year: int | None = None
    rank: int | None = None
    of: int | None = None
    score_value: int | float | str | None = msgspec.field(default=None, name="ranking_score")
    group: str | None = None


class Interview(Statement, kw_only=True, omit_defaults=True):
    question: str | None = None


# --- the other result kinds ----------------------------------------------------------------


class Agency(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    id: str
    kind: Literal["agency"]
    title: str
    name: str
    name_en: str | None
    short: str | None
    parent: EntityRef | None
    valid_from: str | None
    valid_until: str | None
    ended_by: InstrumentRef | None
    successor: EntityRef | None
    predecessors: list[EntityRef]
    notes: str | None
    notes_en: str | None
    provenance: str | None
    roles: list[Role]
    citations: list[Citation]


class Model(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    id: str
    kind: Literal["model"]
    title: str
    name_en: str | None
    facets: list[Facet]
    citations: list[Citation]


class CommitteeState(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, omit_defaults=True):
    id: str
    kind: Literal["committee-state"]
    title: str
    name: str
    name_en: str | None
    body: EntityRef
    successor_of: EntityRef | None
    valid_from: str
    valid_from_precision: str | None
    valid_until: str | None
    valid_until_precision: str | None
    change: str  # code: labels.CHANGES
    instrument: InstrumentRef | None
    ended_by: InstrumentRef | None
    notes: str | None
    notes_en: str | None
    provenance: str | None
    members: list[Membership]
    citations: list[Citation]
    snippet: str | None = None
    score: float | None = None


class StatusWords(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    code: str
    as_of: str | None
    note: str | None
    citations: list[Citation]


class Status(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    on: str
    code: str  # code: labels.STATUS
    note: str | None
    words: list[StatusWords]


class Relation(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    type: str  # code: labels.RELATIONS
    target: InstrumentRef | EntityRef
    established_by: list[InstrumentRef]  # an entity target: the instruments that founded it
    note: str | None


class CitedBy(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    id: str
    kind: str
    text: str


class Instrument(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, omit_defaults=True):
    id: str
    kind: Literal["instrument"]
    title: str  # its number: the type's label is the renderer's
    number: str
    type: str  # code: labels.INSTRUMENT_TYPES
    issuer: EntityRef | None
    date: str | None
    signer: str | None
    proposed_by: str | None
    gazetted: str | None
    effective_from: str | None
    effective_until: str | None
    inferred: dict[str, str] | None
    status: Status
    chain: list[InstrumentRef]
    aliases: list[str]
    text: str  # the instrument's own title
    title_en: str | None
    translations: list[str]
    notes: str | None
    notes_en: str | None
    provenance: str | None
    relations: list[Relation]
    related_by: list[Relation]
    cited_by: list[CitedBy]
    citations: list[Citation]
    snippet: str | None = None
    score: float | None = None


class TimelineEntry(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """One dated act: an instrument's event (with the event statements of that day about
    it), or a dated statement."""

    id: str
    kind: str  # "instrument", or the statement's kind (event, ranking, …)
    date: str
    event: str | None  # code: labels.EVENTS, for an instrument
    title: str
    text: str
    text_en: str | None
    translations: list[str]
    instrument: InstrumentRef | None
    subject: EntityRef | None
    statements: list[str]  # the ids of the statements this entry stands for
    citations: list[Citation]


class Source(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, omit_defaults=True):
    id: str
    kind: Literal["source"]
    title: str
    publisher: str | None
    author: str | None
    reviewed_by: str | None
    date: str | None
    url: str | None
    language: str
    external: bool
    inferred: dict[str, str]
    notes: str | None
    notes_en: str | None
    provenance: str | None
    cited_by: int  # how many entries cite it
    citations: list[Citation]  # a source is its own evidence: one passage cited from it
    snippet: str | None = None
    score: float | None = None


class Entity(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, omit_defaults=True):
    """Search only: a named body, system or person."""

    id: str
    kind: Literal["entity"]
    title: str
    text: str
    entity_kind: str
    name_en: str | None
    parent: EntityRef | None
    citations: list[Citation]
    snippet: str | None = None
    score: float | None = None


STATEMENT_TYPES: dict[str, type[Statement]] = {
    "definition": Definition,
    "note": Note,
    "role": Role,
    "task-transfer": Role,
    "membership": Membership,
    "model": Facet,
    "ranking": Ranking,
    "interview": Interview,
}

if TYPE_CHECKING:  # for the type checker only: building a Union costs start-up time
    Result = Union[  # noqa: UP007
        Statement, Agency, Model, CommitteeState, Instrument, TimelineEntry, Source, Entity
    ]
    Hit = Union[Statement, CommitteeState, Instrument, Source, Entity]  # noqa: UP007

RESULT_TYPES: tuple[type[Any], ...] = (
    Statement, Definition, Note, Role, Membership, Facet, Ranking, Interview,
    Agency, Model, CommitteeState, Instrument, TimelineEntry, Source, Entity,
)  # fmt: skip

# the result types each command returns (schema.py narrows `cpdt schema COMMAND` with them)
COMMAND_TYPES: dict[str, tuple[type[Any], ...]] = {
    "define": (Definition, Note, Statement),
    "agency": (Agency,),
    "committee": (CommitteeState,),
    "models": (Model, Facet),
    "timeline": (TimelineEntry,),
    "law": (Instrument,),
    "sources": (Source,),
    "search": RESULT_TYPES,
}


class InterpretedAnswer(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    command: str
    query: dict[str, Any]
    count: int
    results: Sequence[Result]
    notices: list[str]


class Interpretation(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """search: the reference command a question was read as, and its answer."""

    command: str
    args: dict[str, Any]
    cli: str
    answer: InterpretedAnswer


class Answer(msgspec.Struct):
    command: str
    query: dict[str, Any]
    results: Sequence[Result]
    notices: list[str] = []  # for stderr too: overrides, typo fixes … (a fresh list each time)
    interpretation: Interpretation | None = None


HOLDERS = (CommitteeState, Agency, Model)  # the results that hold others (parts_of)


def parts_of(result: Result) -> list[Statement]:
    """The results a result holds: a committee's members, an agency's roles, a model's facets."""
    if isinstance(result, CommitteeState):
        return list(result.members)
    if isinstance(result, Agency):
        return list(result.roles)
    if isinstance(result, Model):
        return list(result.facets)
    return []
