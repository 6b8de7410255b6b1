"""One renderer per format: an Answer in, text out. Queries never branch on the format.

Human formats go through one intermediate document (items with footnote numbers, plus the
"Nguồn" block), so the plain, Rich and Markdown renderers say the same thing.
"""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass, field
from typing import Any

from .errors import PipeClosed
from .queries import Answer, Result

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
    return json.dumps(doc, ensure_ascii=ascii_only, indent=2) + "\n"


# --- the intermediate document -------------------------------------------------------------


@dataclass
class Item:
    title: str
    text: str = ""
    marks: list[int] = field(default_factory=list)  # footnote numbers backing the text
    quotes: list[tuple[str, int]] = field(default_factory=list)  # shown when not the text
    meta: list[tuple[str, str]] = field(default_factory=list)
    children: list[Item] = field(default_factory=list)


@dataclass
class Footnote:
    number: int
    source: dict[str, Any]
    locator: str | None


@dataclass
class Document:
    heading: str
    items: list[Item]
    footnotes: list[Footnote]


HEADINGS = {
    "define": "Định nghĩa Chính phủ điện tử",
    "agency": "Cơ quan và nhiệm vụ",
    "committee": "Ủy ban Quốc gia",
    "models": "Các mô hình Chính phủ điện tử",
    "timeline": "Mốc thời gian",
    "law": "Văn bản pháp lý",
    "sources": "Tài liệu nguồn",
    "search": "Kết quả tìm kiếm",
}

META_LABELS = {
    "year": "Năm",
    "language": "Ngôn ngữ",
    "term": "Thuật ngữ",
    "date": "Ngày",
    "valid_from": "Hiệu lực từ",
    "valid_until": "đến",
    "publisher": "Nơi đăng",
    "author": "Tác giả",
    "reviewed_by": "Người kiểm duyệt",
    "url": "URL",
}
_OWN_META = {"committee-state": ("valid_from", "valid_until"), "membership": ("text_en",)}


class _Notes:
    def __init__(self) -> None:
        self.by_key: dict[tuple[str, str | None], Footnote] = {}

    def mark(self, citation: dict[str, Any]) -> int:
        key = (citation["source"]["id"], citation.get("locator"))
        if key not in self.by_key:
            self.by_key[key] = Footnote(len(self.by_key) + 1, citation["source"], key[1])
        return self.by_key[key].number


def build_document(answer: Answer) -> Document:
    notes = _Notes()
    items = [describe(r, notes) for r in answer.results]
    heading = HEADINGS.get(answer.command, answer.command)
    return Document(f"{heading} — {len(items)} kết quả", items, list(notes.by_key.values()))


def describe(result: Result, notes: _Notes, cite: bool = True) -> Item:
    item = Item(title=str(result.get("title", "")), text=str(result.get("text") or ""))
    extra = _EXTRAS.get(str(result.get("kind")))
    if extra is not None:
        cite = extra(result, item, notes)
    if cite:
        for citation in result.get("citations", []):
            n = notes.mark(citation)
            item.marks.append(n)
            if _squash(citation["quote"]) not in _squash(item.text):
                item.quotes.append((citation["quote"], n))
    skip = _OWN_META.get(str(result.get("kind")), ())
    for key, label in META_LABELS.items():
        value = result.get(key)
        if value in (None, "", [], False) or (key == "language" and value == "vi") or key in skip:
            continue
        if str(value) not in item.title:
            item.meta.append((label, str(value)))
    if result.get("text_en") and result.get("text_en") != item.text and "text_en" not in skip:
        item.meta.append(("English", str(result["text_en"])))
    if result.get("notes"):
        item.meta.append(("Ghi chú", str(result["notes"])))
    return item


def _children(key: str) -> Any:
    """Render result[key] as child items; the parent's citations are its children's."""

    def extra(result: Result, item: Item, notes: _Notes) -> bool:
        item.children = [describe(child, notes) for child in result.get(key, [])]
        if result.get("name_en"):
            item.meta.append(("English", str(result["name_en"])))
        return False

    return extra


def _role(result: Result, item: Item, notes: _Notes) -> bool:
    basis = result.get("basis")
    if basis:
        where = f", {result['locator']}" if result.get("locator") else ""
        item.meta.append(("Căn cứ", f"{basis['number']}{where}"))
    if result.get("from") and result.get("to"):
        item.meta.append(("Chuyển", f"{result['from']['name']} → {result['to']['name']}"))
    return True


def _committee(result: Result, item: Item, notes: _Notes) -> bool:
    ins = result["instrument"]
    until = result.get("valid_until")
    period = f"{result['valid_from']} → {until}" if until else f"từ {result['valid_from']}"
    item.meta.append(("Thời kỳ", period))
    item.meta.append((_CHANGES.get(result.get("change", ""), "Văn bản"), ins["number"]))
    if result.get("ended_by"):
        ended = result["ended_by"]
        item.meta.append(("Chấm dứt", f"{ended['number']} ({ended['date']}): {ended['title']}"))
    for citation in result.get("citations", []):
        item.marks.append(notes.mark(citation))
    item.children = [describe(m, notes) for m in result.get("members", [])]
    return False


def _membership(result: Result, item: Item, notes: _Notes) -> bool:
    """One line a member: the full statement and its quote are in --json and the footnote."""
    item.title = f"{result.get('position_label', item.title)}: {result.get('holder', '')}"
    if result.get("person") and result["person"]["name"] not in item.title:
        item.title += f" ({result['person']['name']})"
    item.text = ""
    item.marks = [notes.mark(c) for c in result.get("citations", [])]
    if result.get("inferred"):
        item.meta.append(("Suy ra", str(result["inferred"])))
    return False


_CHANGES = {"founded": "Thành lập theo", "amended": "Sửa đổi theo", "renamed": "Đổi tên theo"}


def _instrument(result: Result, item: Item, notes: _Notes) -> bool:
    if result.get("issuer"):
        item.meta.append(("Cơ quan ban hành", result["issuer"]["name"]))
    for rel in [*result.get("relations", []), *result.get("related_by", [])]:
        target = rel["target"]
        text = target["title"]
        founders = [f for f in target.get("established_by") or [] if f["id"] != result["id"]]
        if founders:
            text += " (thành lập theo " + ", ".join(f["number"] for f in founders) + ")"
        item.meta.append((rel["label"].capitalize(), text))
    if result.get("cited_by"):
        facts = [Item(title=f"{fact['id']}: {fact['text']}") for fact in result["cited_by"]]
        item.children.append(Item(title="Dữ kiện dựa trên văn bản này", children=facts))
    return True


def _source(result: Result, item: Item, notes: _Notes) -> bool:
    item.meta.append(("Số mục trích dẫn", str(result.get("cited_by", 0))))
    for name, why in (result.get("inferred") or {}).items():
        item.meta.append((f"Suy ra ({name})", why))
    return False


_EXTRAS = {
    "agency": _children("roles"),
    "model": _children("facets"),
    "role": _role,
    "task-transfer": _role,
    "committee-state": _committee,
    "membership": _membership,
    "instrument": _instrument,
    "source": _source,
}


def _squash(text: str) -> str:
    return " ".join(text.split()).strip(" .…").replace("“", '"').replace("”", '"')


def footnote_text(note: Footnote) -> str:
    src = note.source
    parts = [f"“{src['title']}”"]
    parts += [p for p in (src.get("publisher"), src.get("date")) if p]
    line = ", ".join(parts)
    if note.locator:
        line += f" — {note.locator}"
    if src.get("url"):
        line += f". {src['url']}"
    return line


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
