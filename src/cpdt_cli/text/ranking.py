"""Ranked search: a small BM25F over concepts, on an index built once per fact file.

A document has weighted fields (names count more than body text). A query is cut into
concepts: a word, or a phrase the data knows with every other spelling of it (glossary terms,
entity and committee names, aliases, English names). A concept is one term: it scores its best
spelling in the best field, times its own rarity; the spelling the user typed counts a little
more than an expansion, so "… chuyển đổi số" prefers the committee's 2021 name while still
finding its older name.

Speed at scale: the index (folded fields, postings, word pairs) is plain data, cached next to
the model (cache.py), so a query folds nothing but itself. Each posting carries the word's
best field score in that document, which bounds every concept's score from above; a query
scores documents exactly in the order of their bounds and stops as soon as no bound left can
reach the last place of the answer. `top(…, exhaustive=True)` scores them all (the tests hold
the two to the same answer).
"""

from __future__ import annotations

import heapq
import itertools
import math
import sys
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet

import msgspec

from .normalize import words

# Function words of questions ("ai là …?", "… là gì", "… nào", "của"). Folding merges words
# ("có"/"cơ", "tại"/"tài", "tổ"/"to", "thế"/"the", "an"/"an toàn"), so only words whose folded
# form is rarely content are listed. They keep a little weight; they cannot outvote content.
STOP_WORDS = frozenset({
    "ai", "la", "gi", "nao", "cua", "nhung", "cac", "mot", "thi", "khong", "duoc", "va", "voi",
    "o", "cho", "ve", "hay", "nay", "sao", "ra", "what", "who", "which", "is", "are", "of",
    "a", "in", "for", "and", "does", "how",
})  # fmt: skip
_STOP_WEIGHT = 0.1
_EXPANSION_WEIGHT = 0.85  # a spelling the user did not type
_OTHER_NAME = 0.7  # another name of what the user named in the texts' own words
_TYPO_WEIGHT = 0.75  # a word the user did not type but probably meant
_PHRASE_BONUS = 1.3  # the words of a multi-word spelling stand together, in order
_PARTIAL = 0.5  # only some words of a multi-word spelling are there …
_MIN_COVER = 0.5  # … and they must carry at least this share of its weight
_ADJACENT = 0.5  # two concepts of the query stand side by side in the document
_STAND_IN = 1.01  # a document standing in for another ranks just above it
_K1, _B = 1.2, 0.6
_SLACK = 1 + 1e-9  # bounds are summed in another order than scores: allow for rounding
_PATTERNED = 4  # a spelling of up to this many words is bounded by the words a document holds

Spelling = tuple[str, ...]
Hit = tuple[float, int, frozenset[str]]  # score, document number, the words that matched


# Plain classes with __slots__: a NamedTuple costs ~0.1-0.3 ms to define, on every search.


class Concept:
    """One thing a query asks for: the words typed, and every spelling of it with a weight."""

    __slots__ = ("alts", "stop", "typed")

    def __init__(
        self, typed: Spelling, alts: tuple[tuple[Spelling, float], ...], stop: bool = False
    ) -> None:
        self.typed, self.alts, self.stop = typed, alts, stop


class Doc:
    """One searchable item: id, kind, weighted fields of original text; `prior` scales its
    scores down (at most 1: the bounds of a wide search leave it out)."""

    __slots__ = ("fields", "id", "kind", "prior")

    def __init__(
        self, id: str, kind: str, fields: list[tuple[float, str]], prior: float = 1.0
    ) -> None:
        if not 0 < prior <= 1:
            raise ValueError(f"prior {prior} of {id}: not in (0, 1]")
        self.id, self.kind, self.fields, self.prior = id, kind, fields, prior


class _Field:
    __slots__ = ("length", "padded", "weight")

    def __init__(self, weight: float, padded: str, length: int) -> None:
        self.weight, self.length = weight, length
        self.padded = padded  # " w1 w2 … ": a word or phrase is there if " w " is in it


class _Match:
    __slots__ = ("found", "score", "spelling", "whole")

    def __init__(
        self,
        score: float = 0.0,
        spelling: Spelling = (),
        found: frozenset[str] = frozenset(),
        whole: bool = False,
    ) -> None:
        self.score, self.spelling, self.found, self.whole = score, spelling, found, whole


class Thesaurus:
    """Groups of spellings (folded words) that mean one thing."""

    def __init__(self, groups: Iterable[Iterable[Spelling]]) -> None:
        self.groups: list[list[str]] = []
        self._alts: dict[Spelling, set[Spelling]] = {}
        for group in groups:
            spellings = {s for s in group if s}
            self.groups.append(sorted(" ".join(s) for s in spellings))
            for s in spellings:
                self._alts.setdefault(s, set()).update(spellings)
        self.longest = max((len(s) for s in self._alts), default=0)
        self.vocabulary = {w for s in self._alts for w in s}

    @classmethod
    def of_names(cls, groups: Iterable[Iterable[str]]) -> Thesaurus:
        """From names as written (the glossary's, the entities'): folded here."""
        return cls([words(name, None) for name in group] for group in groups)

    def concepts(self, query: Spelling, fixed: frozenset[int] = frozenset()) -> list[Concept]:
        """The query cut into concepts, longest known phrase first, left to right; a concept
        holding a corrected word (its position in `fixed`) counts less."""
        out: list[Concept] = []
        i = 0
        while i < len(query):
            n = next(
                (n for n in range(min(self.longest, len(query) - i), 1, -1)
                 if query[i : i + n] in self._alts),
                1,
            )  # fmt: skip
            phrase = query[i : i + n]
            factor = _TYPO_WEIGHT if fixed & set(range(i, i + n)) else 1.0
            others = sorted(self._alts.get(phrase, set()) - {phrase})
            alts = [(phrase, factor)] + [(a, factor * _EXPANSION_WEIGHT) for a in others]
            stop = n == 1 and not others and phrase[0] in STOP_WORDS
            out.append(Concept(phrase, tuple(alts), stop))
            i += n
        return out


# --- the stored index ------------------------------------------------------------------------


class Postings(msgspec.Struct, array_like=True):
    """Keys (words, or word pairs) and the documents of each, in a handful of flat objects.

    A cache read then decodes a few strings and byte strings, not thousands of small objects
    (it was the larger part of a warm search's own time); a query finds its keys by search in
    the key text and unpacks only theirs.
    """

    keys: str  # "\n" + the sorted keys, each followed by "\n"
    starts: bytes  # array("I"): where key k's documents begin in docs; one more at the end
    docs: bytes  # array("I"): document numbers
    impacts: bytes = b""  # array("d"), parallel to docs: the key's best field score there

    def number(self, key: str) -> int | None:
        """Key's place in the sorted keys, or None."""
        if "\n" in key:
            return None
        at = self.keys.find(f"\n{key}\n")
        return None if at < 0 else self.keys.count("\n", 0, at)

    def all_keys(self) -> list[str]:
        return self.keys.split()

    def sound(self, with_impacts: bool) -> bool:
        n_keys = self.keys.count("\n") - 1 if self.keys else 0
        if len(self.starts) != (n_keys + 1) * _DOC_SIZE or len(self.docs) % _DOC_SIZE:
            return False
        if with_impacts and len(self.impacts) * _DOC_SIZE != len(self.docs) * _IMPACT_SIZE:
            return False
        return self.keys == "" or (self.keys[0] == self.keys[-1] == "\n")


def _postings(
    docs: dict[str, array[int]], impacts: dict[str, array[float]] | None = None
) -> Postings:
    keys = sorted(docs)
    starts, all_docs, all_impacts = array("I", [0]), array("I"), array("d")
    for key in keys:
        all_docs.extend(docs[key])
        if impacts is not None:
            all_impacts.extend(impacts[key])
        starts.append(len(all_docs))
    return Postings(
        keys="\n" + "".join(f"{k}\n" for k in keys) if keys else "",
        starts=starts.tobytes(),
        docs=all_docs.tobytes(),
        impacts=all_impacts.tobytes(),
    )


class IndexData(msgspec.Struct, array_like=True):
    """Everything a query needs, as plain data: what the cache stores."""

    ids: list[str]
    kinds: list[str]
    priors: dict[int, float]  # the documents whose prior is not 1
    weights: list[float]  # field weights, numbered
    fields: list[str]  # per document, one line per field: "<weight number> <folded words>"
    average: dict[int, float]  # weight number -> average field length, in words
    words: Postings  # word -> documents holding it, with its best field score in each
    pairs: Postings  # "w1 w2" -> documents where they stand side by side in one field
    stand_ins: dict[int, list[int]]  # document -> documents whose score (just above) it may take
    thesaurus: list[list[str]]

    def sound(self) -> bool:
        """Whether its tables agree (a cache file is only data). Document numbers in postings
        are checked when a query unpacks them (Index._docs): checking all costs more."""
        n = len(self.ids)
        if not (len(self.kinds) == len(self.fields) == n and len(self.weights) <= 64):
            return False
        if not set(self.average) <= set(range(len(self.weights))):
            return False
        if not all(v > 0 for v in self.average.values()):  # a divisor of every field's score
            return False
        if not (self.words.sound(with_impacts=True) and self.pairs.sound(with_impacts=False)):
            return False
        numbers = [*self.priors, *self.stand_ins, *itertools.chain(*self.stand_ins.values())]
        return all(0 <= d < n for d in numbers)


class CorruptIndex(Exception):
    """A stored index that does not hold together: rebuild it from the facts."""


_DOC_SIZE, _IMPACT_SIZE = array("I").itemsize, array("d").itemsize


def _bm25(weight: float, length: int, average: float) -> float:
    """A field's weight as BM25 normalises it for its length (a shorter field counts more)."""
    norm = _K1 * (1 - _B + _B * length / average)
    return weight * (_K1 + 1) / (1 + norm)


def build(docs: Iterable[Doc], thesaurus: Thesaurus) -> IndexData:
    """Fold every field once; post each word with its best field score, and each word pair.

    Documents are read once, as they come (a generator keeps only one alive): at 100k
    statements the index is built beside the model, and both must fit in memory.
    """
    ids: list[str] = []
    kinds: list[str] = []
    priors: dict[int, float] = {}
    number: dict[float, int] = {}
    fields: list[str] = []
    lengths: dict[int, list[int]] = {}
    for i, doc in enumerate(docs):
        ids.append(doc.id)
        kinds.append(doc.kind)
        if doc.prior != 1.0:
            priors[i] = doc.prior
        lines = []
        for weight, text in dict.fromkeys(doc.fields):  # a quote is often the text too
            ws = words(text, None)
            if ws:
                k = number.setdefault(weight, len(number))
                lines.append(f"{chr(48 + k)} {' '.join(ws)}")
                lengths.setdefault(k, []).append(len(ws))
        fields.append("\n".join(lines))
    weights = list(number)
    average = {k: sum(ls) / len(ls) for k, ls in lengths.items()}
    postings: dict[str, array[int]] = {}
    impacts: dict[str, array[float]] = {}
    pairs: dict[str, array[int]] = {}
    for i, lines_of_doc in enumerate(fields):
        best: dict[str, float] = {}
        seen: set[str] = set()
        for line in lines_of_doc.split("\n") if lines_of_doc else ():
            k, split = ord(line[0]) - 48, line[2:].split()
            impact = _bm25(weights[k], len(split), average[k])
            for w in split:
                if impact > best.get(w, 0.0):
                    best[w] = impact
            seen.update(f"{a} {b}" for a, b in itertools.pairwise(split))
        for w, impact in best.items():
            postings.setdefault(w, array("I")).append(i)
            impacts.setdefault(w, array("d")).append(impact)
        for pair in seen:
            pairs.setdefault(pair, array("I")).append(i)
    return IndexData(
        ids=ids,
        kinds=kinds,
        priors=priors,
        weights=weights,
        fields=fields,
        average=average,
        words=_postings(postings, impacts),
        pairs=_postings(pairs),
        stand_ins={},
        thesaurus=thesaurus.groups,
    )


# --- queries ---------------------------------------------------------------------------------


class Index:
    """Queries over IndexData. Postings and fields are unpacked only for the words asked."""

    def __init__(self, data: IndexData) -> None:
        self.data = data
        self.ids = data.ids
        self.kinds = data.kinds
        self.thesaurus = Thesaurus([tuple(s.split()) for s in g] for g in data.thesaurus)
        self._n = max(len(data.ids), 1)
        self._fields: dict[int, list[_Field]] = {}
        self._impacts: dict[str, dict[int, float]] = {}
        self._sets: dict[str, frozenset[int]] = {}
        self._starts: dict[int, array[int]] = {}

    # - unpacking, on demand -

    def _impact(self, word: str) -> dict[int, float]:
        """Document -> the word's best field score there."""
        got = self._impacts.get(word)
        if got is None:
            span = self._span(self.data.words, word)
            got = {}
            if span is not None:
                docs = self._docs(self.data.words, *span)
                begin, end = (n // _DOC_SIZE * _IMPACT_SIZE for n in span)
                impacts = array("d", self.data.words.impacts[begin:end])
                got = dict(zip(docs, impacts, strict=True))
            self._impacts[word] = got
        return got

    def _pair(self, a: str, b: str) -> frozenset[int]:
        """The documents where a b stand side by side in one field."""
        key = f"{a} {b}"
        got = self._sets.get(key)
        if got is None:
            span = self._span(self.data.pairs, key)
            docs = self._docs(self.data.pairs, *span) if span is not None else ()
            got = self._sets[key] = frozenset(docs)
        return got

    def _span(self, table: Postings, key: str) -> tuple[int, int] | None:
        """Where the key's documents lie in table.docs (byte offsets), or None."""
        k = table.number(key)
        if k is None:
            return None
        starts = self._starts.get(id(table))
        if starts is None:
            starts = self._starts[id(table)] = array("I", table.starts)
        begin, end = starts[k] * _DOC_SIZE, starts[k + 1] * _DOC_SIZE
        if not 0 <= begin <= end <= len(table.docs):
            raise CorruptIndex(key)
        return begin, end

    def _docs(self, table: Postings, begin: int, end: int) -> array[int]:
        docs = array("I", table.docs[begin:end])
        if docs and max(docs) >= len(self.ids):
            raise CorruptIndex("document number")
        return docs

    def _doc_fields(self, i: int) -> list[_Field]:
        got = self._fields.get(i)
        if got is None:
            got = []
            for line in filter(None, self.data.fields[i].split("\n")):
                k = ord(line[0]) - 48
                if k not in self.data.average or line[1:2] != " ":  # sound(): k < len(weights)
                    raise CorruptIndex(f"field of document {i}")
                text = line[2:]
                got.append(_Field(self.data.weights[k], f" {text} ", text.count(" ") + 1))
            self._fields[i] = got
        return got

    def _idf(self, word: str) -> float:
        span = self._span(self.data.words, word)
        if span is None:
            return 0.0
        df = (span[1] - span[0]) // _DOC_SIZE
        return math.log(1 + (self._n - df + 0.5) / (df + 0.5))

    # - the query -

    def concepts(self, query: str) -> list[Concept]:
        """The query's concepts; a word nothing knows is first read as its closest known word."""
        typed = words(query)
        self._look_up(typed)
        vocabulary, index = self.thesaurus.vocabulary, self.data.words
        unknown = {
            w for w in typed
            if w not in vocabulary and index.number(w) is None and len(w) >= 3 and not w.isdigit()
        }  # fmt: skip
        fixes = _typo_fixes(unknown, [*index.all_keys(), *vocabulary]) if unknown else {}
        fixed = frozenset(i for i, w in enumerate(typed) if w in fixes)
        concepts = self.thesaurus.concepts(tuple(fixes.get(w, w) for w in typed), fixed)
        return [self._prefer_written(c) for c in self._join_syllables(concepts)]

    def _look_up(self, typed: Spelling) -> None:
        """What a query will ask of the index, told first (a stored index reads it at once)."""

    def _prefer_written(self, c: Concept) -> Concept:
        """A name the texts themselves write (the committee's 2021 name) asks for that name:
        its other names (the 2018 name) count less than an abbreviation's expansion would."""
        if len(c.alts) == 1 or len(c.typed) < 3 or not self._whole(c.typed):
            return c
        first, *others = c.alts
        return Concept(c.typed, (first, *((a, w * _OTHER_NAME) for a, w in others)), c.stop)

    def _whole(self, spelling: Spelling) -> frozenset[int]:
        """The documents where the spelling stands whole, in order, within one field."""
        if len(spelling) == 1:
            return frozenset(self._impact(spelling[0]))
        if len(spelling) == 2:
            return self._pair(*spelling)  # kept as it is: an intersection of one would copy it
        found = frozenset.intersection(*map(self._pair, spelling, spelling[1:]))
        padded = f" {' '.join(spelling)} "
        return frozenset(i for i in found if any(padded in f.padded for f in self._doc_fields(i)))

    def _join_syllables(self, concepts: list[Concept]) -> list[Concept]:
        """Join two single syllables into one word where the texts write them side by side.

        Vietnamese writes a word as several syllables ("chủ tịch", "quốc gia"); alone, "chủ"
        would also find "chủ nhiệm" and "chủ trì".
        """
        out: list[Concept] = []
        for c in concepts:
            prev = out[-1] if out else None
            if (
                prev is not None
                and len(prev.alts) == 1 == len(c.alts) == len(prev.typed) == len(c.typed)
                and not (prev.stop or c.stop)
                and self.data.pairs.number(f"{prev.typed[0]} {c.typed[0]}") is not None
            ):
                weight = min(prev.alts[0][1], c.alts[0][1])
                out[-1] = Concept(prev.typed + c.typed, ((prev.typed + c.typed, weight),))
            else:
                out.append(c)
        return out

    def top(
        self,
        query: str,
        limit: int,
        boost: Callable[[int], float] | None = None,
        keep: Callable[[int], bool] | None = None,
        exhaustive: bool = False,
    ) -> list[Hit]:
        """The `limit` best documents that `keep` keeps (ties in index order), with the words
        that matched. `boost(i)` scales document i's score. A matching document with
        stand-ins (IndexData.stand_ins) takes a stand-in's score, just above it, if higher.
        """
        plan = _Plan(self, self.concepts(query), boost or _one)
        return plan.top(limit, keep or _anything, exhaustive)


def _one(i: int) -> float:
    return 1.0


def _anything(i: int) -> bool:
    return True


_Scored = tuple[float, float, int, frozenset[str]]  # final score, own score, document, found


def _hits(best: list[_Scored]) -> list[Hit]:
    return [(score, i, found) for score, _, i, found in best]


def _queue(bounds: dict[int, float]) -> list[tuple[float, int]]:
    """The documents as a heap, best bound first."""
    queue = [(-b, i) for i, b in bounds.items()]
    heapq.heapify(queue)
    return queue


class _Plan:
    """One query against the index: its concepts' rarities, bounds and exact scores."""

    def __init__(self, index: Index, concepts: list[Concept], boost: Callable[[int], float]):
        self.index = index
        self.data = index.data
        self.concepts = concepts
        self.boost = boost
        self.whole = [frozenset().union(*(index._whole(s) for s, _ in c.alts)) for c in concepts]
        self.rarity = [math.log(1 + (index._n - len(w) + 0.5) / (len(w) + 0.5)) for w in self.whole]
        self.wanted = sum(r for r, c in zip(self.rarity, concepts, strict=True) if not c.stop)
        self.content = [j for j, c in enumerate(concepts) if not c.stop]
        self.idf = {w: index._idf(w) for c in concepts for s, _ in c.alts for w in s}
        self.average = {self.data.weights[k]: a for k, a in self.data.average.items()}
        self._exact: dict[int, tuple[float, frozenset[str]] | None] = {}

    def top(self, limit: int, keep: Callable[[int], bool], exhaustive: bool) -> list[Hit]:
        if not self.concepts or all(c.stop for c in self.concepts):
            return []
        queue = _queue(self._bounds(keep))
        best: list[_Scored] = []
        self._walk(queue, best, limit, exhaustive)
        return _hits(best)

    def _walk(self, queue: list[tuple[float, int]], best: list[_Scored], limit: int,
              exhaustive: bool) -> None:  # fmt: skip
        """Scores the documents of `queue` (a heap of negated bounds) best bound first into
        `best`, the `limit` best so far, until no bound left can reach its last place."""
        while queue:
            bound, i = queue[0]
            if not exhaustive and len(best) >= limit and -bound * _SLACK < best[limit - 1][0]:
                return  # popped best bound first: most documents are never sorted
            heapq.heappop(queue)
            scored = self._final(i)
            if scored is not None:
                best.append((scored[0], scored[1], i, scored[2]))
                best.sort(key=lambda b: (-b[0], -b[1], b[2]))
                del best[limit:]

    # - bounds: cheap, from the postings alone -

    def _bounds(self, keep: Callable[[int], bool]) -> dict[int, float]:
        """For every document kept that could match: a score it cannot exceed.

        Summed concept by concept rather than document by document: a query whose words are
        in every document touches each posting once, in a few tight loops.
        """
        return self._lifted(self._boosted(list(map(self._concept_bounds, self.concepts))), keep)

    def _boosted(self, concept_bounds: list[dict[int, float]]) -> dict[int, float]:
        """Each document's bound from each concept's bounds there, before `keep` and stand-ins:
        a document's depends on its own postings only."""
        total: dict[int, float] = {}
        got: dict[int, float] = {}
        for bounds, r, concept in zip(concept_bounds, self.rarity, self.concepts, strict=True):
            share = r * _STOP_WEIGHT if concept.stop else r
            if total:
                for i, u in bounds.items():
                    total[i] = total.get(i, 0.0) + u * share
            else:
                total = {i: u * share for i, u in bounds.items()}
            if concept.stop:
                continue
            if got:
                for i in bounds:
                    got[i] = got.get(i, 0.0) + r
            else:
                got = dict.fromkeys(bounds, r)
        for j, k in itertools.pairwise(self.content):
            first, second = concept_bounds[j], concept_bounds[k]
            rj, rk = self.rarity[j], self.rarity[k]
            for i in first.keys() & second.keys() & self._adjacent(j, k):
                total[i] += _ADJACENT * (first[i] * rj + second[i] * rk)
        priors, boost, wanted = self.data.priors, self.boost, self.wanted
        if boost is _one and not priors:  # (most searches)
            return {i: total[i] * g / wanted for i, g in got.items()}
        return {i: total[i] * g / wanted * priors.get(i, 1.0) * boost(i) for i, g in got.items()}

    def _lifted(self, boosted: dict[int, float], keep: Callable[[int], bool]) -> dict[int, float]:
        """The bounds of the documents kept, a stand-in's lifted to its best card's."""
        if keep is _anything:
            bounds = dict(boosted)  # (in C) a card's bound is read from `boosted` as it was
        else:
            bounds = {i: b for i, b in boosted.items() if keep(i)}
        for i, cards in self.data.stand_ins.items():
            if i in bounds:
                lifted = max((boosted.get(e, 0.0) * _STAND_IN for e in cards), default=0.0)
                bounds[i] = max(bounds[i], lifted)
        return bounds

    def _concept_bounds(self, concept: Concept) -> dict[int, float]:
        out: dict[int, float] = {}
        for spelling, weight in concept.alts:
            found = [self.index._impact(w) for w in spelling]
            here = self.index._whole(spelling) if len(spelling) > 1 else frozenset()
            _raise(out, self._spelling_bounds(spelling, weight, found, here))
        return out

    def _spelling_bounds(
        self,
        spelling: Spelling,
        weight: float,
        found: list[dict[int, float]],
        here: AbstractSet[int],
    ) -> dict[int, float]:
        """A bound of the spelling's score in each document where it may score: `found` holds
        each word's impact (its best field score) in the documents holding it, or more;
        `here` the documents where the words may stand whole.

        `_match` scores a field holding some of the words their share of idf (cover) at
        _PARTIAL, and nothing below _MIN_COVER: a document whose words fall short of it
        cannot score. The words stand whole only in a field holding every one of them,
        which scores no more than the weakest word's best field."""
        if len(spelling) == 1:
            return {i: weight * impact for i, impact in found[0].items()}
        best: dict[int, float] = {}  # each document's best impact of the words it holds
        for impacts in found:
            _raise(best, impacts)
        out: dict[int, float] = {}
        for present, docs in self._scoring(spelling, [f.keys() for f in found]):
            partial = weight * _PARTIAL * self._cover(spelling, present)
            out.update({i: partial * best[i] for i in docs})
            if len(present) == len(spelling):
                whole = weight * _PHRASE_BONUS
                for i in docs & here:
                    least = best[i]
                    for impacts in found:  # (one missing, where the data is damaged: no bonus)
                        impact = impacts.get(i, 0.0)
                        if impact < least:
                            least = impact
                    if whole * least > out[i]:
                        out[i] = whole * least
        return out

    def _scoring(
        self, spelling: Spelling, held: Sequence[AbstractSet[int]]
    ) -> Iterator[tuple[tuple[int, ...], set[int]]]:
        """The words of the spelling a document may hold (their places in it) with the
        documents holding just those (`held`: each word's), where they reach _MIN_COVER.
        Beyond _PATTERNED words, only those holding every word are told apart: the others
        come with every place, as if their fields held the whole spelling in part."""
        n = len(spelling)
        every = set(held[0]).intersection(*held[1:])
        yield tuple(range(n)), every
        if n > _PATTERNED:
            yield tuple(range(n)), set().union(*held) - every
            return
        for size in range(n - 1, 0, -1):
            for present in itertools.combinations(range(n), size):
                if self._cover(spelling, present) >= _MIN_COVER:
                    docs = set(held[present[0]]).intersection(*(held[k] for k in present))
                    yield present, docs.difference(*(held[k] for k in range(n) if k not in present))

    def _cover(self, spelling: Spelling, present: tuple[int, ...]) -> float:
        """The share of the spelling's idf its words at these places carry, as `_match` sums
        it: a field holding fewer of them carries no more."""
        mass = sum(self.idf[w] for w in spelling) or 1.0
        return sum(self.idf[spelling[k]] for k in present) / mass

    def _adjacent(self, j: int, k: int) -> frozenset[int]:
        """The documents where concepts j and k may stand together as typed: each word pair
        of the two stands in them (the bonus asks for the whole phrase in one field)."""
        typed = self.concepts[j].typed + self.concepts[k].typed
        return frozenset.intersection(
            *itertools.starmap(self.index._pair, itertools.pairwise(typed))
        )

    # - exact scores -

    def _final(self, i: int) -> tuple[float, float, frozenset[str]] | None:
        """Document i's score, boosted or taken from a stand-in; its own score; what matched."""
        mine = self._score(i)
        if mine is None:
            return None
        score, found = mine
        final = score * self.boost(i)
        for e in self.data.stand_ins.get(i, ()):
            card = self._score(e)
            if card is not None:
                final = max(final, card[0] * self.boost(e) * _STAND_IN)
        return final, score, found

    def _score(self, i: int) -> tuple[float, frozenset[str]] | None:
        """Document i's own score and the words that matched; None if nothing it needs does."""
        if i in self._exact:
            return self._exact[i]
        row = [self._match(i, c) for c in self.concepts]
        scores = [m.score * r for m, r in zip(row, self.rarity, strict=True)]
        pairs = list(zip(scores, self.concepts, strict=True))
        got = sum(r for (s, c), r in zip(pairs, self.rarity, strict=True) if s and not c.stop)
        result = None
        if got:
            total = sum(s * (_STOP_WEIGHT if c.stop else 1.0) for s, c in pairs)
            total += self._adjacency(i, [(s, c.typed) for s, c in pairs if not c.stop])
            total *= got / self.wanted * self.data.priors.get(i, 1.0)
            result = (total, frozenset().union(*(m.found for m in row)))
        self._exact[i] = result
        return result

    def _match(self, i: int, concept: Concept) -> _Match:
        """The concept's best spelling in the best field of document i."""
        best = _Match()
        fields = self.index._doc_fields(i)
        for spelling, weight in concept.alts:
            mass = sum(self.idf[w] for w in spelling) or 1.0
            phrase = f" {' '.join(spelling)} "
            looked = [(w, f" {w} ") for w in spelling]
            for f in fields:
                present = [w for w, padded in looked if padded in f.padded]
                if not present:
                    continue
                cover = sum(self.idf[w] for w in present) / mass
                if cover < _MIN_COVER:
                    continue
                whole = len(present) == len(spelling) and (len(spelling) == 1 or phrase in f.padded)
                factor = (_PHRASE_BONUS if len(spelling) > 1 else 1.0) if whole else _PARTIAL
                norm = _K1 * (1 - _B + _B * f.length / self.average[f.weight])
                score = weight * f.weight * cover * factor * (_K1 + 1) / (1 + norm)
                if score > best.score:
                    best = _Match(score, spelling, frozenset(present), whole or best.whole)
                elif whole and not best.whole:
                    best = _Match(best.score, best.spelling, best.found, True)
        return best

    def _adjacency(self, i: int, scored: list[tuple[float, Spelling]]) -> float:
        """A bonus for consecutive concepts of the query that stand together in one field,
        as the user typed them."""
        bonus = 0.0
        fields = self.index._doc_fields(i)
        for (s1, typed1), (s2, typed2) in itertools.pairwise(scored):
            if s1 and s2:
                phrase = f" {' '.join(typed1 + typed2)} "
                if any(phrase in f.padded for f in fields):
                    bonus += _ADJACENT * (s1 + s2)
        return bonus


def _raise(bounds: dict[int, float], more: dict[int, float]) -> None:
    """Each document's bound raised to its bound in `more`."""
    if not bounds:
        bounds.update(more)
        return
    for i, bound in more.items():
        if bound > bounds.get(i, 0.0):
            bounds[i] = bound


def _typo_fixes(unknown: set[str], vocabulary: Iterable[str]) -> dict[str, str]:
    from rapidfuzz import fuzz, process

    known = sorted({w for w in vocabulary if len(w) > 1})
    fixes = {}
    for word in sorted(unknown):
        cutoff = 80 if len(word) < 5 else 75
        hit = process.extractOne(word, known, scorer=fuzz.ratio, score_cutoff=cutoff)
        if hit:
            fixes[word] = hit[0]
    return fixes


def byte_order() -> str:
    """What a stored index depends on besides its contents (cache.py puts it in the header)."""
    return f"{sys.byteorder}-{_DOC_SIZE}"
