"""`--fields a,b,c`: keep only those fields of each result (json, jsonl) or those columns (csv),
in the order given. The envelope of `--json` (schema_version, command, query, count) stays."""

from __future__ import annotations

from collections.abc import Callable

from .errors import UsageError
from .messages import say
from .queries import Answer

FORMATS = ("json", "jsonl", "csv")


def wanted(spec: str) -> list[str]:
    return list(dict.fromkeys(name.strip() for name in spec.split(",") if name.strip()))


def render(
    answer: Answer,
    fmt: str,
    spec: str,
    render_as: Callable[[Answer, str, str, bool], str],
    lang: str,
    color: bool,
) -> str:
    if fmt not in FORMATS:
        where = f"--format {', '.join(FORMATS)}"
        raise UsageError(say("only_with", what="--fields", where=where))
    names = wanted(spec)
    if fmt == "csv":
        from .formats import CSV_COLUMNS

        _check(names, list(CSV_COLUMNS))
        return _columns(render_as(answer, fmt, lang, color), names)
    present = list(dict.fromkeys(key for result in answer.results for key in result))
    if answer.results:  # a result-less answer has nothing to check the names against
        _check(names, present)
    kept = [{name: r[name] for name in names if name in r} for r in answer.results]
    return render_as(Answer(answer.command, answer.query, kept, answer.notices), fmt, lang, color)


def _check(names: list[str], valid: list[str]) -> None:
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

    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        return text
    where = [rows[0].index(name) for name in names]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for row in rows:
        writer.writerow([row[i] for i in where])
    return buf.getvalue()
