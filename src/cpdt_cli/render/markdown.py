"""`--format md`: Markdown with one heading per answer, members as a table, and footnote labels
taken from the source ids, so that reports pasted into one file share their notes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..answers.results import Answer
from .output import inert, safe_url

if TYPE_CHECKING:
    from .document import Footnote, Item
    from .formats import Options


_MD_SPECIAL = r"([\\`*_\[\]<>|#~])"  # compiled on first use (re's cache), not at start-up


def md_escape(text: str) -> str:
    return re.sub(_MD_SPECIAL, r"\\\1", " ".join(inert(text).split()))


def to_markdown(answer: Answer, options: Options) -> str:
    """One heading for the answer and one for each result; what a result holds is text under
    it (a committee's members a table). Footnote labels come from the source's id, so that two
    reports pasted into one file share, not clash."""
    from .document import build_document

    doc = build_document(answer, options.lang)
    labels: dict[int, str] = {}
    for note in doc.footnotes:  # two ids that read alike ("ext.x", "ext-x") stay apart
        label, n = note.label, 1
        while label in labels.values():
            n += 1
            label = f"{note.label}-{n}"
        labels[note.number] = label
    out = [f"# {md_escape(doc.heading)}", ""]
    for item in doc.items:
        out += _md_item(item, labels, 0, options.lang)
    if doc.footnotes:
        out += [f"## {md_escape(doc.sources_heading)}", ""]
        out += [_md_footnote(n, labels[n.number]) for n in doc.footnotes]
        out.append("")
    return "\n".join(out)


def _md_marks(numbers: list[int], labels: dict[int, str]) -> str:
    return "".join(f"[^{labels[n]}]" for n in dict.fromkeys(numbers))


def _md_item(item: Item, labels: dict[int, str], depth: int, lang: str) -> list[str]:
    title = md_escape(item.title)
    if not item.text and item.marks:
        title += _md_marks(item.marks, labels)
    if depth == 0:
        lines = [f"## {title}", ""]
    elif depth == 1:
        lines = [f"**{title}**", ""]
    else:
        lines = [f"- {title}"]
    if item.text:
        lines += [md_escape(item.text) + _md_marks(item.marks, labels), ""]
    for quote, n in item.quotes:
        lines += [f"> “{md_escape(quote)}”[^{labels[n]}]", ""]
    if item.meta:
        lines += [f"- **{md_escape(label)}:** {_md_value(value)}" for label, value in item.meta]
        lines.append("")
    lines += [f"<{safe_url(url)}>" for url in item.urls]
    if item.urls:
        lines.append("")
    members = [c for c in item.children if c.row]
    if members:
        from ..i18n import tr
        from .document import MEMBER_COLUMNS

        header = [md_escape(tr(c, lang)) for c in MEMBER_COLUMNS]
        lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(MEMBER_COLUMNS)]
        for member in members:
            cells = [md_escape(c) for c in member.row]
            cells[1] += _md_marks(member.marks, labels)
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    for child in item.children:
        if not child.row:
            lines += _md_item(child, labels, depth + 1, lang)
    if depth >= 2 and lines[-1] != "":
        lines.append("")
    return lines


def _md_value(value: str) -> str:
    from .document import is_url

    return f"<{safe_url(value)}>" if is_url(value) else md_escape(value)


def _md_footnote(note: Footnote, label: str) -> str:
    from .document import footnote_text

    text = md_escape(footnote_text(note))
    if note.source.url:  # a clickable link: the escaped copy of the URL would not be one
        text += f". <{safe_url(note.source.url)}>"
    return f"[^{label}]: {text}"
