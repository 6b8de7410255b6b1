"""The human formats of a terminal and a pipe: `table` (styled, indented, word-wrapped lines,
typeset by typeset.py: Rich's look without importing Rich, whose console costs ~25 ms at
start-up and ~40 ms a long answer) and `plain`. Both draw the intermediate document
(document.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..answers.results import Answer
from .output import inert, safe_url

if TYPE_CHECKING:
    from .document import Document, Item
    from .formats import Options
    from .typeset import Line


def to_table(answer: Answer, options: Options) -> str:
    import shutil

    from .document import build_document

    width = max(20, shutil.get_terminal_size((80, 24)).columns)
    return to_rich(build_document(answer, options.lang), width, color=options.color)


def to_plain(answer: Answer, options: Options) -> str:
    from .document import build_document

    return plain_text(build_document(answer, options.lang))


def plain_text(doc: Document) -> str:
    from .document import footnote_text

    out = [doc.heading, ""]
    for item in doc.items:
        out += _plain_item(item, "")
        out.append("")
    if doc.footnotes:
        out.append(doc.sources_heading)
        for n in doc.footnotes:
            out.append(f"[{n.number}] {footnote_text(n)}")
            if n.source.url:
                out.append(f"    {safe_url(n.source.url)}")
    return inert("\n".join(out)) + "\n"


def marks(numbers: list[int]) -> str:
    return "".join(f"[{n}]" for n in dict.fromkeys(numbers))


def _plain_item(item: Item, indent: str) -> list[str]:
    lines = [indent + item.title]
    if item.text:
        lines.append(f"{indent}  {item.text} {marks(item.marks)}".rstrip())
    elif item.marks:
        lines[0] += f" {marks(item.marks)}"
    for quote, n in item.quotes:
        lines.append(f"{indent}  > “{quote}” [{n}]")
    lines += [f"{indent}  {label}: {value}" for label, value in item.meta]
    lines += [f"{indent}  {safe_url(url)}" for url in item.urls]
    for child in item.children:
        lines += _plain_item(child, indent + "  ")
    return lines


def rich_lines(doc: Document) -> list[Line | None]:
    """The document as lines to print (None: an empty line)."""
    from .document import footnote_text

    out: list[Line | None] = [(None, "bold underline", inert(doc.heading), []), None]

    def show(item: Item, level: int) -> None:
        title_marks = f" {marks(item.marks)}" if not item.text and item.marks else ""
        out.append((2 * level, "bold cyan", inert(item.title), [(title_marks, "dim")]))
        pad = 2 * level + 2
        if item.text:
            out.append((pad, "", inert(item.text), [(f" {marks(item.marks)}", "dim")]))
        for quote, n in item.quotes:
            out.append((2 * level + 4, "italic", f"“{inert(quote)}”", [(f" [{n}]", "dim")]))
        for label, value in item.meta:
            out.append((pad, "dim", f"{label}: ", [(inert(value), None)]))
        for url in item.urls:
            out.append((pad, "", safe_url(url), []))
        for child in item.children:
            show(child, level + 1)

    for item in doc.items:
        show(item, 0)
        out.append(None)
    if doc.footnotes:
        out.append((None, "bold underline", inert(doc.sources_heading), []))
    for note in doc.footnotes:
        out.append((0, "dim", f"[{note.number}] ", [(inert(footnote_text(note)), None)]))
        if note.source.url:
            out.append((4, "", safe_url(note.source.url), []))
    return out


def to_rich(doc: Document, width: int, color: bool) -> str:
    from . import typeset  # only the table format needs it

    return typeset.render(rich_lines(doc), width, color)
