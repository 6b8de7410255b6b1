"""One renderer per format: an Answer in, text out. Queries never branch on the format.

Human formats go through one intermediate document (document.py: items with footnote numbers,
plus the sources block, in the chosen language), so the plain, Rich, Markdown and CSV renderers
say the same thing. Markdown, JSON Lines, CSV and BibTeX live in formats.py. This module also
decides colour (clig.dev's rules) and pages long output on a terminal.
"""

from __future__ import annotations

import os
import re
import sys
from typing import Any

import msgspec

from .errors import PipeClosed
from .queries import Answer, Result

SCHEMA_VERSION = 1

# C0/C1 controls (but newline and tab) and bidirectional overrides: shown, never obeyed.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def inert(text: str) -> str:
    return _UNSAFE.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else "\ufffd", text)


# --- JSON ----------------------------------------------------------------------------------


def to_json(answer: Answer, ascii_only: bool = False) -> str:
    import json  # only for --json: ~1.5 ms of start-up otherwise (bench/startup.py)

    doc = {
        "schema_version": SCHEMA_VERSION,
        "command": answer.command,
        "query": answer.query,
        "count": len(answer.results),
        "results": answer.results,
    }
    return json.dumps(doc, ensure_ascii=ascii_only, indent=2) + "\n"


# --- plain ---------------------------------------------------------------------------------


def to_plain(doc: Document) -> str:
    out = [doc.heading, ""]
    for item in doc.items:
        out += _plain_item(item, "")
        out.append("")
    if doc.footnotes:
        out.append("Nguồn")
        out += [f"[{n.number}] {footnote_text(n)}" for n in doc.footnotes]
    return inert("\n".join(out)) + "\n"


def _marks(numbers: list[int]) -> str:
    return "".join(f"[{n}]" for n in dict.fromkeys(numbers))


def _plain_item(item: Item, indent: str) -> list[str]:
    head = item.title if not item.text else f"{item.title}"
    lines = [indent + head]
    if item.text:
        lines.append(f"{indent}  {item.text} {_marks(item.marks)}".rstrip())
    elif item.marks:
        lines[0] += f" {_marks(item.marks)}"
    for quote, n in item.quotes:
        lines.append(f"{indent}  > “{quote}” [{n}]")
    lines += [f"{indent}  {label}: {value}" for label, value in item.meta]
    for child in item.children:
        lines += _plain_item(child, indent + "  ")
    return lines


# --- rich ----------------------------------------------------------------------------------


def to_rich(doc: Document, width: int, color: bool) -> str:
    import io

    from rich.console import Console
    from rich.padding import Padding
    from rich.text import Text

    buf = io.StringIO()
    console = Console(
        file=buf, width=width, force_terminal=color, no_color=not color, color_system=(
            "truecolor" if color else None), highlight=False, markup=False, emoji=False,
        legacy_windows=False, soft_wrap=False,
    )  # fmt: skip
    console.print(Text(inert(doc.heading), style="bold underline"))
    console.print()

    def show(item: Item, level: int) -> None:
        title = Text(inert(item.title), style="bold cyan")
        if not item.text and item.marks:
            title.append(f" {_marks(item.marks)}", style="dim")
        console.print(Padding(title, (0, 0, 0, 2 * level)))
        pad = (0, 0, 0, 2 * level + 2)
        if item.text:
            body = Text(inert(item.text))
            body.append(f" {_marks(item.marks)}", style="dim")
            console.print(Padding(body, pad))
        for quote, n in item.quotes:
            q = Text(f"“{inert(quote)}”", style="italic")
            q.append(f" [{n}]", style="dim")
            console.print(Padding(q, (0, 0, 0, 2 * level + 4)))
        for label, value in item.meta:
            line = Text(f"{label}: ", style="dim")
            line.append(inert(value))
            console.print(Padding(line, pad))
        for child in item.children:
            show(child, level + 1)

    for item in doc.items:
        show(item, 0)
        console.print()
    if doc.footnotes:
        console.print(Text("Nguồn", style="bold underline"))
    for note in doc.footnotes:
        line = Text(f"[{note.number}] ", style="dim")
        line.append(inert(footnote_text(note)))
        console.print(Padding(line, (0, 0, 0, 0)))
    return "".join(line.rstrip() + "\n" for line in buf.getvalue().splitlines())


# --- choosing and writing ------------------------------------------------------------------


def color_wanted(stream: Any) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def render(answer: Answer, fmt: str) -> str:
    if fmt == "json":
        return to_json(answer, ascii_only=not _stdout_is_unicode())
    doc = build_document(answer)
    if fmt == "plain":
        return to_plain(doc)
    assert fmt == "table", fmt
    import shutil

    width = max(20, shutil.get_terminal_size((80, 24)).columns)
    return to_rich(doc, width, color=color_wanted(sys.stdout))


def _stdout_is_unicode() -> bool:
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    return encoding in ("utf8", "utf16", "utf32", "utf8sig")


def write(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise PipeClosed() from None


def notify(message: str) -> None:
    """A notice on stderr (never stdout: it would break `--json` pipes)."""
    print(f"cpdt: {inert(message)}", file=sys.stderr)
