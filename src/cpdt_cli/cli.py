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
    complete_laws,
    complete_models,
    complete_sources,
    complete_years,
)

if TYPE_CHECKING:
    from .model import Facts
    from .queries import Answer

app = typer.Typer(
    name="cpdt",
    help=(
        "Tra cứu ngoại tuyến về Chính phủ điện tử (CPĐT) Việt Nam;"
        " mỗi câu trả lời kèm trích dẫn.\n\n"
        "Ví dụ: cpdt define --source unesco"
    ),
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
        help=(
            "Tệp dữ kiện thay cho tệp có sẵn; lặp lại để xếp lớp (cũng đọc từ CPDT_DATA,"
            " danh sách đường dẫn). Ví dụ: --data ./facts.yaml"
        ),
        show_default=False,
    ),
]
OverlayOpt = Annotated[
    Optional[list[Path]],  # noqa: UP045
    typer.Option(
        "--overlay",
        readable=False,
        help=(
            "Tệp dữ kiện của đơn vị, xếp lớp lên trên dữ liệu có sẵn; mục cùng id thay thế"
            " mục cũ (cũng đọc từ CPDT_OVERLAY). Ví dụ: --overlay ./so-tttt.yaml"
        ),
        show_default=False,
    ),
]
JsonOpt = Annotated[
    bool,
    typer.Option("--json", help="In đúng một đối tượng JSON (UTF-8); như --format json."),
]
FormatOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--format",
        "-f",
        help=(
            "Định dạng: table (Rich), plain, json, jsonl (mỗi dòng một kết quả), md (Markdown,"
            " chú thích [^1]), csv, bibtex (nguồn trích dẫn). Mặc định: table trên terminal,"
            " plain khi chuyển tiếp. Ví dụ: --format md"
        ),
        show_default=False,
    ),
]
LangOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--lang",
        help=(
            "Ngôn ngữ nhãn và thông báo: vi hoặc en (mặc định: CPDT_LANG, rồi locale, rồi vi);"
            " en dùng tên tiếng Anh khi dữ liệu có. Ví dụ: --lang en"
        ),
        show_default=False,
    ),
]
ColorOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--color",
        help=(
            "Màu: auto, always, never (auto theo NO_COLOR, CLICOLOR, CLICOLOR_FORCE,"
            " FORCE_COLOR, TERM=dumb và terminal). Ví dụ: --color never"
        ),
        show_default=False,
    ),
]
BomOpt = Annotated[
    bool,
    typer.Option(
        "--bom",
        help="Với --format csv: mở đầu bằng dấu BOM UTF-8 để Excel đọc đúng tiếng Việt.",
    ),
]
NoPagerOpt = Annotated[
    bool,
    typer.Option(
        "--no-pager",
        help="Không dùng trình phân trang ($PAGER, mặc định less -FIRX) cho kết quả dài.",
    ),
]
FieldsOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--fields",
        help=(
            "Chỉ giữ các trường này của mỗi kết quả (json, jsonl) hay các cột này (csv),"
            " theo thứ tự đã nêu. Ví dụ: --json --fields id,title,citations"
        ),
        show_default=False,
    ),
]
QueryArg = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Argument(help="Từ khóa, có dấu hay không dấu, không cần ngoặc kép.", show_default=False),
]
YearOpt = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option("--year", help="Năm, ví dụ --year 2021.", show_default=False),
]


OnOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--on",
        help=(
            "Một ngày, ví dụ --on 2021-09-24 (hoặc 24/9/2021); mặc định hôm nay, không quá"
            " ngày cập nhật dữ liệu."
        ),
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

        lang = i18n.choose(self.lang)
        if lang not in i18n.LANGS:
            named = "--lang" if self.lang else "CPDT_LANG"  # say where the bad value came from
            raise UsageError(f"{named} '{lang}' không có; chọn một trong: vi, en")
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
            from .queries import Answer

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
    from . import cache, store

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
        typer.Option("--version", callback=_version, is_eager=True, help="In phiên bản rồi thoát."),
    ] = False,
) -> None:
    """Tra cứu ngoại tuyến về Chính phủ điện tử (CPĐT) Việt Nam; mỗi câu trả lời kèm trích dẫn.

    Ví dụ: cpdt define --source unesco
    """
    _settings(ctx).merge(
        {"data": data, "overlay": overlay, "json": json_, "format": fmt, "lang": lang,
         "color": color, "no_pager": no_pager, "fields": fields}
    )  # fmt: skip


def _paths(ctx: typer.Context, data: list[Path] | None = None) -> list[Path]:
    from . import layers

    settings = _settings(ctx)
    return layers.layered_paths(data or settings.data, settings.overlay)


def _facts(ctx: typer.Context, data: list[Path] | None = None) -> "Facts":
    from . import facts, output

    loaded = facts.load(_paths(ctx, data))
    lang = _settings(ctx).language
    for notice in loaded.notices:
        output.notify(notice, lang)
    return loaded


def _format(ctx: typer.Context) -> str | None:
    """The format the output options ask for (None: the terminal's default); UsageError for
    an unknown or conflicting one."""
    from . import formats

    s = _settings(ctx)
    command = ctx.command.name or ""
    return formats.check(command, s.json, s.format, s.color, s.fields, s.bom)


def _emit(ctx: typer.Context, answer: "Answer", *, unsaid: int = 0) -> None:
    """Print the answer; its notices go to stderr too, but for the last `unsaid` of them,
    which the caller prints itself (a miss's message, with its hints)."""
    from . import formats, output

    settings = _settings(ctx)
    chosen = _format(ctx)
    lang = settings.language
    for notice in answer.notices[: len(answer.notices) - unsaid]:
        output.notify(notice, lang)
    color = output.color_wanted(settings.color or "auto", sys.stdout)
    chosen = chosen or output.default_format(color, settings.color or "auto", sys.stdout)
    options = formats.Options(lang=lang, color=color, bom=settings.bom)
    if settings.fields:
        from . import fields

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
            help=(
                "Nguồn định nghĩa: unesco, un/lhq, wb/'ngan hang the gioi', gartner, gbde, mic …"
                " Ví dụ: --source unesco"
            ),
            autocompletion=complete_sources,
        ),
    ] = None,
) -> "Answer":
    """Định nghĩa CPĐT theo từng nguồn. Ví dụ: cpdt define --source unesco"""
    from . import queries

    return queries.define(_facts(ctx), _words(query), source)


@app.command()
@listing
def agency(
    ctx: typer.Context,
    query: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(
            help="Cơ quan hay nhiệm vụ, có dấu hay không dấu. Ví dụ: dau moi ky thuat",
            show_default=False,
            autocompletion=complete_agencies,
        ),
    ] = None,
    year: YearOpt = None,
    on: OnOpt = None,
) -> "Answer":
    """Cơ quan nào làm gì, kèm căn cứ pháp lý. Ví dụ: cpdt agency 'dau moi ky thuat'"""
    from . import queries

    return queries.agency(_facts(ctx), _words(query), year, on)


@app.command()
@listing
def committee(
    ctx: typer.Context,
    year: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--year",
            help="Năm, ví dụ --year 2021.",
            show_default=False,
            autocompletion=complete_years,
        ),
    ] = None,
    on: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--on", help="Một ngày, ví dụ --on 2021-09-24 (hoặc 24/9/2021).", show_default=False
        ),
    ] = None,
) -> "Answer":
    """Ủy ban Quốc gia vào một năm hay một ngày. Ví dụ: cpdt committee --year 2021"""
    from . import temporal

    return temporal.committee(_facts(ctx), year, on)


@app.command()
@listing
def models(
    ctx: typer.Context,
    query: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(
            help="Mô hình (g2c, g2b, g2e, g2g) hoặc từ khóa. Ví dụ: g2b",
            show_default=False,
            autocompletion=complete_models,
        ),
    ] = None,
) -> "Answer":
    """Các mô hình G2C, G2B, G2E, G2G. Ví dụ: cpdt models g2b, cpdt models 'doanh nghiep'"""
    from . import queries

    return queries.models(_facts(ctx), _words(query))


@app.command()
@listing
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
    on: OnOpt = None,
    kind: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--kind",
            help=(
                "Loại: resolution, decree, decision, directive, notice, regulation, law,"
                " circular, plan, event, ranking. Ví dụ: --kind decree"
            ),
            show_default=False,
        ),
    ] = None,
) -> "Answer":
    """Các mốc và văn bản theo thứ tự thời gian. Ví dụ: cpdt timeline --from 2018 --to 2019"""
    from . import temporal

    return temporal.timeline(_facts(ctx), _words(query), year, start, end, kind, on)


@app.command()
@listing
def law(
    ctx: typer.Context,
    query: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(
            help="Số hiệu hay từ khóa của văn bản. Ví dụ: 1619, 'qd 1072', 'nghi quyet'",
            show_default=False,
            autocompletion=complete_laws,
        ),
    ] = None,
    in_force: Annotated[
        bool,
        typer.Option(
            "--in-force",
            help="Chỉ văn bản còn hiệu lực (toàn bộ hay một phần) vào ngày --on. Ví dụ: --in-force",
        ),
    ] = False,
    on: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--on",
            help=(
                "Tình trạng hiệu lực vào ngày này (mặc định: hôm nay, không quá ngày dữ liệu"
                " được kiểm tra). Ví dụ: --on 2025-07-01 (hoặc 1/7/2025)"
            ),
            show_default=False,
        ),
    ] = None,
    type_: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--type",
            help=(
                "Loại: law, decree, decision, resolution, directive, notice, regulation, circular,"
                " plan (hoặc luat, nghi dinh, quyet dinh …). Ví dụ: --type decree"
            ),
            show_default=False,
        ),
    ] = None,
    issuer: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--issuer",
            help="Cơ quan ban hành. Ví dụ: --issuer 'quoc hoi', --issuer TTg",
            show_default=False,
        ),
    ] = None,
    start: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--from", help="Ban hành từ năm, ví dụ --from 2018.", show_default=False),
    ] = None,
    end: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--to", help="Ban hành đến năm, ví dụ --to 2020.", show_default=False),
    ] = None,
) -> "Answer":
    """Danh mục văn bản pháp lý: ngày ký, hiệu lực, tình trạng, thay thế.
    Ví dụ: cpdt law 1619, cpdt law 'nd 61 2018', cpdt law --in-force --type decree"""
    from . import law as law_

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
    """Mọi tài liệu được trích dẫn. Ví dụ: cpdt sources, cpdt sources --format bibtex"""
    from . import queries

    return queries.sources(_facts(ctx))


@app.command()
def paths(ctx: typer.Context) -> None:
    """Nơi đặt dữ liệu có sẵn, dữ liệu đang dùng, lớp phủ và bộ nhớ đệm. Ví dụ: cpdt paths"""
    from . import cache, facts, layers, output

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
            help=(
                "Tệp dữ kiện cần kiểm tra (nhiều tệp: xếp lớp); mặc định: dữ liệu đang dùng"
                " cùng các lớp phủ. Ví dụ: data/facts.yaml"
            ),
        ),
    ] = None,
    provenance: Annotated[
        bool,
        typer.Option(
            "--provenance",
            help="In cả ghi chú nguồn gốc (cách một dữ kiện được tìm ra, cho người bảo trì).",
        ),
    ] = False,
) -> None:
    """Kiểm tra tệp dữ kiện; liệt kê mọi lỗi kèm tệp:dòng. Ví dụ: cpdt check data/facts.yaml"""
    from . import facts, output, streams
    from .errors import EXIT_DATA

    targets = paths or _paths(ctx)
    lang = _settings(ctx).language
    problems, model = facts.check(targets)
    where = output.inert(", ".join(map(str, targets)))
    if model is None:
        for problem in problems:
            streams.say(output.inert(str(problem)))
        n = len(problems)
        streams.say(f"cpdt: {n} {'problems in' if lang == 'en' else 'lỗi trong'} {where}")
        raise typer.Exit(EXIT_DATA)
    for notice in model.notices:
        output.notify(notice, lang)
    counts = {
        ("nguồn", "sources"): len(model.sources),
        ("thực thể", "entities"): len(model.entities),
        ("văn bản", "instruments"): len(model.instruments),
        ("giai đoạn ủy ban", "committee states"): len(model.committee_states),
        ("dữ kiện", "statements"): len(model.statements),
    }
    summary = ", ".join(f"{v} {k[lang == 'en']}" for k, v in counts.items())
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
            help=(
                "Chỉ một loại: membership, role, definition, instrument, entity, agency …"
                " Ví dụ: --kind instrument"
            ),
            show_default=False,
        ),
    ] = None,
    limit: Annotated[
        int,
        typer.Option("--limit", "-n", min=1, max=200, help="Số kết quả tối đa. Ví dụ: -n 3"),
    ] = 10,
) -> "Answer":
    """Tìm trong mọi dữ kiện; một câu hỏi được trả lời trước bằng lệnh tra cứu tương ứng.
    Ví dụ: cpdt search ai la chu tich uy ban quoc gia nam 2020"""
    from . import find

    text = _words(query)
    if text is None:
        raise typer.BadParameter("cần từ khóa. Ví dụ: cpdt search 'vpcp'", param_hint="QUERY")
    return find.search_facts(_facts(ctx), text, kind, limit)


@app.command()
def export(
    ctx: typer.Context,
    path: Annotated[
        Path,
        typer.Argument(help="Tệp SQLite sẽ ghi. Ví dụ: cpdt.db", show_default=False),
    ],
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có.")] = False,
) -> None:
    """Sổ đăng ký đã biên dịch thành một tệp SQLite (bảng thường và chỉ mục FTS5) cho
    Datasette, sqlite-utils; không ghi đè tệp đã có nếu thiếu --force.
    Ví dụ: cpdt export --force /tmp/cpdt.db"""
    from . import output, store

    lang = _settings(ctx).language

    def run() -> None:
        store.export(_facts(ctx), path, force)
        said = "wrote" if lang == "en" else "đã ghi"
        output.write(f"{said} {output.inert(str(path))}\n")

    _in_language(lang, run)


@app.command()
def schema(
    ctx: typer.Context,
    command: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(help="Lệnh có đầu ra cần mô tả. Ví dụ: committee", show_default=False),
    ] = None,
) -> None:
    """Lược đồ JSON (JSON Schema) của đầu ra --json. Ví dụ: cpdt schema committee"""
    from . import output, schemas

    def show() -> None:
        output.write(output.dumps(schemas.output_schema(command), indent=2) + "\n")

    _in_language(_settings(ctx).language, show)


@app.command()
def batch(
    ctx: typer.Context,
    data: DataOpt = None,
    overlay: OverlayOpt = None,
    lang: LangOpt = None,
) -> None:
    """Nhiều truy vấn, một tiến trình: JSON Lines vào, JSON Lines ra, đúng thứ tự.

    Mỗi dòng vào: {"id": …, "args": ["committee", "--year", "2021"]} hoặc một mảng đối số.
    Mỗi dòng ra: {"id": …, "exit": 0, "result": {…}} (result: đúng như --json) hoặc
    {"id": …, "exit": 1|2|3, "error": "…"}.

    Ví dụ: cpdt batch < docs/batch-example.jsonl
    """
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
    """Máy chủ Model Context Protocol (stdio): các lệnh tra cứu làm công cụ cho tác tử AI.

    Cần phần cài thêm mcp của cpdt; cấu hình Claude Desktop, VS Code, Claude Code: README.

    Ví dụ: cpdt mcp
    """
    import importlib.util

    from .errors import UsageError

    if importlib.util.find_spec("mcp") is None:
        from . import i18n

        message = "cần cài phần mở rộng mcp: pip install 'cpdt[mcp]'"
        raise UsageError(i18n.message(message, _settings(ctx).language))
    from . import mcp_server

    settings = _settings(ctx)
    settings.merge({"data": data, "overlay": overlay, "lang": lang})
    mcp_server.serve(settings.data, settings.overlay, settings.lang)
