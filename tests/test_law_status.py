"""Instruments' legal status on a date, the `law` filters, replacement chains and the
timeline's one-entry-per-event, on a small fixture (tests/fixtures/register.yaml)."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES

REGISTER = FIXTURES / "register.yaml"
DATA_AS_OF = "2026-11-23"


@pytest.fixture(autouse=True)
def register_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CPDT_DATA", str(REGISTER))


def ids(doc: dict[str, Any]) -> list[str]:
    return [r["id"] for r in doc["results"]]


def status(cpdt, query: str, *on: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    r = cpdt("law", query, *(["--on", on[0]] if on else []), "--json")
    assert r.code == 0, r.err
    [result] = r.json()["results"]
    return result["status"]


@pytest.mark.parametrize(
    ("query", "on", "code"),
    [
        ("61/2018", "2018-06-20", "not-yet"),
        ("61/2018", "2018-06-21", "in-force"),
        ("61/2018", "2025-06-30", "in-force"),
        ("61/2018", "2025-07-01", "ended"),
        ("118/2025", "2025-06-09", "not-yet"),
        ("118/2025", "2025-07-01", "in-force"),
        ("51/2005", "2024-06-30", "in-force"),
        ("51/2005", "2024-07-01", "partly"),
        ("942", "2021-06-14", "not-yet"),
        ("942", "2021-06-15", "unknown"),
        ("107/2021", "2024-01-01", "unknown"),
        ("107/2021", "2025-07-01", "ended"),
    ],
)
def test_status_on_a_date(cpdt, query: str, on: str, code: str) -> None:
    assert status(cpdt, query, on)["code"] == code


def test_status_comes_with_the_sources_words(cpdt) -> None:
    ended = status(cpdt, "61/2018", "2025-07-01")
    assert ended["code"] == "ended" and "label" not in ended  # JSON carries the code only
    [words] = ended["words"]
    assert words["as_of"] == "2025-07-01"
    assert "will cease to be effective" in words["citations"][0]["quote"]
    early = status(cpdt, "61/2018", "2018-01-01")
    assert [w["as_of"] for w in early["words"]] == ["2018-06-21", None]  # when it takes effect
    unknown = status(cpdt, "942", "2022-01-01")
    assert unknown["note"] == "Ngày có hiệu lực chưa được xác minh."


def test_status_is_shown_in_every_human_format(cpdt) -> None:
    r = cpdt("law", "61/2018", "--on", "2025-07-01", "--format", "plain")
    assert "Tình trạng vào ngày 2025-07-01: hết hiệu lực" in r.out
    assert "Có hiệu lực từ: 2018-06-21" in r.out
    assert "Hết hiệu lực từ: 2025-07-01" in r.out
    assert "nguồn ghi: ngày nguồn ghi không rõ" not in r.out  # the undated words are not these
    early = cpdt("law", "61/2018", "--on", "2018-01-01", "--format", "plain").out
    assert "nguồn ghi: ngày nguồn ghi không rõ" in early
    en = cpdt("law", "61/2018", "--on", "2025-07-01", "--format", "plain", "--lang", "en").out
    assert "Status on 2025-07-01: no longer in force" in en
    assert "In force from: 2018-06-21" in en
    md = cpdt("law", "61/2018", "--on", "2025-07-01", "--format", "md").out
    assert "hết hiệu lực" in md


def test_the_default_day_is_today_bounded_by_the_data(cpdt) -> None:
    r = cpdt("law", "61/2018", "--json")
    expected = min(datetime.date.today().isoformat(), DATA_AS_OF)
    assert r.json()["query"]["on"] == expected
    assert r.json()["results"][0]["status"]["on"] == expected


def test_a_day_past_the_data_says_so(cpdt) -> None:
    r = cpdt("law", "118/2025", "--on", "2030-01-01")
    assert r.code == 0
    assert "2030-01-01 muộn hơn ngày dữ liệu được kiểm tra lần cuối (2026-11-23)" in r.err
    en = cpdt("law", "118/2025", "--on", "2030-01-01", "--lang", "en")
    assert "2030-01-01 is after the data was last checked (2026-11-23)" in en.err


def test_in_force_on_a_date(cpdt) -> None:
    r = cpdt("law", "--in-force", "--on", "2020-01-01", "--json")
    assert ids(r.json()) == ["luat-51-2005", "nd-61-2018"]
    r = cpdt("law", "--in-force", "--on", "2025-07-01", "--json")
    assert ids(r.json()) == ["luat-51-2005", "luat-20-2023", "nd-118-2025"]  # 51: partly
    assert r.json()["query"]["in_force"] is True


def test_filters_by_type_issuer_and_years(cpdt) -> None:
    decrees = ids(cpdt("law", "--type", "decree", "--json").json())
    assert decrees == ["nd-61-2018", "nd-107-2021", "nd-118-2025"]
    assert ids(cpdt("law", "--type", "nghi dinh", "--json").json()) == decrees
    assert ids(cpdt("law", "--issuer", "quoc hoi", "--json").json()) == [
        "luat-51-2005",
        "luat-20-2023",
    ]
    assert ids(cpdt("law", "--issuer", "TTg", "--json").json()) == ["qd-942-2021"]
    assert ids(cpdt("law", "--from", "2021", "--to", "2021", "--json").json()) == [
        "qd-942-2021",
        "nd-107-2021",
    ]
    both = ["--type", "decree", "--from", "2018", "--in-force", "--on", "2025-08-01", "--json"]
    assert ids(cpdt("law", *both).json()) == ["nd-118-2025"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--type", "sac lenh"],
            "--type không có giá trị 'sac lenh'; chọn một trong: circular, decision",
        ),
        (["--on", "2025-02-30"], "--on '2025-02-30' không phải là ngày hợp lệ"),
        (["--from", "2022", "--to", "2021"], "--from 2022 muộn hơn --to 2021"),
        (["--from", "99999"], "--from 99999: năm phải nằm trong khoảng"),
    ],
)
def test_bad_filters_are_usage_errors(cpdt, args: list[str], message: str) -> None:
    r = cpdt("law", *args)
    assert r.code == 2
    assert message in r.err
    assert "Traceback" not in r.err


def test_no_instrument_meets_the_conditions(cpdt) -> None:
    r = cpdt("law", "--issuer", "quoc hoi", "--in-force", "--on", "2000-01-01")
    assert r.code == 1
    assert "không có văn bản nào khớp với các điều kiện đã chọn" in r.err


def test_relations_both_ways_and_the_replacement_chain(cpdt) -> None:
    new = cpdt("law", "118/2025", "--json").json()["results"][0]
    assert [(r["type"], r["target"]["id"]) for r in new["relations"]] == [
        ("replaces", "nd-61-2018"),
        ("repeals", "nd-107-2021"),
    ]
    assert [c["id"] for c in new["chain"]] == ["nd-61-2018", "nd-118-2025"]
    old = cpdt("law", "61/2018", "--json").json()["results"][0]
    assert {(r["type"], r["target"]["id"]) for r in old["related_by"]} == {
        ("replaces", "nd-118-2025"),
        ("amends", "nd-107-2021"),
    }
    assert old["chain"] == new["chain"]
    assert cpdt("law", "942", "--json").json()["results"][0]["chain"] == []
    text = cpdt("law", "61/2018", "--format", "plain").out
    assert "Bị thay thế bởi: Nghị định 118/2025/NĐ-CP" in text
    assert (
        "Chuỗi thay thế: 61/2018/NĐ-CP (2018-06-21 → 2025-07-01) → 118/2025/NĐ-CP (từ 2025-07-01)"
        in text
    )
    repealed = cpdt("law", "107/2021", "--format", "plain", "--lang", "en").out
    assert "Repealed by: Decree 118/2025/NĐ-CP" in repealed


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nghị định 61/2018", ["nd-61-2018"]),
        ("nd 61 2018", ["nd-61-2018"]),
        ("61/2018/ND-CP", ["nd-61-2018"]),
        ("NGHI DINH 61", ["nd-61-2018"]),
        ("luật giao dịch điện tử 2023", ["luat-20-2023"]),
        ("luat giao dich dien tu", ["luat-51-2005", "luat-20-2023"]),
        ("qd942", ["qd-942-2021"]),
        ("20/2023/QH15", ["luat-20-2023"]),
    ],
)
def test_numbers_as_people_type_them(cpdt, query: str, expected: list[str]) -> None:
    r = cpdt("law", query, "--json")
    assert r.code == 0, r.err
    assert ids(r.json()) == expected


def test_timeline_has_one_entry_per_event(cpdt) -> None:
    doc = cpdt("timeline", "--year", "2025", "--json").json()
    events = [(r["id"], r["event"], r["date"]) for r in doc["results"]]
    assert events == [
        ("nd-118-2025", "signed", "2025-06-09"),
        ("nd-107-2021", "ended", "2025-07-01"),
        ("nd-118-2025", "effective", "2025-07-01"),
        ("nd-61-2018", "ended", "2025-07-01"),
    ]
    ended = doc["results"][1]
    assert ended["citations"][0]["quote"] == "This Decree takes effect from July 1, 2025."
    text = cpdt("timeline", "--year", "2025", "--format", "plain").out
    assert "Nghị định 118/2025/NĐ-CP — ban hành" in text
    assert "Nghị định 118/2025/NĐ-CP — có hiệu lực" in text
    assert "Nghị định 61/2018/NĐ-CP — hết hiệu lực" in text
    en = cpdt("timeline", "--year", "2025", "--format", "plain", "--lang", "en").out
    assert "Decree 118/2025/NĐ-CP — takes effect" in en


# --- the fact file's rules for legal status ------------------------------------------------


def edited(tmp_path: Path, old: str, new: str) -> str:
    text = REGISTER.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "facts.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            '    effective_until: "2024-07-01"\n',
            "",
            "'luat-51-2005' is replaced by 'luat-20-2023' from 2024-07-01, but its"
            " effective_until is missing: it must end no later than that",
        ),
        (
            'effective_until: "2025-07-01"\n    status:\n      - code: in-force',
            'effective_until: "2025-08-01"\n    status:\n      - code: in-force',
            "'nd-61-2018' is replaced by 'nd-118-2025' from 2025-07-01, but its"
            " effective_until is 2025-08-01",
        ),
        (
            '    effective_from: "2006-03-01"\n',
            '    effective_from: "2024-08-01"\n',
            "'luat-51-2005': effective_until 2024-07-01 is before effective_from 2024-08-01",
        ),
        (
            "      - code: partly\n",
            "      - code: lapsed\n",
            "'luat-51-2005' status: code 'lapsed' is not one of: ended, in-force, not-yet,"
            " partly, unknown",
        ),
        (
            '      - code: ended\n        as_of: "2025-07-01"\n        citations:\n'
            '          - source: ext.vietnamvn-118\n            quote: "This Decree',
            '      - code: unknown\n        as_of: "2025-07-01"\n        citations:\n'
            '          - source: ext.vietnamvn-118\n            quote: "This Decree',
            "'nd-107-2021': effective_until needs a status entry 'ended' or 'partly' quoting"
            " the source",
        ),
    ],
)
@pytest.mark.usefixtures("english")
def test_legal_status_rules_of_the_fact_file(cpdt, tmp_path: Path, old, new, message) -> None:
    path = edited(tmp_path, old, new)
    r = cpdt("check", path)
    assert r.code == 3
    assert message in r.err, r.err


def test_the_fixture_itself_is_valid(cpdt) -> None:
    r = cpdt("check", str(REGISTER))
    assert r.code == 0, r.err


def test_facts_md_documents_every_instrument_field_and_code() -> None:
    from conftest import ROOT
    from cpdt_cli.data.validate import INSTRUMENT_TYPES, RELATION_TYPES, SPECS, STATUS_CODES

    doc = (ROOT / "docs" / "FACTS.md").read_text(encoding="utf-8")
    section = doc[doc.index("## `instruments`") : doc.index("## `committee_states`")]
    for name in SPECS["instruments"]:
        assert f"{name}:" in section or f"{name}`" in section, name
    for code in (*INSTRUMENT_TYPES, *RELATION_TYPES, *STATUS_CODES):
        assert code in section, code


def test_a_nul_byte_in_an_argument_is_a_usage_error(cpdt) -> None:
    r = cpdt("--data", "\x00", "law")
    assert r.code == 2
    assert "cpdt: một đối số có ký tự NUL (\\x00)" in r.err


def test_csv_rows_of_the_timeline_name_their_event(cpdt) -> None:
    rows = cpdt("timeline", "--year", "2025", "--format", "csv").out.splitlines()
    assert any(
        r.startswith("nd-118-2025,instrument,,2025-07-01 Nghị định 118/2025/NĐ-CP — có hiệu lực,")
        for r in rows
    ), rows
    assert any(
        r.startswith("nd-61-2018,instrument,,2025-07-01 Nghị định 61/2018/NĐ-CP — hết hiệu lực,")
        for r in rows
    ), rows
