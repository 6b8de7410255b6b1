"""The options every listing command shares, and the way from them to a printed answer.

Every listing command takes the same output options (--format, --json, --lang, --color,
--no-pager, --fields, --bom, --data, --overlay), before or after its name: `@listing` adds them
to the command's signature, so a command is only its own arguments and one call into the core.
"""

import functools
import inspect
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from .completion import complete_colors, complete_formats, complete_langs

if TYPE_CHECKING:
    from .answers.results import Answer
    from .data.model import Facts

DataOpt = Annotated[
    Optional[list[Path]],  # noqa: UP045 - Typer needs Optional here on Python 3.10
    typer.Option(
        "--data",
        readable=False,  # an unreadable file is a bad fact file (exit 3), not a usage error
        show_default=False,
    ),
]
OverlayOpt = Annotated[
    Optional[list[Path]],  # noqa: UP045
    typer.Option(
        "--overlay",
        readable=False,
        show_default=False,
    ),
]
JsonOpt = Annotated[
    bool,
    typer.Option("--json"),
]
FormatOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--format",
        "-f",
        autocompletion=complete_formats,
        show_default=False,
    ),
]
LangOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--lang",
        autocompletion=complete_langs,
        show_default=False,
    ),
]
ColorOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--color",
        autocompletion=complete_colors,
        show_default=False,
    ),
]
BomOpt = Annotated[
    bool,
    typer.Option("--bom"),
]
NoPagerOpt = Annotated[
    bool,
    typer.Option(
        "--no-pager",
    ),
]
FieldsOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--fields",
        show_default=False,
    ),
]
QueryArg = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Argument(show_default=False),
]
YearOpt = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option("--year", show_default=False),
]


OnOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--on",
        show_default=False,
    ),
]


class Settings:
    """The output options, from the root (before the command) and the command (after it)."""

    def __init__(self) -> None:
        self.data: list[Path] | None = None
        self.overlay: list[Path] | None = None
        self.json = False
        self.format: str | None = None
        self.lang: str | None = None
        self.color: str | None = None
        self.no_pager = False
        self.fields: str | None = None
        self.bom = False

    def merge(self, options: dict[str, Any]) -> None:
        for name, value in options.items():
            if name in ("data", "overlay") and value:  # repeatable, before and after the command
                value = [*(getattr(self, name) or []), *value]
            if value not in (None, False, []):
                setattr(self, name, value)

    @property
    def language(self) -> str:
        from . import i18n
        from .errors import UsageError
        from .messages import say

        lang = i18n.choose(self.lang)
        if lang not in i18n.LANGS:
            named = "--lang" if self.lang else "CPDT_LANG"  # say where the bad value came from
            raise UsageError(say("no_such_value", option=named, value=lang, choices="vi, en"))
        return lang


def settings_of(ctx: typer.Context) -> Settings:
    root = ctx.find_root()
    if not isinstance(root.obj, Settings):
        root.obj = Settings()
    return root.obj


_SHARED = (
    ("json", JsonOpt, False),
    ("format", FormatOpt, None),
    ("lang", LangOpt, None),
    ("color", ColorOpt, None),
    ("no_pager", NoPagerOpt, False),
    ("fields", FieldsOpt, None),
    ("bom", BomOpt, False),
    ("data", DataOpt, None),
    ("overlay", OverlayOpt, None),
)


def listing(func: Callable[..., "Answer"]) -> Callable[..., None]:
    """Make a function returning an Answer into a command with the shared output options."""
    own = inspect.signature(func)
    shared = [
        inspect.Parameter(f"{name}_", inspect.Parameter.KEYWORD_ONLY, default=d, annotation=a)
        for name, a, d in _SHARED
    ]

    @functools.wraps(func)
    def command(ctx: typer.Context, **kwargs: Any) -> None:
        settings = settings_of(ctx)
        settings.merge({name: kwargs.pop(f"{name}_") for name, _, _ in _SHARED})

        def run() -> None:
            check_format(ctx)  # a usage error wins: checked before any data is loaded
            answer(ctx, func, kwargs)

        in_language(settings.language, run)

    params = [*own.parameters.values(), *shared]
    del command.__wrapped__  # Typer must see the new signature, not the function's own
    command.__signature__ = own.replace(  # type: ignore[attr-defined]
        parameters=params, return_annotation=None
    )
    command.__annotations__ = {p.name: p.annotation for p in params}
    return command


def answer(ctx: typer.Context, func: Callable[..., "Answer"], kwargs: dict[str, Any]) -> None:
    """Run the query and print its answer; with --json a miss still prints the object
    (`count: 0`, its notices and the message), then exits 1 with the message on stderr."""
    from .errors import NotFound

    try:
        answer = rebuilding(ctx, func, kwargs)
    except NotFound as miss:
        settings = settings_of(ctx)
        if settings.json or settings.format in ("json", "jsonl"):
            from .answers.results import Answer

            command = ctx.command.name or func.__name__
            asked = miss.query or {
                ("text" if k == "query" else k): (words(v) if k == "query" else v)
                for k, v in kwargs.items()
                if plain(v)
            }
            # the miss's own message is in the JSON's notices; on stderr main() prints it once
            emit(ctx, Answer(command, asked, [], [*miss.notices, miss.message]), unsaid=1)
            miss.notices = []
        raise
    emit(ctx, answer)


def rebuilding(
    ctx: typer.Context, func: Callable[..., "Answer"], kwargs: dict[str, Any]
) -> "Answer":
    """The answer; a register database found damaged while read is built again, once."""
    try:
        return func(ctx, **kwargs)
    except Exception as error:
        sqlite3 = sys.modules.get("sqlite3")  # not imported: no database was read
        if sqlite3 is None or not isinstance(error, sqlite3.DatabaseError):
            raise
    from .data import cache, store

    store.discard(cache.key_for(paths(ctx)))
    return func(ctx, **kwargs)


def plain(value: Any) -> bool:
    """A value a query object can echo as JSON: set, and text, a number or a list of text."""
    if isinstance(value, list):
        return bool(value) and all(isinstance(v, str) for v in value)
    return value is not None and value is not False and isinstance(value, (str, int))


def in_language(lang: str, run: Callable[[], None]) -> None:
    """The core speaks Vietnamese; its errors are put into the chosen language here, once."""
    from . import i18n
    from .errors import CpdtError

    try:
        run()
    except CpdtError as error:
        error.message = i18n.message(error.message, lang)
        error.hints = tuple(i18n.message(h, lang) for h in error.hints)
        raise


def paths(ctx: typer.Context, data: list[Path] | None = None) -> list[Path]:
    from .data import layers

    settings = settings_of(ctx)
    return layers.layered_paths(data or settings.data, settings.overlay)


def load_facts(ctx: typer.Context, data: list[Path] | None = None) -> "Facts":
    from .data import facts
    from .render import output

    loaded = facts.load(paths(ctx, data))
    lang = settings_of(ctx).language
    for notice in loaded.notices:
        output.notify(notice, lang)
    return loaded


def check_format(ctx: typer.Context) -> str | None:
    """The format the output options ask for (None: the terminal's default); UsageError for
    an unknown or conflicting one."""
    from .render import formats

    s = settings_of(ctx)
    command = ctx.command.name or ""
    return formats.check(command, s.json, s.format, s.color, s.fields, s.bom)


def emit(ctx: typer.Context, answer: "Answer", *, unsaid: int = 0) -> None:
    """Print the answer; its notices go to stderr too, but for the last `unsaid` of them,
    which the caller prints itself (a miss's message, with its hints)."""
    from .render import formats, output

    settings = settings_of(ctx)
    chosen = check_format(ctx)
    lang = settings.language
    for notice in answer.notices[: len(answer.notices) - unsaid]:
        output.notify(notice, lang)
    color = output.color_wanted(settings.color or "auto", sys.stdout)
    chosen = chosen or output.default_format(color, settings.color or "auto", sys.stdout)
    options = formats.Options(lang=lang, color=color, bom=settings.bom)
    text: str | bytes
    if settings.fields:
        from .render import fields

        text = fields.render(answer, chosen, settings.fields, options)
    else:
        text = formats.render(answer, chosen, options)
    output.show(text, pager=not settings.no_pager)


def words(query: list[str] | None) -> str | None:
    """`cpdt agency dau moi ky thuat` means the same as `cpdt agency "dau moi ky thuat"`."""
    text = " ".join(query or []).strip()
    return text or None
