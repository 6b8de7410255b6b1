"""`cpdt check` and the strict loader: every defect named with file:line, exit 3."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES

GOOD = (FIXTURES / "facts.yaml").read_text(encoding="utf-8")


def write(tmp_path: Path, text: str, name: str = "facts.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def line_of(text: str, needle: str, nth: int = 1) -> int:
    lines = text.splitlines()
    hits = [i + 1 for i, line in enumerate(lines) if needle in line]
    return hits[nth - 1]


def test_the_fixture_is_clean(cpdt) -> None:
    r = cpdt("check", str(FIXTURES / "facts.yaml"))
    assert r.code == 0, r.err
    assert r.out.startswith("OK: ")
    assert "6 dữ kiện" in r.out


@pytest.mark.usefixtures("english")
def test_duplicate_key_is_an_error_not_last_wins(cpdt, tmp_path: Path) -> None:
    text = GOOD.replace("    year: 2005\n", "    year: 2005\n    year: 2006\n")
    path = write(tmp_path, text)
    r = cpdt("check", path)
    assert r.code == 3
    line = line_of(text, "year: 2006")
    assert f"{path}:{line}: duplicate key 'year' (first at line {line - 1})" in r.err


@pytest.mark.usefixtures("english")
def test_dangling_source_id(cpdt, tmp_path: Path) -> None:
    text = GOOD.replace("      - source: thoidai-2020\n", "      - source: thoidai-2021\n", 1)
    path = write(tmp_path, text)
    r = cpdt("check", path)
    assert r.code == 3
    line = line_of(text, "source: thoidai-2021")
    assert (
        f"{path}:{line}: source: no source with id 'thoidai-2021' (did you mean 'thoidai-2020'?)"
    ) in r.err


@pytest.mark.usefixtures("english")
def test_impossible_date(cpdt, tmp_path: Path) -> None:
    text = GOOD.replace('date: "2021-09-24"', 'date: "2021-02-30"')
    path = write(tmp_path, text)
    r = cpdt("check", path)
    assert r.code == 3
    line = line_of(text, "2021-02-30")
    assert f"{path}:{line}: 'qd-1619-2021': date '2021-02-30': that month has no day 30" in r.err


@pytest.mark.usefixtures("english")
def test_yaml_syntax_error(cpdt, tmp_path: Path) -> None:
    text = GOOD.replace(
        "      - {type: renames, target: body.ubqg}", "      - {type: renames, target: body.ubqg"
    )
    path = write(tmp_path, text)
    r = cpdt("check", path)
    assert r.code == 3
    broken = line_of(text, "target: body.ubqg")
    # the parser's own words vary (libyaml, pure Python, versions); file:line and ours do not
    problem = next(line for line in r.err.splitlines() if line.startswith(f"{path}:"))
    assert problem.startswith(f"{path}:{broken + 1}: YAML syntax error: ")
    assert problem.endswith(f" that starts at line {broken})")
    assert "Traceback" not in r.err


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            ("year: 2005", "year: !!python/object/apply:os.system ['echo pwned']"),
            "YAML tag tag:yaml.org,2002:python/object/apply:os.system is not allowed",
        ),
        (
            ("    year: 2005\n", "    year: &y 2005\n    language: *y\n"),
            "YAML aliases (*name) are not allowed",
        ),
        (("  - id: definer.un\n", "  - id: definer.unesco\n"), "duplicate id 'definer.unesco'"),
        (
            ('    kind: definer\n    name: "UNESCO"', '    kind: definer\n    name: ""'),
            "'definer.unesco': name must not be empty",
        ),
        (("    year: 2005\n", "    year: 2005\n    yaer: 2005\n"), "unknown field 'yaer'"),
        (
            (
                "kind: definition\n    subject: definer.un\n",
                "kind: definitoin\n    subject: definer.un\n",
            ),
            "kind: 'definitoin' is not one of",
        ),
        (
            (
                '    valid_from: "2021-09-24"\n',
                '    valid_from: "2021-09-24"\n    valid_until: "2020"\n',
            ),
            "valid_until 2020 is before valid_from 2021-09-24",
        ),
    ],
)
@pytest.mark.usefixtures("english")
def test_other_defects(cpdt, tmp_path: Path, edit: tuple[str, str], message: str) -> None:
    text = GOOD.replace(*edit, 1)
    assert text != GOOD
    r = cpdt("check", write(tmp_path, text))
    assert r.code == 3
    assert message in r.err
    assert "pwned" not in r.out


@pytest.mark.usefixtures("english")
def test_missing_citations_and_empty_quote(cpdt, tmp_path: Path) -> None:
    text = GOOD.replace(
        """    text: "Luật An ninh mạng 2018 và các văn bản hướng dẫn liên quan không định nghĩa “Chính phủ điện tử”."
    refs: [luat-anm-2018]
    citations:
      - source: hoidap-dau-moi
        quote: "Hiện nay, tại Luật An ninh mạng 2018 cũng như ở một số văn bản hướng dẫn có liên quan không có định nghĩa thế nào là \\"Chính phủ điện tử\\"."
""",
        "    citations: []\n",
    )
    assert text != GOOD
    r = cpdt("check", write(tmp_path, text))
    assert r.code == 3
    assert "'note.no-legal-definition': needs at least one citation" in r.err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary content (NUL byte)"),
        (
            'schema_version: 1\ndata_as_of: "2026"\nsources:\n  - title: "Chính"\n'.encode(
                "cp1258"
            ),
            "not valid UTF-8",
        ),
        (b"- a\n- b\n", "the top level must be a mapping"),
    ],
)
@pytest.mark.usefixtures("english")
def test_unreadable_contents(cpdt, tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "facts.yaml"
    path.write_bytes(content)
    r = cpdt("--data", str(path), "define")
    assert r.code == 3
    assert message in r.err
    assert r.out == ""


def test_bom_is_accepted(cpdt, tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    assert cpdt("check", str(path)).code == 0


@pytest.mark.usefixtures("english")
def test_missing_file_and_directory(cpdt, tmp_path: Path) -> None:
    r = cpdt("--data", str(tmp_path / "nope.yaml"), "define")
    assert (r.code, r.err) == (3, f"cpdt: {tmp_path / 'nope.yaml'}: no such file\n")
    r = cpdt("--data", str(tmp_path), "define")
    assert r.code == 3 and "is a directory" in r.err


def test_cpdt_data_env_is_used(cpdt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CPDT_DATA", str(tmp_path / "missing.yaml"))
    assert cpdt("define").code == 3


def test_days_in_month_agrees_with_calendar() -> None:
    import calendar

    from cpdt_cli.text.dates import days_in_month

    for year in (1900, 1999, 2000, 2004, 2021, 2100, 2400):
        for month in range(1, 13):
            assert days_in_month(year, month) == calendar.monthrange(year, month)[1]


@pytest.mark.usefixtures("english")
def test_a_translation_must_be_flagged_as_ours(cpdt, tmp_path: Path) -> None:
    text = GOOD.replace("    translations: [text_en]\n", "", 1)
    path = write(tmp_path, text)
    r = cpdt("check", path)
    assert r.code == 3
    line = line_of(text, "text_en:")
    assert f"{path}:{line}: 'def.unesco.en': text_en is cpdt's own translation" in r.err


@pytest.mark.usefixtures("english")
def test_an_ended_body_names_its_successor_or_none(cpdt, tmp_path: Path) -> None:
    ended = '    kind: agency\n    valid_until: "2025-03-01"\n'
    text = GOOD.replace("    kind: agency\n", ended, 1)
    path = write(tmp_path, text)
    r = cpdt("check", path)
    assert r.code == 3
    assert "'org.pm' ended (2025-03-01) but names no successor" in r.err
    path = write(tmp_path, text.replace(ended, ended + '    successor: "none"\n'))
    assert cpdt("check", path).code == 0
    path = write(tmp_path, text.replace(ended, ended + "    successor: org.nowhere\n"))
    assert "successor: no entity with id 'org.nowhere'" in cpdt("check", path).err


@pytest.mark.usefixtures("english")
def test_a_precision_is_one_of_the_known_ones(cpdt, tmp_path: Path) -> None:
    text = GOOD.replace("    translations: [text_en]\n", "    translations: [text_en]\n"
                        "    valid_from: \"2019-09\"\n    valid_from_precision: roughly\n", 1)  # fmt: skip
    path = write(tmp_path, text)
    r = cpdt("check", path)
    assert r.code == 3 and "valid_from_precision 'roughly' is not one of" in r.err


TITLED = GOOD.replace(
    '    title: "Luật An ninh mạng"\n',
    '    title: "Luật An ninh mạng"\n    title_en: "Law on Cybersecurity"\n',
    1,
)


@pytest.mark.usefixtures("english")
def test_an_english_title_no_quote_gives_is_flagged_as_ours(cpdt, tmp_path: Path) -> None:
    """Only a source's words stand unmarked: an English title that none of the instrument's
    quotes holds is cpdt's translation and must say so."""
    path = write(tmp_path, TITLED)
    r = cpdt("check", path)
    assert r.code == 3
    line = line_of(TITLED, 'title_en: "Law on Cybersecurity"')
    assert (
        f"{path}:{line}: 'luat-anm-2018': title_en is in none of its quotes: list it in"
        " translations (cpdt's own)"
    ) in r.err
    flagged = TITLED.replace(
        '    title_en: "Law on Cybersecurity"\n',
        '    title_en: "Law on Cybersecurity"\n    translations: [title_en]\n',
    )
    assert cpdt("check", write(tmp_path, flagged, "flagged.yaml")).code == 0


def test_an_english_title_a_quote_gives_needs_no_flag(cpdt, tmp_path: Path) -> None:
    quoted = TITLED.replace(
        "không có định nghĩa thế nào là",
        "(Law on Cybersecurity) không có định nghĩa thế nào là",
        1,
    )
    assert cpdt("check", write(tmp_path, quoted)).code == 0
