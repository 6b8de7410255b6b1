"""Click's usage errors reach the user as ours: one `cpdt:` line on stderr, exit 2, in the
language asked for, escapes shown and never obeyed, no box drawn around them."""

from __future__ import annotations

import pytest

BOX = "╭│╰─"


def _one_line(r) -> str:  # type: ignore[no-untyped-def]
    assert r.code == 2, r.err
    assert r.out == ""
    lines = r.err.splitlines()
    assert len(lines) == 1, r.err
    assert lines[0].startswith("cpdt: ")
    assert not set(r.err) & set(BOX), r.err
    return lines[0]


@pytest.mark.parametrize(
    ("args", "vi", "en"),
    [
        (
            ["comittee"],
            "không có lệnh 'comittee'; có phải ý bạn là: committee?",
            "no such command 'comittee'; did you mean: committee?",
        ),
        (
            ["committee", "--year", "abc"],
            "giá trị 'abc' không hợp lệ cho --year",
            "invalid value 'abc' for --year",
        ),
        (
            ["committee", "--yaer", "2020"],
            "không có tùy chọn --yaer; có phải ý bạn là:",
            "no such option --yaer; did you mean:",
        ),
        (["law", "--type"], "tùy chọn --type cần một giá trị", "option --type needs a value"),
    ],
)
def test_click_usage_errors_are_one_line_in_the_chosen_language(
    cpdt, monkeypatch, args, vi, en
) -> None:  # type: ignore[no-untyped-def]
    assert vi in _one_line(cpdt(*args))
    assert en in _one_line(cpdt("--lang", "en", *args))
    assert en in _one_line(cpdt("--lang=en", *args))
    monkeypatch.setenv("CPDT_LANG", "en")
    assert en in _one_line(cpdt(*args))


def test_a_hostile_option_name_is_shown_escaped(cpdt) -> None:  # type: ignore[no-untyped-def]
    line = _one_line(cpdt("define", "-\x1b[2J"))
    assert "\x1b" not in line
    assert "\\x1b" in line


def test_help_and_version_still_exit_zero(cpdt) -> None:  # type: ignore[no-untyped-def]
    assert cpdt("--help").code == 0
    assert cpdt("--version").code == 0
    assert cpdt("committee", "-h").code == 0
