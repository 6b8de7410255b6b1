"""The register compiled into SQLite: one database per set of fact files, in the cache.

Tables hold each record's msgspec JSON encoding (JSON: numbers of any size, and readable in
Datasette) beside plain columns for people and for
indexes, so an answer decodes only the rows it reads: sources, entities (and the `people` view),
instruments, periods (the committee's states), glossary, statements; citations and links (what
a statement names) are columns only. Search reads `docs` (every searchable item's folded
fields, one column per field weight), `terms` (each word and word pair with its documents),
`dense` (a common word's impact in every document, a byte each) and, where Python's sqlite3
has FTS5, `docs_fts` over `docs` (see fulltext.py); `meta` holds the search's few small
tables (priors, stand-ins) and each document's kind and entity kind as one array each (a
query's bounds weigh the kind of every candidate: a row read each cost more than the
scoring). Tables whose rows hold large blobs keep a rowid: a seek in a WITHOUT ROWID table
reads the whole of each row it compares.

A database is written to a temp file in the cache folder and renamed into place: a reader sees
a whole file or none, and builders running at once each rename a whole file of their own. On
opening, a file whose size is not its header's page count, that SQLite cannot read, or that holds
another key, is built again. Where nothing can be written (a read-only or full disk) the
database is built in memory: the answer is the same, only slower.
"""

from __future__ import annotations

import contextlib
import itertools
import math
import os
import sqlite3
import stat
from array import array
from collections.abc import Callable, Iterator, ValuesView
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from . import cache
from .model import (
    Citation,
    Cited,
    CommitteeState,
    Compiled,
    Entity,
    Facts,
    Glossary,
    Instrument,
    Source,
    Statement,
    Statements,
    entity_names,
    links,
)

T = TypeVar("T")

FORMAT = 7  # the layout of the tables below; part of the header of every database
_APP_ID = 0x63706474  # "cpdt": PRAGMA application_id
# Field weights of search documents (documents.py) -> the column of `docs` holding those fields.
COLUMNS = {3.0: "title", 2.0: "label", 1.5: "context", 1.0: "body", 0.8: "english"}

_RECORDS: dict[str, type[msgspec.Struct]] = {
    "sources": Source,
    "entities": Entity,
    "instruments": Instrument,
    "periods": CommitteeState,
    "glossary": Glossary,
}
_TABLE_OF = {"committee_states": "periods"}  # Facts' name -> the table's

_SCHEMA = """
create table meta (key text primary key, value);
create table sources (n integer primary key, id text unique not null, title text,
    publisher text, author text, date text, url text, cited_by integer not null,
    first_quote text, first_locator text, record blob not null);
create table entities (n integer primary key, id text unique not null, kind text, name text,
    name_en text, short text, parent text, valid_from text, valid_until text,
    record blob not null);
create view people as select * from entities where kind = 'person';
create table instruments (n integer primary key, id text unique not null, number text,
    type text, title text, issuer text, date text, record blob not null);
create table periods (n integer primary key, id text unique not null, body text, name text,
    valid_from text, valid_until text, instrument text, record blob not null);
create table glossary (n integer primary key, id text unique not null, term text,
    record blob not null);
create table statements (n integer primary key, id text unique not null, kind text not null,
    subject text, title text, text text, date text, valid_from text, valid_until text,
    record blob not null);
create index statements_kind on statements (kind, subject);
create table citations (owner text not null, owner_id text not null, source text not null,
    quote text, locator text);
create index citations_source on citations (source);
create table links (statement integer not null, role text not null, target text not null);
create index links_target on links (target, statement);
create table names (folded text not null, entity text not null);
create index names_folded on names (folded);
create table docs (n integer primary key, kind text not null, item text not null,
    entity_kind text, prior real not null default 1.0,
    title text, label text, context text, body text, english text);
create table terms (term text primary key, df integer not null, top_docs blob,
    top_impacts blob, docs blob not null, impacts blob);
create table dense (term text primary key, scale real not null, impacts blob not null);
create table thesaurus (grp integer not null, spelling text not null);
create index thesaurus_spelling on thesaurus (spelling);
create index thesaurus_group on thesaurus (grp);
create table thesaurus_words (word text primary key) without rowid;
"""
_FTS = """
create virtual table docs_fts using fts5 (title, label, context, body, english,
    content='docs', content_rowid='n', tokenize='ascii');
insert into docs_fts (docs_fts) values ('rebuild');
"""


class Damaged(Exception):
    """A database file that cannot be read as one of ours: build it again."""


def has_fts5() -> bool:
    """Whether this Python's sqlite3 can make an FTS5 table (some builds leave it out)."""
    db = sqlite3.connect(":memory:")
    try:
        db.execute("create virtual table t using fts5(x)")
        return True
    except sqlite3.Error:
        return False
    finally:
        db.close()


# --- building ------------------------------------------------------------------------------


def build(db: sqlite3.Connection, compiled: Compiled, key: str, search: bool = True) -> None:
    """Every table of the register and, with `search`, its search documents and (where it can)
    the FTS5 index; a database built in memory leaves those to the first search."""
    from ..text.normalize import fold

    enc = msgspec.json.Encoder()
    db.executescript(_SCHEMA)
    put = db.executemany
    cited = Facts.of(compiled).cited()

    def uses(source: str) -> tuple[int, str | None, str | None]:
        """How many citations name the source, and the first one's passage and locator."""
        if source not in cited:
            return 0, None, None
        n, first = cited[source]
        return n, first.quote, first.locator

    put("insert into sources values (?,?,?,?,?,?,?,?,?,?,?)", (
        (n, s.id, s.title, s.publisher, s.author, s.date, s.url, *uses(s.id), enc.encode(s))
        for n, s in enumerate(compiled.sources.values())
    ))  # fmt: skip
    put("insert into entities values (?,?,?,?,?,?,?,?,?,?)", (
        (n, e.id, e.kind, e.name, e.name_en, e.short, e.parent, e.valid_from, e.valid_until,
         enc.encode(e))
        for n, e in enumerate(compiled.entities.values())
    ))  # fmt: skip
    put("insert into instruments values (?,?,?,?,?,?,?,?)", (
        (n, i.id, i.number, i.type, i.title, i.issuer, i.date, enc.encode(i))
        for n, i in enumerate(compiled.instruments.values())
    ))  # fmt: skip
    put("insert into periods values (?,?,?,?,?,?,?,?)", (
        (n, s.id, s.body, s.name, s.valid_from, s.valid_until, s.instrument, enc.encode(s))
        for n, s in enumerate(compiled.committee_states.values())
    ))  # fmt: skip
    put("insert into glossary values (?,?,?,?)", (
        (n, g.id, g.term, enc.encode(g)) for n, g in enumerate(compiled.glossary.values())
    ))  # fmt: skip
    put("insert into statements values (?,?,?,?,?,?,?,?,?,?)", (
        (n, s.id, s.kind, s.subject, s.title, s.wording, s.date, s.valid_from, s.valid_until,
         enc.encode(s))
        for n, s in enumerate(compiled.statements.values())
    ))  # fmt: skip
    put("insert into links values (?,?,?)", (
        (n, role, target)
        for n, s in enumerate(compiled.statements.values())
        for role, target in dict.fromkeys(links(s))
    ))  # fmt: skip
    put("insert into names values (?,?)", (  # each name of an entity, folded: define --source
        (folded, e.id)
        for e in compiled.entities.values()
        for folded in dict.fromkeys(map(fold, entity_names(e)))
        if folded
    ))  # fmt: skip
    owners = (("statement", compiled.statements), ("instrument", compiled.instruments),
              ("period", compiled.committee_states))  # fmt: skip
    put("insert into citations values (?,?,?,?,?)", (
        (owner, item.id, c.source, c.quote, c.locator)
        for owner, group in owners
        for item in group.values()
        for c in item.citations
    ))  # fmt: skip

    meta = {
        "key": key,
        "schema_version": compiled.schema_version,
        "data_as_of": compiled.data_as_of,
        "files": enc.encode(compiled.files),
        "notices": enc.encode(compiled.notices),
    }
    put("insert into meta values (?,?)", meta.items())
    if search:
        build_search(db, compiled)
    db.execute(f"pragma application_id = {_APP_ID}")
    db.execute(f"pragma user_version = {FORMAT}")
    db.commit()


def build_search(db: sqlite3.Connection, compiled: Compiled) -> None:
    """The search tables: documents, postings of words and pairs, thesaurus, FTS5."""
    from .documents import build_index

    enc = msgspec.json.Encoder()
    put = db.executemany
    facts = Facts.of(compiled)
    index = build_index(facts)
    columns = list(COLUMNS.values())
    weights = index.weights
    rows = []
    for n, (kind, item, lines) in enumerate(zip(index.kinds, index.ids, index.fields, strict=True)):
        by_column: dict[str, list[str]] = {}
        for line in filter(None, lines.split("\n")):
            column = COLUMNS.get(weights[ord(line[0]) - 48], "body")
            by_column.setdefault(column, []).append(line[2:])
        entity = facts.entities.get(item) if kind == "entity" else None
        texts = ("\n".join(by_column[c]) if c in by_column else None for c in columns)
        prior = index.priors.get(n, 1.0)
        rows.append((n, kind, item, entity.kind if entity else None, prior, *texts))
    put("insert into docs values (?,?,?,?,?,?,?,?,?,?)", rows)
    n, dense = len(index.ids), list[tuple[str, float, bytes]]()
    put("insert into terms values (?,?,?,?,?,?)", _terms(index.words, None, n, dense))
    put("insert into terms values (?,?,?,?,?,?)", _terms(index.pairs, _pair_impacts(index), n, []))
    put("insert into dense values (?,?,?)", dense)
    put("insert into thesaurus values (?,?)", (
        (g, spelling) for g, group in enumerate(index.thesaurus) for spelling in group
    ))  # fmt: skip
    put("insert into thesaurus_words values (?)", (
        (w,) for w in sorted({w for group in index.thesaurus for s in group for w in s.split()})
    ))  # fmt: skip
    longest = max((len(s.split()) for group in index.thesaurus for s in group), default=0)
    fts = has_fts5()
    if fts:
        db.executescript(_FTS)
    average = {COLUMNS.get(weights[k], "body"): a for k, a in index.average.items()}
    kinds = sorted({str(k) for row in rows for k in (row[1], row[3]) if k})
    code = {k: c for c, k in enumerate(kinds, 1)}  # 0: no entity kind
    meta = {
        "kinds": enc.encode(kinds),
        "kind_codes": array("H", [code[str(row[1])] for row in rows]).tobytes(),
        "entity_kind_codes": array(
            "H", [code[str(row[3])] if row[3] else 0 for row in rows]
        ).tobytes(),
        "longest": longest,
        "average": enc.encode(average),
        # the few documents whose prior is not 1, and their priors: read in C (as JSON, 1,000
        # of them cost 0.3 M instructions a search)
        "priors": array("I", sorted(index.priors)).tobytes(),
        "prior_values": array("d", [index.priors[d] for d in sorted(index.priors)]).tobytes(),
        "stand_ins": enc.encode(index.stand_ins),
        "documents": len(index.ids),
        "fts5": int(fts),
    }
    put("insert into meta values (?,?)", meta.items())
    db.commit()


CHAMPIONS = 128  # documents kept, best first, for a word or pair in more documents than that
DENSE = 16  # a word in more than 1/DENSE of the documents also has its impacts, one byte each


def _terms(
    postings: Any,
    pair_impacts: dict[str, dict[int, float]] | None,
    n: int,
    dense: list[tuple[str, float, bytes]],
) -> Iterator[tuple[str, int, bytes | None, bytes | None, bytes, bytes | None]]:
    """Each key's documents (and a word's impacts); for a key in many documents, also the
    CHAMPIONS documents where it scores best, best first (fulltext.py reads only those), and
    for a word in more than n/DENSE documents its impact in every document, one byte each:
    ceil(255 * impact / scale), 0 where absent, put in `dense` (fulltext.py bounds a wide
    query's candidates with it; for such a word it is smaller than the postings)."""
    starts = array("I", postings.starts)
    size, isize = starts.itemsize, array("d").itemsize
    for k, term in enumerate(postings.keys.split("\n")[1:-1]):
        begin, end = starts[k] * size, starts[k + 1] * size
        docs = postings.docs[begin:end]
        impacts = postings.impacts[begin // size * isize : end // size * isize]
        top_docs = top_impacts = None
        if (end - begin) // size > CHAMPIONS:
            scores = (
                dict(zip(array("I", docs), array("d", impacts), strict=True))
                if pair_impacts is None
                else pair_impacts.get(term, {})
            )
            best = sorted(array("I", docs), key=lambda d: -scores.get(d, 0.0))[:CHAMPIONS]
            top_docs = array("I", best).tobytes()
            top_impacts = array("d", [scores.get(d, 0.0) for d in best]).tobytes()
            if pair_impacts is None and (end - begin) // size * DENSE > n:
                dense.append((term, *_dense(scores, n)))
        df = (end - begin) // size
        yield term, df, top_docs, top_impacts, docs, impacts if pair_impacts is None else None


def _dense(impacts: dict[int, float], n: int) -> tuple[float, bytes]:
    """Each document's impact rounded up to 1/255 of the largest (0: not there): a bound."""
    scale = max(impacts.values())
    out = bytearray(n)
    for d, impact in impacts.items():
        q = min(255, max(1, math.ceil(impact * 255 / scale)))
        while q < 255 and q * scale / 255 < impact:
            q += 1
        out[d] = q
    return scale, bytes(out)


def _pair_impacts(index: Any) -> dict[str, dict[int, float]]:
    """For the word pairs in more than CHAMPIONS documents: each document's best field score
    of the pair, as a word's impact is its best field score (ranking.build)."""
    from ..text.ranking import _bm25

    starts = array("I", index.pairs.starts)
    keys = index.pairs.keys.split("\n")[1:-1]
    common = {t for k, t in enumerate(keys) if starts[k + 1] - starts[k] > CHAMPIONS}
    out: dict[str, dict[int, float]] = {t: {} for t in common}
    if not common:
        return out
    weights, average = index.weights, index.average
    for n, lines in enumerate(index.fields):
        for line in filter(None, lines.split("\n")):
            k, split = ord(line[0]) - 48, line[2:].split()
            impact = _bm25(weights[k], len(split), average[k])
            for a, b in itertools.pairwise(split):
                pair = f"{a} {b}"
                if pair in out and impact > out[pair].get(n, 0.0):
                    out[pair][n] = impact
    return out


# --- opening -------------------------------------------------------------------------------


def path_for(key: str) -> Path | None:
    where = cache.directory()
    return where / f"register-{key}.db" if where else None


def open_register(paths: list[Path], key: str | None, compile_: Any) -> Facts:
    """The register of these files: the cached database when sound, else built (and kept
    when it can be); `compile_()` gives the validated files (or raises DataError)."""
    target = path_for(key) if key else None
    if key is not None and target is not None:
        db = _open_file(target, key)
        if db is not None:
            try:
                return _facts(db, key)
            except (KeyError, ValueError, msgspec.DecodeError, sqlite3.Error):
                db.close()  # a whole file whose rows are not ours: build it again
                discard(key)
    compiled = compile_()
    if key is not None and target is not None and cache.key_for(paths) == key:
        db = _write(target, compiled, key)
        if db is not None:
            return _facts(db, key)
    db = sqlite3.connect(":memory:", check_same_thread=False)
    build(db, compiled, key or "", search=False)
    return _facts(db, key or "")


def _open_file(target: Path, key: str) -> sqlite3.Connection | None:
    """The database at target, if it is whole and holds this key; a damaged one is removed."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:  # not open(): a FIFO put in its place would block, /dev/zero never end
        fd = os.open(target, flags)
    except OSError:
        return None
    header, size = b"", 0
    try:
        info = os.fstat(fd)
        if stat.S_ISREG(info.st_mode):
            header, size = os.read(fd, 100), info.st_size
    except OSError:
        pass
    finally:
        os.close(fd)
    try:
        _check_header(header, size)
        uri = f"{target.absolute().as_uri()}?mode=ro"  # as_uri: a '?' or '#' in a folder name
        db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        try:
            got = db.execute("select value from meta where key = 'key'").fetchone()
            if got is None or got[0] != key:
                raise Damaged("another key")
        except BaseException:
            db.close()
            raise
    except (Damaged, sqlite3.Error):
        with contextlib.suppress(OSError):
            target.unlink()
        return None
    with contextlib.suppress(OSError):
        os.utime(target)  # recently used: the last file pruning would remove
    return db


def _check_header(header: bytes, size: int) -> None:
    """A file cut short, grown, or not SQLite of ours at all fails here, before SQLite reads
    pages that are not there."""
    if len(header) < 100 or not header.startswith(b"SQLite format 3\0"):
        raise Damaged("not SQLite")
    page = int.from_bytes(header[16:18], "big")
    page = 65536 if page == 1 else page
    pages = int.from_bytes(header[28:32], "big")
    if pages * page != size:
        raise Damaged("size")
    if (
        int.from_bytes(header[60:64], "big") != FORMAT
        or int.from_bytes(header[68:72], "big") != _APP_ID
    ):
        raise Damaged("format")


def _write(target: Path, compiled: Compiled, key: str) -> sqlite3.Connection | None:
    """Build into a temp file beside target and rename it into place; None if that fails."""
    import tempfile

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".register-{key}-", suffix=".tmp", dir=target.parent)
        os.close(fd)
    except OSError:
        return None
    try:
        db = sqlite3.connect(tmp)
        try:
            db.execute("pragma journal_mode = off")
            db.execute("pragma synchronous = off")
            build(db, compiled, key)
        finally:
            db.close()
        os.replace(tmp, target)
    except (OSError, sqlite3.Error):
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return None
    cache.prune(target.parent)
    return _open_file(target, key)


def export(facts: Facts, path: Path, force: bool) -> None:
    """Write the register to `path` as a standalone database: the tables above, FTS5 where
    this Python has it. An existing file is kept unless `force`; the copy is written beside
    it and renamed, so a failed export leaves what was there."""
    import tempfile

    from ..errors import OutputError, UsageError
    from ..messages import say

    if os.path.lexists(path) and not force:
        raise UsageError(say("exists_use_force", path=str(path)))
    if path.is_dir():
        raise UsageError(say("is_a_directory", path=str(path)))
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
        os.close(fd)
        out = sqlite3.connect(tmp)
        try:
            database(facts).backup(out)
        finally:
            out.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except (OSError, sqlite3.Error) as error:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise OutputError(str(getattr(error, "strerror", None) or error), str(path)) from None


# --- reading -------------------------------------------------------------------------------


def _facts(db: sqlite3.Connection, key: str) -> Facts:
    meta = dict(db.execute("select key, value from meta where key in "
                           "('schema_version', 'data_as_of', 'files', 'notices')"))  # fmt: skip
    dec = msgspec.json.Decoder(list[str])

    decoders: dict[str, Callable[[bytes], Any]] = {}

    def numbered(name: str, where: str, args: tuple[str, ...], n: bool) -> tuple[str, list[Any]]:
        """The table's records that `where` selects, in file order, and (with `n`) their row
        numbers joined by commas: one JSON array a query, decoded at once (a decode call a row
        costs 5-10 times as much)."""
        table = _TABLE_OF.get(name, name)
        if table not in decoders:
            array: Any = list  # of the table's record type, known when run
            decoders[table] = _decoder(array[_RECORDS[table]])
        numbers = "group_concat(n)" if n else "''"
        records = "cast('[' || coalesce(group_concat(record, ','), '') || ']' as blob)"
        sql = (f"select {numbers}, {records} from "
               f"(select n, record from {table} where {where} order by n)")  # fmt: skip
        joined, whole = db.execute(sql, args).fetchone()  # bytes: not decoded, encoded again
        return joined or "", decoders[table](whole)

    def select(name: str, where: str = "1", args: tuple[str, ...] = ()) -> list[Any]:
        return numbered(name, where, args, False)[1]

    def load(name: str) -> dict[str, Any]:
        return {r.id: r for r in select(name)}

    def row(name: str, ident: str) -> Any:
        return next(iter(select(name, "id = ?", (ident,))), None)

    def marks(values: tuple[str, ...]) -> str:
        return ",".join("?" * len(values))

    def kinds(name: str, wanted: tuple[str, ...], ended_by: str | None) -> list[Any]:
        if ended_by is None:
            return select(name, f"kind in ({marks(wanted)})", wanted)
        where = f"kind in ({marks(wanted)}) and valid_until <> '' and valid_until <= ?"
        return select(name, where, (*wanted, ended_by))

    def chosen(name: str, wanted: tuple[str, ...], ids: AbstractSet[str]) -> list[Any]:
        """The records of the wanted kinds or ids, in file order: a bounded number of SQL
        variables a query, the queries' records put back in order by their row numbers."""
        ordered = tuple(sorted(ids))
        queries = [(f"kind in ({marks(wanted)})", wanted)] if wanted else []
        for i in range(0, len(ordered), 500):
            chunk = ordered[i : i + 500]
            queries.append((f"id in ({marks(chunk)})", chunk))
        found: dict[int, Any] = {}
        for where, args in queries:
            joined, records = numbered(name, where, args, True)
            if records:
                found.update(zip(map(int, joined.split(",")), records, strict=True))
        return [found[k] for k in sorted(found)]

    def named(folded: str) -> set[str]:
        return {i for (i,) in db.execute("select entity from names where folded = ?", (folded,))}

    return Facts(
        int(meta["schema_version"]),
        str(meta["data_as_of"]),
        StoredStatements(db),
        load,
        dec.decode(meta["files"]),
        dec.decode(meta["notices"]),
        key,
        lambda: _cited(db),
        row,
        kinds,
        chosen,
        named,
    )


def _decoder(type_: type[T]) -> Callable[[bytes], T]:
    """A record's decoder: a record that does not decode is a damaged database, which the
    answer's caller builds again (options.rebuilding)."""
    decode = msgspec.json.Decoder(type_).decode
    # Records already read, by their bytes: `cpdt batch` and the answers that read a row twice
    # (a search hit and its result) decode each once. Bounded, so that a scan of a large
    # register keeps its memory; answers read records and never change them.
    seen: dict[bytes, T] = {}

    def decoded(record: bytes) -> T:
        hit = seen.get(record)
        if hit is not None:
            return hit
        try:
            value = decode(record)
        except (msgspec.DecodeError, TypeError) as error:
            raise sqlite3.DatabaseError(f"record: {error}") from None
        if len(seen) < _RECORDS_KEPT:
            seen[record] = value
        return value

    return decoded


_RECORDS_KEPT = 4096


def _cited(db: sqlite3.Connection) -> Cited:
    """Counted when built, with the first citation of each (`sources.cited_by`, `first_…`):
    looked up in `citations` here, the first passages cost 8 M instructions at 1,000 sources."""
    sql = "select id, cited_by, first_quote, first_locator from sources where cited_by > 0"
    return {s: (n, Citation(s, quote, locator)) for s, n, quote, locator in db.execute(sql)}


class StoredStatements(Statements):
    """The statements table, read a row (or a selection) at a time."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self._decode = _decoder(Statement)

    def _select(
        self, where: str = "", args: tuple[Any, ...] = (), tail: str = ""
    ) -> list[Statement]:
        sql = f"select record from statements {where} order by n {tail}"
        return [self._decode(r) for (r,) in self.db.execute(sql, args)]

    def __getitem__(self, key: str) -> Statement:
        row = self.db.execute("select record from statements where id = ?", (key,)).fetchone()
        if row is None:
            raise KeyError(key)
        return self._decode(row[0])

    def __contains__(self, key: object) -> bool:
        got = self.db.execute("select 1 from statements where id = ?", (key,)).fetchone()
        return isinstance(key, str) and got is not None

    def __iter__(self) -> Iterator[str]:
        return (i for (i,) in self.db.execute("select id from statements order by n"))

    def __len__(self) -> int:
        return int(self.db.execute("select count(*) from statements").fetchone()[0])

    def values(self) -> ValuesView[Statement]:
        return _Values(self)

    def of_kind(self, *kinds: str) -> list[Statement]:
        return self._select(f"where kind in ({','.join('?' * len(kinds))})", kinds)

    def linked(self, target: str, roles: tuple[str, ...] = ()) -> list[Statement]:
        which = f" and role in ({','.join('?' * len(roles))})" if roles else ""
        return self._select(
            f"where n in (select statement from links where target = ?{which})", (target, *roles)
        )

    def linked_to_any(
        self, targets: AbstractSet[str], roles: tuple[str, ...]
    ) -> dict[str, list[Statement]]:
        pairs: set[tuple[str, int]] = set()
        records: dict[int, bytes] = {}
        ordered = sorted(targets)
        which = ",".join("?" * len(roles))
        for i in range(0, len(ordered), 500):  # a bounded number of SQL variables at a time
            chunk = ordered[i : i + 500]
            sql = f"""select l.target, s.n, s.record from links l join statements s
                on s.n = l.statement where l.target in ({",".join("?" * len(chunk))})
                and l.role in ({which})"""
            for target, n, record in self.db.execute(sql, (*chunk, *roles)):
                pairs.add((target, n))
                records[n] = record
        found: dict[str, list[Statement]] = {}
        for target, n in sorted(pairs, key=lambda p: p[1]):
            found.setdefault(target, []).append(self._decode(records[n]))
        return found

    def citing(self, source_id: str, limit: int) -> list[Statement]:
        return self._select(
            "where id in (select owner_id from citations where source = ? and owner = 'statement')",
            (source_id, limit),
            "limit ?",
        )

    def kinds(self) -> set[str]:
        return {k for (k,) in self.db.execute("select distinct kind from statements")}

    def subjects(self, kind: str) -> set[str]:
        sql = "select distinct subject from statements where kind = ? and subject is not null"
        return {s for (s,) in self.db.execute(sql, (kind,))}

    def about(self, kind: str, subjects: AbstractSet[str]) -> list[Statement]:
        return self._among("where kind = ? and subject in ({})", (kind,), subjects)

    def citing_any(self, kind: str, sources: AbstractSet[str]) -> list[Statement]:
        where = """where kind = ? and id in (select owner_id from citations
            where owner = 'statement' and source in ({}))"""
        return self._among(where, (kind,), sources)

    def _among(
        self, where: str, args: tuple[str, ...], values: AbstractSet[str]
    ) -> list[Statement]:
        """The rows `where` selects for any of many values (its `{}`), in file order: a bounded
        number of SQL variables at a time."""
        rows: dict[int, bytes] = {}
        ordered = sorted(values)
        for i in range(0, len(ordered), 500):
            chunk = ordered[i : i + 500]
            sql = f"select n, record from statements {where.format(','.join('?' * len(chunk)))}"
            rows.update(self.db.execute(sql, (*args, *chunk)).fetchall())
        return [self._decode(rows[n]) for n in sorted(rows)]

    def dated(
        self, lo: str = "0000", hi: str = "9999", refs: AbstractSet[str] | None = None
    ) -> list[Statement]:
        where = "where (kind = 'ranking' or substr(date, 1, 4) between ? and ?)"
        if refs is None:
            return self._select(where, (lo, hi))
        where += " and n in (select statement from links where role = 'ref' and target in ({}))"
        return self._among(where, (lo, hi), refs)


class _Values(ValuesView[Statement]):
    """All statements in one query (the default would look each id up)."""

    def __init__(self, owner: StoredStatements) -> None:
        super().__init__(owner)
        self._owner = owner

    def __iter__(self) -> Iterator[Statement]:
        return iter(self._owner._select())


_MEMORY: list[tuple[Facts, sqlite3.Connection]] = []  # the last register held in memory


def database(facts: Facts) -> sqlite3.Connection:
    """The database of a register; one held in memory (`cpdt check`'s) is compiled first."""
    if isinstance(facts.statements, StoredStatements):
        db = facts.statements.db
        if db.execute("select 1 from meta where key = 'documents'").fetchone() is None:
            build_search(db, facts.compiled())  # one built in memory, searched the first time
        return db
    if not _MEMORY or _MEMORY[0][0] is not facts:
        db = sqlite3.connect(":memory:", check_same_thread=False)
        build(db, facts.compiled(), facts.cache_key)
        _MEMORY[:] = [(facts, db)]
    return _MEMORY[0][1]


def discard(key: str | None) -> None:
    """Remove the database of this key (found damaged while read)."""
    target = path_for(key) if key else None
    if target is not None:
        with contextlib.suppress(OSError):
            target.unlink()


def rebuilt(facts: Facts) -> Facts:
    """The register of the same files, its damaged database file removed and built again."""
    from . import facts as facts_mod

    discard(facts.cache_key)
    return facts_mod.load([Path(f) for f in facts.files])
