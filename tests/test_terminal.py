"""The real program in a real terminal (tmux) at 80 and 40 columns: what a person sees.

The screen must be the golden rendering (tests/golden, made in-process at the same width),
coloured on a terminal and not under NO_COLOR, and long output must go through the pager.
tmux is a Debian package (.ci/run installs it); without it the tests are skipped locally
and fail in CI, so a missing install step cannot pass unnoticed.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, in_ci, need

GOLDEN = Path(__file__).parent / "golden"
TMUX = shutil.which("tmux")

if TMUX is None:
    if in_ci():
        pytest.fail("tmux is not installed, and CI must run the terminal tests", pytrace=False)
    pytest.skip("tmux is not installed (apt-get install tmux)", allow_module_level=True)


class Terminal:
    def __init__(self, tmp: Path) -> None:
        self.socket = f"cpdt-test-{os.getpid()}-{id(self)}"
        self.conf = tmp / "tmux.conf"
        self.conf.write_text("set -g remain-on-exit on\nset -g status off\n")
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(tmp),
            "LANG": "C.UTF-8",
            "TERM": "screen",
            "CPDT_DATA": str(FIXTURES / "reference.yaml"),
            "CPDT_CACHE_DIR": str(tmp / "cache"),
            "PYTHONPATH": str(ROOT / "src"),
        }

    def tmux(self, *args: str) -> str:
        argv = [str(TMUX), "-L", self.socket, "-f", str(self.conf), *args]
        return subprocess.run(argv, capture_output=True, text=True, check=True).stdout

    def run(self, args: list[str], width: int, height: int, **env: str) -> None:
        command = " ".join(shlex.quote(a) for a in [sys.executable, "-m", "cpdt_cli", *args])
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in {**self.env, **env}.items())
        self.tmux("new-session", "-d", "-x", str(width), "-y", str(height),
                  f"env -i {exports} {command}")  # fmt: skip

    def dead(self) -> bool:
        return self.tmux("display-message", "-p", "#{pane_dead}").strip() == "1"

    def wait(self, until: float = 20.0) -> None:
        deadline = time.monotonic() + until
        while not self.dead():
            assert time.monotonic() < deadline, "cpdt did not finish:\n" + self.screen()
            time.sleep(0.05)

    def screen(self, escapes: bool = False) -> str:
        # -J: a line the terminal wrapped (a URL longer than the width) comes back whole
        return self.tmux("capture-pane", "-p", "-J", *(["-e"] if escapes else []), "-S", "-")

    def close(self) -> None:
        subprocess.run([str(TMUX), "-L", self.socket, "kill-server"], capture_output=True)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    term = Terminal(tmp_path)
    yield term
    term.close()


def _lines(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return lines


@pytest.mark.parametrize("width", [80, 40])
@pytest.mark.parametrize(
    ("golden", "args"),
    [("committee-2019", ["committee", "--year", "2019"]), ("law-1072", ["law", "1072"])],
)
def test_screen_is_the_golden_rendering(
    terminal: Terminal, golden: str, args: list[str], width: int
) -> None:
    expected = _lines((GOLDEN / f"{golden}-{width}.txt").read_text(encoding="utf-8"))
    terminal.run([*args, "--no-pager"], width, len(expected) + 5)
    terminal.wait()
    screen = _lines(terminal.screen())
    assert screen[: len(expected)] == expected
    assert all(len(line) <= width or line.lstrip().startswith("http") for line in screen)
    coloured = terminal.screen(escapes=True)
    assert "\x1b[" in coloured  # a terminal gets colour by default


def test_no_color_on_a_terminal_gives_plain_text(terminal: Terminal) -> None:
    terminal.run(["law", "1072", "--no-pager"], 80, 60, NO_COLOR="1")
    terminal.wait()
    assert "\x1b[" not in terminal.screen(escapes=True)
    assert _lines(terminal.screen())[0] == "Văn bản pháp lý — 1 kết quả"


def test_long_output_goes_through_the_pager(terminal: Terminal) -> None:
    need(shutil.which("less") is not None, "less is not installed (apt-get install less)")
    terminal.run(["timeline"], 80, 12)
    deadline = time.monotonic() + 20
    while "Mốc thời gian" not in terminal.screen():
        assert time.monotonic() < deadline, terminal.screen()
        time.sleep(0.05)
    time.sleep(0.3)
    assert not terminal.dead(), "less should be waiting for a key"
    assert _lines(terminal.screen())[0].startswith("Mốc thời gian — ")
    terminal.tmux("send-keys", "q")
    terminal.wait()
