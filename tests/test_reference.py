"""The reference commands: agency, committee, models, timeline, law, sources.

Rendered answers are compared with golden files at 80 and 40 columns, colour off
(regenerate with UPDATE_GOLDEN=1 and read the diff); --json is compared exactly and
validated against the published schema.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from cpdt_cli.answers.results import SourceRef
from cpdt_cli.render.document import Document, Footnote, Item

GOLDEN = Path(__file__).parent / "golden"
REFERENCE = str(FIXTURES / "reference.yaml")


@pytest.fixture(autouse=True)
def reference_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CPDT_DATA", REFERENCE)


def golden(name: str, text: str) -> None:
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


CASES = {
    "agency-dau-moi": ["agency", "dau", "moi", "ky", "thuat"],
    "committee-2019": ["committee", "--year", "2019"],
    "models-g2b": ["models", "doanh nghiep"],
    "timeline-2018": ["timeline", "--year", "2018"],
    "law-1072": ["law", "1072"],
    "sources": ["sources"],
}


@pytest.mark.parametrize("width", [80, 40])
@pytest.mark.parametrize("name", list(CASES))
def test_rendered_table_matches_golden(
    cpdt, monkeypatch: pytest.MonkeyPatch, name: str, width: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    r = cpdt(*CASES[name], "--format", "table")
    assert r.code == 0, r.err
    assert "\x1b" not in r.out
    lines = r.out.splitlines()
    urls = [line.strip() for line in lines if "://" in line]
    assert all(u.startswith("http") and " " not in u for u in urls)  # a URL is a line of its own
    assert all(fits(line, width) for line in lines if line.strip() not in urls)
    golden(f"{name}-{width}", r.out)


@pytest.mark.parametrize("name", list(CASES))
def test_json_of_every_command_validates_and_matches_exactly(
    cpdt, validate_output, name: str
) -> None:
    r = cpdt(*CASES[name], "--json")
    assert r.code == 0, r.err
    validate_output(r.json())
    path = GOLDEN / f"{name}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(r.out, encoding="utf-8")
    assert r.out == path.read_text(encoding="utf-8")


def test_agency_technical_focal_point(cpdt) -> None:
    doc = cpdt("agency", "dau moi ky thuat", "--json").json()
    assert [r["id"] for r in doc["results"]] == ["org.ttcp-ttt"]
    role = doc["results"][0]["roles"][0]
    basis = role["basis"]
    assert {k: basis[k] for k in ("kind", "id", "number", "type", "date")} == {
        "kind": "instrument",
        "id": "qd-443-2021",
        "number": "443/QĐ-TTCP",
        "type": "decision",
        "date": "2021",
    }
    assert role["locator"] == "khoản 3 Điều 11"


def test_agency_by_abbreviation_and_all(cpdt) -> None:
    assert [r["id"] for r in cpdt("agency", "VPCP", "--json").json()["results"]] == ["org.vpcp"]
    ids = [r["id"] for r in cpdt("agency", "--json").json()["results"]]
    assert ids == ["org.mic", "org.vpcp", "org.ttcp-ttt"]
    mic = cpdt("agency", "tttt", "--json").json()["results"][0]
    assert (
        mic["roles"][0]["from"]["id"] == "org.vpcp" and mic["roles"][0]["kind"] == "task-transfer"
    )


def test_agency_nothing_matches(cpdt) -> None:
    r = cpdt("agency", "bo ngoai giao")
    assert r.code == 1 and r.out == ""
    assert "cpdt: không có cơ quan hay nhiệm vụ nào khớp với 'bo ngoai giao'" in r.err


def test_committee_year_shows_every_state_of_that_year(cpdt) -> None:
    doc = cpdt("committee", "--year", "2021", "--json").json()
    assert [r["id"] for r in doc["results"]] == ["ubqg.2019", "ubqg.2021"]
    latest = doc["results"][1]
    assert latest["instrument"]["number"] == "1619/QĐ-TTg"
    assert [(m["position"], m["holder"]) for m in latest["members"]] == [
        ("chair", "Thủ tướng Chính phủ"),
        ("member", "Thống đốc Ngân hàng Nhà nước Việt Nam"),
    ]


def test_committee_2019_standing_vice_chair(cpdt) -> None:
    doc = cpdt("committee", "--year", "2019", "--json").json()
    members = [m for r in doc["results"] for m in r["members"]]
    assert {"position": "standing-vice-chair", "person": "Vũ Đức Đam"} in [
        {"position": m["position"], "person": (m.get("person") or {}).get("name")} for m in members
    ]


def test_committee_month_of_doubt_keeps_both_states(cpdt) -> None:
    ids = [r["id"] for r in cpdt("committee", "--on", "2019-09-10", "--json").json()["results"]]
    assert ids == ["ubqg.2018", "ubqg.2019"]
    ids = [r["id"] for r in cpdt("committee", "--on", "10/10/2019", "--json").json()["results"]]
    assert ids == ["ubqg.2019"]


def test_committee_before_it_existed(cpdt) -> None:
    r = cpdt("committee", "--year", "2017")
    assert r.code == 1 and r.out == ""
    assert r.err == (
        "cpdt: chưa có Ủy ban vào năm 2017: Ủy ban Quốc gia về Chính phủ điện tử được thành lập"
        " ngày 28/8/2018 theo Quyết định 1072/QĐ-TTg\n  thử: cpdt committee --year 2018\n"
    )


def test_committee_default_is_latest_and_after_last_change_has_notice(cpdt) -> None:
    assert [r["id"] for r in cpdt("committee", "--json").json()["results"]] == ["ubqg.2021"]
    r = cpdt("committee", "--on", "2030-01-01", "--json")
    assert r.code == 0 and [x["id"] for x in r.json()["results"]] == ["ubqg.2021"]
    assert "sau ngày cập nhật dữ liệu (ngày 23/11/2026): từ đó có thể đã có thay đổi" in r.err
    assert r.json()["notices"] == [
        "sau ngày cập nhật dữ liệu (ngày 23/11/2026): từ đó có thể đã có thay đổi"
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "abc"], "abc"),  # Click's words: assert only that the value is named
        (["--year", "-5"], "--year -5: năm phải nằm trong khoảng 1900–2100"),
        (["--year", "100000000000000000000"], "năm phải nằm trong khoảng"),
        (["--on", "2021-02-30"], "--on '2021-02-30' không phải là ngày hợp lệ"),
        (["--year", "2020", "--on", "2020-01-01"], "dùng --year hoặc --on, không dùng cả hai"),
    ],
)
def test_committee_bad_dates_are_usage_errors(cpdt, args: list[str], message: str) -> None:
    r = cpdt("committee", *args)
    assert r.code == 2 and message in r.err and "Traceback" not in r.err


def test_models_by_id_and_by_words(cpdt) -> None:
    assert [r["id"] for r in cpdt("models", "g2b", "--json").json()["results"]] == ["model.g2b"]
    assert [r["id"] for r in cpdt("models", "doanh nghiep", "--json").json()["results"]] == [
        "model.g2b"
    ]
    ids = [r["id"] for r in cpdt("models", "--json").json()["results"]]
    assert ids == ["model.g2b", "model.g2g", "model.infrastructure"]
    r = cpdt("models", "g2x")
    assert r.code == 1 and "các mô hình: G2B, G2G" in r.err


def test_timeline_range_kind_and_query(cpdt) -> None:
    doc = cpdt("timeline", "--from", "2018", "--to", "2021", "--json").json()
    assert [(r["date"], r["id"]) for r in doc["results"]] == [
        ("2018-08-28", "qd-1072-2018"),
        ("2018-09-20", "event.2018-09-20"),
        ("2019-09", "qd-1201-2019"),
        ("2021", "qd-443-2021"),
        ("2021-09-24", "qd-1619-2021"),
    ]
    doc = cpdt("timeline", "--kind", "resolution", "--json").json()
    assert [r["id"] for r in doc["results"]] == ["nq-36a-2015", "nq-131-2022"]
    doc = cpdt("timeline", "uy ban", "--json").json()
    assert [r["id"] for r in doc["results"]] == ["qd-1072-2018", "qd-1619-2021"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--from", "2022", "--to", "2018"], 2, "--from 2022 muộn hơn --to 2018"),
        (["--kind", "rumour"], 2, "--kind không có giá trị 'rumour'; chọn một trong: resolution"),
        (["--year", "1990"], 1, "không có mốc nào khớp"),
    ],
)
def test_timeline_errors(cpdt, args: list[str], code: int, message: str) -> None:
    r = cpdt("timeline", *args)
    assert (r.code, r.out) == (code, "")
    assert message in r.err


@pytest.mark.parametrize(
    "spelling",
    ["1619", "1619/QĐ-TTg", "qd 1619", "quyết định 1619", "1619/qd-ttg", "QUYET DINH 1619"],
)
def test_law_number_spellings(cpdt, spelling: str) -> None:
    assert [r["id"] for r in cpdt("law", spelling, "--json").json()["results"]] == ["qd-1619-2021"]


def test_law_relations_both_directions_and_citing_facts(cpdt) -> None:
    r1619 = cpdt("law", "1619", "--json").json()["results"][0]
    assert r1619["relations"][0]["type"] == "renames"
    assert r1619["relations"][0]["established_by"][0]["number"] == "1072/QĐ-TTg"
    assert [f["id"] for f in r1619["cited_by"]] == ["ubqg.2021"]
    r1072 = cpdt("law", "qd 1072", "--json").json()["results"][0]
    assert [(x["type"], x["target"]["id"]) for x in r1072["related_by"]] == [
        ("amends", "qd-1201-2019")
    ]
    out = cpdt("law", "1619", "--format", "plain").out
    assert "Đổi tên: Ủy ban Quốc gia về Chính phủ điện tử (thành lập theo 1072/QĐ-TTg)" in out


def test_law_type_without_number_and_unknown(cpdt) -> None:
    ids = [r["id"] for r in cpdt("law", "nghi quyet", "--json").json()["results"]]
    assert ids == ["nq-36a-2015", "nq-131-2022"]
    r = cpdt("law", "9999")
    assert r.code == 1 and "không có văn bản nào khớp với '9999'" in r.err


def test_sources_counts_what_cites_each(cpdt) -> None:
    doc = cpdt("sources", "--json").json()
    counts = {r["id"]: r["cited_by"] for r in doc["results"]}
    assert counts == {
        "hoidap-dau-moi": 6,
        "dansinh-2025": 7,
        "anhngoc-quy-dinh": 6,
        "ext.nguoihanoi-1072": 2,
    }


# --- the terminal typesetter (typeset.py) ----------------------------------------------------

_PIECES = [*"aăâbđeêioôơuưyÁỦếềệỗ“”—→.,:;()[]/-0123456789", " ", " ", "  ", "   ", "\u00a0",
           "chuyển", "đổi", " https://example.org/a/very/long/path/that/never/fits ", "x" * 45,
           "\t", "\n", "中", "e\u0301", "👍", "\u200d", "\ufe0f"]  # fmt: skip
_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)
_URL = "https://example.org/a/very/long/path/that/never/fits"


def _documents(text: st.SearchStrategy[str]) -> st.SearchStrategy[Document]:
    marks = st.lists(st.integers(1, 12), max_size=3)
    leaf = st.builds(
        Item,
        title=text,
        text=text,
        marks=marks,
        quotes=st.lists(st.tuples(text, st.integers(1, 12)), max_size=2),
        meta=st.lists(st.tuples(text, text), max_size=2),
    )
    items = st.recursive(
        leaf,
        lambda children: st.builds(
            Item, title=text, marks=marks, children=st.lists(children, max_size=3)
        ),
        max_leaves=6,
    )
    source = st.builds(
        SourceRef, id=text, title=text, publisher=text, date=text, url=st.one_of(st.none(), text)
    )
    notes = st.lists(st.builds(Footnote, st.integers(1, 20), source, st.none() | text), max_size=3)
    return st.builds(Document, text, st.lists(items, max_size=3), notes, text)


def fits(line: str, width: int) -> bool:
    """A line fits the width, or is a URL alone on its line (never cut, so it may run past):
    one word holding "://" (a source's url field, percent-encoded where it is not a URL)."""
    from cpdt_cli.render.typeset import cells

    word = line.strip()
    return cells(line) <= width or (" " not in word and "://" in word)


@given(doc=_documents(_TEXTS), width=st.sampled_from([20, 23, 40, 80]))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_terminal_lines_fit_and_keep_every_word(doc: Document, width: int) -> None:
    """No line is wider than the terminal but a URL; every character but spaces is kept, in
    order; colour adds escape codes and nothing else; a URL is never cut."""
    import re

    from cpdt_cli.render.terminal import plain_text as to_plain
    from cpdt_cli.render.terminal import rich_lines, to_rich

    plain = to_rich(doc, width, color=False)
    assert all(fits(line, width) for line in plain.splitlines())
    words = [line[2] + "".join(p for p, _ in line[3]) for line in rich_lines(doc) if line]
    assert "".join(plain.split()) == "".join("".join(words).split())
    coloured = to_rich(doc, width, color=True)
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain
    assert plain.count(_URL) == to_plain(doc).count(_URL)


@pytest.mark.parametrize("width", [20, 40, 80])
def test_a_url_goes_on_a_line_of_its_own_and_is_never_cut(width: int) -> None:
    from cpdt_cli.render.typeset import render

    text = f"Nguồn: Bộ Thông tin và Truyền thông, 2021, {_URL} (truy cập 2024)"
    lines = render([(2, "dim", "URL: ", [(text, None)])], width, color=False).splitlines()
    assert len([line for line in lines if _URL in line]) == 1
    assert all(fits(line, width) for line in lines)
    assert "".join("".join(lines).split()) == "".join(f"URL: {text}".split())


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("中文字符中文字符", 10, ["  中文字符", "  中文字符"]),  # two cells each
        ("e\u0301e\u0301 ab cd", 8, ["  e\u0301e\u0301 ab", "  cd"]),  # a mark takes none
        ("x" * 14, 8, ["  xxxxxx", "  xxxxxx", "  xx"]),  # a word wider than a line is cut
        ("a\nb", 8, ["  a", "  b"]),
        ("a\tb", 8, ["  a b"]),
    ],
)
def test_cell_widths(text: str, width: int, expected: list[str]) -> None:
    from cpdt_cli.render.typeset import render

    assert render([(2, "", text, [])], width, color=False).splitlines() == expected


def test_colour_codes_are_ours_and_pinned() -> None:
    from cpdt_cli.render.typeset import render

    line = (2, "bold cyan", "Ủy ban", [(" [1]", "dim"), (" x", None)])
    assert render([line, None], 40, color=True) == (
        "  \x1b[1;36mỦy ban\x1b[0m\x1b[1;2;36m [1]\x1b[0m\x1b[1;36m x\x1b[0m\n\n"
    )
