"""The formats for other programs and for reports: Markdown, JSON Lines, CSV and BibTeX.

Markdown and CSV say what the plain renderer says (they read the same intermediate document
or the same localized names); JSON Lines carries the JSON contract's results one a line.
"""

from __future__ import annotations

import re
from typing import Any

from .document import (
    Document,
    Footnote,
    Item,
    build_document,
    footnote_text,
    is_translation,
    localized,
)
from .i18n import tr
from .queries import Answer


def render(answer: Answer, fmt: str, lang: str) -> str:
    if fmt == "jsonl":
        return to_jsonl(answer)
    if fmt == "csv":
        return to_csv(answer, lang)
    if fmt == "bibtex":
        return to_bibtex(answer)
    return to_markdown(build_document(answer, lang))


# --- JSON Lines ----------------------------------------------------------------------------


def to_jsonl(answer: Answer, ascii_only: bool = False) -> str:
    from .output import dumps

    return "".join(dumps(r, ascii_only=ascii_only) + "\n" for r in answer.results)


# --- Markdown ------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def md_escape(text: str) -> str:
    from .output import inert

    return _MD_SPECIAL.sub(r"\\\1", " ".join(inert(text).split()))


def _md_marks(numbers: list[int]) -> str:
    return "".join(f"[^{n}]" for n in dict.fromkeys(numbers))


def to_markdown(doc: Document) -> str:
    out = [f"# {md_escape(doc.heading)}", ""]
    for item in doc.items:
        out += _md_item(item, 2)
    if doc.footnotes:
        out += [f"## {md_escape(doc.sources_heading)}", ""]
        out += [_md_footnote(n) for n in doc.footnotes]
        out.append("")
    return "\n".join(out)


def _md_item(item: Item, level: int) -> list[str]:
    title = md_escape(item.title)
    if not item.text and item.marks:
        title += _md_marks(item.marks)
    lines = [f"{'#' * level} {title}", ""] if level <= 4 else [f"**{title}**", ""]
    if item.text:
        lines += [md_escape(item.text) + _md_marks(item.marks), ""]
    for quote, n in item.quotes:
        lines += [f"> “{md_escape(quote)}”[^{n}]", ""]
    if item.meta:
        lines += [f"- **{md_escape(label)}:** {_md_value(value)}" for label, value in item.meta]
        lines.append("")
    for child in item.children:
        lines += _md_item(child, level + 1)
    return lines


def _md_value(value: str) -> str:
    from .output import safe_url

    return f"<{safe_url(value)}>" if re.fullmatch(r"https?://\S+", value) else md_escape(value)


def _md_footnote(note: Footnote) -> str:
    text = md_escape(footnote_text(note))
    url = note.source.get("url")
    if url:  # a clickable link: the escaped copy of the URL would not be one
        from .output import safe_url

        text = text.replace(md_escape(url), f"<{safe_url(url)}>")
    return f"[^{note.number}]: {text}"


# --- CSV -----------------------------------------------------------------------------------

CSV_COLUMNS = ("id", "kind", "title", "text", "date", "sources", "locators", "urls", "quotes")


def to_csv(answer: Answer, lang: str) -> str:
    """One row per result (RFC 4180: CRLF line ends, quotes doubled, fields quoted when needed).
    A result that groups others (an agency's roles, a model's facets, a committee's members)
    puts its parts' titles in `text`."""
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for result in answer.results:
        title, text, _ = localized(result, lang)
        if text and is_translation(result, lang):
            text += f" ({tr('bản dịch của cpdt', lang)})"
        if not text:
            parts = [
                *result.get("roles", []),
                *result.get("facets", []),
                *result.get("members", []),
            ]
            text = "; ".join(localized(p, lang)[0] for p in parts)
        cites = result.get("citations", [])
        ids = list(dict.fromkeys(c["source"]["id"] for c in cites))
        locators = list(dict.fromkeys(c["locator"] for c in cites if c.get("locator")))
        urls = list(dict.fromkeys(c["source"]["url"] for c in cites if c["source"].get("url")))
        quotes = list(dict.fromkeys(c["quote"] for c in cites))
        date = result.get("date") or result.get("valid_from") or ""
        row = [result["id"], result["kind"], title, text, date]
        row += ["; ".join(ids), "; ".join(locators), " ".join(urls), " | ".join(quotes)]
        writer.writerow([_cell(v) for v in row])
    return buf.getvalue()


def _cell(value: Any) -> str:
    from .output import inert

    raw = str(value)
    text = inert(raw)
    # a cell a spreadsheet would run as a formula is kept as text (OWASP's CSV injection)
    return "'" + text if raw[:1] in _FORMULA or text[:1] in _FORMULA else text


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


# --- BibTeX --------------------------------------------------------------------------------

_TEX_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$",
    "#": r"\#", "_": r"\_", "^": r"\^{}", "~": r"\~{}",
}  # fmt: skip
_TEX = re.compile("|".join(re.escape(c) for c in _TEX_SPECIAL))


def tex_escape(text: str) -> str:
    from .output import inert

    return _TEX.sub(lambda m: _TEX_SPECIAL[m[0]], " ".join(inert(text).split()))


def to_bibtex(answer: Answer) -> str:
    """The sources of an answer as BibTeX (biblatex's @online where there is a URL, else
    @misc), UTF-8. Every field is braced and escaped; names are kept whole (`{{…}}`)
    because the data does not split them into given and family names."""
    records: dict[str, dict[str, Any]] = {}
    for result in answer.results:
        if result.get("kind") == "source":
            records[result["id"]] = result
        for citation in _all_citations(result):
            records.setdefault(citation["source"]["id"], citation["source"])
    return "\n".join(_bib_entry(r) for r in records.values())


def _all_citations(result: dict[str, Any]) -> list[dict[str, Any]]:
    cites = list(result.get("citations", []))
    for key in ("roles", "facets", "members"):
        for part in result.get(key, []):
            cites += part.get("citations", [])
    return cites


def _bib_entry(src: dict[str, Any]) -> str:
    key = re.sub(r"[^A-Za-z0-9.\-_:]", "-", src["id"])
    fields: list[tuple[str, str]] = [("title", "{" + tex_escape(src["title"]) + "}")]
    if src.get("author"):
        fields.append(("author", "{" + tex_escape(src["author"]) + "}"))
    if src.get("publisher"):
        name = "{" + tex_escape(src["publisher"]) + "}"
        fields += [("organization", name), ("publisher", name)]
    date = src.get("date")
    if date:
        fields += [("date", date), ("year", date[:4])]
        if len(date) >= 7:
            fields.append(("month", str(int(date[5:7]))))
    if src.get("url"):
        from .output import safe_url

        fields.append(("url", safe_url(src["url"])))
    if src.get("language"):
        fields.append(("langid", {"vi": "vietnamese", "en": "english"}.get(src["language"], "")))
    # how a field was inferred is for maintainers (`cpdt check --provenance`), not a citation
    entry = "online" if src.get("url") else "misc"
    body = ",\n".join(f"  {name} = {{{tex_escape(value) if name == 'note' else value}}}"
                      for name, value in fields if value)  # fmt: skip
    return f"@{entry}{{{key},\n{body}\n}}\n"
