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
        if any(_contains_words(fold(n), words) or _contains_words(q, set(fold(n).split()))
               for n in c.names if len(fold(n)) > 2)
    ]


def _contains_words(text: str, words: set[str]) -> bool:
    return bool(words) and words <= set(text.split())


def suggest(query: str, candidates: Iterable[Named], limit: int = 3) -> list[Named]:
    """The closest candidates by edit similarity (for 'did you mean')."""
    from rapidfuzz import fuzz, process

    q = fold(query)
    if not q:
        return []
    choices: dict[str, Named] = {}
    for c in candidates:
        for n in c.names:
            choices.setdefault(fold(n), c)
    hits = process.extract(q, list(choices), scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=60)
    seen: list[Named] = []
    for name, _score, _ in hits:
        c = choices[name]
        if c not in seen:
            seen.append(c)
    return seen[:limit]


def best_typo_match(query: str, candidates: Iterable[Named]) -> Named | None:
    """A single candidate the query is clearly a misspelling of, or None."""
    from rapidfuzz import fuzz, process

    q = fold(query)
    if len(q) < 3:
        return None
    choices: dict[str, Named] = {}
    for c in candidates:
        for n in c.names:
            choices.setdefault(fold(n), c)
    hits = process.extract(q, list(choices), scorer=fuzz.ratio, limit=2)
    if not hits or hits[0][1] < 80:
        return None
    if len(hits) > 1 and choices[hits[1][0]] != choices[hits[0][0]] and hits[1][1] >= hits[0][1] - 5:
        return None
    return choices[hits[0][0]]
