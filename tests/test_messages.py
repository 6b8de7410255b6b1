"""Every message and every help text exists in Vietnamese and in English, and each language
speaks only itself: a missing or untranslated text fails here."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

# Letters only Vietnamese writes (Latin letters with Vietnamese diacritics, đ).
VIETNAMESE = re.compile(
    r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.I
)
# Words of help screens and messages that are English (Click's, Typer's or an untranslated one).
ENGLISH = re.compile(
    r"\b(Usage|Options|Commands|Arguments|Show this message|default|required|Example)\b"
    r"|<(int|integer|str|text|path|TEXT|INTEGER|PATH)>|\b(TEXT|INTEGER|PATH)\b"
)
# What may stay as it is in English: the project's own abbreviation.
KEPT = ("CPĐT",)


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def english_only(text: str) -> str:
    for kept in KEPT:
        text = text.replace(kept, "")
    return text


def test_every_message_has_both_languages_with_the_same_arguments() -> None:
    from cpdt_cli.helptext import HELP
    from cpdt_cli.messages import CATALOGUE

    for key, forms in {**CATALOGUE, **HELP}.items():
        assert len(forms) in (2, 3) and all(f.strip() for f in forms), key
        vietnamese, *english = forms
        for form in english:
            if key not in ("on_day", "in_month"):  # D/M/YYYY in Vietnamese, ISO in English
                assert fields(form) | {"n"} == fields(vietnamese) | {"n"}, key
            assert not VIETNAMESE.search(english_only(form)), f"{key}: {form!r}"
        if len(forms) == 3:
            assert "n" in fields(vietnamese), f"{key}: a plural needs its count, n"
        only_arguments = not re.sub(r"\{[^}]*\}|[\W_]|MiB", "", vietnamese)
        assert only_arguments or vietnamese not in english, f"{key}: not translated"


def test_english_plurals() -> None:
    from cpdt_cli.messages import text

    assert text("results", "en", n=1) == "1 result"
    assert text("results", "en", n=0) == "0 results"
    assert text("results", "en", n=2) == "2 results"
    assert text("results", "vi", n=1) == "1 kết quả"


def test_a_message_says_its_arguments_in_the_language_too() -> None:
    from cpdt_cli.messages import Name, say, when

    notice = say("ended", name="Bộ X", when=when("2025-03-01"),
                 by=say("by", instrument=say("instrument", type=Name("Nghị định", "Decree"), number="1/NĐ")),
                 successor=say("successor", name="Bộ Y"))  # fmt: skip
    assert (
        notice
        == "Bộ X đã chấm dứt hoạt động từ ngày 1/3/2025 theo Nghị định 1/NĐ; cơ quan kế tục: Bộ Y"
    )
    assert notice.in_language("en") == "Bộ X ended on 2025-03-01 by Decree 1/NĐ; successor: Bộ Y"
    named = say("successor", name=Name("Bộ Y", "Ministry Y"))
    assert (named, named.in_language("en")) == ("; cơ quan kế tục: Bộ Y", "; successor: Ministry Y")


def _raised_texts() -> list[str]:
    """Errors, hints and notices the code builds from literal text instead of a message id."""
    found = []
    for path in sorted((ROOT / "src" / "cpdt_cli").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            receiver = getattr(getattr(func, "value", None), "id", "")
            said = name in ("UsageError", "NotFound", "CpdtError", "OutputError") or (
                name in ("append", "extend") and receiver in ("notices", "hints")
            )
            if name == "Problem" and len(node.args) == 3:
                said, first = True, node.args[2]
            else:
                first = node.args[0]
            literal = isinstance(first, ast.JoinedStr) or (
                isinstance(first, ast.Constant) and isinstance(first.value, str)
            )
            if said and literal:
                found.append(f"{path.name}:{node.lineno}")
    return found


def test_the_code_says_messages_by_id() -> None:
    assert _raised_texts() == []


# --- help ------------------------------------------------------------------------------------


def _group():  # type: ignore[no-untyped-def]
    import typer.main

    from cpdt_cli.cli import app

    return typer.main.get_command(app)


def test_every_command_and_option_has_help_in_both_languages() -> None:
    from cpdt_cli import helptext
    from cpdt_cli.helptext import HELP

    group = _group()
    keys = [key for _, key in helptext.keys(group)]
    assert len(keys) > 60
    assert [key for key in keys if key not in HELP] == []
    used = set(keys) | {k for k in HELP if k.startswith(("help.panel.", "help.usage"))}
    used |= {"help.options_metavar", "help.command_metavar", "help.default", "help.required"}
    used.add("help.--help")  # Click adds it to each command itself
    used |= {f"help.metavar.{name}" for name in ("query", "paths", "path", "command")}
    used |= {f"help.type.{name}" for name in ("int", "text", "path")}
    assert set(HELP) - used == set(), "help texts no command uses"
    for lang in ("vi", "en"):
        helptext.apply(group, lang)
        for item, key in helptext.keys(group):
            assert item.help == HELP[key][lang == "en"]


def _commands() -> list[str]:
    return ["", *_group().commands]  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", _commands())
def test_help_speaks_one_language(cpdt, monkeypatch, command: str) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    words = [command] if command else []
    vietnamese = cpdt(*words, "--help")
    assert vietnamese.code == 0
    assert not ENGLISH.search(vietnamese.out), vietnamese.out
    english = cpdt("--lang", "en", *words, "--help")
    assert english.code == 0 and "Usage: cpdt" in english.out
    if command in ("committee", "law"):  # --year, --from: a number, named in each language
        assert "<số>" in vietnamese.out and "<int>" in english.out
    assert not VIETNAMESE.search(english_only(english.out)), english.out
    monkeypatch.setenv("CPDT_LANG", "en")
    assert cpdt(*words, "-h").out == english.out


def test_a_number_within_bounds_is_named_a_number(cpdt, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    for lang, word in (("vi", "<số>"), ("en", "<int>")):
        out = cpdt("--lang", lang, "search", "--help").out
        limit = next(line for line in out.splitlines() if "--limit" in line)
        assert word in limit, limit


# --- messages as a user meets them -------------------------------------------------------------

ERRORS = [
    ["agency", "xyz"],
    ["law", "--from", "2022", "--to", "2018"],
    ["timeline", "--kind", "zzz"],
    ["timeline", "--from", "2030", "--to", "2031"],
    ["committee", "--year", "1800"],
    ["committee", "--on", "31/2/2020"],
    ["committee", "--year", "2020", "--on", "2020-01-01"],
    ["search", "--kind", "zz", "x"],
    ["search", "qqqqqqqqqq"],
    ["law", "--type", "edict"],
    ["law", "--color", "blue"],
    ["law", "--format", "xml"],
    ["agency", "--format", "bibtex"],
    ["law", "--json", "--fields", "nope"],
    ["schema", "nope"],
    ["comittee"],
    ["law", "--year"],
    ["committee", "--year", "abc"],
    ["search"],
]


@pytest.mark.parametrize("args", ERRORS, ids=" ".join)
def test_errors_speak_one_language(cpdt, monkeypatch, args: list[str]) -> None:
    monkeypatch.setenv("CPDT_DATA", str(FIXTURES / "reference.yaml"))
    vietnamese = cpdt(*args)
    assert vietnamese.code in (1, 2) and vietnamese.err.startswith("cpdt: ")
    assert VIETNAMESE.search(vietnamese.err), vietnamese.err
    english = cpdt(*args, "--lang", "en")
    assert english.code == vietnamese.code and english.err.startswith("cpdt: ")
    assert not VIETNAMESE.search(english.err), english.err
    assert english.err != vietnamese.err


def test_check_speaks_the_language(cpdt, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 2\nfoo: [1, {a: 1, a: 2}]\ndata_as_of: 2020-02-30\n")
    vietnamese = cpdt("check", str(bad))
    english = cpdt("--lang", "en", "check", str(bad))
    assert vietnamese.code == english.code == 3
    assert len(vietnamese.err.splitlines()) == len(english.err.splitlines()) > 3
    assert all(VIETNAMESE.search(line) for line in vietnamese.err.splitlines())
    assert not VIETNAMESE.search(english.err), english.err
    data_error = cpdt("--lang", "en", "--data", str(bad), "law")
    assert data_error.code == 3 and not VIETNAMESE.search(data_error.err)
    assert VIETNAMESE.search(cpdt("--data", str(bad), "law").err)
    last = english.err.splitlines()[-1]
    assert re.fullmatch(r"cpdt: \d+ problems in .*bad\.yaml", last), last
    ok = cpdt("--lang", "en", "check", str(FIXTURES / "reference.yaml"))
    assert ok.code == 0 and not VIETNAMESE.search(ok.out), ok.out


def test_an_overlay_notice_speaks_the_language_from_the_cache_too(cpdt, tmp_path: Path) -> None:
    overlay = tmp_path / "o.yaml"
    source = (FIXTURES / "reference.yaml").read_text(encoding="utf-8")
    overlay.write_text(source, encoding="utf-8")
    for _ in range(2):  # the second run reads the compiled data from the cache
        english = cpdt("--lang", "en", "--overlay", str(overlay), "sources", "--json")
        vietnamese = cpdt("--overlay", str(overlay), "sources", "--json")
        assert english.code == vietnamese.code == 0
        assert " overrides " in english.err and "\x1e" not in english.err
        assert " thay thế " in vietnamese.err and "\x1e" not in vietnamese.err


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("vi", "không có tùy chọn --zzz; xem: cpdt law --help"),
     ("en", "no such option --zzz; see: cpdt law --help")],
)  # fmt: skip
def test_batch_says_click_errors_as_cpdt_does(lang: str, expected: str) -> None:
    from cpdt_cli.batch import Runner

    outcome = Runner(lang=lang).run(["law", "--zzz"])
    assert (outcome.exit, outcome.error) == (2, expected)


def test_text_that_looks_like_a_stored_message_is_echoed() -> None:
    from cpdt_cli.messages import in_language, say

    for text in ("\x1e", "\x1e: x", "\x1eno_such_key", "\x1eoverrides\x1fwhere", "\x1eoverrides"):
        assert in_language(text, "en") == text
    stored = say("overrides", where="a:1", id="x", previous="b:2").stored()
    assert in_language(stored, "en") == "a:1: 'x' overrides b:2"
