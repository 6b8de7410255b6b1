"""One typed result, one presentation: every command in every format and language against golden
files (regenerate with UPDATE_GOLDEN=1 and read the diff), the schema generated from the
result types, the format registry's checks, and what each human format must show."""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

MATRIX = Path(__file__).parent / "golden" / "matrix"
REFERENCE = str(FIXTURES / "reference.yaml")

COMMANDS = {
    "define": ["define", "--source", "unesco"],
    "agency": ["agency", "dau", "moi", "ky", "thuat"],
    "committee": ["committee", "--year", "2019"],
    "models": ["models", "g2b"],
    "timeline": ["timeline", "--year", "2018"],
    "law": ["law", "1072"],
    "sources": ["sources"],
    "search": ["search", "1072"],
}
BIBTEX = ("define", "law", "sources")


def _data(command: str) -> str:
    return str(FIXTURES / "facts.yaml") if command == "define" else REFERENCE


def _cases() -> list[tuple[str, str, str, int]]:
    cases = []
    for command in COMMANDS:
        for lang in ("vi", "en"):
            cases += [(command, "table", lang, 80), (command, "table", lang, 40)]
            formats = ["plain", "md", "csv", "json", "jsonl"]
            formats += ["bibtex"] if command in BIBTEX else []
            cases += [(command, fmt, lang, 80) for fmt in formats]
    return cases


def _golden(name: str, text: str) -> None:
    path = MATRIX / name
    if os.environ.get("UPDATE_GOLDEN"):
        MATRIX.mkdir(exist_ok=True)
        path.write_bytes(text.encode("utf-8"))  # as printed: CSV's CRLF kept
    assert text == path.read_bytes().decode("utf-8"), name


@pytest.mark.parametrize(("command", "fmt", "lang", "width"), _cases(), ids=lambda v: str(v))
def test_every_command_format_and_language_matches_its_golden_file(
    cpdt, monkeypatch: pytest.MonkeyPatch, command: str, fmt: str, lang: str, width: int
) -> None:
    monkeypatch.setenv("CPDT_DATA", _data(command))
    monkeypatch.setenv("CPDT_TODAY", "2026-11-23")
    monkeypatch.setenv("COLUMNS", str(width))
    r = cpdt(*COMMANDS[command], "--format", fmt, "--lang", lang)
    assert r.code == 0, r.err
    if fmt == "table":
        for line in r.out.splitlines():  # a URL is never broken: it may pass the width
            assert len(line) <= width or re.fullmatch(r" *https?://\S+", line), line
    suffix = {"md": "md", "csv": "csv", "json": "json", "jsonl": "jsonl", "bibtex": "bib"}
    name = f"{command}-{fmt}-{lang}" + (f"-{width}" if fmt == "table" else "")
    _golden(f"{name}.{suffix.get(fmt, 'txt')}", r.out)


# --- the schema ----------------------------------------------------------------------------


def test_checked_in_schema_is_the_one_generated_from_the_types() -> None:
    from cpdt_cli.render import schema as schemas

    assert schemas.PATH.read_text(encoding="utf-8") == schemas.text(), (
        "regenerate it: python -m cpdt_cli.render.schema"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["define"], ["agency"], ["committee", "--year", "2021"], ["models"], ["timeline"],
        ["law"], ["sources"], ["search", "ai la chu tich uy ban quoc gia nam 2020"],
        ["search", "unesco"], ["search", "1619"], ["law", "zzzz"], ["committee", "--year", "1990"],
    ],
    ids=" ".join,
)  # fmt: skip
def test_every_commands_json_validates_on_the_curated_data(
    cpdt, monkeypatch: pytest.MonkeyPatch, validate_output, args: list[str]
) -> None:
    monkeypatch.delenv("CPDT_DATA")
    r = cpdt(*args, "--json")
    assert r.code in (0, 1), r.err
    doc = r.json()
    validate_output(doc)
    assert (doc["count"] == 0) == (r.code == 1)


def test_schema_names_the_fields_scripts_read(cpdt) -> None:
    defs = cpdt("schema").json()["$defs"]
    assert {"members", "valid_until", "ended_by", "successor"} <= set(defs["CommitteeState"]["properties"]) | set(defs["Agency"]["properties"])  # fmt: skip
    assert {"holder", "position", "person"} <= set(defs["Membership"]["properties"])
    assert {"relations", "related_by", "status", "chain"} <= set(defs["Instrument"]["properties"])
    assert defs["Membership"]["additionalProperties"] is False


def test_schema_of_one_command_lists_only_its_results(cpdt) -> None:
    schema = cpdt("schema", "law").json()
    assert schema["properties"]["results"]["items"] == {"anyOf": [{"$ref": "#/$defs/Instrument"}]}


# --- the format registry -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--data", "/missing", "law", "--format", "xml"], "--format không có giá trị 'xml'"),
        (["law", "zzzz", "--format", "xml"], "--format không có giá trị 'xml'"),
        (["define", "--json", "--format", "md"], "dùng --json hoặc --format md, không dùng cả hai"),
        (["--data", "/missing", "agency", "--json", "--format", "csv"], "không dùng cả hai"),
        (["committee", "--format", "bibtex"], "--format bibtex chỉ dùng được với"),
        (["sources", "--bom"], "--bom chỉ dùng được với --format csv"),
        (["law", "--color", "purple"], "--color không có giá trị 'purple'"),
        (["--data", "/missing", "law", "--fields", "id"], "--fields chỉ dùng được với"),
        (
            ["--data", "/missing", "law", "--format", "csv", "--fields", "url"],
            "không có trường url",
        ),
    ],
)
def test_format_options_are_checked_before_any_data_is_loaded(
    cpdt, args: list[str], message: str
) -> None:
    r = cpdt(*args)
    assert (r.code, r.out) == (2, "")
    assert r.err.startswith("cpdt: ") and message in r.err


def test_every_format_has_one_renderer() -> None:
    from cpdt_cli.render import formats, output

    assert tuple(formats.REGISTRY) == output.FORMATS


def test_no_import_cycle_between_output_and_formats() -> None:
    source = (ROOT / "src" / "cpdt_cli" / "render" / "output.py").read_text(encoding="utf-8")
    assert "formats" not in re.findall(r"from \.(\w+) import|from \. import (\w+)", source)
    assert "import formats" not in source and "from .formats" not in source


# --- what each human format shows ----------------------------------------------------------


def test_vietnamese_mode_prints_no_english_line(cpdt, monkeypatch) -> None:
    out = cpdt("define", "--format", "plain").out
    assert not [line for line in out.splitlines() if line.strip().startswith("English")]
    monkeypatch.setenv("CPDT_DATA", REFERENCE)
    assert "English" not in cpdt("agency", "tttt", "--format", "plain").out
    english = cpdt("agency", "tttt", "--format", "plain", "--lang", "en").out
    assert "  Vietnamese: " in english  # the Vietnamese name, once, in English mode only


@pytest.mark.parametrize("fmt", ["table", "plain", "md"])
def test_models_print_their_citations(cpdt, monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    monkeypatch.setenv("CPDT_DATA", REFERENCE)
    r = cpdt("models", "g2b", "--format", fmt)
    assert r.code == 0
    assert "Chính phủ điện tử là gì? Quy định chi tiết về chính phủ điện tử" in r.out
    assert "[1]" in r.out or "[^" in r.out


def test_timeline_lists_each_act_once_date_first_with_real_titles(
    cpdt, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CPDT_DATA")
    doc = cpdt("timeline", "--json").json()
    acts = [(e["id"], e["date"], e["event"]) for e in doc["results"]]
    assert len(acts) == len(set(acts))
    merged = {s for e in doc["results"] if e["kind"] == "instrument" for s in e["statements"]}
    assert "ev.2018-08-28.thanh-lap-ubqg" in merged  # the event is the 1072 entry
    assert not [e for e in doc["results"] if e["id"] in merged and e["kind"] != "instrument"]
    text = cpdt("timeline", "--year", "2018", "--format", "plain").out
    titles = [line for line in text.splitlines()[2:] if line and not line.startswith(" ")]
    titles = titles[: titles.index("Nguồn")]
    assert all(re.match(r"\d{4}(-\d\d(-\d\d)?)? \S", t) for t in titles), titles
    assert not [t for t in titles if t.split(" ", 1)[1] in ("Sự kiện", "Thủ tướng Chính phủ")]
    assert sum("Quyết định 1072/QĐ-TTg" in t for t in titles) == 1


@pytest.mark.parametrize("width", [80, 40])
def test_urls_are_never_broken(cpdt, monkeypatch: pytest.MonkeyPatch, width: int) -> None:
    monkeypatch.delenv("CPDT_DATA")
    monkeypatch.setenv("COLUMNS", str(width))
    urls = {r["url"] for r in cpdt("sources", "--json").json()["results"] if r["url"]}
    for args in (["sources"], ["timeline", "--year", "2018"], ["committee", "--year", "2019"]):
        out = cpdt(*args, "--format", "table").out
        shown = {line.strip() for line in out.splitlines() if "://" in line}
        assert shown and shown <= urls, args


def test_search_shows_the_citation_count_sources_gives(cpdt, monkeypatch) -> None:
    monkeypatch.delenv("CPDT_DATA")
    counts = {r["id"]: r["cited_by"] for r in cpdt("sources", "--json").json()["results"]}
    doc = cpdt("search", "dan sinh", "--kind", "source", "--json").json()
    hit = doc["results"][0]
    assert hit["cited_by"] == counts[hit["id"]] > 1
    text = cpdt("search", "dan sinh", "--kind", "source", "--format", "plain").out
    assert f"Số mục trích dẫn: {counts[hit['id']]}" in text


def test_markdown_one_heading_per_answer_members_in_a_table(cpdt, monkeypatch) -> None:
    monkeypatch.setenv("CPDT_DATA", REFERENCE)
    out = cpdt("committee", "--year", "2019", "--format", "md").out
    lines = out.splitlines()
    assert [line for line in lines if line.startswith("# ")] == [lines[0]]
    assert not [line for line in lines if line.startswith("###")]
    assert "| Chức vụ | Người giữ | Thời kỳ |" in lines
    assert any(line.startswith("| Phó Chủ tịch thường trực | ") for line in lines)


def test_markdown_footnotes_are_named_by_their_source(cpdt, monkeypatch) -> None:
    monkeypatch.setenv("CPDT_DATA", REFERENCE)
    first = cpdt("committee", "--year", "2019", "--format", "md").out
    second = cpdt("law", "1072", "--format", "md").out
    notes: dict[str, str] = {}
    for report in (first, second):
        for line in report.splitlines():
            if line.startswith("[^"):
                label, text = line.split("]:", 1)
                assert notes.setdefault(label, text) == text  # pasted together: no clash
    assert "[^ext-nguoihanoi-1072" in first and "[^1]" not in first
    used = set(re.findall(r"\[\^[^\]]+\]", first + second))
    assert {f"{label}]" for label in notes} == used


def test_csv_one_row_a_member_with_holder_period_and_source(cpdt, monkeypatch) -> None:
    monkeypatch.setenv("CPDT_DATA", REFERENCE)
    r = cpdt("committee", "--year", "2019", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.out, newline="")))
    members = [m for x in cpdt("committee", "--year", "2019", "--json").json()["results"]
               for m in x["members"]]  # fmt: skip
    assert [row["id"] for row in rows] == [m["id"] for m in members]
    vice = next(row for row in rows if row["id"] == members[1]["id"])
    assert vice["holder"] == "Phó Thủ tướng Vũ Đức Đam"
    assert vice["of"] == "ubqg.2019" and vice["period"].startswith("2019-09")
    assert vice["source_titles"] and vice["title"] == "Phó Chủ tịch thường trực"
    first = next(row for row in rows if row["of"] == "ubqg.2018")
    assert first["urls"].startswith("https://")


def test_csv_bom_for_excel(cpdt, monkeypatch) -> None:
    monkeypatch.setenv("CPDT_DATA", REFERENCE)
    plain = cpdt("law", "--format", "csv").out
    bom = cpdt("law", "--format", "csv", "--bom").out
    assert not plain.startswith("\ufeff") and bom == "\ufeff" + plain
    fields = cpdt("law", "--format", "csv", "--bom", "--fields", "id,title").out
    assert fields.startswith("\ufeffid,title\r\n")


def test_bibtex_of_law_has_the_instruments_themselves(cpdt, monkeypatch) -> None:
    from pybtex.database import parse_string

    monkeypatch.setenv("CPDT_DATA", REFERENCE)
    db = parse_string(cpdt("law", "--format", "bibtex").out, "bibtex")
    laws = [x["id"] for x in cpdt("law", "--json").json()["results"]]
    assert set(laws) <= set(db.entries.keys())
    entry = db.entries["qd-1072-2018"]
    assert entry.fields["number"] == "{1072/QĐ-TTg}" and entry.fields["type"] == "{Quyết định}"
    assert entry.fields["year"] == "2018"


def test_markdown_footnote_labels_that_read_alike_stay_apart() -> None:
    from cpdt_cli.answers import results as r
    from cpdt_cli.render.formats import Options
    from cpdt_cli.render.markdown import to_markdown

    def cite(source_id: str) -> r.Citation:
        source = r.SourceRef(id=source_id, title=source_id, publisher=None, date=None, url=None)
        return r.Citation(source=source, quote=f"q {source_id}", locator=None)

    note = r.Note(
        id="x", kind="note", title="T", text="a", text_en=None, subject=None, date=None,
        valid_from=None, valid_until=None, valid_from_precision=None,
        valid_until_precision=None, translations=[], notes=None, notes_en=None,
        provenance=None, refs=[], citations=[cite("ext.x"), cite("ext-x")],
    )  # fmt: skip
    out = to_markdown(r.Answer("define", {}, [note]), Options())
    assert "[^ext-x]: “ext.x”" in out and "[^ext-x-2]: “ext-x”" in out
