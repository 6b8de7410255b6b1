"""`--help` in the chosen language: the help texts of the app, its commands and their options,
in Vietnamese and English, and the words of the help screen itself.

Typer builds the Click command tree from cli.py, without help texts (a run that prints no help
needs none); before a help screen is printed, every command's and parameter's `help` is set
from this catalogue (documented Click attributes), and the few words Typer's help screen
writes itself are set through its public constants.
"""

from __future__ import annotations

import copy
from typing import Any

HELP_OPTIONS = ["-h", "--help"]  # as the app's context_settings name them

# --- the catalogue -------------------------------------------------------------------------
# "help.COMMAND.PARAM" is one command's own; "help.PARAM" is shared by every command that has it.
HELP: dict[str, tuple[str, str]] = {
    "help.cpdt": (
        "Tra cứu ngoại tuyến về Chính phủ điện tử (CPĐT) Việt Nam; mỗi câu trả lời kèm trích"
        " dẫn.\n\nVí dụ: cpdt define --source unesco",
        "Offline reference on Vietnamese e-government (CPĐT); every answer carries its"
        " citation.\n\nExample: cpdt define --source unesco",
    ),
    "help.define": ("Định nghĩa CPĐT theo từng nguồn. Ví dụ: cpdt define --source unesco",
                    "Definitions of e-government by source. Example: cpdt define --source unesco"),
    "help.agency": ("Cơ quan nào làm gì, kèm căn cứ pháp lý. Ví dụ: cpdt agency 'dau moi ky thuat'",
                    "Which body does what, with its legal basis."
                    " Example: cpdt agency 'dau moi ky thuat'"),
    "help.committee": ("Ủy ban Quốc gia trong một năm hoặc vào một ngày."
                       " Ví dụ: cpdt committee --year 2021",
                       "The National Committee in a year or on a day."
                       " Example: cpdt committee --year 2021"),
    "help.models": ("Các mô hình G2C, G2B, G2E, G2G. Ví dụ: cpdt models g2b,"
                    " cpdt models 'doanh nghiep'",
                    "The G2C, G2B, G2E and G2G models. Example: cpdt models g2b,"
                    " cpdt models 'doanh nghiep'"),
    "help.timeline": ("Các sự kiện và văn bản pháp lý theo thứ tự thời gian."
                      " Ví dụ: cpdt timeline --from 2018 --to 2019",
                      "Events and legal instruments in date order."
                      " Example: cpdt timeline --from 2018 --to 2019"),
    "help.law": ("Danh mục văn bản pháp lý: ngày ký, hiệu lực, tình trạng, văn bản thay thế.\n"
                 "Ví dụ: cpdt law 1619, cpdt law 'nd 61 2018', cpdt law --in-force --type decree",
                 "The register of legal instruments: signed, in force, status, replacements.\n"
                 "Example: cpdt law 1619, cpdt law 'nd 61 2018',"
                 " cpdt law --in-force --type decree"),
    "help.sources": ("Mọi tài liệu được trích dẫn. Ví dụ: cpdt sources,"
                     " cpdt sources --format bibtex",
                     "Every document cited. Example: cpdt sources, cpdt sources --format bibtex"),
    "help.paths": ("Nơi đặt dữ liệu có sẵn, dữ liệu đang dùng, lớp phủ và bộ nhớ đệm."
                   " Ví dụ: cpdt paths",
                   "Where the built-in data, the data in use, the overlays and the cache are."
                   " Example: cpdt paths"),
    "help.check": ("Kiểm tra tệp dữ kiện; liệt kê mọi lỗi kèm tệp:dòng."
                   " Ví dụ: cpdt check data/facts.yaml",
                   "Check a fact file; every problem with its file:line."
                   " Example: cpdt check data/facts.yaml"),
    "help.search": ("Tìm trong mọi dữ kiện; một câu hỏi được trả lời trước bằng lệnh tra cứu"
                    " tương ứng.\nVí dụ: cpdt search ai la chu tich uy ban quoc gia nam 2020",
                    "Search every fact; a question is answered first by the matching reference"
                    " command.\nExample: cpdt search ai la chu tich uy ban quoc gia nam 2020"),
    "help.schema": ("Lược đồ JSON (JSON Schema) của đầu ra --json. Ví dụ: cpdt schema committee",
                    "The JSON Schema of the --json output. Example: cpdt schema committee"),
    "help.batch": (
        "Nhiều truy vấn, một tiến trình: JSON Lines vào, JSON Lines ra, đúng thứ tự.\n\n"
        'Mỗi dòng vào: {"id": …, "args": ["committee", "--year", "2021"]} hoặc một mảng đối số.'
        '\nMỗi dòng ra: {"id": …, "exit": 0, "result": {…}} (result: đúng như --json) hoặc\n'
        '{"id": …, "exit": 1|2|3, "error": "…"}.\n\nVí dụ: cpdt batch < docs/batch-example.jsonl',
        "Many queries, one process: JSON Lines in, JSON Lines out, in order.\n\n"
        'Each line in: {"id": …, "args": ["committee", "--year", "2021"]} or an array of'
        ' arguments.\nEach line out: {"id": …, "exit": 0, "result": {…}} (result: exactly as'
        ' --json) or\n{"id": …, "exit": 1|2|3, "error": "…"}.\n\n'
        "Example: cpdt batch < docs/batch-example.jsonl",
    ),
    "help.mcp": (
        "Máy chủ Model Context Protocol (stdio): các lệnh tra cứu làm công cụ cho tác tử trí tuệ"
        " nhân tạo.\n\nCần phần bổ sung mcp của cpdt; cách cấu hình Claude Desktop, VS Code,"
        " Claude Code: xem README.\n\nVí dụ: cpdt mcp",
        "A Model Context Protocol server (stdio): the reference commands as tools for AI"
        " agents.\n\nNeeds cpdt's mcp extra; setting up Claude Desktop, VS Code, Claude Code:"
        " README.\n\nExample: cpdt mcp",
    ),
    # options every listing command shares
    "help.--data": ("Tệp dữ kiện thay cho tệp có sẵn; lặp lại để xếp lớp (cũng đọc từ CPDT_DATA,"
                    " danh sách đường dẫn). Ví dụ: --data ./facts.yaml",
                    "A fact file instead of the built-in one; repeat it to layer files (also"
                    " from CPDT_DATA, a list of paths). Example: --data ./facts.yaml"),
    "help.--overlay": ("Tệp dữ kiện riêng, xếp lớp lên trên dữ liệu có sẵn; mục cùng id thay"
                       " thế mục cũ (cũng đọc từ CPDT_OVERLAY). Ví dụ: --overlay ./so-tttt.yaml",
                       "Your own fact file, layered over the built-in data; an entry with the"
                       " same id replaces the old one (also from CPDT_OVERLAY)."
                       " Example: --overlay ./so-tttt.yaml"),
    "help.--json": ("In đúng một đối tượng JSON (UTF-8); như --format json.",
                    "Print exactly one JSON object (UTF-8); the same as --format json."),
    "help.--format": ("Định dạng: table (Rich), plain, json, jsonl (mỗi dòng một kết quả), md"
                      " (Markdown, chú thích mang tên nguồn), csv, bibtex (nguồn trích dẫn)."
                      " Mặc định: table trên terminal, plain khi chuyển tiếp. Ví dụ: --format md",
                      "The format: table (Rich), plain, json, jsonl (one result a line), md"
                      " (Markdown, footnotes named by source), csv, bibtex (the sources cited)."
                      " Default: table on a terminal, plain in a pipe. Example: --format md"),
    "help.--lang": ("Ngôn ngữ của nhãn, thông báo và trợ giúp: vi hoặc en (mặc định: CPDT_LANG,"
                    " rồi ngôn ngữ của hệ thống, rồi vi); en dùng tên tiếng Anh khi dữ liệu có."
                    " Ví dụ: --lang en",
                    "The language of labels, messages and help: vi or en (default: CPDT_LANG,"
                    " then the locale, then vi); en uses English names where the data has them."
                    " Example: --lang en"),
    "help.--color": ("Màu: auto, always, never (auto theo NO_COLOR, CLICOLOR, CLICOLOR_FORCE,"
                     " FORCE_COLOR, TERM=dumb và terminal). Ví dụ: --color never",
                     "Colour: auto, always, never (auto follows NO_COLOR, CLICOLOR,"
                     " CLICOLOR_FORCE, FORCE_COLOR, TERM=dumb and the terminal)."
                     " Example: --color never"),
    "help.--no-pager": ("Không dùng trình phân trang ($PAGER, mặc định less -FIRX) cho kết quả"
                        " dài.",
                        "Do not page long output ($PAGER, by default less -FIRX)."),
    "help.--fields": ("Chỉ giữ các trường này của mỗi kết quả (json, jsonl) hay các cột này"
                      " (csv), theo thứ tự đã nêu. Ví dụ: --json --fields id,title,citations",
                      "Keep only these fields of each result (json, jsonl) or these columns"
                      " (csv), in the order given. Example: --json --fields id,title,citations"),
    "help.--bom": ("Với --format csv: mở đầu bằng dấu BOM UTF-8 để Excel đọc đúng tiếng Việt.",
                   "With --format csv: begin with a UTF-8 byte-order mark, so that Excel reads"
                   " Vietnamese right."),
    "help.export": ("Xuất sổ đăng ký đã biên dịch ra một tệp SQLite (bảng thường và chỉ mục FTS5)"
                    " cho Datasette, sqlite-utils; không ghi đè tệp đã có trừ khi có --force.\n"
                    "Ví dụ: cpdt export --force /tmp/cpdt.db",
                    "The compiled register as one SQLite file (plain tables and an FTS5 index)"
                    " for Datasette and sqlite-utils; an existing file is kept unless --force.\n"
                    "Example: cpdt export --force /tmp/cpdt.db"),
    "help.export.path": ("Tệp SQLite cần ghi. Ví dụ: cpdt.db",
                         "The SQLite file to write. Example: cpdt.db"),
    "help.export.--force": ("Ghi đè tệp đã có.", "Overwrite an existing file."),
    "help.query": ("Từ khóa, có dấu hay không dấu, không cần ngoặc kép.",
                   "Keywords, with or without diacritics, no quotes needed."),
    "help.--year": ("Năm, ví dụ --year 2021.", "A year, e.g. --year 2021."),
    "help.--on": ("Một ngày, ví dụ --on 2021-09-24 (hoặc 24/9/2021); mặc định: hôm nay, không quá"
                  " ngày cập nhật dữ liệu.",
                  "A day, e.g. --on 2021-09-24 (or 24/9/2021); by default today, no later than"
                  " the data's date."),
    "help.--version": ("In phiên bản rồi thoát.", "Print the version and exit."),
    "help.--help": ("In trợ giúp này rồi thoát.", "Print this help and exit."),
    "help.--install-completion": ("Cài tự động hoàn thành lệnh cho shell đang dùng.",
                                  "Install completion for the current shell."),
    "help.--show-completion": ("In đoạn mã tự động hoàn thành lệnh cho shell đang dùng, để sao"
                               " chép hoặc tự cài.",
                               "Show completion for the current shell, to copy it or customise"
                               " the installation."),
    # one command's own
    "help.define.--source": ("Nguồn định nghĩa: unesco, un/lhq, wb/'ngan hang the gioi', gartner,"
                             " gbde, mic … Ví dụ: --source unesco",
                             "The source of a definition: unesco, un/lhq, wb/'ngan hang the"
                             " gioi', gartner, gbde, mic … Example: --source unesco"),
    "help.agency.query": ("Cơ quan hay nhiệm vụ, có dấu hay không dấu. Ví dụ: dau moi ky thuat",
                          "An agency or a task, with or without diacritics."
                          " Example: dau moi ky thuat"),
    "help.committee.--on": ("Một ngày, ví dụ --on 2021-09-24 (hoặc 24/9/2021).",
                            "A day, e.g. --on 2021-09-24 (or 24/9/2021)."),
    "help.models.query": ("Mô hình (g2c, g2b, g2e, g2g) hoặc từ khóa. Ví dụ: g2b",
                          "A model (g2c, g2b, g2e, g2g) or keywords. Example: g2b"),
    "help.timeline.--from": ("Từ năm, ví dụ --from 2018.", "From the year, e.g. --from 2018."),
    "help.timeline.--to": ("Đến năm, ví dụ --to 2019.", "Up to the year, e.g. --to 2019."),
    "help.timeline.--kind": ("Loại: resolution, decree, decision, directive, notice, regulation,"
                             " law, circular, plan, instrument (mọi văn bản), event, ranking."
                             " Ví dụ: --kind decree",
                             "The kind: resolution, decree, decision, directive, notice,"
                             " regulation, law, circular, plan, instrument (every type), event,"
                             " ranking. Example: --kind decree"),
    "help.law.query": ("Số hiệu hay từ khóa của văn bản. Ví dụ: 1619, 'qd 1072', 'nghi quyet'",
                       "An instrument's number or keywords. Example: 1619, 'qd 1072',"
                       " 'nghi quyet'"),
    "help.law.--in-force": ("Chỉ văn bản còn hiệu lực (toàn bộ hay một phần) vào ngày --on."
                            " Ví dụ: --in-force",
                            "Only instruments in force (wholly or in part) on the --on day."
                            " Example: --in-force"),
    "help.law.--on": ("Tình trạng hiệu lực vào ngày này (mặc định: hôm nay, không quá ngày dữ liệu"
                      " được kiểm tra). Ví dụ: --on 2025-07-01 (hoặc 1/7/2025)",
                      "The status on this day (default: today, no later than the day the data"
                      " was checked). Example: --on 2025-07-01 (or 1/7/2025)"),
    "help.law.--type": ("Loại: law, decree, decision, resolution, directive, notice, regulation,"
                        " circular, plan (hoặc luat, nghi dinh, quyet dinh …)."
                        " Ví dụ: --type decree",
                        "The type: law, decree, decision, resolution, directive, notice,"
                        " regulation, circular, plan (or luat, nghi dinh, quyet dinh …)."
                        " Example: --type decree"),
    "help.law.--issuer": ("Cơ quan ban hành. Ví dụ: --issuer 'quoc hoi', --issuer TTg",
                          "The issuing body. Example: --issuer 'quoc hoi', --issuer TTg"),
    "help.law.--from": ("Ban hành từ năm, ví dụ --from 2018.",
                        "Issued from the year, e.g. --from 2018."),
    "help.law.--to": ("Ban hành đến năm, ví dụ --to 2020.",
                      "Issued up to the year, e.g. --to 2020."),
    "help.check.paths": ("Tệp dữ kiện cần kiểm tra (nhiều tệp: xếp lớp); mặc định: dữ liệu đang"
                         " dùng cùng các lớp phủ. Ví dụ: data/facts.yaml",
                         "The fact files to check (several: layered); by default the data in"
                         " use with its overlays. Example: data/facts.yaml"),
    "help.check.--provenance": ("In cả ghi chú nguồn gốc (cách một dữ kiện được tìm ra, cho người"
                                " bảo trì).",
                                "Print the provenance notes too (how a fact was found, for"
                                " maintainers)."),
    "help.search.--kind": ("Chỉ một loại: membership, role, definition, instrument, entity,"
                           " agency … Ví dụ: --kind instrument",
                           "Only one kind: membership, role, definition, instrument, entity,"
                           " agency … Example: --kind instrument"),
    "help.search.--limit": ("Số kết quả tối đa. Ví dụ: -n 3",
                            "The most results to show. Example: -n 3"),
    "help.schema.command": ("Lệnh cần mô tả đầu ra. Ví dụ: committee",
                            "The command whose output to describe. Example: committee"),
    # the help screen's own words
    "help.usage": ("Cách dùng: ", "Usage: "),
    "help.options_metavar": ("[TÙY CHỌN]", "[OPTIONS]"),
    "help.command_metavar": ("LỆNH [ĐỐI SỐ]...", "COMMAND [ARGS]..."),
    "help.panel.arguments": ("Đối số", "Arguments"),
    "help.panel.options": ("Tùy chọn", "Options"),
    "help.panel.commands": ("Lệnh", "Commands"),
    "help.default": ("[mặc định: {}]", "[default: {}]"),
    "help.metavar.query": ("TỪ_KHÓA...", "QUERY..."),
    "help.metavar.paths": ("TỆP...", "PATHS..."),
    "help.metavar.path": ("TỆP", "PATH"),
    "help.metavar.command": ("LỆNH", "COMMAND"),
    "help.type.int": ("<số>", "<int>"),
    "help.type.text": ("<chữ>", "<text>"),
    "help.type.path": ("<tệp>", "<path>"),
    "help.required": ("[bắt buộc]", "[required]"),
}  # fmt: skip


def helptext(key: str, lang: str = "vi") -> str:
    """A help text as written (no arguments: help texts hold braces of their own)."""
    return HELP[key][lang == "en"]


def keys(command: Any) -> list[tuple[Any, str]]:
    """Every command and parameter of the tree, with its catalogue key."""
    found: list[tuple[Any, str]] = []

    def walk(cmd: Any, name: str) -> None:
        found.append((cmd, f"help.{name}"))
        for param in cmd.params:
            own = next((o for o in param.opts if o.startswith("--")), param.name)
            key = f"help.{name}.{own}"
            found.append((param, key if key in HELP else f"help.{own}"))
        for sub_name, sub in getattr(cmd, "commands", {}).items():
            walk(sub, sub_name)

    walk(command, "cpdt")
    return found


def apply(command: Any, lang: str) -> None:
    """Put the help texts of `lang` into the command tree, and the help screen's words."""
    for item, key in keys(command):
        item.help = helptext(key, lang)
        metavar = f"help.metavar.{item.name}"
        kind = getattr(item, "param_type_name", "")
        if kind == "argument" and metavar in HELP:
            item.metavar = helptext(metavar, lang)  # else Click's own name for it
        if kind in ("argument", "option") and not getattr(item, "is_flag", False):
            _name_type(item, kind, lang)
        if hasattr(item, "commands"):
            item.subcommand_metavar = helptext("help.command_metavar", lang)
        if hasattr(item, "options_metavar"):
            item.options_metavar = helptext("help.options_metavar", lang)
            context = item.context_class(item, help_option_names=HELP_OPTIONS)
            help_option = item.get_help_option(context)  # made once, then kept by the command
            if help_option is not None:
                help_option.help = helptext("help.--help", lang)
            item.context_class = _context(item.context_class, helptext("help.usage", lang))
    from typer import rich_utils

    rich_utils.ARGUMENTS_PANEL_TITLE = helptext("help.panel.arguments", lang)
    rich_utils.OPTIONS_PANEL_TITLE = helptext("help.panel.options", lang)
    rich_utils.COMMANDS_PANEL_TITLE = helptext("help.panel.commands", lang)
    rich_utils.DEFAULT_STRING = helptext("help.default", lang)
    rich_utils.REQUIRED_LONG_STRING = helptext("help.required", lang)


def _name_type(param: Any, kind: str, lang: str) -> None:
    """The kind of value a parameter takes, in the help's language ("<số>", "<int>"): an
    option shows it as its metavar; an argument's type column asks its type, so the argument
    gets a type of its own that answers in our words (help is printed, then the run ends)."""
    base = param.type
    named = {
        "integer": "int",
        "integer range": "int",
        "int range": "int",
        "int": "int",
        "path": "path",
        "filename": "path",
    }.get(getattr(base, "name", ""), "text")
    word = helptext(f"help.type.{named}", lang)
    if kind == "option":
        param.metavar = word
        return

    class Named(type(base)):  # type: ignore[misc]
        def get_metavar(self, *args: Any, **kwargs: Any) -> str:
            return word

    param.type = copy.copy(base)
    param.type.__class__ = Named


def _context(base: Any, usage: str) -> Any:
    """The command's Context class, whose help formatter writes our word for "Usage:"."""

    class Formatter(base.formatter_class):  # type: ignore[misc]
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, usage)

    return type(base.__name__, (base,), {"formatter_class": Formatter})
