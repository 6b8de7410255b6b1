"""--lang: labels, headings and messages in Vietnamese or English, English names from the data."""

from __future__ import annotations

import pytest

from conftest import FIXTURES

REFERENCE = str(FIXTURES / "reference.yaml")


@pytest.fixture(autouse=True)
def reference_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CPDT_DATA", REFERENCE)


def test_english_names_and_labels(cpdt) -> None:
    r = cpdt("agency", "tttt", "--lang", "en", "--format", "plain")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert lines[0] == "Agencies and their tasks — 1 result"
    assert lines[2] == "Ministry of Information and Communications"
    assert "  Vietnamese: Bộ Thông tin và Truyền thông" in lines
    assert "Sources" in lines and "Nguồn" not in lines


def test_vietnamese_is_the_default_and_shows_no_english_unless_asked(cpdt) -> None:
    out = cpdt("agency", "tttt", "--format", "plain").out
    assert out.splitlines()[2] == "Bộ Thông tin và Truyền thông"
    assert "English" not in out and "Ministry of Information" not in out
    out = cpdt("agency", "tttt", "--format", "plain", "--lang", "en").out
    assert out.splitlines()[2] == "Ministry of Information and Communications"


def test_committee_and_instruments_in_english(cpdt) -> None:
    out = cpdt("committee", "--year", "2021", "--lang", "en", "--format", "plain").out
    assert "National Committee on Digital Transformation" in out
    assert "Chair: Thủ tướng Chính phủ" in out  # the holder is data, the position a label
    out = cpdt("law", "1619", "--lang", "en", "--format", "plain").out
    assert out.splitlines()[2] == "Decision 1619/QĐ-TTg"
    assert "Renames: " in out


def test_json_does_not_change_with_the_language(cpdt) -> None:
    assert cpdt("law", "1619", "--json", "--lang", "en").out == cpdt("law", "1619", "--json").out


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({}, "vi"),
        ({"CPDT_LANG": "en"}, "en"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "vi_VN.UTF-8"}, "vi"),
        ({"LANG": "C.UTF-8"}, "vi"),
        ({"LC_ALL": "vi_VN.UTF-8", "LANG": "en_US.UTF-8"}, "vi"),  # LC_ALL comes first
        ({"LC_MESSAGES": "en_GB.UTF-8", "LANG": "vi_VN.UTF-8"}, "en"),
        ({"CPDT_LANG": "vi", "LANG": "en_US.UTF-8"}, "vi"),
    ],
)
def test_default_language(cpdt, monkeypatch, env: dict[str, str], lang: str) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    heading = cpdt("law", "1619", "--format", "plain").out.splitlines()[0]
    assert heading.startswith("Legal instruments" if lang == "en" else "Văn bản pháp lý")


def test_flag_wins_over_the_environment(cpdt, monkeypatch) -> None:
    monkeypatch.setenv("CPDT_LANG", "en")
    assert cpdt("law", "1619", "--lang", "vi", "-f", "plain").out.startswith("Văn bản pháp lý")
    assert cpdt("--lang", "vi", "law", "1619", "-f", "plain").out.startswith("Văn bản pháp lý")


def test_messages_in_english(cpdt) -> None:
    r = cpdt("agency", "bo ngoai giao", "--lang", "en")
    assert r.code == 1
    assert r.err.startswith("cpdt: no agency or task matches 'bo ngoai giao'\n")
    assert "  try: cpdt agency (every agency) or cpdt search 'bo ngoai giao'" in r.err
    r = cpdt("committee", "--year", "2017", "--lang", "en")
    assert r.err.startswith("cpdt: no committee in 2017: ")
    assert "was founded 2018-08-28 by Decision 1072/QĐ-TTg" in r.err
    assert "  try: cpdt committee --year 2018" in r.err
    r = cpdt("timeline", "--from", "2022", "--to", "2018", "--lang", "en")
    assert r.code == 2 and "--from 2022 is after --to 2018" in r.err
    r = cpdt("law", "--format", "xml", "--lang", "en")
    assert r.code == 2 and "--format 'xml' does not exist; choose one of: table" in r.err


def test_unknown_language_is_a_usage_error(cpdt) -> None:
    r = cpdt("law", "--lang", "fr")
    assert r.code == 2 and "--lang không có giá trị 'fr'; chọn một trong: vi, en" in r.err


def test_every_english_label_has_a_vietnamese_source() -> None:
    """The table is keyed by the Vietnamese the code writes: a typo there would never match."""
    from cpdt_cli import i18n
    from cpdt_cli.render import document

    used = [*document.HEADINGS.values(), *document.META_LABELS.values()]
    used += [*document.MEMBER_COLUMNS, *document._INSTRUMENT_DATES.values()]
    missing = [text for text in used if i18n.tr(text, "en") == text]
    assert missing == []


def test_every_code_has_a_label_in_both_languages() -> None:
    """The codes the fact file may hold (validate.py takes them from labels.py) and every
    statement kind have both words."""
    from cpdt_cli import labels
    from cpdt_cli.data import validate

    assert set(validate.KIND_FIELDS) <= set(labels.KINDS)
    pairs = [pair for table in labels.TABLES.values() for pair in table.values()]
    pairs += [pair for both in labels.RELATIONS.values() for pair in both]
    assert all(vi.strip() and en.strip() and vi != en for vi, en in pairs)
    assert labels.label(labels.POSITIONS, "chair", "en") == "Chair"
    assert labels.relation("amends", True, "vi") == "được sửa đổi bởi"
    assert labels.label(labels.POSITIONS, "no-such-code", "vi") == "no-such-code"
