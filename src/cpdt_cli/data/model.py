"""The typed model of the fact file (see docs/FACTS.md). Built only from validated data.

`Compiled` is the validated files, whole: what `cpdt check` makes and the store is built from.
`Facts` is the register as answers read it: its small collections whole, its statements read
by what a question needs (store.py keeps them in SQLite; `Facts.of` holds them in memory).
"""

from collections.abc import Callable, ItemsView, Iterable, Iterator, Mapping, ValuesView
from collections.abc import Set as AbstractSet
from typing import Any, Generic, TypeVar

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


def entity_names(e: Entity) -> tuple[str, ...]:
    """Every name an entity goes by: its name, the tail of its id, aliases, English, short."""
    tail = e.id.split(".", 1)[-1]
    names = [e.name, tail, *e.aliases]
    names += [n for n in (e.name_en, e.short) if n]
    return tuple(names)


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


class Compiled(msgspec.Struct):
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


# What a statement links to by its own fields, besides its subject and refs (search, law).
LINK_FIELDS = ("from", "to", "org", "person", "basis", "state", "scope")


def links(st: Statement) -> list[tuple[str, str]]:
    """(role, id) of everything the statement names: subject, refs, and its linking fields."""
    out = [("subject", st.subject)] if st.subject else []
    out += [("ref", r) for r in st.refs]
    out += [(k, v) for k, v in st.fields.items() if k in LINK_FIELDS and isinstance(v, str)]
    return out


class Statements(Mapping[str, Statement]):
    """The statements by id, in file order, and the few ways answers select them."""

    def of_kind(self, *kinds: str) -> list[Statement]:
        return [st for st in self.values() if st.kind in kinds]

    def linked(self, target: str, roles: tuple[str, ...] = ()) -> list[Statement]:
        """The statements that name `target` (in one of `roles`, when given), in file order."""
        return [
            st for st in self.values() if any(
                t == target and (not roles or r in roles) for r, t in links(st))
        ]  # fmt: skip

    def linked_to_any(
        self, targets: AbstractSet[str], roles: tuple[str, ...]
    ) -> dict[str, list[Statement]]:
        """linked(t, roles) for each of many targets at once: target -> statements, in file
        order; a target no statement names is left out."""
        found: dict[str, list[Statement]] = {}
        for st in self.values():
            for t in dict.fromkeys(t for r, t in links(st) if r in roles and t in targets):
                found.setdefault(t, []).append(st)
        return found

    def citing(self, source_id: str, limit: int) -> list[Statement]:
        """Up to `limit` statements with a citation of the source, in file order."""
        found = (st for st in self.values() if any(c.source == source_id for c in st.citations))
        return [st for st, _ in zip(found, range(limit), strict=False)]

    def kinds(self) -> set[str]:
        return {st.kind for st in self.values()}

    def subjects(self, kind: str) -> set[str]:
        """The entities that statements of a kind are about."""
        return {st.subject for st in self.of_kind(kind) if st.subject}

    def about(self, kind: str, subjects: AbstractSet[str]) -> list[Statement]:
        """The statements of a kind about one of `subjects`, in file order."""
        return [st for st in self.of_kind(kind) if st.subject in subjects]

    def citing_any(self, kind: str, sources: AbstractSet[str]) -> list[Statement]:
        """The statements of a kind with a citation of one of `sources`, in file order."""
        return [st for st in self.of_kind(kind) if any(c.source in sources for c in st.citations)]

    def dated(
        self, lo: str = "0000", hi: str = "9999", refs: AbstractSet[str] | None = None
    ) -> list[Statement]:
        """The statements a timeline may show: those dated in the years lo..hi, and rankings
        (dated by their year); with `refs`, only those that refer to one of them."""
        return [st for st in self.values()
                if (st.kind == "ranking" or (st.date and lo <= st.date[:4] <= hi))
                and (refs is None or not refs.isdisjoint(st.refs))]  # fmt: skip


Cited = dict[str, tuple[int, Citation]]  # source -> how many citations name it, and the first


class _InMemory(Statements):
    def __init__(self, items: dict[str, Statement]) -> None:
        self._items = items

    def __getitem__(self, key: str) -> Statement:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)


T = TypeVar("T")


ROWS_BEFORE_WHOLE = 32  # lookups by id that read a row each; past them, one read of it all


class Table(Mapping[str, T], Generic[T]):
    """One of the register's smaller collections by id, in file order. Walking it reads it
    whole, once; until then a lookup by id reads that record alone (`row`), so that a search
    hit or a law's issuer costs one row, not the decoding of thousands of entities."""

    def __init__(
        self,
        whole: Callable[[], dict[str, T]],
        row: Callable[[str], T | None] | None = None,
        kinds: Callable[[tuple[str, ...], str | None], list[T]] | None = None,
        chosen: Callable[[tuple[str, ...], AbstractSet[str]], list[T]] | None = None,
    ) -> None:
        self._whole, self._row, self._kinds, self._chosen = whole, row, kinds, chosen
        self._all: dict[str, T] | None = None
        self._rows: dict[str, T | None] = {}

    def of_kind(self, *kinds: str, ended_by: str | None = None) -> list[T]:
        """The records of these kinds (an entity's `kind`), in file order; with `ended_by`,
        only those whose validity ended by then (`valid_until` ≤ it). Selected by the register
        while the table has not been read whole."""
        if self._all is None and self._kinds is not None:
            return self._kinds(kinds, ended_by)
        return [
            v for v in self.everything().values()
            if getattr(v, "kind", None) in kinds
            and (ended_by is None or (getattr(v, "valid_until", None) or "~") <= ended_by)
        ]  # fmt: skip

    def chosen(self, kinds: tuple[str, ...], ids: AbstractSet[str]) -> list[T]:
        """The records of these kinds or with these ids, in file order; selected by the
        register while the table has not been read whole."""
        if self._all is None and self._chosen is not None:
            return self._chosen(kinds, ids)
        return [
            v for k, v in self.everything().items()
            if k in ids or getattr(v, "kind", None) in kinds
        ]  # fmt: skip

    def everything(self) -> dict[str, T]:
        if self._all is None:
            self._all = self._whole()
        return self._all

    def __getitem__(self, key: str) -> T:
        if self._all is not None or self._row is None or len(self._rows) >= ROWS_BEFORE_WHOLE:
            return self.everything()[key]
        if not isinstance(key, str):
            raise KeyError(key)
        if key not in self._rows:
            self._rows[key] = self._row(key)
        got = self._rows[key]
        if got is None:
            raise KeyError(key)
        return got

    def __iter__(self) -> Iterator[str]:
        return iter(self.everything())

    def __len__(self) -> int:
        return len(self.everything())

    def values(self) -> ValuesView[T]:
        return self.everything().values()

    def items(self) -> ItemsView[str, T]:
        return self.everything().items()


class Facts:
    """The register: the smaller collections are read on first use (`load(name)` gives one
    whole, `row(name, id)` one record of it)."""

    def __init__(
        self,
        schema_version: int,
        data_as_of: str,
        statements: Statements,
        load: Callable[[str], dict[str, Any]],
        files: list[str],
        notices: list[str],
        cache_key: str = "",
        cited: Callable[[], Cited] | None = None,
        row: Callable[[str, str], Any] | None = None,
        kinds: Callable[[str, tuple[str, ...], str | None], list[Any]] | None = None,
        chosen: Callable[[str, tuple[str, ...], AbstractSet[str]], list[Any]] | None = None,
        named: Callable[[str], set[str]] | None = None,
    ) -> None:
        self._chosen, self._named = chosen, named
        self.schema_version, self.data_as_of = schema_version, data_as_of
        self._cited = cited
        self.statements, self._load, self._row, self._kinds = statements, load, row, kinds
        self.files, self.notices, self.cache_key = files, notices, cache_key
        self._loaded: dict[str, Table[Any]] = {}

    @classmethod
    def of(cls, c: Compiled, cache_key: str = "") -> "Facts":
        """The register held in memory."""
        tables: dict[str, dict[str, Any]] = {
            "sources": c.sources, "entities": c.entities, "instruments": c.instruments,
            "committee_states": c.committee_states, "glossary": c.glossary,
        }  # fmt: skip
        return cls(c.schema_version, c.data_as_of, _InMemory(c.statements), tables.__getitem__,
                   c.files, c.notices, cache_key)  # fmt: skip

    def _table(self, name: str) -> Table[Any]:
        got = self._loaded.get(name)
        if got is None:
            row, kinds = self._row, self._kinds
            one = (lambda key: row(name, key)) if row is not None else None
            some = pick = None
            if kinds is not None and name == "entities":  # the table whose records have kinds
                some = lambda wanted, ended_by: kinds(name, wanted, ended_by)  # noqa: E731
            chosen = self._chosen
            if chosen is not None and name == "entities":
                pick = lambda wanted, ids: chosen(name, wanted, ids)  # noqa: E731
            got = self._loaded[name] = Table(lambda: self._load(name), one, some, pick)
        return got

    @property
    def sources(self) -> Table[Source]:
        return self._table("sources")

    @property
    def entities(self) -> Table[Entity]:
        return self._table("entities")

    @property
    def instruments(self) -> Table[Instrument]:
        return self._table("instruments")

    @property
    def committee_states(self) -> Table[CommitteeState]:
        return self._table("committee_states")

    @property
    def glossary(self) -> Table[Glossary]:
        return self._table("glossary")

    def entities_named(self, folded: str) -> set[str] | None:
        """The ids of the entities one of whose names (entity_names) folds to `folded`, from
        the register's table of folded names; None for a register held in memory, which has
        none (the caller folds the names itself)."""
        return self._named(folded) if self._named is not None else None

    def cited(self) -> Cited:
        """Each cited source: how many citations of statements, instruments and committee
        states name it, and the first of them in that order."""
        if self._cited is not None:
            return self._cited()
        out: Cited = {}
        groups: list[Iterable[Statement | Instrument | CommitteeState]] = [
            self.statements.values(),
            self.instruments.values(),
            self.committee_states.values(),
        ]
        for group in groups:
            for item in group:
                for c in item.citations:
                    n, first = out.get(c.source, (0, c))
                    out[c.source] = (n + 1, first)
        return out

    def compiled(self) -> Compiled:
        """Everything, whole (for building a store)."""
        return Compiled(
            self.schema_version, self.data_as_of, self.sources.everything(),
            self.entities.everything(), self.instruments.everything(),
            self.committee_states.everything(), dict(self.statements.items()),
            self.glossary.everything(), self.files, self.notices,
        )  # fmt: skip
