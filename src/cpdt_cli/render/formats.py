"""The format registry: one renderer per format, an Answer in, text out; and the check of the
output options, made before any data is loaded (a usage error wins over every other).

table and plain are output.py's (the terminal); json, jsonl, md, csv and bibtex are here.
Queries never branch on the format.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import msgspec

from ..answers import results as r
from ..answers.results import Answer
from ..errors import UsageError
from ..messages import say
from .output import (
    COLORS,
    FORMATS,
    SCHEMA_VERSION,
    Utf8,
    dumps,
    inert,
    safe_url,
    stdout_is_unicode,
    text_of,
)

if TYPE_CHECKING:  # a JSON answer needs no document: it is imported where one is drawn
    from .document import Footnote, Item

    Renderer = Callable[[Answer, "Options"], str]


class Options(msgspec.Struct):
    lang: str = "vi"
    color: bool = False
    bom: bool = False


BIBTEX_COMMANDS = ("sources", "define", "law")
FIELDS_FORMATS = ("json", "jsonl", "csv")


def check(
    command: str,
    json: bool,
    fmt: str | None,
    color: str | None,
    fields: str | None,
    bom: bool,
) -> str | None:
    """The format asked for (None: the default for the terminal), or a UsageError: an unknown
    format or colour, --json with another --format, an option its format ignores."""
    if fmt is not None and fmt not in FORMATS:
        raise UsageError(
            say("no_such_value", option="--format", value=fmt, choices=", ".join(FORMATS))
        )
    if json and fmt not in (None, "json"):
        raise UsageError(say("not_both", one="--json", other=f"--format {fmt}"))
    if color is not None and color not in COLORS:
        raise UsageError(
            say("no_such_value", option="--color", value=color, choices=", ".join(COLORS))
        )
    chosen = "json" if json else fmt
    if chosen == "bibtex" and command not in BIBTEX_COMMANDS:
        raise UsageError(
            say("only_with", what="--format bibtex", where=f"cpdt {', '.join(BIBTEX_COMMANDS)}")
        )
    if fields and chosen not in FIELDS_FORMATS:
        raise UsageError(
            say("only_with", what="--fields", where=f"--format {', '.join(FIELDS_FORMATS)}")
        )
    if fields and chosen == "csv":  # the columns are known before any answer
        from .fields import check_names, wanted

        check_names(wanted(fields), list(CSV_COLUMNS))
    if bom and chosen != "csv":
        raise UsageError(say("only_with", what="--bom", where="--format csv"))
    return chosen


def render(answer: Answer, fmt: str, options: Options) -> str:
    return REGISTRY[fmt](answer, options)


# --- JSON and JSON Lines -------------------------------------------------------------------


def envelope(answer: Answer, lang: str) -> dict[str, Any]:
    """The --json object, as plain data (the results as their JSON shapes)."""
    from ..i18n import message

    doc: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "command": answer.command,
        "query": answer.query,
        "count": len(answer.results),
        "results": msgspec.to_builtins(answer.results, enc_hook=text_of),
    }
    if answer.notices:
        doc["notices"] = [message(n, lang) for n in answer.notices]
    if answer.command == "search":  # how the question was read, and that command's answer
        reading = answer.interpretation
        if reading is not None:  # its answer's notices in the chosen language, as the answer's
            said = [message(n, lang) for n in reading.answer.notices]
            answer_said = msgspec.structs.replace(reading.answer, notices=said)
            reading = msgspec.structs.replace(reading, answer=answer_said)
        doc["interpretation"] = msgspec.to_builtins(reading, enc_hook=text_of)
    return doc


def to_json(answer: Answer, options: Options) -> str:
    doc = envelope(answer, options.lang)
    return dumps(doc, indent=2, ascii_only=not stdout_is_unicode()) + "\n"


def to_jsonl(answer: Answer, options: Options) -> str:
    ascii_only = not stdout_is_unicode()
    rows = msgspec.to_builtins(answer.results, enc_hook=text_of)
    return "".join(dumps(row, ascii_only=ascii_only) + "\n" for row in rows)


# --- table and plain -----------------------------------------------------------------------


def to_table(answer: Answer, options: Options) -> str:
    import shutil

    from .document import build_document
    from .output import to_rich

    width = max(20, shutil.get_terminal_size((80, 24)).columns)
    return to_rich(build_document(answer, options.lang), width, color=options.color)


def to_plain(answer: Answer, options: Options) -> str:
    from .document import build_document
    from .output import to_plain as plain

    return plain(build_document(answer, options.lang))


# --- Markdown ------------------------------------------------------------------------------

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


# --- CSV -----------------------------------------------------------------------------------

CSV_COLUMNS = (
    "id", "kind", "of", "title", "text", "holder", "period", "date",
    "sources", "source_titles", "locators", "urls", "quotes",
)  # fmt: skip


def to_csv(answer: Answer, options: Options) -> str:
    """One row per fact (RFC 4180: CRLF line ends, quotes doubled, fields quoted when needed):
    a committee's members, an agency's roles and a model's facets are rows of their own, with
    the result they belong to in `of`. --bom starts the file with a UTF-8 byte-order mark, by
    which Excel knows the encoding."""
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    from .document import build_document

    doc = build_document(answer, options.lang)
    for result, item in zip(answer.results, doc.items[len(doc.items) - len(answer.results) :],
                            strict=True):  # fmt: skip
        for row in _csv_rows(result, item):
            writer.writerow([_cell(v) for v in row])
    text = buf.getvalue()
    return "\ufeff" + text if options.bom else text


def _parts(result: r.Result) -> list[Any]:
    """The results a result holds: a committee's members, an agency's roles, a model's facets."""
    if isinstance(result, r.CommitteeState):
        return list(result.members)
    if isinstance(result, r.Agency):
        return list(result.roles)
    if isinstance(result, r.Model):
        return list(result.facets)
    return []


def _csv_rows(result: r.Result, item: Item) -> list[list[str]]:
    parts = _parts(result)
    if not parts:
        return [_csv_row(result, item, "")]
    rows = []
    for part, child in zip(parts, item.children, strict=False):
        rows.append(_csv_row(part, child, result.id))
    return rows


def _csv_row(result: Any, item: Item, of: str) -> list[str]:
    cites: list[r.Citation] = list(getattr(result, "citations", []))
    if isinstance(result, r.CommitteeState) and result.members:
        cites += [c for m in result.members for c in m.citations]
    holder = getattr(result, "holder", "") or ""
    title = item.row[0] if item.row else item.title
    start = getattr(result, "valid_from", None)
    until = getattr(result, "valid_until", None)
    period = f"{start or ''} → {until or ''}".strip(" →") if (start or until) else ""
    if item.row:
        period = item.row[2]
    return [
        result.id,
        result.kind,
        of,
        title,
        item.text,
        holder,
        period,
        getattr(result, "date", None) or "",
        "; ".join(dict.fromkeys(c.source.id for c in cites)),
        "; ".join(dict.fromkeys(c.source.title for c in cites)),
        "; ".join(dict.fromkeys(c.locator for c in cites if c.locator)),
        " ".join(dict.fromkeys(safe_url(c.source.url) for c in cites if c.source.url)),
        " | ".join(dict.fromkeys(c.quote for c in cites)),
    ]


def _cell(value: Any) -> str:
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
_TEX = r"[\\{}%&$#_^~]"  # the keys of _TEX_SPECIAL


def tex_escape(text: str) -> str:
    return re.sub(_TEX, lambda m: _TEX_SPECIAL[m[0]], " ".join(inert(text).split()))


def to_bibtex(answer: Answer, options: Options) -> str:
    """The instruments of an answer (`law`) and its sources as BibTeX, UTF-8: a source is
    biblatex's @online where there is a URL, else @misc; an instrument is @misc with its type
    and number. Every field is braced and escaped; names are kept whole (`{{…}}`) because the
    data does not split them into given and family names."""
    entries: dict[str, str] = {}
    sources: dict[str, r.SourceRef | r.Source] = {}
    for result in answer.results:
        if isinstance(result, r.Instrument):
            entries.setdefault(result.id, _bib_instrument(result, options.lang))
        if isinstance(result, r.Source):
            sources[result.id] = result
        for citation in _all_citations(result):
            sources.setdefault(citation.source.id, citation.source)
    entries.update((f"source:{k}", _bib_source(s)) for k, s in sources.items() if k not in entries)
    return "\n".join(entries.values())


def _all_citations(result: r.Result) -> list[r.Citation]:
    cites = list(result.citations)
    for part in _parts(result):
        cites += part.citations
    return cites


def _bib_key(ident: str) -> str:
    return re.sub(r"[^A-Za-z0-9.\-_:]", "-", ident)


def _bib(entry: str, key: str, fields: list[tuple[str, str]]) -> str:
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@{entry}{{{_bib_key(key)},\n{body}\n}}\n"


def _date_fields(date: str | None) -> list[tuple[str, str]]:
    if not date:
        return []
    fields = [("date", date), ("year", date[:4])]
    if len(date) >= 7:
        fields.append(("month", str(int(date[5:7]))))
    return fields


def _bib_instrument(ins: r.Instrument, lang: str) -> str:
    from ..answers.labels import INSTRUMENT_TYPES, label

    fields: list[tuple[str, str]] = [("title", "{" + tex_escape(ins.text) + "}")]
    fields.append(("type", "{" + tex_escape(label(INSTRUMENT_TYPES, ins.type, lang)) + "}"))
    if not ins.number.startswith("("):
        fields.append(("number", "{" + tex_escape(ins.number) + "}"))
    if ins.issuer:
        name = "{" + tex_escape(ins.issuer.name) + "}"
        fields += [("author", name), ("organization", name)]
    fields += _date_fields(ins.date)
    fields.append(("langid", "vietnamese"))
    return _bib("misc", ins.id, fields)


def _bib_source(src: r.SourceRef | r.Source) -> str:
    fields: list[tuple[str, str]] = [("title", "{" + tex_escape(src.title) + "}")]
    author = src.author if isinstance(src, r.Source) else None
    if author:
        fields.append(("author", "{" + tex_escape(author) + "}"))
    if src.publisher:
        name = "{" + tex_escape(src.publisher) + "}"
        fields += [("organization", name), ("publisher", name)]
    fields += _date_fields(src.date)
    if src.url:
        fields.append(("url", safe_url(src.url)))
    language = src.language if isinstance(src, r.Source) else None
    if language:
        fields.append(("langid", {"vi": "vietnamese", "en": "english"}.get(language, "")))
    # how a field was inferred is for maintainers (`cpdt check --provenance`), not a citation
    return _bib("online" if src.url else "misc", src.id, fields)


def _utf8(renderer: Renderer) -> Renderer:
    """CSV and BibTeX have no escapes: they reach stdout as UTF-8 whatever its encoding."""

    def render(answer: Answer, options: Options) -> str:
        text = renderer(answer, options)
        return text if stdout_is_unicode() else Utf8(text)

    return render


REGISTRY: dict[str, Renderer] = {
    "table": to_table,
    "plain": to_plain,
    "json": to_json,
    "jsonl": to_jsonl,
    "md": to_markdown,
    "csv": _utf8(to_csv),
    "bibtex": _utf8(to_bibtex),
}
