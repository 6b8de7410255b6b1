"""Folding and name matching: one normalizer for queries and for the index alike."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

_SURROGATES = re.compile(r"[\ud800-\udfff]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
MAX_QUERY = 2000  # characters of a query that are looked at; the rest cannot change a match


def fold(text: str) -> str:
    """Lower-case ASCII words: NFC/NFD, case, diacritics, đ and tone placement all folded.

    'Hoà', 'hòa', 'HOA' and the decomposed forms all give 'hoa'; 'TT&TT' gives 'tt tt'.
    """
    from unidecode import unidecode

    text = _SURROGATES.sub("", text[:MAX_QUERY])
    text = unicodedata.normalize("NFC", text)
    return _NON_WORD.sub(" ", unidecode(text).casefold()).strip()


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
