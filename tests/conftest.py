"""Test set-up: every logic test runs the real entry point in-process against a small fixture
fact file (never the curated data), with its own cache dir and a fixed terminal width."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent
SCHEMA = ROOT / "src" / "cpdt_cli" / "schema" / "output.schema.json"
SHARED = ROOT.parent / "shared"  # the source documents, beside the repository (as in CI)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def need(condition: bool, why: str) -> None:
    """Skip a test whose precondition is missing here; in CI the same gap is a failure."""
    if not condition:
        if in_ci():
            pytest.fail(f"CI=true but {why}")
        pytest.skip(why)


@pytest.fixture(scope="session")
def shared() -> Path:
    need((SHARED / "seeds").is_dir(), f"the source documents are missing at {SHARED}")
    return SHARED


@pytest.fixture(autouse=True)
def env_setup(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CPDT_DATA", str(FIXTURES / "facts.yaml"))
    monkeypatch.setenv("CPDT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("COLUMNS", "80")
    for name in (
        "NO_COLOR",
        "FORCE_COLOR",
        "CLICOLOR",
        "CLICOLOR_FORCE",
        "CPDT_LANG",
        "CPDT_OVERLAY",
        "LANG",  # an English locale would switch labels to English (i18n.choose)
        "LC_ALL",
        "LC_MESSAGES",
        "CPDT_NO_CACHE",
    ):
        monkeypatch.delenv(name, raising=False)
    if os.environ.get("CPDT_TEST_PURE_YAML"):  # .ci/run: the parser PyYAML has without libyaml
        import yaml

        monkeypatch.delattr(yaml, "CSafeLoader", raising=False)


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture
def cpdt(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Run `cpdt ARGS…` through the real entry point; return exit code, stdout, stderr."""
    from cpdt_cli.__main__ import main

    def run(*args: str) -> Run:
        monkeypatch.setattr(sys, "argv", ["cpdt", *args])
        capsys.readouterr()
        with pytest.raises(SystemExit) as exit_:
            main()
        captured = capsys.readouterr()
        code = exit_.value.code
        return Run(code if isinstance(code, int) else 1, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def validate_output():  # type: ignore[no-untyped-def]
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)

    def check(doc: Any) -> None:
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])

    return check


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in English (CPDT_LANG=en): the tests of fact-file problems assert them so."""
    monkeypatch.setenv("CPDT_LANG", "en")
