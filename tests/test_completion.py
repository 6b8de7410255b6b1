"""Shell completion offers only what the command then accepts, matched as the search matches."""

from __future__ import annotations

import pytest

from conftest import FIXTURES

# the words typed before the value, and the command line the value completes
COMPLETED = {
    "cpdt define --source ": ["define", "--source"],
    "cpdt agency ": ["agency"],
    "cpdt models ": ["models"],
    "cpdt law ": ["law"],
    "cpdt law --type ": ["law", "--type"],
    "cpdt committee --year ": ["committee", "--year"],
    "cpdt timeline --kind ": ["timeline", "--kind"],
    "cpdt sources --format ": ["sources", "--format"],
    "cpdt sources --lang ": ["sources", "--lang"],
    "cpdt sources --color ": ["sources", "--color"],
}


# fixtures without definitions, agencies, models or committee states: nothing to offer
NOTHING_TO_OFFER = {
    ("reference.yaml", "define"), ("register.yaml", "define"), ("register.yaml", "committee"),
    ("facts.yaml", "agency"), ("register.yaml", "agency"), ("facts.yaml", "models"),
    ("register.yaml", "models"),
}  # fmt: skip


def offered(cpdt, monkeypatch: pytest.MonkeyPatch, words: str) -> list[str]:
    """What bash is offered for the last word of `words` (Click's bash protocol)."""
    monkeypatch.setenv("_CPDT_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", words)
    monkeypatch.setenv("COMP_CWORD", str(len(words.split()) - (0 if words.endswith(" ") else 1)))
    r = cpdt()
    for name in ("_CPDT_COMPLETE", "COMP_WORDS", "COMP_CWORD"):
        monkeypatch.delenv(name)
    assert r.code == 0 and r.err == "", r.err
    return [line for line in r.out.splitlines() if line]


@pytest.mark.parametrize("data", ["facts.yaml", "reference.yaml", "register.yaml"])
@pytest.mark.parametrize("words", list(COMPLETED))
def test_every_value_offered_is_accepted(cpdt, monkeypatch, data: str, words: str) -> None:
    """Run with each value offered, the command answers (exit 0): nothing offered fails."""
    monkeypatch.setenv("CPDT_DATA", str(FIXTURES / data))
    values = offered(cpdt, monkeypatch, words)
    assert values or (data, words.split()[1]) in NOTHING_TO_OFFER
    for value in values:
        json = [] if COMPLETED[words][-1] == "--format" else ["--json"]  # one format only
        r = cpdt(*COMPLETED[words], value, *json)
        assert r.code == 0, f"{words}{value}: {r.err}"


def test_choices_are_offered_not_file_names(cpdt, monkeypatch) -> None:
    assert offered(cpdt, monkeypatch, "cpdt law --format ") == [
        "table", "plain", "json", "jsonl", "md", "csv", "bibtex",
    ]  # fmt: skip
    assert offered(cpdt, monkeypatch, "cpdt --format j") == ["json", "jsonl"]
    assert offered(cpdt, monkeypatch, "cpdt define --lang ") == ["vi", "en"]
    assert offered(cpdt, monkeypatch, "cpdt define --color a") == ["auto", "always"]


@pytest.mark.parametrize(
    ("data", "words", "expected"),
    [
        ("facts.yaml", "cpdt define --source UNE", ["UNEsco"]),
        ("reference.yaml", "cpdt models G2", ["G2b", "G2g"]),
        ("reference.yaml", "cpdt agency VP", ["VPcp"]),
    ],
)
def test_matching_ignores_case_and_accents(
    cpdt, monkeypatch, data: str, words: str, expected: list[str]
) -> None:
    monkeypatch.setenv("CPDT_DATA", str(FIXTURES / data))
    assert offered(cpdt, monkeypatch, words) == expected
    command = words.split()[1:-1]
    for value in expected:
        assert cpdt(*command, value, "--json").code == 0


def test_accents_and_their_absence_match_alike(monkeypatch) -> None:
    from cpdt_cli import completion

    candidates = [("Liên Hợp Quốc", "UN"), ("unesco", "UNESCO")]
    assert completion._matching("lien", candidates) == [("lien hop quoc", "UN")]
    assert completion._matching("Liên", candidates) == [("Liên Hợp Quốc", "UN")]
    assert completion._matching("LIÊN H", candidates) == [("LIÊN Hop quoc", "UN")]
    assert completion._matching("x", candidates) == []


def test_a_placeholder_number_is_not_offered(monkeypatch) -> None:
    from cpdt_cli import completion
    from cpdt_cli.data.facts import load

    facts = load([FIXTURES / "reference.yaml"])
    numbers = [v for v, _ in completion._laws(facts)]
    assert numbers and all(n[:1].isalnum() for n in numbers)
    placeholder = type("I", (), {"number": "(số hiệu không nêu trong nguồn)", "title": "x"})
    facts.instruments.everything()["x"] = placeholder  # type: ignore[assignment]
    assert [v for v, _ in completion._laws(facts)] == numbers


def test_a_value_the_command_refuses_is_not_offered(cpdt, monkeypatch) -> None:
    """An agency that ended, or one with no role today, answers with exit 1: not offered."""
    from cpdt_cli import completion

    monkeypatch.setenv("CPDT_DATA", str(FIXTURES / "reference.yaml"))
    every = [v for v, _ in completion._agencies(completion._facts())]  # type: ignore[arg-type]
    offered_now = offered(cpdt, monkeypatch, "cpdt agency ")
    refused = [v for v in every if v not in offered_now]
    for value in refused:
        assert cpdt("agency", value).code != 0


@pytest.mark.parametrize("words", ["cpdt agency ", "cpdt law ", "cpdt define --source "])
def test_every_value_offered_on_the_real_data_is_accepted(cpdt, monkeypatch, words: str) -> None:
    monkeypatch.delenv("CPDT_DATA")
    values = offered(cpdt, monkeypatch, words)
    assert values and not any(v.startswith("(") for v in values)
    for value in values:
        assert cpdt(*COMPLETED[words], value, "--json").code == 0, f"{words}{value}"
