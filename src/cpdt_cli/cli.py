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
FORMATS = ("table", "plain", "json")
FormatOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--format",
        "-f",
        help=(
            "Định dạng: table (Rich), plain, json. Mặc định: table trên terminal,"
            " plain khi chuyển tiếp. Ví dụ: --format plain"
        ),
        show_default=False,
    ),
]


class Settings:
    def __init__(self) -> None:
        self.data: list[Path] | None = None
        self.json = False
        self.format: str | None = None


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
    fmt: FormatOpt = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="In phiên bản rồi thoát."),
    ] = False,
) -> None:
    settings = _settings(ctx)
    settings.data = data
    settings.json = json_
    settings.format = fmt


def _facts(ctx: typer.Context, data: list[Path] | None):  # type: ignore[no-untyped-def]
    from . import facts, output

    settings = _settings(ctx)
    loaded = facts.load(facts.resolve_paths(data or settings.data))
    for notice in loaded.notices:
        output.notify(notice)
    return loaded


def _format(ctx: typer.Context, json_: bool, fmt: str | None) -> str:
    from .errors import UsageError

    settings = _settings(ctx)
    chosen = "json" if json_ or settings.json else fmt or settings.format
    if chosen is None:
        return "plain" if not sys.stdout.isatty() or os.environ.get("NO_COLOR") else "table"
    if chosen not in FORMATS:
        raise UsageError(f"--format '{chosen}' không có; chọn một trong: {', '.join(FORMATS)}")
    return chosen


def _emit(ctx: typer.Context, answer, json_: bool, fmt: str | None = None) -> None:  # type: ignore[no-untyped-def]
    from . import output

    for notice in answer.notices:
        output.notify(notice)
    output.write(output.render(answer, _format(ctx, json_, fmt)))


@app.command()
def define(
    ctx: typer.Context,
    query: QueryArg = None,
    source: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--source",
            "-s",
            help="Nguồn định nghĩa: unesco, un/lhq, wb/'ngan hang the gioi', gartner, gbde, mic …",
        ),
    ] = None,
    json_: JsonOpt = False,
    fmt: FormatOpt = None,
    data: DataOpt = None,
) -> None:
    """Định nghĩa CPĐT theo từng nguồn. Ví dụ: cpdt define --source unesco"""
    from . import queries

    _emit(ctx, queries.define(_facts(ctx, data), _words(query), source), json_, fmt)


QueryArg = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Argument(help="Từ khóa, có dấu hay không dấu, không cần ngoặc kép.", show_default=False),
]


def _words(query: list[str] | None) -> str | None:
    """`cpdt agency dau moi ky thuat` means the same as `cpdt agency "dau moi ky thuat"`."""
    text = " ".join(query or []).strip()
    return text or None


YearOpt = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option("--year", help="Năm, ví dụ --year 2021.", show_default=False),
]


@app.command()
def agency(
    ctx: typer.Context,
    query: QueryArg = None,
    json_: JsonOpt = False,
    fmt: FormatOpt = None,
    data: DataOpt = None,
) -> None:
    """Cơ quan nào làm gì, kèm căn cứ pháp lý. Ví dụ: cpdt agency 'dau moi ky thuat'"""
    from . import queries

    _emit(ctx, queries.agency(_facts(ctx, data), _words(query)), json_, fmt)


@app.command()
def committee(
    ctx: typer.Context,
    year: YearOpt = None,
    on: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--on", help="Một ngày, ví dụ --on 2021-09-24 (hoặc 24/9/2021).", show_default=False
        ),
    ] = None,
    json_: JsonOpt = False,
    fmt: FormatOpt = None,
    data: DataOpt = None,
) -> None:
    """Ủy ban Quốc gia vào một năm hay một ngày. Ví dụ: cpdt committee --year 2021"""
    from . import temporal

    _emit(ctx, temporal.committee(_facts(ctx, data), year, on), json_, fmt)


@app.command()
def models(
    ctx: typer.Context,
    query: QueryArg = None,
    json_: JsonOpt = False,
    fmt: FormatOpt = None,
    data: DataOpt = None,
) -> None:
    """Các mô hình G2C, G2B, G2E, G2G. Ví dụ: cpdt models g2b, cpdt models 'doanh nghiep'"""
    from . import queries

    _emit(ctx, queries.models(_facts(ctx, data), _words(query)), json_, fmt)


@app.command()
def timeline(
    ctx: typer.Context,
    query: QueryArg = None,
    year: YearOpt = None,
    start: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--from", help="Từ năm, ví dụ --from 2018.", show_default=False),
    ] = None,
    end: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--to", help="Đến năm, ví dụ --to 2019.", show_default=False),
    ] = None,
    kind: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--kind",
            help=(
                "Loại: resolution, decree, decision, notice, regulation, law, circular, plan,"
                " event, ranking. Ví dụ: --kind decree"
            ),
            show_default=False,
        ),
    ] = None,
    json_: JsonOpt = False,
    fmt: FormatOpt = None,
    data: DataOpt = None,
) -> None:
    """Các mốc và văn bản theo thứ tự thời gian. Ví dụ: cpdt timeline --from 2018 --to 2019"""
    from . import temporal

    _emit(
        ctx, temporal.timeline(_facts(ctx, data), _words(query), year, start, end, kind), json_, fmt
    )


@app.command()
def law(
    ctx: typer.Context,
    query: QueryArg = None,
    json_: JsonOpt = False,
    fmt: FormatOpt = None,
    data: DataOpt = None,
) -> None:
    """Danh mục văn bản pháp lý. Ví dụ: cpdt law 1619, cpdt law 'qd 1072'"""
    from . import law as law_

    _emit(ctx, law_.law(_facts(ctx, data), _words(query)), json_, fmt)


@app.command()
def sources(
    ctx: typer.Context, json_: JsonOpt = False, fmt: FormatOpt = None, data: DataOpt = None
) -> None:
    """Mọi tài liệu được trích dẫn. Ví dụ: cpdt sources"""
    from . import queries

    _emit(ctx, queries.sources(_facts(ctx, data)), json_, fmt)


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


@app.command()
def search(
    ctx: typer.Context,
    query: QueryArg = None,
    kind: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--kind",
            "-k",
            help="Chỉ một loại: membership, role, definition, instrument, entity, agency …",
            show_default=False,
        ),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, max=200, help="Số kết quả tối đa.")
    ] = 10,
    json_: JsonOpt = False,
    fmt: FormatOpt = None,
    data: DataOpt = None,
) -> None:
    """Tìm trong mọi dữ kiện, câu hỏi tiếng Việt cũng được.
    Ví dụ: cpdt search ai la chu tich uy ban quoc gia ve chuyen doi so"""
    from . import find

    text = _words(query)
    if text is None:
        raise typer.BadParameter("cần từ khóa. Ví dụ: cpdt search 'vpcp'", param_hint="QUERY")
    _emit(ctx, find.search_facts(_facts(ctx, data), text, kind, limit), json_, fmt)
