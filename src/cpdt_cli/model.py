"""The typed model of the fact file (see docs/FACTS.md). Built only from validated data."""

from typing import Any

import msgspec


class Citation(msgspec.Struct, frozen=True, omit_defaults=True):
    source: str
    quote: str
    locator: str | None = None


class Source(msgspec.Struct, omit_defaults=True):
    id: str
    title: str
    publisher: str | None = None
    author: str | None = None
    reviewed_by: str | None = None
    date: str | None = None
    url: str | None = None
    seed: str | None = None
    external: bool = False
    language: str = "vi"
    inferred: dict[str, str] = {}
    notes: str | None = None
    notes_en: str | None = None
    provenance: str | None = None  # how the record was found: JSON and `check --provenance` only


class Entity(msgspec.Struct, omit_defaults=True):
    id: str
    kind: str
    name: str
    name_en: str | None = None
    short: str | None = None
    aliases: list[str] = []
    parent: str | None = None
    notes: str | None = None
    notes_en: str | None = None
    provenance: str | None = None
    valid_from: str | None = None
    valid_from_precision: str | None = None
    valid_until: str | None = None  # exclusive: the first day it no longer existed
    valid_until_precision: str | None = None
    ended_by: str | None = None  # instrument id
    successor: str | None = None  # entity id, or "none"
    citations: list[Citation] = []


class Relation(msgspec.Struct, omit_defaults=True):
    type: str
    target: str
    note: str | None = None


class StatusClaim(msgspec.Struct, omit_defaults=True):
    """What a source says about an instrument's legal status, in its own words."""

    code: str  # in-force | partly | ended | not-yet | unknown
    citations: list[Citation]
    as_of: str | None = None  # the day the words speak of; None: the source's date is unknown
    note: str | None = None


class Instrument(msgspec.Struct, omit_defaults=True):
    id: str
    number: str
    type: str
    title: str
    citations: list[Citation]
    issuer: str | None = None
    date: str | None = None  # signed / issued (for a law: adopted)
    title_en: str | None = None
    relations: list[Relation] = []
    notes: str | None = None
    notes_en: str | None = None
    provenance: str | None = None
    aliases: list[str] = []
    signer: str | None = None
    proposed_by: str | None = None
    gazetted: str | None = None
    effective_from: str | None = None
    effective_until: str | None = None  # the first day it no longer had effect
    status: list[StatusClaim] = []
    status_unverified: str | None = None  # why its status after entry into force is unknown
    inferred: dict[str, str] = {}  # fields the sources do not show outright, and how derived
    translations: list[str] = []  # title / title_en where they are cpdt's own translation


class CommitteeState(msgspec.Struct, omit_defaults=True):
    id: str
    body: str
    name: str
    valid_from: str
    change: str
    citations: list[Citation]
    instrument: str | None = None  # None where no source gives the approving document
    name_en: str | None = None
    valid_from_precision: str | None = None
    valid_until: str | None = None
    valid_until_precision: str | None = None
    ended_by: str | None = None
    notes: str | None = None
    notes_en: str | None = None
    provenance: str | None = None


class Statement(msgspec.Struct, omit_defaults=True):
    id: str
    kind: str
    citations: list[Citation]
    subject: str | None = None
    title: str | None = None
    title_en: str | None = None
    text: str | None = None
    text_en: str | None = None
    date: str | None = None
    valid_from: str | None = None
    valid_until: str | None = None
    refs: list[str] = []
    notes: str | None = None
    notes_en: str | None = None
    provenance: str | None = None
    valid_from_precision: str | None = None
    valid_until_precision: str | None = None
    translations: list[str] = []  # fields that are cpdt's own translation, not a source's words
    fields: dict[str, Any] = {}  # the kind's own fields (docs/FACTS.md)

    @property
    def wording(self) -> str:
        return self.text or self.citations[0].quote


class Glossary(msgspec.Struct, omit_defaults=True):
    """An abbreviation or term and what it stands for, so search can expand what users type."""

    id: str
    term: str
    expansions: list[str]
    name_en: str | None = None
    notes: str | None = None


class Facts(msgspec.Struct):
    schema_version: int
    data_as_of: str
    sources: dict[str, Source]
    entities: dict[str, Entity]
    instruments: dict[str, Instrument]
    committee_states: dict[str, CommitteeState]
    statements: dict[str, Statement]
    glossary: dict[str, Glossary] = {}
    files: list[str] = []
    notices: list[str] = []  # e.g. overlay overrides, for stderr
    cache_key: str = ""  # the files' content key (cache.key_for), when they have one
