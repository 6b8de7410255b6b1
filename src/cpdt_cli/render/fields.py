"""`--fields a,b,c`: keep only those fields of each result (json, jsonl) or those columns (csv),
in the order given. The envelope of `--json` (schema_version, command, query, count) stays."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from ..messages import say

if TYPE_CHECKING:
    from ..answers.results import Answer
    from .formats import Options


def wanted(spec: str) -> list[str]:
    return list(dict.fromkeys(name.strip() for name in spec.split(",") if name.strip()))


def render(answer: Answer, fmt: str, spec: str, options: Options) -> str:
    from . import formats
    from .json import dumps, envelope
    from .output import as_text, stdout_is_unicode

    names = wanted(spec)
    if fmt == "csv":
        from .csv import CSV_COLUMNS

        check_names(names, list(CSV_COLUMNS))
        return _columns(as_text(formats.render(answer, fmt, options)), names)
    doc = envelope(answer, options.lang)
    rows: list[dict[str, Any]] = doc["results"]
    present = list(dict.fromkeys(key for row in rows for key in row))
    if rows:  # a result-less answer has nothing to check the names against
        check_names(names, present)
    kept = [{name: row[name] for name in names if name in row} for row in rows]
    ascii_only = not stdout_is_unicode()
    if fmt == "jsonl":
        return "".join(dumps(row, ascii_only=ascii_only) + "\n" for row in kept)
    return dumps({**doc, "results": kept}, indent=2, ascii_only=ascii_only) + "\n"


def check_names(names: list[str], valid: list[str]) -> None:
    unknown = [name for name in names if name not in valid]
    if unknown or not names:
        from difflib import get_close_matches

        hints = tuple(
            say("did_you_mean", names=close[0])
            for name in unknown
            if (close := get_close_matches(name, valid, n=1))
        )
        shown = ", ".join(unknown) or "''"
        raise UsageError(say("no_field", names=shown, fields=", ".join(valid)), hints)


def _columns(text: str, names: list[str]) -> str:
    import csv
    import io

    bom = "\ufeff" if text.startswith("\ufeff") else ""
    rows = list(csv.reader(io.StringIO(text.removeprefix(bom), newline="")))
    if not rows:
        return text
    where = [rows[0].index(name) for name in names]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for row in rows:
        writer.writerow([row[i] for i in where])
    return bom + buf.getvalue()
