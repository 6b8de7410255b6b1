"""The README's set-up commands are the ones CI runs."""

from __future__ import annotations

import io
import re
import shlex
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import screenshot

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_test_command_is_what_ci_runs() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    test_cmd = next(b for b in blocks if "pytest" in b)
    inner = test_cmd.split("&& ", 2)[-1]  # after creating and activating the venv
    assert inner.startswith("pip install -q -r requirements/test.lock && ")  # the lock
    assert inner in CI


def test_readme_install_command_runs_a_real_lookup() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    assert "pip install . && cpdt define --source unesco" in blocks[0]


# --- every documented example runs ---------------------------------------------------------


def readme_examples() -> list[str]:
    """Every `cpdt …` line of the README's sh blocks (set-up blocks aside), comments dropped."""
    lines = []
    for block in re.findall(r"```sh\n(.*?)\n```", README, re.S):
        if "pip install" in block:
            continue
        for line in block.splitlines():
            command = line.split("  #", 1)[0].strip()
            if command.startswith("cpdt "):
                lines.append(command)
    return lines


def _argv(command: str) -> list[str]:
    words = shlex.split(command)[1:]
    for redirection in (">", "<"):  # the test captures stdout and gives stdin itself
        if redirection in words:
            words = words[: words.index(redirection)]
    return words


def _stdin(monkeypatch, command: str) -> None:
    """`cpdt batch < FILE` reads FILE; every other example reads an empty stdin."""
    words = shlex.split(command)
    data = (ROOT / words[words.index("<") + 1]).read_bytes() if "<" in words else b""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def command_of(words: list[str]) -> str | None:
    """The command an argv names: the first word that is not a global option or its value."""
    import typer.main

    from cpdt_cli.cli import app

    group = typer.main.get_command(app)
    takes_value = {
        opt
        for p in group.params
        if p.param_type_name == "option" and not getattr(p, "is_flag", False)
        for opt in p.opts
    }
    rest = iter(words)
    for word in rest:
        if word in takes_value:
            next(rest, None)
        elif not word.startswith("-"):
            return word
    return None


def test_command_of_skips_global_options() -> None:
    assert command_of(["--overlay", "law", "check"]) == "check"
    assert command_of(["--json", "define", "law"]) == "define"
    assert command_of(["--lang=en", "agency"]) == "agency"


def test_readme_has_examples_of_every_command() -> None:
    import typer.main

    from cpdt_cli.cli import app

    documented = {command_of(_argv(c)) for c in readme_examples()}
    names = set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    assert names - documented == set()


@pytest.mark.parametrize("command", readme_examples())
def test_readme_example_runs_on_the_real_data(cpdt, monkeypatch, command: str) -> None:
    monkeypatch.delenv("CPDT_DATA")
    monkeypatch.chdir(ROOT)
    _stdin(monkeypatch, command)
    r = cpdt(*_argv(command))
    assert r.code == 0, f"{command}: {r.err}"
    assert r.out.strip()
    assert "Traceback" not in r.err


def command_examples() -> list[tuple[str, str]]:
    """Each command's help example(s): 'Ví dụ: cpdt x …, cpdt x …', the same in English."""
    from cpdt_cli.cli import app
    from cpdt_cli.helptext import helptext

    examples = []
    for info in app.registered_commands:
        doc = " ".join(helptext(f"help.{info.callback.__name__}").split())  # type: ignore[union-attr]
        assert "Ví dụ: cpdt " in doc, f"{info.callback}: no example in its help"
        tail = doc.split("Ví dụ: ", 1)[1]
        english = _english_help(f"help.{info.callback.__name__}")  # type: ignore[union-attr]
        assert english.split("Example: ", 1)[1] == tail, f"{info.callback}: examples differ"
        for example in re.split(r",\s+(?=cpdt )", tail):
            examples.append((info.callback.__name__, example.strip()))  # type: ignore[union-attr]
    return examples


def _english_help(key: str) -> str:
    from cpdt_cli.helptext import helptext

    return " ".join(helptext(key, "en").split())


@pytest.mark.parametrize(("name", "example"), command_examples())
def test_help_example_runs_on_the_real_data(cpdt, monkeypatch, name: str, example: str) -> None:
    monkeypatch.delenv("CPDT_DATA")
    monkeypatch.chdir(ROOT)
    _stdin(monkeypatch, example)
    r = cpdt(*_argv(example))
    assert r.code == 0, f"{example}: {r.err}"
    help_ = cpdt(name, "--help")
    assert help_.code == 0 and "Ví dụ: cpdt" in " ".join(help_.out.split())


def test_every_option_explains_itself_with_an_example() -> None:
    """Options that take a value say what it looks like; flags only say what they do."""
    import typer.main

    from cpdt_cli import helptext
    from cpdt_cli.cli import app

    group = typer.main.get_command(app)
    for lang, example in (("vi", r"[Vv]í dụ"), ("en", r"Example|e\.g\.")):
        helptext.apply(group, lang)
        for name, command in group.commands.items():  # type: ignore[attr-defined]
            for param in command.params:
                if param.param_type_name == "option" and not param.is_flag:
                    help_ = param.help or ""
                    assert re.search(example, help_), f"cpdt {name} {param.opts[0]}: {help_!r}"


def test_english_acceptance_on_the_real_data(cpdt, monkeypatch) -> None:
    monkeypatch.delenv("CPDT_DATA")
    r = cpdt("agency", "bo thong tin", "--lang", "en")
    assert r.code == 0 and "Ministry of Information and Communications" in r.out


def _svg_lines(svg: str) -> list[str]:
    """The text of a Rich SVG export, line by line (segments joined by their y position)."""
    import html
    from collections import defaultdict

    rows: dict[float, list[tuple[float, str]]] = defaultdict(list)
    for x, y, text in re.findall(r'<text [^>]*?x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>', svg):
        rows[float(y)].append((float(x), html.unescape(text)))
    lines = ("".join(t for _, t in sorted(row)) for _, row in sorted(rows.items()))
    return [" ".join(line.split()) for line in lines if line.strip()]


def test_readme_screenshot_is_the_current_answer() -> None:
    """The picture in the README is what the program prints today (tools/screenshot.py)."""
    image = re.search(r"!\[[^\]]*\]\((docs/[^)]+\.svg)\)", README)
    assert image, "the README shows a screenshot"
    shown = _svg_lines((ROOT / image[1]).read_text(encoding="utf-8"))
    fresh = _svg_lines(screenshot.render())
    assert shown == fresh, "docs/screenshot.svg is stale: run tools/screenshot.py"
    assert any("Trung tâm thông tin" in line for line in shown)


def test_readme_exit_code_table_lists_every_exit_code() -> None:
    from cpdt_cli import errors

    section = README.split("## Mã thoát", 1)[1].split("\n## ", 1)[0]
    documented = {int(code) for code in re.findall(r"^\| (\d+) \|", section, re.M)}
    in_code = {v for k, v in vars(errors).items() if k.startswith("EXIT_")}
    assert documented == in_code == {0, 1, 2, 3, 4}
    assert errors.OutputError.exit_code == 4
