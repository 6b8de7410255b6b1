"""Folding and name matching: one normalizer for queries and for the index alike."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable
from collections.abc import Set as AbstractSet

# Tables for str.translate, not regular expressions: compiling the five patterns this module
# used took as many instructions as 1.5% of `import typer` on every run (valgrind), and an
# ASCII-to-ASCII table is translated in C at once.
_WORD_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"
_NON_WORD = str.maketrans({c: " " for c in map(chr, range(128)) if c not in _WORD_CHARS})
# combining diacritics (tone marks included) dropped, đ written d: one pass
_BARE: dict[int, int | None] = {
    **dict.fromkeys(range(0x300, 0x370)),
    ord("đ"): ord("d"),
    ord("Đ"): ord("D"),
}
_ASCII_DROPPED: dict[int, None] = dict.fromkeys(range(128))
MAX_QUERY = 2000  # characters of a query that are looked at; the rest cannot change a match


def strip_surrogates(text: str) -> str:
    """Lone surrogates (from a mangled terminal or file name) cannot be encoded: drop them."""
    try:
        text.encode("utf-8")  # fails exactly where a surrogate is
    except UnicodeEncodeError:
        return "".join(c for c in text if not "\ud800" <= c <= "\udfff")
    return text


# The same names and quotes are folded again by every answer that matches words against them
# (define, agency, models, the question reader): kept, `cpdt batch` folds each once.
@functools.lru_cache(maxsize=8192)
def fold(text: str, limit: int | None = MAX_QUERY) -> str:
    """Lower-case ASCII words: NFC/NFD, case, diacritics, đ and tone placement all folded.

    'Hoà', 'hòa', 'HOA' and the decomposed forms all give 'hoa'; 'TT&TT' gives 'tt tt';
    '1619/QĐ-TTg' gives '1619 qd ttg'. Only the first `limit` characters are looked at (the
    index passes None), and the result is cut to `limit` too, so that folding is idempotent
    even where unidecode writes one character as several.
    """
    text = strip_surrogates(text[:limit] if limit else text)
    ascii_ = _ascii(unicodedata.normalize("NFC", text)).casefold()
    if not ascii_.isascii():  # unidecode promises ASCII; anything else is not a word either
        ascii_ = "".join(ch if ch.isascii() else " " for ch in ascii_)
    folded = " ".join(ascii_.translate(_NON_WORD).split())  # runs of other characters: one space
    return folded[:limit].rstrip() if limit else folded


def _ascii(text: str) -> str:
    """unidecode's answer, reached quickly for Vietnamese: the index folds every quote."""
    if text.isascii():
        return text
    bare = unicodedata.normalize("NFD", text).translate(_BARE)
    if bare.isascii():  # Vietnamese, once its marks are off
        return bare
    if not any(ch.isalnum() for ch in bare.translate(_ASCII_DROPPED)):
        # only punctuation (“ ” – …) is left: not part of a word ("?" is not either)
        return bare.encode("ascii", "replace").decode("ascii")
    from unidecode import unidecode

    return unidecode(unicodedata.normalize("NFC", bare))


class Named:
    """Something a user may name: its id and every name it goes by. (A plain class: defining
    a NamedTuple cost as many instructions as 0.25% of `import typer`, on every search.)"""

    __slots__ = ("id", "label", "names")

    def __init__(self, id: str, label: str, names: tuple[str, ...]) -> None:
        self.id, self.label, self.names = id, label, names


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
    pool = list(candidates)
    if not pool:
        return []  # nothing to compare: the matcher (tens of ms to import) is not needed
    from rapidfuzz import fuzz

    q = fold(query)
    best: dict[str, tuple[float, Named]] = {}
    for c in pool:
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
    from ..messages import say

    return [say("did_you_mean", names=", ".join(f"'{c.label}'" for c in close))]


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


def words(text: str, limit: int | None = MAX_QUERY) -> tuple[str, ...]:
    return tuple(fold(text, limit).split())


SNIPPET_SCAN = 8000  # characters of a long text folded at a time when looking for the snippet


def snippet(text: str, matched: AbstractSet[str], width: int = 24) -> str:
    """The stretch of `text` (about `width` words) where the matched words are densest.

    A long text is looked at a stretch at a time, up to the first stretch holding a matched
    word, so that a huge field costs one pass of folding, not a list of all its words."""
    before = after = False
    if len(text) > SNIPPET_SCAN:
        text, before, after = _stretch(text, matched)
    tokens = text.split()
    if len(tokens) <= width and not (before or after):
        return " ".join(tokens)
    hits = [bool(set(words(t, None)) & matched) for t in tokens]
    best = max(range(max(1, len(tokens) - width + 1)), key=lambda i: (sum(hits[i : i + width]), -i))
    part = " ".join(tokens[best : best + width])
    more_before = before or best > 0
    more_after = after or best + width < len(tokens)
    return ("… " if more_before else "") + part + (" …" if more_after else "")


def _stretch(text: str, matched: AbstractSet[str]) -> tuple[str, bool, bool]:
    """The first stretch of whole words of `text` holding a matched word (else the first), and
    whether text was left out before and after it."""
    start = 0
    first = None
    while start < len(text):
        end = min(len(text), start + SNIPPET_SCAN)
        if end < len(text):  # end the stretch at a space: no word cut in two
            space = text.rfind(" ", start, end)
            end = space if space > start else end
        piece = text[start:end]
        if first is None:
            first = (piece, start, end)
        if set(fold(piece, None).split()) & matched:
            return piece, start > 0, end < len(text)
        start = end + 1 if end < len(text) and text[end] == " " else end
    assert first is not None
    piece, begin, end = first
    return piece, begin > 0, end < len(text)
