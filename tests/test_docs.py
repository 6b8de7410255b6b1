"""The README's set-up commands are the ones CI runs."""

from __future__ import annotations

import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_test_command_is_what_ci_runs() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    test_cmd = next(b for b in blocks if "pytest" in b)
    inner = test_cmd.split("&& ", 2)[-1]  # after creating and activating the venv
    assert inner.startswith("pip install -q -e '.[test]'")
    assert inner in CI


def test_readme_install_command_runs_a_real_lookup() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    assert "pip install . && cpdt define --source unesco" in blocks[0]
