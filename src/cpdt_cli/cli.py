"""The Typer app: each command is its own arguments and one call into the core; the options
they share, and the way from an answer to the screen, are options.py's. No logic here."""

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from . import __version__, options
from .completion import (
    complete_agencies,
    complete_law_types,
    complete_laws,
    complete_models,
    complete_sources,
    complete_timeline_kinds,
    complete_years,
)
from .options import (
    ColorOpt,
    DataOpt,
    FieldsOpt,
    FormatOpt,
    JsonOpt,
    LangOpt,
    NoPagerOpt,
    OnOpt,
    OverlayOpt,
    QueryArg,
    YearOpt,
    listing,
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
    options.settings_of(ctx).merge(
        {"data": data, "overlay": overlay, "json": json_, "format": fmt, "lang": lang,
         "color": color, "no_pager": no_pager, "fields": fields}
    )  # fmt: skip


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

    return answer(options.load_facts(ctx), options.words(query), source)


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

    return answer(options.load_facts(ctx), options.words(query), year, on)


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

    return answer(options.load_facts(ctx), year, on)


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

    return answer(options.load_facts(ctx), options.words(query))


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

    return answer(options.load_facts(ctx), options.words(query), year, start, end, kind, on)


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
        options.load_facts(ctx),
        options.words(query),
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

    return answer(options.load_facts(ctx))


@app.command()
def paths(ctx: typer.Context) -> None:
    from .data import cache, facts, layers
    from .render import output

    settings = options.settings_of(ctx)
    lines = layers.describe_paths(
        facts.builtin_path(),
        options.paths(ctx),
        settings.overlay,
        cache.directory(),
        settings.language,
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

    targets = paths or options.paths(ctx)
    lang = options.settings_of(ctx).language
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
    from .answers.search import search_facts

    text = options.words(query)
    if text is None:
        from .errors import UsageError
        from .messages import say

        raise UsageError(say("needs_query", example="cpdt search 'vpcp'"))
    return search_facts(options.load_facts(ctx), text, kind, limit)


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

    lang = options.settings_of(ctx).language

    def run() -> None:
        store.export(options.load_facts(ctx), path, force)
        output.write(text("wrote", lang, path=output.inert(str(path))) + "\n")

    options.in_language(lang, run)


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

    options.in_language(options.settings_of(ctx).language, show)


@app.command()
def batch(
    ctx: typer.Context,
    data: DataOpt = None,
    overlay: OverlayOpt = None,
    lang: LangOpt = None,
) -> None:
    from . import batch as batch_

    gc.enable()  # a process that answers many queries collects its cycles (off for one: __main__)
    settings = options.settings_of(ctx)
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

    gc.enable()  # a server answers many queries: it collects its cycles (off for one: __main__)
    settings = options.settings_of(ctx)
    settings.merge({"data": data, "overlay": overlay, "lang": lang})
    mcp_server.serve(settings.data, settings.overlay, settings.lang)
