"""`cpdt mcp`: the reference commands as tools of a Model Context Protocol server (stdio).

Imported only by that command (the SDK takes about a second to import). Each tool turns its
typed arguments into the command line a shell would type and runs it through batch.Runner,
so its structured result is the `--json` object of that command, citations included, and
its errors are the messages `cpdt` prints, returned as tool errors. Resources: the
bibliography, the data's as-of date and the output schema.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from mcp.server import MCPServer
from mcp.server.mcpserver.exceptions import ResourceError, ToolError
from mcp.server.mcpserver.tools import Tool
from mcp.types import ToolAnnotations
from pydantic import Field

from . import __version__
from .batch import Runner
from .messages import text
from .render import schema as schemas

INSTRUCTIONS = (
    "cpdt answers questions about Vietnamese e-government (Chính phủ điện tử) from a curated, "
    "offline fact file. Every result carries `citations`: verbatim quotes from the source, with "
    "its title, publisher, date, URL and a locator (article, clause) where the source has one. "
    "Quote them when you answer, and say the date the data is current to (resource "
    "cpdt://data-as-of). Queries may be written with or without Vietnamese diacritics."
)

READ_ONLY = ToolAnnotations(read_only_hint=True, destructive_hint=False, open_world_hint=False)

Text = Annotated[
    str | None,
    Field(description="Words to look for, with or without diacritics, e.g. 'dau moi ky thuat'."),
]
Year = Annotated[int | None, Field(description="A year, e.g. 2021.")]


def build(
    data: list[Path] | None = None, overlay: list[Path] | None = None, lang: str | None = None
) -> MCPServer:
    runner = Runner(data, overlay, lang)

    def run(*args: str | None, words: str | None = None) -> dict[str, Any]:
        argv = [a for a in args if a is not None]
        if words:
            argv += ["--", words]  # a query that starts with '-' is still a query
        outcome = runner.run(argv)
        if outcome.exit != 0 or outcome.result is None:
            raise ToolError(outcome.error or text("exited", runner.lang, code=outcome.exit))
        return outcome.result

    def opt(name: str, value: object) -> tuple[str, str] | tuple[None, None]:
        return (name, str(value)) if value is not None else (None, None)

    def define(
        query: Text = None,
        source: Annotated[
            str | None,
            Field(description="Whose definition: unesco, un, wb ('ngan hang the gioi'), gartner …"),
        ] = None,
    ) -> dict[str, Any]:
        """Definitions of e-government (Chính phủ điện tử) by source, each with its citation;
        every source side by side when none is named."""
        return run("define", *opt("--source", source), words=query)

    def agency(query: Text = None) -> dict[str, Any]:
        """Which body does what (technical focal point, standing body, portal owner …), with
        the legal basis (article, clause) of each task."""
        return run("agency", words=query)

    def committee(
        year: Year = None,
        on: Annotated[str | None, Field(description="A date, e.g. 2021-09-24.")] = None,
    ) -> dict[str, Any]:
        """The national committee as it stood in a year or on a date: name, founding or
        renaming decision, chair, vice-chairs, members."""
        return run("committee", *opt("--year", year), *opt("--on", on))

    def models(
        model: Annotated[
            str | None, Field(description="g2c, g2b, g2e, g2g, or words such as 'doanh nghiep'.")
        ] = None,
    ) -> dict[str, Any]:
        """The e-government models G2C, G2B, G2E, G2G: whom each serves, its functions, goal."""
        return run("models", words=model)

    def timeline(
        query: Text = None,
        year: Year = None,
        from_year: Annotated[int | None, Field(description="From this year, e.g. 2018.")] = None,
        to_year: Annotated[int | None, Field(description="Up to this year, e.g. 2019.")] = None,
        kind: Annotated[
            str | None,
            Field(description="resolution, decree, decision, law, plan, event, ranking …"),
        ] = None,
    ) -> dict[str, Any]:
        """Dated events and legal instruments, in order."""
        return run(
            "timeline",
            *opt("--year", year),
            *opt("--from", from_year),
            *opt("--to", to_year),
            *opt("--kind", kind),
            words=query,
        )

    def law(
        query: Annotated[
            str | None, Field(description="A number or words, e.g. 1619, 'qd 1072', 'nghi quyet'.")
        ] = None,
    ) -> dict[str, Any]:
        """The register of legal instruments: number, type, issuer, dates, subject, relations
        (amends, replaces …) and the facts that cite each."""
        return run("law", words=query)

    def sources() -> dict[str, Any]:
        """The bibliography: every cited document with title, publisher, date and URL."""
        return run("sources")

    def search(
        query: Annotated[
            str,
            Field(description="A question or words, e.g. 'ai la chu tich uy ban quoc gia'."),
        ],
        kind: Annotated[
            str | None,
            Field(description="Only one kind: membership, role, definition, instrument, entity …"),
        ] = None,
        limit: Annotated[int, Field(ge=1, le=200, description="At most this many results.")] = 10,
    ) -> dict[str, Any]:
        """Ranked hits across every fact; Vietnamese questions work, with or without
        diacritics."""
        return run("search", *opt("--kind", kind), "--limit", str(limit), words=query)

    tools: list[Callable[..., dict[str, Any]]] = [
        define, agency, committee, models, timeline, law, sources, search,
    ]  # fmt: skip
    registered = []
    for fn in tools:
        tool = Tool.from_function(fn, annotations=READ_ONLY, structured_output=True)
        # published: the checked-in schema of this command's --json output (not dict[str, Any])
        tool.fn_metadata.output_schema = schemas.output_schema(fn.__name__)
        registered.append(tool)

    server: MCPServer = MCPServer(
        name="cpdt",
        title="cpdt: Vietnamese e-government reference, with citations",
        instructions=INSTRUCTIONS,
        version=__version__,
        tools=registered,
        log_level="WARNING",  # a query that matches nothing is an answer, not news for stderr
    )

    @server.resource(
        "cpdt://sources",
        name="sources",
        title="Bibliography",
        description="Every cited document (the --json output of `cpdt sources`).",
        mime_type="application/json",
    )
    def sources_resource() -> str:
        from .render.json import dumps

        try:
            return dumps(run("sources"), indent=2)
        except ToolError as error:
            raise ResourceError(str(error)) from None

    @server.resource(
        "cpdt://data-as-of",
        name="data-as-of",
        title="Data as of",
        description="The date the fact file is current to: answers are true as of this date.",
        mime_type="application/json",
    )
    def data_as_of() -> str:
        from .errors import CpdtError
        from .render.json import dumps

        try:
            loaded = runner.facts()
        except CpdtError as error:
            raise ResourceError(error.message) from None
        return dumps({"data_as_of": loaded.data_as_of, "files": loaded.files})

    @server.resource(
        "cpdt://schema",
        name="schema",
        title="Output schema",
        description="The JSON Schema of every tool's structured result.",
        mime_type="application/schema+json",
    )
    def output_schema() -> str:
        from .render.json import dumps

        return dumps(schemas.output_schema(), indent=2)

    return server


def serve(
    data: list[Path] | None = None, overlay: list[Path] | None = None, lang: str | None = None
) -> None:
    build(data, overlay, lang).run("stdio")
