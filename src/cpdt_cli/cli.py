"""The Typer app: parse options, call the core, hand the answer to output. No logic here.

Every listing command takes the same output options (--format, --json, --lang, --color,
--no-pager, --data, --overlay), before or after its name: `@listing` adds them to the
command's signature, so a command is only its own arguments and one call into the core.
"""

import functools
import inspect
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from . import __version__
from .completion import (
    complete_agencies,
    complete_colors,
    complete_formats,
    complete_langs,
    complete_law_types,
    complete_laws,
    complete_models,
    complete_sources,
    complete_timeline_kinds,
    complete_years,
)

if TYPE_CHECKING:
    from .answers.results import Answer
    from .data.model import Facts

app = typer.Typer(
    name="cpdt",
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# --- the options every listing command shares ----------------------------------------------

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


def _settings(ctx: typer.Context) -> Settings:
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
        settings = _settings(ctx)
        settings.merge({name: kwargs.pop(f"{name}_") for name, _, _ in _SHARED})

        def run() -> None:
            _format(ctx)  # a usage error wins: checked before any data is loaded
            _answer(ctx, func, kwargs)

        _in_language(settings.language, run)

    params = [*own.parameters.values(), *shared]
    del command.__wrapped__  # Typer must see the new signature, not the function's own
    command.__signature__ = own.replace(  # type: ignore[attr-defined]
        parameters=params, return_annotation=None
    )
    command.__annotations__ = {p.name: p.annotation for p in params}
    return command


def _answer(ctx: typer.Context, func: Callable[..., "Answer"], kwargs: dict[str, Any]) -> None:
    """Run the query and print its answer; with --json a miss still prints the object
    (`count: 0`, its notices and the message), then exits 1 with the message on stderr."""
    from .errors import NotFound

    try:
        answer = _rebuilding(ctx, func, kwargs)
    except NotFound as miss:
        settings = _settings(ctx)
        if settings.json or settings.format in ("json", "jsonl"):
            from .answers.results import Answer

            command = ctx.command.name or func.__name__
            asked = miss.query or {
                ("text" if k == "query" else k): (_words(v) if k == "query" else v)
                for k, v in kwargs.items()
                if _plain(v)
            }
            # the miss's own message is in the JSON's notices; on stderr main() prints it once
            _emit(ctx, Answer(command, asked, [], [*miss.notices, miss.message]), unsaid=1)
            miss.notices = []
        raise
    _emit(ctx, answer)


def _rebuilding(
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

    store.discard(cache.key_for(_paths(ctx)))
    return func(ctx, **kwargs)


def _plain(value: Any) -> bool:
    """A value a query object can echo as JSON: set, and text, a number or a list of text."""
    if isinstance(value, list):
        return bool(value) and all(isinstance(v, str) for v in value)
    return value is not None and value is not False and isinstance(value, (str, int))


def _in_language(lang: str, run: Callable[[], None]) -> None:
    """The core speaks Vietnamese; its errors are put into the chosen language here, once."""
    from . import i18n
    from .errors import CpdtError

    try:
        run()
    except CpdtError as error:
        error.message = i18n.message(error.message, lang)
        error.hints = tuple(i18n.message(h, lang) for h in error.hints)
        raise


def _version(value: bool) -> None:
    if value:
        print(f"cpdt {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    data: DataOpt = None,
    overlay: OverlayOpt = None,
    json_: JsonOpt = False,
    fmt: FormatOpt = None,
    lang: LangOpt = None,
    color: ColorOpt = None,
    no_pager: NoPagerOpt = False,
    fields: FieldsOpt = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True),
    ] = False,
) -> None:
    _settings(ctx).merge(
        {"data": data, "overlay": overlay, "json": json_, "format": fmt, "lang": lang,
         "color": color, "no_pager": no_pager, "fields": fields}
    )  # fmt: skip


def _paths(ctx: typer.Context, data: list[Path] | None = None) -> list[Path]:
    from .data import layers

    settings = _settings(ctx)
    return layers.layered_paths(data or settings.data, settings.overlay)


def _facts(ctx: typer.Context, data: list[Path] | None = None) -> "Facts":
    from .data import facts
    from .render import output

    loaded = facts.load(_paths(ctx, data))
    lang = _settings(ctx).language
    for notice in loaded.notices:
        output.notify(notice, lang)
    return loaded


def _format(ctx: typer.Context) -> str | None:
    """The format the output options ask for (None: the terminal's default); UsageError for
    an unknown or conflicting one."""
    from .render import formats

    s = _settings(ctx)
    command = ctx.command.name or ""
    return formats.check(command, s.json, s.format, s.color, s.fields, s.bom)


def _emit(ctx: typer.Context, answer: "Answer", *, unsaid: int = 0) -> None:
    """Print the answer; its notices go to stderr too, but for the last `unsaid` of them,
    which the caller prints itself (a miss's message, with its hints)."""
    from .render import formats, output

    settings = _settings(ctx)
    chosen = _format(ctx)
    lang = settings.language
    for notice in answer.notices[: len(answer.notices) - unsaid]:
        output.notify(notice, lang)
    color = output.color_wanted(settings.color or "auto", sys.stdout)
    chosen = chosen or output.default_format(color, settings.color or "auto", sys.stdout)
    options = formats.Options(lang=lang, color=color, bom=settings.bom)
    if settings.fields:
        from .render import fields

        text = fields.render(answer, chosen, settings.fields, options)
    else:
        text = formats.render(answer, chosen, options)
    output.show(text, pager=not settings.no_pager)


def _words(query: list[str] | None) -> str | None:
    """`cpdt agency dau moi ky thuat` means the same as `cpdt agency "dau moi ky thuat"`."""
    text = " ".join(query or []).strip()
    return text or None


# --- the commands --------------------------------------------------------------------------


@app.command()
@listing
def define(
    ctx: typer.Context,
    query: QueryArg = None,
    source: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--source",
            "-s",
            autocompletion=complete_sources,
        ),
    ] = None,
) -> "Answer":
    from .answers.define import define as answer

    return answer(_facts(ctx), _words(query), source)


@app.command()
@listing
def agency(
    ctx: typer.Context,
    query: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(
            show_default=False,
            autocompletion=complete_agencies,
        ),
    ] = None,
    year: YearOpt = None,
    on: OnOpt = None,
) -> "Answer":
    from .answers.agency import agency as answer

    return answer(_facts(ctx), _words(query), year, on)


@app.command()
@listing
def committee(
    ctx: typer.Context,
    year: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--year",
            show_default=False,
            autocompletion=complete_years,
        ),
    ] = None,
    on: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--on", show_default=False),
    ] = None,
) -> "Answer":
    from .answers.committee import committee as answer

    return answer(_facts(ctx), year, on)


@app.command()
@listing
def models(
    ctx: typer.Context,
    query: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(
            show_default=False,
            autocompletion=complete_models,
        ),
    ] = None,
) -> "Answer":
    from .answers.models import models as answer

    return answer(_facts(ctx), _words(query))


@app.command()
@listing
def timeline(
    ctx: typer.Context,
    query: QueryArg = None,
    year: YearOpt = None,
    start: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--from", show_default=False),
    ] = None,
    end: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--to", show_default=False),
    ] = None,
    on: OnOpt = None,
    kind: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--kind",
            autocompletion=complete_timeline_kinds,
            show_default=False,
        ),
    ] = None,
) -> "Answer":
    from .answers.timeline import timeline as answer

    return answer(_facts(ctx), _words(query), year, start, end, kind, on)


@app.command()
@listing
def law(
    ctx: typer.Context,
    query: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(
            show_default=False,
            autocompletion=complete_laws,
        ),
    ] = None,
    in_force: Annotated[
        bool,
        typer.Option(
            "--in-force",
        ),
    ] = False,
    on: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--on",
            show_default=False,
        ),
    ] = None,
    type_: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--type",
            autocompletion=complete_law_types,
            show_default=False,
        ),
    ] = None,
    issuer: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--issuer",
            show_default=False,
        ),
    ] = None,
    start: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--from", show_default=False),
    ] = None,
    end: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--to", show_default=False),
    ] = None,
) -> "Answer":
    from .answers import law as law_

    return law_.law(
        _facts(ctx),
        _words(query),
        in_force=in_force,
        on=on,
        type_=type_,
        issuer=issuer,
        start=start,
        end=end,
    )


@app.command()
@listing
def sources(ctx: typer.Context) -> "Answer":
    from .answers.sources import sources as answer

    return answer(_facts(ctx))


@app.command()
def paths(ctx: typer.Context) -> None:
    from .data import cache, facts, layers
    from .render import output

    settings = _settings(ctx)
    lines = layers.describe_paths(
        facts.builtin_path(), _paths(ctx), settings.overlay, cache.directory(), settings.language
    )
    output.write("".join(f"{label}: {output.inert(value)}\n" for label, value in lines))


@app.command()
def check(
    ctx: typer.Context,
    paths: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Argument(
            readable=False,
        ),
    ] = None,
    provenance: Annotated[
        bool,
        typer.Option(
            "--provenance",
        ),
    ] = False,
) -> None:
    from . import streams
    from .data import facts
    from .errors import EXIT_DATA
    from .messages import text
    from .render import output

    targets = paths or _paths(ctx)
    lang = _settings(ctx).language
    problems, model = facts.check(targets)
    where = output.inert(", ".join(map(str, targets)))
    if model is None:
        for problem in problems:
            streams.say(output.inert(problem.said(lang)))
        failed = text("check.failed", lang, n=len(problems), where=where)
        streams.say(f"cpdt: {failed}")
        raise typer.Exit(EXIT_DATA)
    for notice in model.notices:
        output.notify(notice, lang)
    counts = {
        "check.sources": len(model.sources),
        "check.entities": len(model.entities),
        "check.instruments": len(model.instruments),
        "check.states": len(model.committee_states),
        "check.statements": len(model.statements),
    }
    summary = ", ".join(text(key, lang, n=n) for key, n in counts.items())
    output.write(f"OK: {where} — {summary}\n")
    if provenance:
        output.write("".join(f"{i}: {output.inert(why)}\n" for i, why in _provenance(model)))


def _provenance(model: "Facts") -> list[tuple[str, str]]:
    """Every maintainer's note on how a fact was found: provenance, and sources' inferred."""
    out: list[tuple[str, str]] = []
    for group in (
        model.sources,
        model.entities,
        model.instruments,
        model.committee_states,
        model.statements,
    ):
        for item in group.values():
            why = getattr(item, "provenance", None)
            if why:
                out.append((item.id, why))
    for source in model.sources.values():
        out += [(f"{source.id} ({field})", why) for field, why in source.inferred.items()]
    return out


@app.command()
@listing
def search(
    ctx: typer.Context,
    query: QueryArg = None,
    kind: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--kind",
            "-k",
            show_default=False,
        ),
    ] = None,
    limit: Annotated[
        int,
        typer.Option("--limit", "-n", min=1, max=200),
    ] = 10,
) -> "Answer":
    from .answers import search as find

    text = _words(query)
    if text is None:
        from .errors import UsageError
        from .messages import say

        raise UsageError(say("needs_query", example="cpdt search 'vpcp'"))
    return find.search_facts(_facts(ctx), text, kind, limit)


@app.command()
def export(
    ctx: typer.Context,
    path: Annotated[
        Path,
        typer.Argument(show_default=False),
    ],
    force: Annotated[bool, typer.Option("--force")] = False,
) -> None:
    from .data import store
    from .messages import text
    from .render import output

    lang = _settings(ctx).language

    def run() -> None:
        store.export(_facts(ctx), path, force)
        output.write(text("wrote", lang, path=output.inert(str(path))) + "\n")

    _in_language(lang, run)


@app.command()
def schema(
    ctx: typer.Context,
    command: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(show_default=False),
    ] = None,
) -> None:
    from .render import output
    from .render import schema as schemas
    from .render.json import dumps

    def show() -> None:
        output.write(dumps(schemas.output_schema(command), indent=2) + "\n")

    _in_language(_settings(ctx).language, show)


@app.command()
def batch(
    ctx: typer.Context,
    data: DataOpt = None,
    overlay: OverlayOpt = None,
    lang: LangOpt = None,
) -> None:
    from . import batch as batch_

    settings = _settings(ctx)
    settings.merge({"data": data, "overlay": overlay, "lang": lang})
    runner = batch_.Runner(settings.data, settings.overlay, settings.lang)
    batch_.run_batch(runner, batch_.read_lines(sys.stdin, runner), sys.stdout)


@app.command()
def mcp(
    ctx: typer.Context,
    data: DataOpt = None,
    overlay: OverlayOpt = None,
    lang: LangOpt = None,
) -> None:
    import importlib.util

    from .errors import UsageError

    if importlib.util.find_spec("mcp") is None:
        from .messages import say

        raise UsageError(say("mcp_needed", command="pip install 'cpdt[mcp]'"))
    from . import mcp_server

    settings = _settings(ctx)
    settings.merge({"data": data, "overlay": overlay, "lang": lang})
    mcp_server.serve(settings.data, settings.overlay, settings.lang)
