"""Output formats (md, jsonl, csv, bibtex), colour rules, the pager, overlays and `cpdt paths`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES

REFERENCE = str(FIXTURES / "reference.yaml")
ESC = "\x1b["


@pytest.fixture(autouse=True)
def reference_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CPDT_DATA", REFERENCE)


LISTINGS = [
    ["define"],
    ["agency"],
    ["committee", "--year", "2021"],
    ["models"],
    ["timeline"],
    ["law"],
    ["sources"],
    ["search", "uy ban"],
]


# --- Markdown ------------------------------------------------------------------------------


def test_markdown_has_footnotes_for_every_citation(cpdt, monkeypatch) -> None:
    monkeypatch.setenv("CPDT_DATA", str(FIXTURES / "facts.yaml"))
    r = cpdt("define", "--source", "unesco", "--format", "md")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert lines[0].startswith("# Định nghĩa Chính phủ điện tử — ")
    used = {m for line in lines if not line.startswith("[^") for m in _marks(line)}
    defined = {line.split("]:", 1)[0] + "]" for line in lines if line.startswith("[^")}
    assert used and used == defined
    assert "[^unesco-2005]: “" in r.out or "[^" in r.out


def _marks(line: str) -> set[str]:
    import re

    return set(re.findall(r"\[\^[^\]]+\]", line))


def test_markdown_escapes_what_markdown_would_obey(cpdt, tmp_path: Path, monkeypatch) -> None:
    from cpdt_cli.render.markdown import md_escape

    assert md_escape("a *b* [c](d) <e> _f_ #g") == r"a \*b\* \[c\](d) \<e\> \_f\_ \#g"
    assert md_escape("x\n\ny") == "x y"  # a value never breaks out of its paragraph


@pytest.mark.parametrize("args", LISTINGS, ids=lambda a: a[0])
def test_every_listing_command_takes_every_format(cpdt, monkeypatch, args: list[str]) -> None:
    if args[0] == "define":
        monkeypatch.setenv("CPDT_DATA", str(FIXTURES / "facts.yaml"))
    for fmt in ("table", "plain", "json", "jsonl", "md", "csv"):
        r = cpdt(*args, "--format", fmt)
        assert r.code == 0, (fmt, r.err)
        assert r.out.strip(), fmt


# --- JSON Lines ----------------------------------------------------------------------------


def test_jsonl_is_one_complete_object_a_line(cpdt, validate_output) -> None:
    r = cpdt("timeline", "--format", "jsonl")
    assert r.code == 0
    lines = r.out.splitlines()
    whole = cpdt("timeline", "--json").json()
    assert len(lines) == whole["count"] > 1
    results = [json.loads(line) for line in lines]
    assert results == whole["results"]
    validate_output({**whole, "results": results})
    assert "\\u" not in r.out  # UTF-8, not escaped


# --- CSV -----------------------------------------------------------------------------------


def test_csv_one_row_a_result_rfc4180(cpdt) -> None:
    r = cpdt("law", "--format", "csv")
    assert r.code == 0
    assert r.out.endswith("\r\n") and "\n" not in r.out.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(r.out, newline="")))
    assert rows[0] == [
        "id", "kind", "of", "title", "text", "holder", "period", "date",
        "sources", "source_titles", "locators", "urls", "quotes",
    ]  # fmt: skip
    ids = [row[0] for row in rows[1:]]
    assert ids == [x["id"] for x in cpdt("law", "--json").json()["results"]]
    by_id = {row[0]: row for row in rows[1:]}
    assert by_id["qd-1619-2021"][3] == "Quyết định 1619/QĐ-TTg"
    assert all(len(row) == 13 for row in rows)


def test_csv_quotes_and_neutralises_formulas() -> None:
    from cpdt_cli.answers import results as r
    from cpdt_cli.render.csv import to_csv
    from cpdt_cli.render.formats import Options

    source = r.SourceRef(id="s", title="T", publisher=None, date=None, url=None)
    cite = r.Citation(source=source, quote='He said "yes", then\nleft', locator=None)
    note = r.Note(
        id="x", kind="note", title="=1+1", text="a,b", text_en=None, subject=None, date=None,
        valid_from=None, valid_until=None, valid_from_precision=None,
        valid_until_precision=None, translations=[], notes=None, notes_en=None,
        provenance=None, refs=[], citations=[cite],
    )  # fmt: skip
    rows = list(csv.reader(io.StringIO(to_csv(r.Answer("define", {}, [note]), Options()),
                                       newline="")))  # fmt: skip
    assert rows[1][:5] == ["x", "note", "", "'=1+1", "a,b"]
    assert rows[1][12] == 'He said "yes", then\nleft'


# --- BibTeX --------------------------------------------------------------------------------


def test_bibtex_parses_strictly_and_has_every_source(cpdt) -> None:
    from pybtex.database import parse_string

    r = cpdt("sources", "--format", "bibtex")
    assert r.code == 0, r.err
    db = parse_string(r.out, "bibtex")  # raises on any syntax error
    ids = [x["id"] for x in cpdt("sources", "--json").json()["results"]]
    assert list(db.entries.keys()) == ids
    for key, entry in db.entries.items():
        assert entry.type in ("online", "misc")
        assert entry.fields["title"].startswith("{") and entry.fields["title"].endswith("}")
        assert (entry.type == "online") == ("url" in entry.fields), key


def test_bibtex_escapes_special_characters() -> None:
    from pybtex.database import parse_string

    from cpdt_cli.answers import results as r
    from cpdt_cli.render.bibtex import to_bibtex
    from cpdt_cli.render.formats import Options

    source = r.Source(
        id="x-1", kind="source", title="50% & {more} #1 $ a_b ~ ^ \\", publisher="A & B",
        author="PV (tổng hợp)", reviewed_by=None, date="2019-09",
        url="https://e.vn/a?b=1&c=%20#x", language="vi", external=False,
        inferred={"publisher": "from the URL"}, notes=None, notes_en=None, provenance=None,
        cited_by=0, citations=[],
    )  # fmt: skip
    text = to_bibtex(r.Answer("sources", {}, [source]), Options())
    entry = parse_string(text, "bibtex").entries["x-1"]
    assert entry.fields["title"] == (r"{50\% \& \{more\} \#1 \$ a\_b \~{} \^{} \textbackslash{}}")
    assert entry.fields["url"] == "https://e.vn/a?b=1&c=%20#x"
    assert entry.fields["year"] == "2019" and entry.fields["month"] == "9"
    assert "note" not in entry.fields  # how a field was inferred is provenance, not a citation
    assert "{{PV (tổng hợp)}}" in text


def test_bibtex_only_where_an_answer_is_a_bibliography(cpdt) -> None:
    assert cpdt("law", "1619", "--format", "bibtex").out.startswith("@")
    r = cpdt("timeline", "--format", "bibtex")
    assert (r.code, r.out) == (2, "")
    assert "--format bibtex chỉ dùng được với cpdt sources" in r.err


def test_unknown_format_is_a_usage_error(cpdt) -> None:
    r = cpdt("law", "--format", "xml")
    assert (r.code, r.out) == (2, "")
    assert (
        "--format không có giá trị 'xml'; chọn một trong: table, plain, json, jsonl, md, csv"
        in r.err
    )


# --- colour --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "args", "escapes"),
    [
        ({}, [], False),  # piped: plain text
        ({}, ["--color", "always"], True),  # an explicit flag wins over the pipe
        ({"CLICOLOR_FORCE": "1"}, [], True),
        ({"CLICOLOR_FORCE": "1"}, ["--color", "never"], False),  # and over the environment
        ({"FORCE_COLOR": "1"}, [], True),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, [], False),
        ({"NO_COLOR": "1"}, ["--color", "always"], True),
        ({"CLICOLOR_FORCE": "0"}, [], False),
    ],
)
def test_colour_rules(cpdt, monkeypatch, env: dict[str, str], args: list[str], escapes: bool):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    r = cpdt("models", "g2b", *args)
    assert r.code == 0
    assert (ESC in r.out) is escapes


def test_colour_never_in_json_or_plain_even_when_forced(cpdt) -> None:
    assert ESC not in cpdt("law", "1619", "--json", "--color", "always").out
    assert ESC not in cpdt("law", "1619", "--format", "plain", "--color", "always").out


def test_colour_decision_on_a_terminal(monkeypatch) -> None:
    from cpdt_cli.render.output import color_wanted, default_format

    class Tty:
        def isatty(self) -> bool:
            return True

    assert color_wanted("auto", Tty()) is True
    monkeypatch.setenv("TERM", "dumb")
    assert color_wanted("auto", Tty()) is False
    assert default_format(False, "auto", Tty()) == "plain"
    assert default_format(False, "never", Tty()) == "table"  # layout stays, colour goes
    monkeypatch.delenv("TERM")
    monkeypatch.setenv("CLICOLOR", "0")
    assert color_wanted("auto", Tty()) is False


def test_bad_colour_is_a_usage_error(cpdt) -> None:
    r = cpdt("law", "--color", "sometimes")
    assert r.code == 2 and "--color không có giá trị 'sometimes'" in r.err


# --- pager ---------------------------------------------------------------------------------


def _fake_tty(monkeypatch, lines: int = 5) -> None:
    import os
    import sys

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("shutil.get_terminal_size", lambda *a: os.terminal_size((80, lines)))


@pytest.mark.parametrize("encoded", [False, True])  # text, or its UTF-8 bytes (--json)
def test_pager_gets_long_output_on_a_terminal(
    monkeypatch, tmp_path: Path, capsys, encoded: bool
) -> None:
    from cpdt_cli.render import output

    seen = tmp_path / "paged.txt"
    monkeypatch.setenv("PAGER", f"tee {seen}")
    _fake_tty(monkeypatch)
    text = "a\nb\nc\nd\ne\nĐ\n"
    output.show(text.encode() if encoded else text, pager=True)
    assert seen.read_text(encoding="utf-8") == text
    assert capsys.readouterr().out == ""  # what tee printed went to the real stdout


@pytest.mark.parametrize(
    ("pager", "flag", "long"),
    [("tee /dev/null", False, True), ("tee /dev/null", True, False),
     ("/nonexistent/pager", True, True), ("", True, True)],
)  # fmt: skip
@pytest.mark.parametrize("encoded", [False, True])
def test_no_pager_or_broken_pager_prints(
    monkeypatch, capsys, pager, flag, long, encoded: bool
) -> None:
    from cpdt_cli.render import output

    monkeypatch.setenv("PAGER", pager)
    _fake_tty(monkeypatch, lines=3 if long else 50)
    output.show(b"1\n2\n3\n4\n" if encoded else "1\n2\n3\n4\n", pager=flag)
    assert capsys.readouterr().out == "1\n2\n3\n4\n"


def test_never_pages_when_piped(cpdt, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PAGER", f"tee {tmp_path / 'x'}")
    assert cpdt("timeline").code == 0
    assert not (tmp_path / "x").exists()


# --- overlays and paths --------------------------------------------------------------------

OVERLAY = """\
entities:
  - id: org.vpcp
    kind: agency
    name: "Văn phòng Chính phủ (tên của đơn vị)"
"""


@pytest.mark.usefixtures("english")
def test_overlay_layers_over_the_base_with_a_notice(cpdt, tmp_path: Path, monkeypatch) -> None:
    overlay = tmp_path / "org.yaml"
    overlay.write_text(OVERLAY, encoding="utf-8")
    r = cpdt("agency", "VPCP", "--overlay", str(overlay), "--json")
    assert r.code == 0, r.err
    assert r.json()["results"][0]["name"] == "Văn phòng Chính phủ (tên của đơn vị)"
    assert f"{overlay}:2: 'org.vpcp' overrides {REFERENCE}:" in r.err
    monkeypatch.setenv("CPDT_OVERLAY", str(overlay))
    assert (
        cpdt("agency", "VPCP", "--json").json()["results"][0]["name"].endswith("(tên của đơn vị)")
    )
    r = cpdt("check")
    assert r.code == 0 and f"OK: {REFERENCE}, {overlay}" in r.out


@pytest.mark.usefixtures("english")
def test_check_validates_the_layered_set(cpdt, tmp_path: Path) -> None:
    overlay = tmp_path / "bad.yaml"
    overlay.write_text("statements:\n  - id: x\n    kind: goal\n    subject: org.nobody\n"
                       "    citations: [{source: hoidap-dau-moi, quote: q}]\n")  # fmt: skip
    r = cpdt("--overlay", str(overlay), "check")
    assert r.code == 3
    assert f"{overlay}:4: subject: no" in r.err


def test_paths_shows_builtin_overlays_and_cache(cpdt, tmp_path: Path, monkeypatch) -> None:
    from cpdt_cli.data import facts

    monkeypatch.setenv("CPDT_OVERLAY", str(tmp_path / "o.yaml"))
    r = cpdt("paths")
    assert r.code == 0
    assert r.out.splitlines() == [
        f"dữ liệu có sẵn: {facts.builtin_path()}",
        f"dữ liệu đang dùng: {REFERENCE}",
        f"lớp phủ: {tmp_path / 'o.yaml'}",
        f"bộ nhớ đệm: {tmp_path / 'cache' / 'cpdt'}",
    ]
    assert cpdt("--lang", "en", "paths").out.startswith("built-in data: ")


# --- completion ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("cpdt define --source une", ["unesco"]),
        ("cpdt models g2", ["g2b", "g2g"]),
        ("cpdt agency vp", ["vpcp"]),
        ("cpdt law 16", ["1619"]),
        ("cpdt committee --year 201", ["2018", "2019"]),
    ],
)
def test_completion_from_the_data(cpdt, monkeypatch, words: str, expected: list[str]) -> None:
    if "define" in words:
        monkeypatch.setenv("CPDT_DATA", str(FIXTURES / "facts.yaml"))
    monkeypatch.setenv("_CPDT_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", words)
    monkeypatch.setenv("COMP_CWORD", str(len(words.split()) - 1))
    r = cpdt()
    assert r.code == 0 and r.err == ""
    assert r.out.split() == expected


def test_completion_with_broken_data_is_silent(cpdt, monkeypatch, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: [\n")
    monkeypatch.setenv("CPDT_DATA", str(bad))
    monkeypatch.setenv("_CPDT_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", "cpdt models g")
    monkeypatch.setenv("COMP_CWORD", "2")
    r = cpdt()
    assert (r.code, r.out.strip(), r.err) == (0, "", "")


@pytest.mark.parametrize("name", ["committee-2019", "law-1072"])
def test_coloured_rendering_matches_golden(cpdt, name: str) -> None:
    """Colour on: the same text as the colour-off golden file, plus the escape codes."""
    import os
    import re

    golden = Path(__file__).parent / "golden" / f"{name}-80-color.txt"
    args = {"committee-2019": ["committee", "--year", "2019"], "law-1072": ["law", "1072"]}[name]
    r = cpdt(*args, "--color", "always")
    assert r.code == 0 and ESC in r.out
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(r.out, encoding="utf-8")
    assert r.out == golden.read_text(encoding="utf-8")
    plain = [line.rstrip() for line in re.sub(r"\x1b\[[0-9;]*m", "", r.out).splitlines()]
    assert plain == (golden.parent / f"{name}-80.txt").read_text(encoding="utf-8").splitlines()


_JSON_KEYS = st.one_of(st.text(), st.integers(), st.none(), st.booleans())
_JSON_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.tuples(inner, inner),
        st.dictionaries(_JSON_KEYS, inner, max_size=4),
    ),
    max_leaves=20,
)


@given(value=_JSON_VALUES, indent=st.sampled_from([None, 2]), ascii_only=st.booleans())
@settings(max_examples=400, deadline=None)
def test_dumps_writes_what_json_dumps_writes(value, indent, ascii_only) -> None:
    from cpdt_cli.render.json import dumps

    expected = json.dumps(value, ensure_ascii=ascii_only, indent=indent)
    assert dumps(value, indent, ascii_only) == expected


@pytest.mark.parametrize(
    "value", [1e16, -1e16, 9.9e-5, 1e-300, "a\udcffb", {1: "x"}, {True: "x"}, 2**70, "0.00001"]
)
def test_dumps_where_msgspec_would_differ(value) -> None:
    from cpdt_cli.render.json import dumps

    doc = {"results": [{"value": value}]}
    assert dumps(doc, 2) == json.dumps(doc, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_dumps_writes_valid_json_where_json_would_not(value) -> None:
    """The loader refuses non-finite numbers; should one reach the output all the same, it is
    written null, as JSON allows, never json's NaN or Infinity."""
    from cpdt_cli.render.json import dumps

    assert json.loads(dumps({"value": value}), parse_constant=_refuse) == {"value": None}


def _refuse(name: str) -> None:
    raise AssertionError(f"invalid JSON constant {name}")


# --- which answers can hold a float: the text is read again only for those -----------------


def test_only_the_float_fields_hold_floats() -> None:
    """Every field of the result types (and of what they hold) that may hold a float is one of
    FLOAT_FIELDS; the results that hold other results are those parts_of walks."""
    import typing

    import msgspec

    from cpdt_cli.answers import results as r
    from cpdt_cli.render.json import FLOAT_FIELDS

    floating: set[str] = set()
    holding: set[str] = set()
    seen: set[type] = set()
    todo: list[type] = [*r.RESULT_TYPES, r.Interpretation]
    while todo:
        struct = todo.pop()
        if struct in seen:
            continue
        seen.add(struct)
        results = typing.Union[tuple(r.RESULT_TYPES)]  # noqa: UP007  # results.Result
        for name, hint in typing.get_type_hints(struct, localns={"Result": results}).items():
            inner, found = [hint], set()
            while inner:
                t = inner.pop()
                found.add(t)
                inner.extend(typing.get_args(t))
            if float in found:
                floating.add(name)
            structs = {t for t in found if isinstance(t, type) and issubclass(t, msgspec.Struct)}
            if struct in r.RESULT_TYPES and any(issubclass(t, r.Statement) for t in structs):
                holding.add(name)
            todo.extend(structs)
    assert floating == set(FLOAT_FIELDS)
    assert holding - {"answer", "results"} == {"members", "roles", "facets"}


@pytest.mark.parametrize(
    "args",
    [
        ["sources"],
        ["law"],
        ["timeline"],
        ["define"],
        ["models"],
        ["committee", "--year", "2021"],
        ["agency", "bo thong tin"],
        ["search", "chu tich uy ban"],
        ["search", "egdi 2024"],
        ["search", "ai la chu tich uy ban 2020"],
        ["search", "viet nam xep hang egdi nam 2024"],
    ],
)
def test_an_answer_said_to_hold_no_float_holds_none(cpdt, monkeypatch, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    """holds_floats is true exactly where the JSON has a float; where it says none, the text
    is msgspec's without a second reading."""
    from cpdt_cli.render import json as json_

    said: list[bool] = []
    real = json_.holds_floats

    def spy(answer):  # type: ignore[no-untyped-def]
        said.append(real(answer))
        return said[-1]

    monkeypatch.setattr(json_, "holds_floats", spy)
    monkeypatch.setenv("CPDT_DATA", str(Path(__file__).parent.parent / "data" / "facts.yaml"))
    out = cpdt(*args, "--json")
    assert out.code == 0, out.err
    floats: list[float] = []
    json.loads(out.out, parse_float=lambda text: floats.append(float(text)) or 0.0)
    assert said == [bool(floats)]


@pytest.mark.parametrize("unicode_out", [True, False])
@pytest.mark.parametrize("title", ["Nguồn", "a\udcffb"])
@pytest.mark.parametrize("uses", [3, 2**70])
def test_typed_results_are_written_as_json_writes_their_shapes(
    monkeypatch, unicode_out: bool, title: str, uses: int
) -> None:  # type: ignore[no-untyped-def]
    """--json writes the results from their types, as json.dumps writes their shapes, also
    where msgspec refuses a value (a lone surrogate, a huge number) or the terminal is ASCII."""
    from cpdt_cli.answers import results as r
    from cpdt_cli.render import json as json_
    from cpdt_cli.render.formats import Options
    from cpdt_cli.render.output import as_text

    ref = r.SourceRef(id="s", title=title, publisher=None, date=None, url=None)
    source = r.Source(
        id="s", kind="source", title=title, publisher=None, author=None, reviewed_by=None,
        date="2020", url=None, language="vi", external=False, inferred={}, notes=None,
        notes_en=None, provenance=None, cited_by=uses,
        citations=[r.Citation(source=ref, quote="“Trích”", locator=None)],
    )  # fmt: skip
    answer = r.Answer("sources", {}, [source])
    monkeypatch.setattr(json_, "stdout_is_unicode", lambda: unicode_out)
    written = json_.to_json(answer, Options(lang="vi", color=False, bom=False))
    plain = json.dumps(json_.envelope(answer, "vi"), ensure_ascii=not unicode_out, indent=2)
    assert as_text(written) == plain + "\n"
    # msgspec's own bytes, for stdout as they are, where msgspec writes the text (whether it
    # writes integers over 64 bits depends on its version)
    if not unicode_out or "\udcff" in title:
        assert isinstance(written, str)
    elif uses < 2**64:
        assert isinstance(written, bytes)
