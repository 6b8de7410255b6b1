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

from .document import Document, Item, build_document, footnote_text
from .errors import PipeClosed, UsageError
from .queries import Answer

SCHEMA_VERSION = 1

# C0/C1 controls (but newline and tab) and bidirectional overrides: shown, never obeyed.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def inert(text: str) -> str:
    return _UNSAFE.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else "\ufffd", text)


# --- JSON ----------------------------------------------------------------------------------


def to_json(answer: Answer, ascii_only: bool = False) -> str:
    doc = {
        "schema_version": SCHEMA_VERSION,
        "command": answer.command,
        "query": answer.query,
        "count": len(answer.results),
        "results": answer.results,
    }
    return dumps(doc, indent=2, ascii_only=ascii_only) + "\n"


def dumps(value: Any, indent: int | None = None, ascii_only: bool = False) -> str:
    """Exactly `json.dumps(value, ensure_ascii=ascii_only, indent=indent)`, written by msgspec
    whenever its text is the same: msgspec is loaded anyway, while importing json costs ~1.5 ms
    and json indents in pure Python."""
    if not ascii_only and _msgspec_writes_it_alike(value):
        try:
            return msgspec.json.format(msgspec.json.encode(value), indent=indent or 0).decode()
        except UnicodeEncodeError:  # a lone surrogate, e.g. from an undecodable argument
            pass
    import json

    return json.dumps(value, ensure_ascii=ascii_only, indent=indent)


def _msgspec_writes_it_alike(value: Any) -> bool:
    """Only str keys, and no float that json writes differently: repr() uses an exponent
    below 1e-4 and from 1e16 on (json '1e+16', msgspec '1e16'), and msgspec writes NaN and
    infinities as null."""
    stack = [value]
    while stack:
        v = stack.pop()
        t = type(v)
        if t is dict:
            if not all(type(k) is str for k in v):
                return False
            stack.extend(v.values())
        elif t is list or t is tuple:
            stack.extend(v)
        elif t is float:
            if not (v == 0.0 or 1e-4 <= abs(v) < 1e16):
                return False
        elif not (v is None or t is str or t is int or t is bool):
            return False
    return True


# --- plain ---------------------------------------------------------------------------------


def to_plain(doc: Document) -> str:
    out = [doc.heading, ""]
    for item in doc.items:
        out += _plain_item(item, "")
        out.append("")
    if doc.footnotes:
        out.append(doc.sources_heading)
        out += [f"[{n.number}] {footnote_text(n)}" for n in doc.footnotes]
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
    for child in item.children:
        lines += _plain_item(child, indent + "  ")
    return lines


# --- rich ----------------------------------------------------------------------------------


def rich_console(width: int, color: bool, record: bool = False) -> Any:
    import io

    from rich.console import Console

    return Console(
        file=io.StringIO(), width=width, force_terminal=color, no_color=not color,
        color_system="truecolor" if color else None, highlight=False, markup=False,
        emoji=False, legacy_windows=False, soft_wrap=False, record=record,
    )  # fmt: skip


def print_rich(console: Any, doc: Document) -> None:
    from rich.padding import Padding
    from rich.text import Text

    console.print(Text(inert(doc.heading), style="bold underline"))
    console.print()

    def show(item: Item, level: int) -> None:
        title = Text(inert(item.title), style="bold cyan")
        if not item.text and item.marks:
            title.append(f" {marks(item.marks)}", style="dim")
        console.print(Padding(title, (0, 0, 0, 2 * level)))
        pad = (0, 0, 0, 2 * level + 2)
        if item.text:
            body = Text(inert(item.text))
            body.append(f" {marks(item.marks)}", style="dim")
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
        console.print(Text(inert(doc.sources_heading), style="bold underline"))
    for note in doc.footnotes:
        line = Text(f"[{note.number}] ", style="dim")
        line.append(inert(footnote_text(note)))
        console.print(Padding(line, (0, 0, 0, 0)))


def to_rich(doc: Document, width: int, color: bool) -> str:
    console = rich_console(width, color)
    print_rich(console, doc)
    return "".join(line.rstrip() + "\n" for line in console.file.getvalue().splitlines())


# --- choosing and writing ------------------------------------------------------------------

FORMATS = ("table", "plain", "json", "jsonl", "md", "csv", "bibtex")
COLORS = ("auto", "always", "never")


def color_wanted(choice: str, stream: Any) -> bool:
    """--color always/never wins; else NO_COLOR, CLICOLOR_FORCE/FORCE_COLOR, TERM=dumb,
    CLICOLOR=0 (in that order, as clig.dev and the NO_COLOR / CLICOLOR conventions ask);
    else colour only on a terminal."""
    if choice not in COLORS:
        raise UsageError(f"--color '{choice}' không có; chọn một trong: {', '.join(COLORS)}")
    if choice != "auto":
        return choice == "always"
    env = os.environ
    if env.get("NO_COLOR"):
        return False
    if env.get("CLICOLOR_FORCE", "0") != "0" or env.get("FORCE_COLOR", "0") not in ("0", "false"):
        return True
    if env.get("TERM") == "dumb" or env.get("CLICOLOR") == "0":
        return False
    return is_tty(stream)


def is_tty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def default_format(color: bool, color_choice: str, stream: Any) -> str:
    """Rich on a terminal (unless NO_COLOR or TERM=dumb ask for plain text), or when colour
    is forced; plain text in a pipe."""
    if color or (color_choice == "never" and is_tty(stream)):
        return "table"
    return "plain"


def render(answer: Answer, fmt: str, lang: str = "vi", color: bool = False) -> str:
    if fmt == "json":
        return to_json(answer, ascii_only=not _stdout_is_unicode())
    if fmt in ("jsonl", "csv", "bibtex", "md"):
        from . import formats

        return formats.render(answer, fmt, lang)
    doc = build_document(answer, lang)
    if fmt == "plain":
        return to_plain(doc)
    if fmt != "table":
        raise UsageError(f"--format '{fmt}' không có; chọn một trong: {', '.join(FORMATS)}")
    import shutil

    width = max(20, shutil.get_terminal_size((80, 24)).columns)
    return to_rich(doc, width, color=color)


def _stdout_is_unicode() -> bool:
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    return encoding in ("utf8", "utf16", "utf32", "utf8sig")


def write(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise PipeClosed() from None


def show(text: str, pager: bool) -> None:
    """Write `text`, through $PAGER (`less -FIRX` by default) when it is longer than a
    terminal screen and stdout is one; a missing or failing pager falls back to printing."""
    if not pager or not is_tty(sys.stdout) or not _too_long(text):
        write(text)
        return
    import shlex
    import subprocess

    command = os.environ.get("PAGER", "less -FIRX")
    try:
        argv = shlex.split(command)
    except ValueError:
        argv = []
    if not argv or argv[0] == "cat":
        write(text)
        return
    env = dict(os.environ)
    env.setdefault("LESSCHARSET", "utf-8")
    env.setdefault("LESS", "FRX")  # as git does: colours pass, short output needs no key
    try:
        with subprocess.Popen(argv, stdin=subprocess.PIPE, env=env) as proc:
            assert proc.stdin is not None
            try:
                proc.stdin.write(text.encode(sys.stdout.encoding or "utf-8", "replace"))
                proc.stdin.close()
            except BrokenPipeError:
                pass  # the reader quit before reading everything: that is fine for a pager
            code = proc.wait()
    except OSError:
        code = -1
    if code != 0:
        write(text)


def _too_long(text: str) -> bool:
    import shutil

    size = shutil.get_terminal_size((80, 24))
    return text.count("\n") >= size.lines


def notify(message: str, lang: str = "vi") -> None:
    """A notice on stderr (never stdout: it would break `--json` pipes)."""
    from .i18n import message as translate

    print(f"cpdt: {inert(translate(message, lang))}", file=sys.stderr)
