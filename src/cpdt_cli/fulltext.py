"""Search over the register database: ranking.py's scores, on rows read from SQLite.

A query whose words reach few documents is ranked exactly as ranking.Index ranks it (bounds
from the postings in `terms`, exact scores in bound order): each document is scored by the
same code over the same fields. A query whose words are in thousands of documents (a common
phrase in a large register) takes its candidates from FTS5 instead: the documents holding
every concept, and the best by FTS5's bm25 with the field weights as column weights; only those
are scored exactly. Where FTS5 is missing (some Python builds), every query takes the exact
way: slower on a large register, the same answers.
"""

from __future__ import annotations

import math
import sqlite3
from array import array
from collections.abc import Callable, Iterable

import msgspec

from . import ranking
from .store import COLUMNS

EXACT_REACH = 4000  # postings a query may read for the exact way; beyond, FTS5 candidates
CANDIDATES = 4  # FTS5 candidates per result asked for, from each of its two queries
_WEIGHTS = list(COLUMNS)  # weight number k -> field weight, as IndexData numbers them
_NAMES = list(COLUMNS.values())
_BM25 = ", ".join(str(w) for w in COLUMNS)
_ID, _IMPACT = array("I").itemsize, array("d").itemsize


class _Terms:
    """`terms` as ranking.Index asks of its postings: is a key there, and every word."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.df: dict[str, int] = {}

    def number(self, key: str) -> int | None:
        df = self.count(key)
        return df if df else None

    def count(self, key: str) -> int:
        df = self.df.get(key)
        if df is None:
            row = self.db.execute("select length(docs) from terms where term = ?", (key,))
            got = row.fetchone()
            df = self.df[key] = got[0] // _ID if got else 0
        return df

    def all_keys(self) -> list[str]:
        return [t for (t,) in self.db.execute("select term from terms where instr(term, ' ') = 0")]


class _Data:
    """What ranking's scoring reads of IndexData, for a stored register."""

    def __init__(self, db: sqlite3.Connection, average: dict[str, float]) -> None:
        self.words = self.pairs = _Terms(db)
        self.weights = _WEIGHTS
        self.average = {k: average[c] for k, c in enumerate(_NAMES) if c in average}
        self.priors: dict[int, float] = dict(
            db.execute("select n, prior from docs where prior != 1.0")
        )
        self.stand_ins: dict[int, list[int]] = {}
        for doc, card in db.execute("select doc, card from stand_ins"):
            self.stand_ins.setdefault(doc, []).append(card)


class StoredIndex(ranking.Index):
    """ranking.Index over the `docs` and `terms` tables: rows are read as a query needs them."""

    def __init__(self, db: sqlite3.Connection) -> None:  # not super(): there is no IndexData
        meta = dict(db.execute("select key, value from meta where key in "
                               "('thesaurus', 'average', 'documents', 'fts5')"))  # fmt: skip
        self.db = db
        self.fts = bool(meta["fts5"])
        average = msgspec.json.decode(meta["average"], type=dict[str, float])
        self.data = _Data(db, average)  # type: ignore[assignment]
        groups = msgspec.json.decode(meta["thesaurus"], type=list[list[str]])
        self.thesaurus = ranking.Thesaurus([tuple(s.split()) for s in g] for g in groups)
        self._n = max(int(meta["documents"]), 1)
        self._fields: dict[int, list[ranking._Field]] = {}
        self._impacts: dict[str, dict[int, float]] = {}
        self._sets: dict[str, frozenset[int]] = {}
        self._rows: dict[int, tuple[str, str, str | None]] = {}

    # - rows -

    def row(self, i: int) -> tuple[str, str, str | None]:
        """Document i's kind, item id and (for an entity) the entity's kind."""
        got = self._rows.get(i)
        if got is None:
            self._fetch([i])
            got = self._rows[i]
        return got

    def kind(self, i: int) -> str:
        return self.row(i)[0]

    def item(self, i: int) -> str:
        return self.row(i)[1]

    def _fetch(self, docs: Iterable[int]) -> None:
        """Rows and fields of these documents, in one query."""
        wanted = [i for i in docs if i not in self._rows]
        if not wanted:
            return
        sql = (f"select n, kind, item, entity_kind, {', '.join(_NAMES)} from docs "
               f"where n in ({','.join('?' * len(wanted))})")  # fmt: skip
        for n, kind, item, entity_kind, *texts in self.db.execute(sql, wanted):
            self._rows[n] = (kind, item, entity_kind)
            fields = []
            for weight, text in zip(_WEIGHTS, texts, strict=True):
                for line in text.split("\n") if text else ():
                    ws = line.split()
                    fields.append(ranking._Field(weight, frozenset(ws), f" {line} ", len(ws)))
            self._fields[n] = fields
        if any(i not in self._rows for i in wanted):
            raise ranking.CorruptIndex("document number")

    # - what ranking.Index reads from its postings -

    def _doc_fields(self, i: int) -> list[ranking._Field]:
        got = self._fields.get(i)
        if got is None:
            self._fetch([i])
            got = self._fields[i]
        return got

    def _postings(self, key: str) -> tuple[array[int], array[float]]:
        row = self.db.execute("select docs, impacts from terms where term = ?", (key,)).fetchone()
        if row is None:
            return array("I"), array("d")
        if len(row[0]) % _ID or len(row[1] or b"") % _IMPACT:
            raise ranking.CorruptIndex(key)
        docs, impacts = array("I", row[0]), array("d", row[1] or b"")
        if docs and max(docs) >= self._n:
            raise ranking.CorruptIndex(key)
        return docs, impacts

    def _impact(self, word: str) -> dict[int, float]:
        got = self._impacts.get(word)
        if got is None:
            docs, impacts = self._postings(word)
            if len(docs) != len(impacts):
                raise ranking.CorruptIndex(word)
            got = self._impacts[word] = dict(zip(docs, impacts, strict=True))
        return got

    def _pair(self, a: str, b: str) -> frozenset[int]:
        key = f"{a} {b}"
        got = self._sets.get(key)
        if got is None:
            got = self._sets[key] = frozenset(self._postings(key)[0])
        return got

    def _idf(self, word: str) -> float:
        df = self.data.words.count(word)  # type: ignore[attr-defined]
        return math.log(1 + (self._n - df + 0.5) / (df + 0.5)) if df else 0.0

    # - the query -

    def ranked(
        self,
        query: str,
        limit: int,
        boost: Callable[[int], float],
        keep: Callable[[int], bool],
        kind: str | None = None,
        wanted: frozenset[str] = frozenset(),
    ) -> list[ranking.Hit]:
        """ranking.Index.top, with FTS5 candidates where the words reach too many documents;
        `kind` and `wanted` (the kinds boosted) let FTS5 look among those kinds too."""
        concepts = self.concepts(query)
        words = {w for c in concepts if not c.stop for s, _ in c.alts for w in s}
        terms: _Terms = self.data.words  # type: ignore[assignment]
        if not self.fts or sum(map(terms.count, words)) <= EXACT_REACH:
            return ranking._Plan(self, concepts, boost).top(limit, keep, False)
        try:
            return _Wide(self, concepts, boost).top(limit, keep, kind, wanted)
        except sqlite3.OperationalError:  # built with FTS5, read by a Python without it
            self.fts = False
            return ranking._Plan(self, concepts, boost).top(limit, keep, False)

    def reach(self, concept: ranking.Concept) -> int:
        """In how many documents one of the concept's spellings stands whole (its rarity)."""
        terms: _Terms = self.data.words  # type: ignore[assignment]
        if len(concept.alts) == 1 and len(concept.alts[0][0]) <= 2:
            return terms.count(" ".join(concept.alts[0][0]))
        match = " OR ".join(_phrase(s) for s, _ in concept.alts)
        sql = "select count(*) from docs_fts where docs_fts match ?"
        return int(self.db.execute(sql, (match,)).fetchone()[0])

    def candidates(
        self, concepts: list[ranking.Concept], limit: int, kind: str | None, wanted: frozenset[str]
    ) -> list[int]:
        """Documents holding every concept, then the best by bm25 holding any of their words."""
        content = [c for c in concepts if not c.stop]
        every = " AND ".join(f"({' OR '.join(_phrase(s) for s, _ in c.alts)})" for c in content)
        words = dict.fromkeys(w for c in content for s, _ in c.alts for w in s)
        some = " OR ".join(_phrase((w,)) for w in words)
        found: dict[int, None] = {}
        kinds = [(kind,)] if kind else [None, *((k,) for k in sorted(wanted))]
        for match in (every, some):
            for only in kinds:
                found.update(dict.fromkeys(self._best(match, limit, only)))
        return list(found)

    def _best(self, match: str, limit: int, only: tuple[str] | None) -> list[int]:
        where = " and (d.kind = ?1 or d.entity_kind = ?1)" if only else ""
        sql = (f"select f.rowid from docs_fts f join docs d on d.n = f.rowid "
               f"where docs_fts match ?2{where} "
               f"order by bm25(docs_fts, {_BM25}) limit ?3")  # fmt: skip
        args = (only[0] if only else None, match, limit)
        return [n for (n,) in self.db.execute(sql, args)]


def _phrase(spelling: tuple[str, ...]) -> str:
    return '"' + " ".join(spelling) + '"'  # folded words: no quote to escape


class _Wide(ranking._Plan):
    """A plan over FTS5 candidates: the same exact scores, for a few documents."""

    def __init__(
        self, index: StoredIndex, concepts: list[ranking.Concept], boost: Callable[[int], float]
    ) -> None:  # not super(): it would unpack every posting of every word
        self.index = index
        self.data = index.data
        self.concepts = concepts
        self.boost = boost
        n = index._n
        self.rarity = [
            math.log(1 + (n - w + 0.5) / (w + 0.5)) for w in (index.reach(c) for c in concepts)
        ]
        self.wanted = sum(r for r, c in zip(self.rarity, concepts, strict=True) if not c.stop)
        self.content = [j for j, c in enumerate(concepts) if not c.stop]
        self.idf = {w: index._idf(w) for c in concepts for s, _ in c.alts for w in s}
        self.average = {self.data.weights[k]: a for k, a in self.data.average.items()}
        self._exact: dict[int, tuple[float, frozenset[str]] | None] = {}
        self._stored = index

    def top(  # type: ignore[override]
        self,
        limit: int,
        keep: Callable[[int], bool],
        kind: str | None,
        wanted: frozenset[str],
    ) -> list[ranking.Hit]:
        if not self.concepts or all(c.stop for c in self.concepts) or not self.wanted:
            return []
        index = self._stored
        docs = index.candidates(self.concepts, max(limit, 1) * CANDIDATES, kind, wanted)
        cards = [e for i in docs for e in self.data.stand_ins.get(i, ())]
        index._fetch([*docs, *cards])
        best: list[tuple[float, float, int, frozenset[str]]] = []
        for i in docs:
            if not keep(i):
                continue
            scored = self._final(i)
            if scored is not None:
                best.append((scored[0], scored[1], i, scored[2]))
        best.sort(key=lambda b: (-b[0], -b[1], b[2]))
        return [(score, i, found) for score, _, i, found in best[:limit]]
