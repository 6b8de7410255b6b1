"""The format registry: one renderer per format (a module of this package each), an Answer in,
text out (or that text's UTF-8 bytes); and the check of the output options, made before any
data is loaded (a usage error wins over every other). Queries never branch on the format.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

import msgspec

from ..errors import UsageError
from ..messages import say
from .output import COLORS, FORMATS, Utf8, stdout_is_unicode

if TYPE_CHECKING:
    from ..answers.results import Answer

    Renderer = Callable[[Answer, "Options"], str | bytes]


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
        from .csv import CSV_COLUMNS
        from .fields import check_names, wanted

        check_names(wanted(fields), list(CSV_COLUMNS))
    if bom and chosen != "csv":
        raise UsageError(say("only_with", what="--bom", where="--format csv"))
    return chosen


# Each format's module and function, imported when used: a JSON answer loads no Markdown.
REGISTRY: dict[str, tuple[str, str]] = {
    "table": ("terminal", "to_table"),
    "plain": ("terminal", "to_plain"),
    "json": ("json", "to_json"),
    "jsonl": ("json", "to_jsonl"),
    "md": ("markdown", "to_markdown"),
    "csv": ("csv", "to_csv"),
    "bibtex": ("bibtex", "to_bibtex"),
}
UTF8_FORMATS = ("csv", "bibtex")  # no escapes: they reach stdout as UTF-8 whatever its encoding


def renderer(fmt: str) -> Renderer:
    module, name = REGISTRY[fmt]
    function: Renderer = getattr(importlib.import_module(f"{__package__}.{module}"), name)
    return function


def render(answer: Answer, fmt: str, options: Options) -> str | bytes:
    """The answer in that format: text, or text as UTF-8 bytes (JSON, as msgspec writes it)."""
    text = renderer(fmt)(answer, options)
    if isinstance(text, str) and fmt in UTF8_FORMATS and not stdout_is_unicode():
        return Utf8(text)
    return text
