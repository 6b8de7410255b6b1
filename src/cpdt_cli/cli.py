"""The Typer app: parse options, call the core, hand the answer to output. No logic here."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__

app = typer.Typer(
    name="cpdt",
    help=(
        "Tra cứu ngoại tuyến về Chính phủ điện tử (CPĐT) Việt Nam;"
        " mỗi câu trả lời kèm trích dẫn.\n\n"
        "Ví dụ: cpdt define --source unesco"
    ),
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)

DataOpt = Annotated[
    Optional[list[Path]],  # noqa: UP045 - Typer needs Optional here on Python 3.10
    typer.Option(
        "--data",
        help="Tệp dữ kiện thay cho tệp có sẵn (cũng đọc từ CPDT_DATA). Ví dụ: --data ./facts.yaml",
        show_default=False,
    ),
]
JsonOpt = Annotated[
    bool, typer.Option("--json", help="In đúng một đối tượng JSON (UTF-8) ra stdout.")
]


class Settings:
    def __init__(self) -> None:
        self.data: list[Path] | None = None
        self.json = False


def _settings(ctx: typer.Context) -> Settings:
    root = ctx.find_root()
    if not isinstance(root.obj, Settings):
        root.obj = Settings()
    return root.obj


def _version(value: bool) -> None:
    if value:
        print(f"cpdt {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    data: DataOpt = None,
    json_: JsonOpt = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="In phiên bản rồi thoát."),
    ] = False,
) -> None:
    settings = _settings(ctx)
    settings.data = data
    settings.json = json_


def _facts(ctx: typer.Context, data: list[Path] | None):  # type: ignore[no-untyped-def]
    from . import facts, output

    settings = _settings(ctx)
    loaded = facts.load(facts.resolve_paths(data or settings.data))
    for notice in loaded.notices:
        output.notify(notice)
    return loaded


def _emit(ctx: typer.Context, answer, json_: bool) -> None:  # type: ignore[no-untyped-def]
    from . import output

    for notice in answer.notices:
        output.notify(notice)
    if json_ or _settings(ctx).json:
        fmt = "json"
    elif not sys.stdout.isatty() or os.environ.get("NO_COLOR"):
        fmt = "plain"
    else:
        fmt = "rich"
    output.write(output.render(answer, fmt))


@app.command()
def define(
    ctx: typer.Context,
    query: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(help="Lọc theo nội dung hoặc tên nguồn. Ví dụ: cpdt define 'bo phieu'"),
    ] = None,
    source: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--source",
            "-s",
            help="Nguồn định nghĩa: unesco, un/lhq, wb/'ngan hang the gioi', gartner, gbde, mic …",
        ),
    ] = None,
    json_: JsonOpt = False,
    data: DataOpt = None,
) -> None:
    """Định nghĩa CPĐT theo từng nguồn. Ví dụ: cpdt define --source unesco"""
    from . import queries

    _emit(ctx, queries.define(_facts(ctx, data), query, source), json_)


@app.command()
def check(
    ctx: typer.Context,
    paths: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Argument(
            help="Tệp dữ kiện cần kiểm tra (nhiều tệp: xếp lớp). Ví dụ: data/facts.yaml"
        ),
    ] = None,
) -> None:
    """Kiểm tra tệp dữ kiện; liệt kê mọi lỗi kèm tệp:dòng. Ví dụ: cpdt check data/facts.yaml"""
    from . import facts, output
    from .errors import EXIT_DATA

    targets = paths or facts.resolve_paths(_settings(ctx).data)
    problems, model = facts.check(targets)
    if model is None:
        for problem in problems:
            print(output.inert(str(problem)), file=sys.stderr)
        n = len(problems)
        print(f"cpdt: {n} lỗi trong {', '.join(map(str, targets))}", file=sys.stderr)
        raise typer.Exit(EXIT_DATA)
    for notice in model.notices:
        output.notify(notice)
    counts = {
        "nguồn": len(model.sources),
        "thực thể": len(model.entities),
        "văn bản": len(model.instruments),
        "giai đoạn ủy ban": len(model.committee_states),
        "dữ kiện": len(model.statements),
    }
    summary = ", ".join(f"{v} {k}" for k, v in counts.items())
    output.write(f"OK: {', '.join(map(str, targets))} — {summary}\n")
