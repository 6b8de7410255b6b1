"""The terminal format's own typesetting: cell widths, word wrapping and SGR colour codes.

Written here rather than borrowed from Rich's private modules (tldr-python-client writes its
escape codes itself in the same way), and pinned by golden files (tests/golden/*-color.txt).
Importing Rich's console costs ~25 ms at start-up; this costs nothing.

A line is (indent, style of the whole line, text, appended parts with their own styles).
Words break at whitespace; a word wider than the line is cut, but a URL never is: it goes
on a line of its own and may run past the width, so that it can still be clicked and copied.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

# (indent, or None for none; the style of the whole line; its text; appended parts)
Line = tuple[int | None, str, str, list[tuple[str, str | None]]]

SGR = {"bold": 1, "dim": 2, "italic": 3, "underline": 4, "cyan": 36}
_WORD = re.compile(r"\S+\s*")
_URL = re.compile(r"[(<\[\"']?(?:https?|ftp)://", re.IGNORECASE)


@lru_cache(maxsize=4096)
def char_cells(char: str) -> int:
    """How many terminal cells a character takes: 0 for combining marks and invisible format
    characters (joiners, variation selectors), 2 for East Asian wide and full-width ones."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cells(text: str) -> int:
    if text.isascii():
        return len(text)
    return sum(char_cells(c) for c in text)


def render(lines: list[Line | None], width: int, color: bool) -> str:
    """The lines typeset for a terminal `width` cells wide (None: an empty line)."""
    out = []
    for line in lines:
        if line is None:
            out.append("\n")
            continue
        indent, style, text, appended = line
        pad = " " * (indent or 0)
        plain = (text + "".join(part for part, _ in appended)).replace("\t", " ")
        spans = [(0, len(plain), style)] if style else []
        offset = len(text)
        for part, part_style in appended:
            if part and part_style:
                spans.append((offset, offset + len(part), part_style))
            offset += len(part)
        for start, end in breaks(plain, max(1, width - len(pad))):
            end = start + len(plain[start:end].rstrip())
            row = painted(plain, start, end, spans) if color else plain[start:end]
            out.append((pad + row).rstrip() + "\n")
    return "".join(out)


def breaks(text: str, room: int) -> Iterator[tuple[int, int]]:
    """The (start, end) of each line of `text` wrapped to `room` cells: at whitespace, and
    always at a newline; a word wider than `room` is cut, a URL is not (it runs past)."""
    start = 0
    for part in text.split("\n"):
        for a, b in _wrapped(part, room):
            yield start + a, start + b
        start += len(part) + 1


def _wrapped(text: str, room: int) -> Iterator[tuple[int, int]]:
    begin = len(text) - len(text.lstrip())
    start, used = 0, cells(text[:begin])  # the current line: its start, its cells so far
    for word in _WORD.finditer(text, begin):
        a, b = word.span()
        body = a + len(word.group().rstrip())
        if used + cells(text[a:body]) <= room:
            used += cells(text[a:b])
            continue
        if a > start:  # the word begins the next line
            yield start, a
            start = a
        if cells(text[a:body]) > room and not _URL.search(text, a, body):  # in it, anywhere
            for cut in _cuts(text, a, body, room):  # a word wider than a line
                yield start, cut
                start = cut
        used = cells(text[start:b])
    yield start, len(text)


def _cuts(text: str, start: int, end: int, room: int) -> Iterator[int]:
    """Where to cut text[start:end] into pieces of at most `room` cells (the last one is
    left to the caller, as the line's beginning)."""
    used = 0
    for i in range(start, end):
        size = char_cells(text[i])
        if used + size > room and i > start:
            yield i
            used = 0
        used += size


def painted(plain: str, start: int, end: int, spans: list[tuple[int, int, str]]) -> str:
    """plain[start:end] with one SGR sequence per run of text between span edges."""
    edges = sorted({start, end, *(min(max(i, start), end) for s in spans for i in s[:2])})
    row = []
    for a, b in itertools.pairwise(edges):
        styles = [style for s, e, style in spans if s <= a < e]
        codes = sorted({SGR[word] for style in styles for word in style.split()})
        sgr = ";".join(map(str, codes))
        row.append(f"\x1b[{sgr}m{plain[a:b]}\x1b[0m" if sgr else plain[a:b])
    return "".join(row)
