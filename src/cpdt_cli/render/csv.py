"""`--format csv`: one row per fact, RFC 4180, safe to open in a spreadsheet."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..answers import results as r
from ..answers.results import Answer
from .output import inert, safe_url

if TYPE_CHECKING:
    from .document import Item
    from .formats import Options


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


def _csv_rows(result: r.Result, item: Item) -> list[list[str]]:
    parts = r.parts_of(result)
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
