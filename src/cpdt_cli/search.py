"""Folding and name matching: one normalizer for queries and for the index alike."""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace

_SURROGATES = re.compile(r"[\ud800-\udfff]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_MARKS = re.compile(r"[\u0300-\u036f]")  # combining diacritics, tone marks included
_ASCII = re.compile(r"[\x00-\x7f]+")
_OTHER = re.compile(r"[^\x00-\x7f]")
_D = str.maketrans("đĐ", "dD")
MAX_QUERY = 2000  # characters of a query that are looked at; the rest cannot change a match


def strip_surrogates(text: str) -> str:
    """Lone surrogates (from a mangled terminal or file name) cannot be encoded: drop them."""
    return _SURROGATES.sub("", text)


def fold(text: str, limit: int | None = MAX_QUERY) -> str:
    """Lower-case ASCII words: NFC/NFD, case, diacritics, đ and tone placement all folded.

    'Hoà', 'hòa', 'HOA' and the decomposed forms all give 'hoa'; 'TT&TT' gives 'tt tt';
    '1619/QĐ-TTg' gives '1619 qd ttg'. Only the first `limit` characters are looked at (the
    index passes None), and the result is cut to `limit` too, so that folding is idempotent
    even where unidecode writes one character as several.
    """
    text = _SURROGATES.sub("", text[:limit] if limit else text)
    folded = _NON_WORD.sub(" ", _ascii(unicodedata.normalize("NFC", text)).casefold()).strip()
    return folded[:limit].rstrip() if limit else folded


def _ascii(text: str) -> str:
    """unidecode's answer, reached quickly for Vietnamese: the index folds every quote."""
    if text.isascii():
        return text
    bare = _MARKS.sub("", unicodedata.normalize("NFD", text)).translate(_D)
    if not any(ch.isalnum() for ch in _ASCII.sub("", bare)):
        return _OTHER.sub(" ", bare)  # only punctuation (“ ” – …) is left: not part of a word
    from unidecode import unidecode

    return unidecode(unicodedata.normalize("NFC", bare))


@dataclass(frozen=True, slots=True)
class Named:
    """Something a user may name: its id and every name it goes by."""

    id: str
    label: str
    names: tuple[str, ...]


def match_names(query: str, candidates: Iterable[Named]) -> list[Named]:
    """Candidates the query names: exactly, else by whole words, in candidate order."""
    q = fold(query)
    if not q:
        return []
    pool = list(candidates)
    exact = [c for c in pool if any(fold(n) == q for n in c.names)]
    if exact:
        return exact
    words = set(q.split())
    return [
        c
        for c in pool
        if any(
            _contains_words(fold(n), words) or _contains_words(q, set(fold(n).split()))
            for n in c.names
            if len(fold(n)) > 2
        )
    ]


def _contains_words(text: str, words: set[str]) -> bool:
    return bool(words) and words <= set(text.split())


def _scored(query: str, candidates: Iterable[Named]) -> list[tuple[float, Named]]:
    """Each candidate's best similarity to the query over all its names, best first.

    A name is compared whole and by its beginning (a user often types only the first words:
    'lien hiep' for 'Liên Hợp Quốc'); the beginning counts a little less than the whole.
    """
    from rapidfuzz import fuzz

    q = fold(query)
    best: dict[str, tuple[float, Named]] = {}
    for c in candidates:
        for n in c.names:
            name = fold(n)
            score = max(fuzz.ratio(q, name), fuzz.ratio(q, name[: len(q) + 1]) - 8)
            if score > best.get(c.id, (-1.0, c))[0]:
                best[c.id] = (score, c)
    return sorted(best.values(), key=lambda sc: -sc[0])


def suggest(query: str, candidates: Iterable[Named], limit: int = 3) -> list[Named]:
    """The closest candidates by edit similarity (for 'did you mean')."""
    if len(fold(query)) < 2:
        return []
    return [c for score, c in _scored(query, candidates)[:limit] if score >= 60]


def did_you_mean(query: str, candidates: Iterable[Named]) -> list[str]:
    """The 'did you mean' hint for an argument that names nothing known (empty if none is near)."""
    close = suggest(query, candidates)
    if not close:
        return []
    return ["có phải ý bạn là: " + ", ".join(f"'{c.label}'" for c in close) + "?"]


def best_typo_match(query: str, candidates: Iterable[Named]) -> Named | None:
    """A single candidate the query is clearly a misspelling of, or None."""
    if len(fold(query)) < 4:
        return None
    scored = _scored(query, candidates)
    if not scored or scored[0][0] < 80:
        return None
    if len(scored) > 1 and scored[1][0] >= scored[0][0] - 5:
        return None
    return scored[0][1]


# --- ranked search ---------------------------------------------------------------------------
# A small BM25F over concepts. A document has weighted fields (names count more than body
# text). A query is cut into concepts: a word, or a phrase the data knows with every other
# spelling of it (glossary terms, entity and committee names, aliases, English names). A
# concept is one term: it scores its best spelling in the best field, times its own rarity;
# the spelling the user typed counts a little more than an expansion, so "… chuyển đổi số"
# prefers the committee's 2021 name while still finding its older name.

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
_K1, _B = 1.2, 0.6


def words(text: str, limit: int | None = MAX_QUERY) -> tuple[str, ...]:
    return tuple(fold(text, limit).split())


@dataclass(frozen=True, slots=True)
class Concept:
    """One thing a query asks for: the words typed, and every spelling of it with a weight."""

    typed: tuple[str, ...]
    alts: tuple[tuple[tuple[str, ...], float], ...]
    stop: bool = False


class Thesaurus:
    """Groups of spellings that mean one thing (from the glossary and entity names)."""

    def __init__(self, groups: Iterable[Iterable[str]]) -> None:
        self._alts: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
        for group in groups:
            spellings = {w for w in (words(g, None) for g in group) if w}
            for s in spellings:
                self._alts.setdefault(s, set()).update(spellings)
        self.longest = max((len(s) for s in self._alts), default=0)
        self.vocabulary = {w for s in self._alts for w in s}

    def concepts(
        self, query: tuple[str, ...], fixed: frozenset[int] = frozenset()
    ) -> list[Concept]:
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


@dataclass(slots=True)
class Doc:
    """One searchable item: id, kind, weighted fields of original text; `prior` scales it."""

    id: str
    kind: str
    fields: list[tuple[float, str]]
    prior: float = 1.0


@dataclass(frozen=True, slots=True)
class _Field:
    weight: float
    words: frozenset[str]
    padded: str  # " w1 w2 … " for phrase tests
    length: int


@dataclass(frozen=True, slots=True)
class _Match:
    score: float = 0.0
    spelling: tuple[str, ...] = ()
    found: frozenset[str] = frozenset()
    whole: bool = False


class Index:
    """Documents with their folded fields and word statistics, and the spellings they know."""

    def __init__(self, docs: list[Doc], thesaurus: Thesaurus) -> None:
        self.docs = docs
        self.thesaurus = thesaurus
        self._fields: list[list[_Field]] = []
        self._postings: dict[str, set[int]] = {}
        self._bigrams: set[tuple[str, str]] = set()
        lengths: dict[float, list[int]] = {}
        for i, doc in enumerate(docs):
            folded = []
            for weight, text in dict.fromkeys(doc.fields):  # a quote is often the text too
                ws = words(text, None)
                if ws:
                    folded.append(_Field(weight, frozenset(ws), f" {' '.join(ws)} ", len(ws)))
                    lengths.setdefault(weight, []).append(len(ws))
                    for w in ws:
                        self._postings.setdefault(w, set()).add(i)
                    self._bigrams.update(itertools.pairwise(ws))
            self._fields.append(folded)
        n = max(len(docs), 1)
        self._idf = {w: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5))
                     for w, p in self._postings.items()}  # fmt: skip
        self._avg = {w: sum(ls) / len(ls) for w, ls in lengths.items()}

    def concepts(self, query: str) -> list[Concept]:
        """The query's concepts; a word nothing knows is first read as its closest known word."""
        typed = words(query)
        known = self._idf.keys() | self.thesaurus.vocabulary
        unknown = {w for w in typed if w not in known and len(w) >= 3 and not w.isdigit()}
        fixes = self._typo_fixes(unknown) if unknown else {}
        fixed = frozenset(i for i, w in enumerate(typed) if w in fixes)
        concepts = self.thesaurus.concepts(tuple(fixes.get(w, w) for w in typed), fixed)
        return [self._prefer_written(c) for c in self._pair(concepts)]

    def _prefer_written(self, c: Concept) -> Concept:
        """A name the texts themselves write (the committee's 2021 name) asks for that name:
        its other names (the 2018 name) count less than an abbreviation's expansion would."""
        if len(c.alts) == 1 or len(c.typed) < 3 or not self._written(c.typed):
            return c
        first, *others = c.alts
        return replace(c, alts=(first, *((a, w * _OTHER_NAME) for a, w in others)))

    def _written(self, phrase: tuple[str, ...]) -> bool:
        docs = set.intersection(*(self._postings.get(w, set()) for w in phrase))
        padded = f" {' '.join(phrase)} "
        return any(padded in f.padded for i in docs for f in self._fields[i])

    def _pair(self, concepts: list[Concept]) -> list[Concept]:
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
                and (prev.typed[0], c.typed[0]) in self._bigrams
            ):
                weight = min(prev.alts[0][1], c.alts[0][1])
                out[-1] = Concept(prev.typed + c.typed, ((prev.typed + c.typed, weight),))
            else:
                out.append(c)
        return out

    def _typo_fixes(self, unknown: set[str]) -> dict[str, str]:
        from rapidfuzz import fuzz, process

        vocabulary = sorted(w for w in self._idf.keys() | self.thesaurus.vocabulary if len(w) > 1)
        fixes = {}
        for word in sorted(unknown):
            cutoff = 80 if len(word) < 5 else 75
            hit = process.extractOne(word, vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff)
            if hit:
                fixes[word] = hit[0]
        return fixes

    def rank(self, query: str) -> list[tuple[float, Doc, set[str]]]:
        """Documents that match, best first (ties in index order), with the words that matched."""
        concepts = self.concepts(query)
        if all(c.stop for c in concepts):
            return []
        matches: dict[int, list[_Match]] = {}
        for j, c in enumerate(concepts):
            for i in self._candidates(c):
                row = matches.setdefault(i, [_Match()] * len(concepts))
                row[j] = self._match(i, c)
        n = max(len(self.docs), 1)
        rarity = []
        for j in range(len(concepts)):
            df = sum(1 for row in matches.values() if row[j].whole)
            rarity.append(math.log(1 + (n - df + 0.5) / (df + 0.5)))
        wanted = sum(r for r, c in zip(rarity, concepts, strict=True) if not c.stop)
        ranked = []
        for i, row in matches.items():
            scores = [m.score * r for m, r in zip(row, rarity, strict=True)]
            pairs = list(zip(scores, row, concepts, strict=True))
            got = sum(r for (s, _, c), r in zip(pairs, rarity, strict=True) if s and not c.stop)
            if not got:
                continue
            total = sum(s * (_STOP_WEIGHT if c.stop else 1.0) for s, _, c in pairs)
            total += self._adjacency(i, [(s, c.typed) for s, _, c in pairs if not c.stop])
            total *= got / wanted * self.docs[i].prior
            found = set().union(*(m.found for m in row))
            ranked.append((total, i, found))
        ranked.sort(key=lambda r: (-r[0], r[1]))
        return [(score, self.docs[i], found) for score, i, found in ranked]

    def _candidates(self, concept: Concept) -> set[int]:
        out: set[int] = set()
        for spelling, _ in concept.alts:
            for w in spelling:
                out |= self._postings.get(w, set())
        return out

    def _match(self, i: int, concept: Concept) -> _Match:
        """The concept's best spelling in the best field of document i."""
        best = _Match()
        for spelling, weight in concept.alts:
            mass = sum(self._idf.get(w, 0.0) for w in spelling) or 1.0
            phrase = f" {' '.join(spelling)} "
            for f in self._fields[i]:
                present = [w for w in spelling if w in f.words]
                if not present:
                    continue
                cover = sum(self._idf[w] for w in present) / mass
                if cover < _MIN_COVER:
                    continue
                whole = len(present) == len(spelling) and (len(spelling) == 1 or phrase in f.padded)
                factor = (_PHRASE_BONUS if len(spelling) > 1 else 1.0) if whole else _PARTIAL
                norm = _K1 * (1 - _B + _B * f.length / self._avg[f.weight])
                score = weight * f.weight * cover * factor * (_K1 + 1) / (1 + norm)
                if score > best.score:
                    best = _Match(score, spelling, frozenset(present), whole or best.whole)
                elif whole and not best.whole:
                    best = _Match(best.score, best.spelling, best.found, True)
        return best

    def _adjacency(self, i: int, scored: list[tuple[float, tuple[str, ...]]]) -> float:
        """A bonus for consecutive concepts of the query that stand together in one field,
        as the user typed them."""
        bonus = 0.0
        for (s1, typed1), (s2, typed2) in itertools.pairwise(scored):
            if s1 and s2:
                phrase = f" {' '.join(typed1 + typed2)} "
                if any(phrase in f.padded for f in self._fields[i]):
                    bonus += _ADJACENT * (s1 + s2)
        return bonus


def snippet(text: str, matched: set[str], width: int = 24) -> str:
    """The stretch of `text` (about `width` words) where the matched words are densest."""
    tokens = text.split()
    if len(tokens) <= width:
        return " ".join(tokens)
    hits = [bool(set(words(t, None)) & matched) for t in tokens]
    best = max(range(len(tokens) - width + 1), key=lambda i: (sum(hits[i : i + width]), -i))
    part = " ".join(tokens[best : best + width])
    return ("… " if best else "") + part + (" …" if best + width < len(tokens) else "")
