"""Search over the register database: ranking.py's scores, on rows read from SQLite.

A query whose words reach few documents is ranked exactly as ranking.Index ranks it: bounds
from the postings in `terms` (only the query's rows are read), exact scores in bound order, by
the same code over the same fields. A query whose words are in thousands of documents (a
common phrase in a large register) first reads only each word's champions (the
store.CHAMPIONS documents where it scores best, kept best first) and its word pairs'
documents: these name its candidates. Each candidate is then bounded as the exact plan bounds
it, from every word's impact there (a common word's one-byte impacts, store.DENSE, else its
whole postings), so few are scored: first those that hold every concept, then only those of
the rest whose concepts, each at its most, could reach the last of those scores
(`_Wide.top`). A document no list names is bounded by each list's last impact. That answer
is the exact one when no such document could reach its last place (checked:
`_Wide.proven`); otherwise the query runs the exact way, unless its words reach more than
PROVE_REACH documents, where the candidates' answer stands (the documents no list names,
such as one holding some words of a phrase but not the phrase, are then not looked at).
FTS5 (`docs_fts`) counts phrases for rarities; without it (store.has_fts5) the count is
bounded by the rarest word or pair of the phrase.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import math
import operator
import sqlite3
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet

import msgspec

from ..text import normalize, ranking
from .store import COLUMNS

EXACT_REACH = 4000  # postings a query may read for the exact way; beyond, champions first
PROVE_REACH = 40_000  # postings beyond which the champions' answer stands, proven or not
PREFETCH = 64  # documents of a wide query whose fields are read at once, best bounds first,
FIRST_READ = 8  # and at first: most queries score few documents (a read is doubled each time)
GROUPED = 8  # a wide query of up to this many concepts bounds only what could reach its answer,
GROUPED_FROM = 1000  # once its candidates are this many (280 at 10k: one round costs less)
PAIR_READ = 16384  # a word pair in up to this many documents is read whole even then: where
# a query's words stand together is what ranks a document first
_WEIGHTS = list(COLUMNS)  # weight number k -> field weight, as IndexData numbers them
_NAMES = list(COLUMNS.values())
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
            row = self.db.execute("select df from terms where term = ?", (key,))
            got = row.fetchone()
            df = self.df[key] = got[0] if got else 0
        return df

    def preload(self, keys: Iterable[str]) -> None:
        """The counts of these keys, in one query."""
        wanted = list(dict.fromkeys(k for k in keys if k not in self.df))
        if wanted:
            sql = f"select term, df from terms where term in ({_marks(wanted)})"
            got = dict(self.db.execute(sql, wanted))
            self.df.update((k, got.get(k, 0)) for k in wanted)

    def all_keys(self) -> list[str]:
        return [t for (t,) in self.db.execute("select term from terms where instr(term, ' ') = 0")]


class _Alts:
    """ranking.Thesaurus._alts over the `thesaurus` table: a query looks up its own phrases."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self._got: dict[ranking.Spelling, set[ranking.Spelling]] = {}

    def get(
        self, spelling: ranking.Spelling, default: set[ranking.Spelling] | None = None
    ) -> set[ranking.Spelling]:
        got = self._got.get(spelling)
        if got is None:
            self.preload([spelling])
            got = self._got[spelling]
        return got if got else (default if default is not None else set())

    def preload(self, spellings: Iterable[ranking.Spelling]) -> None:
        """The other spellings of each of these, in one query."""
        wanted = {" ".join(s): s for s in spellings if s not in self._got}
        if not wanted:
            return
        sql = (
            "select distinct a.spelling, b.spelling from thesaurus a join thesaurus b "
            f"on b.grp = a.grp where a.spelling in ({_marks(wanted)})"
        )
        for s in wanted.values():
            self._got[s] = set()
        for a, b in self.db.execute(sql, list(wanted)):
            self._got[wanted[a]].add(tuple(b.split()))

    def __contains__(self, spelling: object) -> bool:
        return isinstance(spelling, tuple) and bool(self.get(spelling))


class _Words:
    """ranking.Thesaurus.vocabulary over `thesaurus_words`."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self._known: dict[object, bool] = {}

    def __contains__(self, word: object) -> bool:
        got = self._known.get(word)
        if got is None:
            sql = "select 1 from thesaurus_words where word = ?"
            got = self._known[word] = self.db.execute(sql, (word,)).fetchone() is not None
        return got

    def preload(self, words: Iterable[str]) -> None:
        wanted = [w for w in dict.fromkeys(words) if w not in self._known]
        if wanted:
            sql = f"select word from thesaurus_words where word in ({_marks(wanted)})"
            found = {w for (w,) in self.db.execute(sql, wanted)}
            self._known.update((w, w in found) for w in wanted)

    def __iter__(self) -> Iterator[str]:
        return (w for (w,) in self.db.execute("select word from thesaurus_words"))


class _Thesaurus(ranking.Thesaurus):
    """The thesaurus of a stored register, read a phrase at a time."""

    def __init__(self, db: sqlite3.Connection, longest: int) -> None:  # not super(): no groups
        self.groups = []
        self.alts, self.words = _Alts(db), _Words(db)
        self._alts = self.alts  # type: ignore[assignment]
        self.vocabulary = self.words  # type: ignore[assignment]
        self.longest = longest


class _Data:
    """What ranking's scoring reads of IndexData, for a stored register."""

    def __init__(self, db: sqlite3.Connection, average: dict[str, float]) -> None:
        self.words = self.pairs = _Terms(db)
        self.weights = _WEIGHTS
        self.average = {k: average[c] for k, c in enumerate(_NAMES) if c in average}
        keys = "('priors', 'prior_values', 'stand_ins')"
        small = dict(db.execute(f"select key, value from meta where key in {keys}"))
        docs, values = array("I", small["priors"]), array("d", small["prior_values"])
        if len(docs) != len(values):
            raise ValueError("priors")
        self.priors = dict(zip(docs, values, strict=True))
        self.stand_ins = msgspec.json.decode(small["stand_ins"], type=dict[int, list[int]])


class StoredIndex(ranking.Index):
    """ranking.Index over the `docs` and `terms` tables: rows are read as a query needs them."""

    def __init__(self, db: sqlite3.Connection) -> None:  # not super(): there is no IndexData
        try:
            self._open(db)
        except (KeyError, ValueError, msgspec.DecodeError) as error:
            raise ranking.CorruptIndex(str(error)) from None

    def _open(self, db: sqlite3.Connection) -> None:
        keys = ("longest", "average", "documents", "fts5", "kinds")
        sql = f"select key, value from meta where key in ({_marks(keys)})"
        meta = dict(db.execute(sql, keys))
        self.db = db
        self.fts = bool(meta["fts5"])
        average = msgspec.json.decode(meta["average"], type=dict[str, float])
        self.data = _Data(db, average)  # type: ignore[assignment]
        self.thesaurus: _Thesaurus = _Thesaurus(db, int(meta["longest"]))
        self._documents = int(meta["documents"])
        self._n = max(self._documents, 1)
        self._kinds = ["", *msgspec.json.decode(meta["kinds"], type=list[str])]
        self._codes: dict[str, array[int]] = {}  # read when first asked (400 kB at 100k)
        self._fields: dict[int, list[ranking._Field]] = {}
        self._impacts: dict[str, dict[int, float]] = {}
        self._sets: dict[str, frozenset[int]] = {}
        self._whole_postings: dict[str, tuple[array[int], array[float]]] = {}
        self._dense: dict[str, tuple[bytes, float]] = {}
        self._steps: dict[str, list[float]] = {}  # word -> what each of its codes is worth
        self._rows: dict[int, tuple[str, str, str | None]] = {}
        self.wide = False  # reading only each key's champions (store.CHAMPIONS)
        self.floor: dict[str, float] = {}  # a word's last champion's impact
        self.partial: set[str] = set()  # the pairs read as champions only
        self._order: list[int] = []
        self._place: dict[int, int] = {}
        self._batch = FIRST_READ

    # - rows -

    def row(self, i: int) -> tuple[str, str, str | None]:
        """Document i's kind, item id and (for an entity) the entity's kind."""
        got = self._rows.get(i)
        if got is None:
            self._fetch([i])
            got = self._rows[i]
        return got

    def kind(self, i: int) -> str:
        got = self._rows.get(i)  # a document scored: its row is read
        return got[0] if got is not None else self._kind_of(i, "kind_codes")

    def entity_kind(self, i: int) -> str | None:
        """The entity's kind, for a document that is an entity."""
        return self._kind_of(i, "entity_kind_codes") or None

    def _kind_of(self, i: int, table: str) -> str:
        codes = self._codes.get(table)
        if codes is None:
            sql = "select value from meta where key = ?"
            got = self.db.execute(sql, (table,)).fetchone()
            codes = self._codes[table] = array("H", got[0] if got else b"")
            if len(codes) != self._documents:
                raise ranking.CorruptIndex(table)
        try:  # a code out of range is a damaged database (checking all costs more)
            return self._kinds[codes[i]]
        except IndexError:
            raise ranking.CorruptIndex("kind code") from None

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
                for line in text.split("\n") if text else ():  # words one space apart
                    fields.append(ranking._Field(weight, f" {line} ", line.count(" ") + 1))
            self._fields[n] = fields
        if any(i not in self._rows for i in wanted):
            raise ranking.CorruptIndex("document number")

    # - what ranking.Index reads from its postings -

    def upcoming(self, order: list[int]) -> None:
        """The order in which documents will be scored: their fields are read from the one
        asked for on, FIRST_READ of them, then twice as many each time, up to PREFETCH."""
        self._order = order
        self._place = {i: k for k, i in enumerate(order)}
        self._batch = FIRST_READ

    def _whole(self, spelling: ranking.Spelling) -> frozenset[int]:
        if len(spelling) > 2:  # the phrase is looked for in the fields: read them at once
            found = sorted(frozenset.intersection(*map(self._pair, spelling, spelling[1:])))
            for at in range(0, len(found), PREFETCH):
                self._fetch(found[at : at + PREFETCH])
        return super()._whole(spelling)

    def _doc_fields(self, i: int) -> list[ranking._Field]:
        got = self._fields.get(i)
        if got is None:
            at = self._place.get(i)
            self._fetch([i] if at is None else self._order[at : at + self._batch])
            self._batch = min(2 * self._batch, PREFETCH)
            got = self._fields[i]
        return got

    def _postings(self, key: str) -> tuple[array[int], array[float]]:
        """The key's documents and impacts; in a wide query, only its champions where stored
        (then `floor` holds the most any other document can score for it)."""
        sql = "select df, top_docs, top_impacts from terms where term = ?"
        row = self.db.execute(sql, (key,)).fetchone()
        if row is None:
            return array("I"), array("d")
        whole_pair = " " in key and row[0] <= PAIR_READ
        champions = self.wide and row[1] is not None and not whole_pair
        if champions:
            docs_blob, impacts_blob = row[1], row[2] or b""
        else:  # the whole postings stand last in the row: a query for the champions skips them
            sql = "select docs, impacts from terms where term = ?"
            docs_blob, impacts_blob = self.db.execute(sql, (key,)).fetchone()
            impacts_blob = impacts_blob or b""
        if len(docs_blob) % _ID or len(impacts_blob) % _IMPACT:
            raise ranking.CorruptIndex(key)
        docs, impacts = array("I", docs_blob), array("d", impacts_blob)
        if docs and max(docs) >= self._n:
            raise ranking.CorruptIndex(key)
        if champions:
            if impacts and " " not in key:
                self.floor[key] = impacts[-1]
            if " " in key:
                self.partial.add(key)
        return docs, impacts

    def impacts_in(self, word: str, docs: set[int]) -> dict[int, float]:
        """A bound of the word's impact in each of these documents that holds it: its one-byte
        impacts where stored (store.DENSE), else its impacts read from its whole postings."""
        code, unit = self._dense_codes(word)
        if code:  # only documents of `docs` are read: no number out of range
            steps = self._steps.get(word)
            if steps is None:
                steps = self._steps[word] = [c * unit for c in range(256)]
            return {i: steps[c] for i, c in zip(*_codes_at(code, docs), strict=True) if c}
        return self._impacts_read(word, docs)

    def holders_in(self, word: str, docs: set[int]) -> set[int]:
        """Those of these documents that hold the word: the keys of `impacts_in`, or more."""
        code, _ = self._dense_codes(word)
        if code:
            return set(itertools.compress(*_codes_at(code, docs)))
        return set(self._impacts_read(word, docs))

    def most_impact(self, word: str) -> float:
        """The most `impacts_in` gives for the word in any document."""
        code, unit = self._dense_codes(word)
        if code:
            return 255 * unit  # as the largest code reads
        return max(self._whole_read(word)[1], default=0.0)

    def _dense_codes(self, word: str) -> tuple[bytes, float]:
        """The word's one-byte impacts (empty where it has none) and what one step is worth."""
        dense = self._dense.get(word)
        if dense is None:
            sql = "select impacts, scale from dense where term = ?"
            row = self.db.execute(sql, (word,)).fetchone()
            if row and (len(row[0]) != self._n or not row[1] > 0):
                raise ranking.CorruptIndex(word)
            dense = self._dense[word] = (row[0], row[1] / 255) if row else (b"", 0.0)
        return dense

    def _whole_read(self, word: str) -> tuple[array[int], array[float]]:
        """The word's whole postings, kept."""
        got = self._whole_postings.get(word)
        if got is None:
            sql = "select docs, impacts from terms where term = ?"
            row = self.db.execute(sql, (word,)).fetchone() or (b"", b"")
            if len(row[0]) % _ID or len(row[0]) // _ID * _IMPACT != len(row[1] or b""):
                raise ranking.CorruptIndex(word)
            got = self._whole_postings[word] = (array("I", row[0]), array("d", row[1] or b""))
        return got

    def _impacts_read(self, word: str, docs: set[int]) -> dict[int, float]:
        from bisect import bisect_left as find  # 0.6 ms to import: only a wide query needs it

        held, impacts = self._whole_read(word)  # only `docs` are read: no number out of range
        out = {}
        if len(held) > 4 * len(docs):  # postings are in document order
            at, end = 0, len(held)
            for i in sorted(docs):
                at = find(held, i, at)
                if at == end:
                    break
                if held[at] == i:
                    out[i] = impacts[at]
        else:
            for i in docs.intersection(held):
                out[i] = impacts[find(held, i)]
        return out

    def _impact(self, word: str) -> dict[int, float]:
        got = self._impacts.get(word)
        if got is None:
            docs, impacts = self._postings(word)
            if len(docs) != len(impacts) and not (self.wide and not impacts):
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

    def _look_up(self, typed: ranking.Spelling) -> None:
        """The query's words, pairs and phrases, looked up at once."""
        terms: _Terms = self.data.words  # type: ignore[assignment]
        terms.preload([*typed, *(f"{a} {b}" for a, b in itertools.pairwise(typed))])
        thesaurus = self.thesaurus
        thesaurus.words.preload(typed)
        longest = max(thesaurus.longest, 1)
        thesaurus.alts.preload(
            typed[i : i + n] for i in range(len(typed)) for n in range(1, longest + 1)
            if i + n <= len(typed)
        )  # fmt: skip

    def ranked(
        self,
        query: str,
        limit: int,
        boost: Callable[[int], float] | None = None,
        keep: Callable[[int], bool] | None = None,
        most: float = 1.0,
    ) -> list[ranking.Hit]:
        """ranking.Index.top (`most`: the largest `boost` gives; None: no boost, every
        document kept). A query whose words reach
        more than EXACT_REACH documents first reads only each word's champions; when that
        answer cannot be shown to be the exact one, the query is run the exact way, unless
        its words reach more than PROVE_REACH documents: then the champions' answer stands."""
        boost, keep = boost or ranking._one, keep or ranking._anything
        terms: _Terms = self.data.words  # type: ignore[assignment]
        typed = set(normalize.words(query)) - ranking.STOP_WORDS
        reach = sum(map(terms.count, typed))
        if reach > EXACT_REACH:
            self._read(wide=True)
            settled = reach > PROVE_REACH
            plan = _Wide(self, self.concepts(query), boost, most)
            hits = plan.top(limit, keep, False)
            if settled or plan.proven(hits, limit):
                return hits
        self._read(wide=False)
        return ranking._Plan(self, self.concepts(query), boost).top(limit, keep, False)

    def _read(self, wide: bool) -> None:
        if wide != self.wide:
            self.wide = wide
            self._impacts.clear()
            self._sets.clear()
            self.floor.clear()
            self.partial.clear()

    def reach(self, concept: ranking.Concept) -> int:
        """In how many documents one of the concept's spellings stands whole (its rarity)."""
        terms: _Terms = self.data.words  # type: ignore[assignment]
        if len(concept.alts) == 1 and len(concept.alts[0][0]) <= 2:
            return terms.count(" ".join(concept.alts[0][0]))
        if self.fts:
            match = " OR ".join(_phrase(s) for s, _ in concept.alts)
            sql = "select count(*) from docs_fts where docs_fts match ?"
            with contextlib.suppress(sqlite3.OperationalError):  # read where FTS5 is missing
                return int(self.db.execute(sql, (match,)).fetchone()[0])
        counts = (min(map(terms.count, _keys(s))) for s, _ in concept.alts)
        return min(sum(counts), self._n)  # at most: the spellings' rarest word or pair


def _codes_at(code: bytes, docs: set[int]) -> tuple[list[int], Sequence[int]]:
    """The documents, as a list, and each one's code: read in C (itemgetter), 40% cheaper
    than one at a time."""
    order = list(docs)
    if len(order) < 2:  # itemgetter of one item gives the item, not a tuple
        return order, [code[i] for i in order]
    return order, operator.itemgetter(*order)(code)


def _marks(values: Iterable[object]) -> str:
    return ",".join("?" * len(list(values)))


def _keys(spelling: tuple[str, ...]) -> list[str]:
    """The words of a spelling, or its word pairs: what `terms` counts."""
    return (
        list(spelling)
        if len(spelling) == 1
        else [f"{a} {b}" for a, b in itertools.pairwise(spelling)]
    )


def _phrase(spelling: tuple[str, ...]) -> str:
    return '"' + " ".join(spelling) + '"'  # folded words: no quote to escape


class _Wide(ranking._Plan):
    """A plan over the champions of each key: bounds and exact scores as ranking's, rarities
    from the true counts (a champion list would make a common word look rare)."""

    def __init__(
        self,
        index: StoredIndex,
        concepts: list[ranking.Concept],
        boost: Callable[[int], float],
        most: float,
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
        self._caps: list[float] = []
        self._most = most
        self._universe: set[int] | None = None
        self._held: dict[str, set[int]] = {}  # word -> the documents of the universe holding it
        self._side_by_sides: dict[tuple[int, int], frozenset[int]] = {}

    def top(self, limit: int, keep: Callable[[int], bool], exhaustive: bool) -> list[ranking.Hit]:
        """ranking's answer, in two rounds: the documents where every concept may score
        (`_scorers`) are bounded and scored first; the rest are bounded only where the
        concepts that may score there could together reach the last of those scores
        (`_reaching`), and scored with them in order of bound. The others could not have
        been scored: the answer is the same."""
        universe = self._fill()
        few = len(universe) < GROUPED_FROM or len(self.content) > GROUPED
        if exhaustive or not self.content or few:
            return super().top(limit, keep, exhaustive)
        held = [self._scorers(self.concepts[j]) for j in self.content]
        first = set.intersection(*held) | (self._tied() & universe)  # stand-ins with their cards
        queue = ranking._queue(self._upcoming(self._bounds_in(first, keep)))
        best: list[ranking._Scored] = []
        self._walk(queue, best, limit, False)
        rest = self._reaching(held, best[-1][0] if len(best) >= limit else 0.0) - first
        if rest:
            queue += ((-b, i) for i, b in self._bounds_in(rest, keep).items())
            heapq.heapify(queue)
            self._upcoming({i: -b for b, i in queue})
            self._walk(queue, best, limit, False)
        return ranking._hits(best)

    def _bounds(self, keep: Callable[[int], bool]) -> dict[int, float]:
        return self._upcoming(self._bounds_in(self._fill(), keep))

    def _bounds_in(self, docs: set[int], keep: Callable[[int], bool]) -> dict[int, float]:
        """ranking's bounds of these documents of the universe."""
        return self._lifted(self._boosted([self._within(c, docs) for c in self.concepts]), keep)

    def _upcoming(self, bounds: dict[int, float]) -> dict[int, float]:
        """The fields of the documents likeliest to be scored are read in one query, not one
        each. (heapq.nlargest's loop is Python's: sorting in C is 5 times cheaper at 800.)"""
        likeliest = sorted(bounds, key=bounds.__getitem__, reverse=True)[: 4 * PREFETCH]
        self._stored.upcoming(likeliest)  # the rest, rarely scored, are read one at a time
        return bounds

    def _scorers(self, concept: ranking.Concept) -> set[int]:
        """The documents of the universe where the concept may score: those holding enough of
        one of its spellings' words (ranking._Plan._scoring)."""
        out: set[int] = set()
        for spelling, _ in concept.alts:
            held = [self._holders(w) for w in spelling]
            out.update(*(docs for _, docs in self._scoring(spelling, held)))
        return out

    def _holders(self, word: str) -> set[int]:
        got = self._held.get(word)
        if got is None:
            got = self._held[word] = self._stored.holders_in(word, self._fill())
        return got

    def _tied(self) -> set[int]:
        """The documents with stand-ins, and their stand-ins: bounded together or not at all."""
        stand_ins = self.data.stand_ins
        return set(stand_ins).union(*stand_ins.values())

    def _reaching(self, held: list[set[int]], last: float) -> set[int]:
        """The documents whose content concepts (`held`: the documents where each may score,
        in the order of `content`) could together reach the score `last`: those that hold
        each concept of some least group of them that could, each at its most."""
        if last <= 0:
            return set().union(*held)
        most = [self._most_of(c) * r for c, r in zip(self.concepts, self.rarity, strict=True)]
        stops = sum(m for m, c in zip(most, self.concepts, strict=True) if c.stop)
        content = [(most[j], self.rarity[j]) for j in self.content]
        reaches: list[bool] = []
        out: set[int] = set()
        for group in range(1 << len(content)):  # each group after every group within it
            members = [b for b in range(len(content)) if group >> b & 1]
            total = ranking._STOP_WEIGHT * stops + sum(content[b][0] for b in members)
            for b in members:  # consecutive concepts of the query may stand side by side
                if group >> (b + 1) & 1:
                    total += ranking._ADJACENT * (content[b][0] + content[b + 1][0])
            got = sum(content[b][1] for b in members)
            reaches.append(total * got / self.wanted * self._most * ranking._SLACK**2 >= last)
            if reaches[group] and not any(reaches[group & ~(1 << b)] for b in members):
                out |= set.intersection(*(held[b] for b in members))
        return out

    def _most_of(self, concept: ranking.Concept) -> float:
        """The most the concept's bound is in any document (`_within`'s, at the words' most)."""
        index = self._stored
        return max(
            weight
            * max(map(index.most_impact, spelling))
            * (ranking._PHRASE_BONUS if len(spelling) > 1 else 1.0)
            for spelling, weight in concept.alts
        )

    def proven(self, hits: list[ranking.Hit], limit: int) -> bool:
        """Whether no document missing from every list could have beaten these hits."""
        if not self.wanted:
            return True
        return len(hits) >= limit and hits[-1][0] >= self._unlisted() * ranking._SLACK

    def _unlisted(self) -> float:
        """The most a document in no list can score: each concept at its cap, side by side
        where a pair read as champions leaves that open; stand-ins aside."""
        self._fill()
        capped = [cap * r for cap, r in zip(self._caps, self.rarity, strict=True)]
        total = sum(
            c * (ranking._STOP_WEIGHT if concept.stop else 1.0)
            for c, concept in zip(capped, self.concepts, strict=True)
        )
        for j, k in itertools.pairwise(self.content):
            pair = f"{self.concepts[j].typed[-1]} {self.concepts[k].typed[0]}"
            if pair in self._stored.partial:
                total += ranking._ADJACENT * (capped[j] + capped[k])
        return total * self._most

    def _fill(self) -> set[int]:
        """Every document some concept lists (the universe: what `_within` bounds), read once.
        The cap of each concept (the most a document in no list could score for it: the last
        champion's impact) is kept for `proven`."""
        if self._universe is not None:
            return self._universe
        index = self._stored
        universe = set().union(*(self._listed(c) for c in self.concepts))
        for c in self.concepts:
            cap = 0.0
            for spelling, weight in c.alts:
                for w in spelling:
                    index._impact(w)  # fills the floors
                for a, b in itertools.pairwise(spelling):
                    index._pair(a, b)  # notes whether the pair is read whole
                floor = max((index.floor.get(w, 0.0) for w in spelling), default=0.0)
                pairs = [f"{a} {b}" for a, b in itertools.pairwise(spelling)]
                whole_possible = any(p in index.partial for p in pairs)
                bonus = 1.0 if len(spelling) == 1 else (
                    ranking._PHRASE_BONUS if whole_possible else ranking._PARTIAL)  # fmt: skip
                cap = max(cap, weight * floor * bonus)
            self._caps.append(cap)
        self._universe = universe
        return universe

    def _within(self, concept: ranking.Concept, docs: set[int]) -> dict[int, float]:
        """ranking's bounds of the concept, for these documents of the universe only; where a
        pair was read as champions only, any document holding all its words may hold it."""
        index = self._stored
        out: dict[int, float] = {}
        for spelling, weight in concept.alts:
            found = [index.impacts_in(w, docs) for w in spelling]
            here: AbstractSet[int] = frozenset()
            if len(spelling) > 1:
                pairs = [f"{a} {b}" for a, b in itertools.pairwise(spelling)]
                if any(p in index.partial for p in pairs):
                    here = docs.intersection(*found)
                else:
                    here = index._whole(spelling) & docs
            ranking._raise(out, self._spelling_bounds(spelling, weight, found, here))
        return out

    def _adjacent(self, j: int, k: int) -> frozenset[int]:
        """ranking's, but a pair read as champions only may stand in any document; worked
        out once for both rounds."""
        got = self._side_by_sides.get((j, k))
        if got is None:
            got = self._side_by_sides[(j, k)] = self._side_by_side(j, k)
        return got

    def _side_by_side(self, j: int, k: int) -> frozenset[int]:
        index = self._stored
        typed = self.concepts[j].typed + self.concepts[k].typed
        pairs = list(itertools.pairwise(typed))
        found = [index._pair(a, b) for a, b in pairs]  # notes the pairs read as champions
        known = [
            f for f, (a, b) in zip(found, pairs, strict=True) if f"{a} {b}" not in index.partial
        ]
        return frozenset.intersection(*known) if known else frozenset(self._fill())

    def _listed(self, concept: ranking.Concept) -> set[int]:
        """The documents the lists read name for the concept: a single word's (champions or
        all), a phrase's where it stands whole, and all of a phrase word read whole. A phrase
        word's champions are left out: elsewhere it scores no more than its floor, as they
        would, and the cap (`_unlisted`) counts that."""
        index = self._stored
        out: set[int] = set()
        for spelling, _ in concept.alts:
            for w in spelling:
                impacts = index._impact(w)
                if len(spelling) == 1 or w not in index.floor:
                    out.update(impacts)
            if len(spelling) > 1:
                out.update(index._whole(spelling))
        return out
