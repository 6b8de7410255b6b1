"""Questions in search: how a question is read (questions.read), that the reading's answer is
the command's own, and how search shows it (first, with "Hiểu là" / "Read as", in JSON)."""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from cpdt_cli.answers import questions
from cpdt_cli.answers.search import search_facts
from cpdt_cli.data import cache, facts
from cpdt_cli.data.model import Entity, Facts

SEARCH_FIXTURE = FIXTURES / "search.yaml"


@pytest.fixture(autouse=True)
def search_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CPDT_DATA", str(SEARCH_FIXTURE))


@pytest.fixture(scope="module")
def model() -> Facts:
    problems, loaded = facts.check([Path(SEARCH_FIXTURE)])
    assert not problems and loaded is not None
    return loaded


def reading(model: Facts, text: str) -> str:
    found = questions.read(model, text)
    return " ".join(found.argv()) if found else "none"


# --- reading -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ai la chu tich uy ban", "committee"),
        ("Ai là chủ tịch Ủy ban Quốc gia về chuyển đổi số?", "committee"),
        ("ai là chủ tịch ủy ban quốc gia năm 2022?", "committee --year 2022"),
        ("chu tich uy ban 2022 la ai", "committee --year 2022"),
        ("ủy ban quốc gia tháng 10/2021 gồm những ai", "committee --on 2021-10-31"),
        ("who chairs the national committee now?", "committee"),
        ("who was on the national committee in September 2021?", "committee --on 2021-09-30"),
        ("chính phủ điện tử là gì?", "define"),
        ("what is e-government", "define"),
        ("CPĐT là gì", "define"),
        ("unesco dinh nghia chinh phu dien tu the nao", "define --source UNESCO"),
        ("how does the World Bank define e-government?", "define --source Ngân hàng Thế giới"),
        ("khi nào đổi tên ủy ban quốc gia?", "law 1619/QĐ-TTg"),
        ("quyết định 1619 còn hiệu lực không", "law 1619/QĐ-TTg"),
        ("when was the national committee renamed?", "law 1619/QĐ-TTg"),
        ("luật an ninh mạng còn hiệu lực không?", "law Luật An ninh mạng 2018"),
        ("ai ký quyết định 1619?", "law 1619/QĐ-TTg"),
        ("định nghĩa", "define"),
        ("what is the national committee?", "committee"),
        ("what does the Government Office do?", "agency Văn phòng Chính phủ"),
        ("văn phòng chính phủ làm gì", "agency Văn phòng Chính phủ"),
    ],
)
def test_a_question_is_read_as_a_reference_command(model: Facts, text: str, expected: str) -> None:
    assert reading(model, text) == expected


def test_a_task_question_is_read_as_agency_with_words_a_role_holds(model: Facts) -> None:
    found = questions.read(model, "ai xây dựng cổng dịch vụ công quốc gia?")
    assert found is not None and found.command == "agency"
    assert set(found.argv()[1].split()) == {"xay", "dung", "cong", "dich", "vu", "quoc", "gia"}


@pytest.mark.parametrize(
    "text",
    [
        "cong dich vu cong quoc gia",  # a name, not a question
        "chinh phu dien tu",
        "mục tiêu của chính phủ điện tử là gì?",  # asks about e-government, not what it is
        "what is the purpose of e-government?",
        "ai phải ứng dụng chính phủ điện tử?",  # no role holds these words
        "",
        "???",
    ],
)
def test_what_no_reference_command_answers_is_left_to_the_ranking(model: Facts, text: str) -> None:
    assert reading(model, text) == "none"


def test_decomposed_text_is_read_as_its_composed_twin(model: Facts) -> None:
    text = "Ai là chủ tịch Ủy ban Quốc gia năm 2022?"
    nfd = unicodedata.normalize("NFD", text)
    assert questions.read(model, nfd) == questions.read(model, text) is not None


def test_names_come_from_the_data_not_the_code(model: Facts) -> None:
    """Rename the committee and drop the CPĐT glossary entry: the readings follow."""
    body = model.entities["body.ubqg"]
    renamed = msgspec.structs.replace(body, name="Hội đồng Số", aliases=["HĐS"], name_en=None)
    entities: dict[str, Entity] = {**model.entities, "body.ubqg": renamed}
    states = {
        k: msgspec.structs.replace(s, name="Hội đồng Số", name_en=None)
        for k, s in model.committee_states.items()
    }
    glossary = {k: g for k, g in model.glossary.items() if g.term != "CPĐT"}
    other = Facts.of(
        msgspec.structs.replace(
            model.compiled(), entities=entities, committee_states=states, glossary=glossary
        )
    )
    assert reading(other, "ai là chủ tịch hội đồng số?") == "committee"
    assert reading(model, "ai là chủ tịch hội đồng số?") == "none"
    assert reading(model, "CPĐT là gì") == "define"
    assert reading(other, "CPĐT là gì") == "none"


def test_a_committee_that_has_ended_is_asked_about_on_its_last_day(model: Facts) -> None:
    """Undated, a question naming a committee that ended (or a name it no longer has) is
    about that committee, not its successor: read on the day before the end. "Now" and
    "does it still exist" still ask about today."""
    states = {
        k: msgspec.structs.replace(s, valid_until="2025-03-13")
        for k, s in model.committee_states.items()
    }
    ended = Facts.of(msgspec.structs.replace(model.compiled(), committee_states=states))
    on_last_day = "committee --on 2025-03-12"
    assert reading(ended, "Ai là chủ tịch Ủy ban Quốc gia về chuyển đổi số?") == on_last_day
    assert reading(ended, "who chairs the national committee on digital transformation") == (
        on_last_day
    )
    assert reading(ended, "ai la chu tich uy ban") == on_last_day
    assert reading(ended, "who chairs the national committee now?") == "committee"
    assert reading(ended, "ai là chủ tịch ủy ban quốc gia năm 2022?") == "committee --year 2022"
    # in office: today's answer
    assert reading(model, "Ai là chủ tịch Ủy ban Quốc gia về chuyển đổi số?") == "committee"


@functools.cache
def _loaded() -> Facts:
    loaded = facts.check([Path(SEARCH_FIXTURE)])[1]
    assert loaded is not None
    return loaded


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_no_input_makes_reading_raise(text: str) -> None:
    found = questions.read(_loaded(), text)
    if found is not None:
        assert found.cli().startswith("cpdt " + found.command)


# --- the answer ----------------------------------------------------------------------------


def test_the_answer_is_the_commands_own(model: Facts, cpdt) -> None:  # type: ignore[no-untyped-def]
    found = search_facts(model, "ai là chủ tịch ủy ban quốc gia năm 2022?")
    first = found.interpretation
    assert first is not None and first.cli == "cpdt committee --year 2022"
    direct = cpdt("committee", "--year", "2022", "--json").json()
    assert msgspec.to_builtins(first.answer.results) == direct["results"]
    assert first.args == {"year": 2022}
    assert found.results  # the ranked hits follow


def test_a_search_filtered_by_kind_is_not_read_as_a_question(model: Facts) -> None:
    found = search_facts(model, "ai la chu tich uy ban", kind="membership")
    assert found.interpretation is None


def test_a_reading_whose_command_finds_nothing_is_said_not_shown(model: Facts) -> None:
    found = search_facts(model, "ai là chủ tịch ủy ban năm 2005?")
    assert found.interpretation is None
    assert found.notices[0] == "hiểu là: cpdt committee --year 2005"
    assert found.notices[1].startswith("chưa có Ủy ban vào năm 2005")


def test_cli_says_how_it_read_a_question_it_cannot_answer(cpdt) -> None:  # type: ignore[no-untyped-def]
    run = cpdt("search", "who chaired the national committee in 2005?", "--lang", "en")
    assert run.code == 0  # the ranked hits are still there
    assert "cpdt: read as: cpdt committee --year 2005\n" in run.err


# --- the command line ----------------------------------------------------------------------


def test_cli_shows_how_the_question_was_read_then_the_answer_then_hits(cpdt) -> None:  # type: ignore[no-untyped-def]
    run = cpdt("search", "ai la chu tich uy ban", "--format", "plain")
    assert run.code == 0
    lines = run.out.splitlines()
    assert lines[2] == "Hiểu là: cpdt committee"
    assert lines[3].startswith("  Ủy ban Quốc gia về chuyển đổi số")
    assert any(line.strip().startswith("Chủ tịch: Thủ tướng Chính phủ") for line in lines[3:8])


def test_cli_read_as_in_english(cpdt) -> None:  # type: ignore[no-untyped-def]
    run = cpdt("search", "what is e-government", "--format", "plain", "--lang", "en")
    assert run.code == 0
    assert run.out.splitlines()[2] == "Read as: cpdt define"


def test_cli_json_carries_the_interpretation_and_validates(cpdt, validate_output) -> None:  # type: ignore[no-untyped-def]
    doc = cpdt("search", "quyết định 1619 còn hiệu lực không", "--json").json()
    validate_output(doc)
    first = doc["interpretation"]
    assert first["command"] == "law"
    assert first["args"] == {"query": "1619/QĐ-TTg"}
    assert first["cli"] == "cpdt law 1619/QĐ-TTg"
    assert [r["id"] for r in first["answer"]["results"]] == ["qd-1619-2021"]
    assert list(doc)[-1] == "interpretation"


def test_cli_json_of_a_name_has_no_interpretation(cpdt, validate_output) -> None:  # type: ignore[no-untyped-def]
    doc = cpdt("search", "cong dich vu cong quoc gia", "--json").json()
    validate_output(doc)
    assert doc["interpretation"] is None


def test_a_readings_notices_go_to_stderr(cpdt) -> None:  # type: ignore[no-untyped-def]
    """The committee in 2030, past the data's last change: the command's notice, on stderr."""
    run = cpdt("search", "ai la chu tich uy ban nam 2030", "--json")
    assert run.code == 0
    assert "cpdt:" in run.err  # after the last known change: the data may be out of date
    assert "cpdt:" not in run.out


# --- the lexicon in the cache --------------------------------------------------------------


def test_a_damaged_lexicon_file_is_rebuilt(cpdt, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cpdt("search", "ai la chu tich uy ban", "--json").code == 0
    where = cache.directory()
    assert where is not None
    stored = list(where.glob("questions-*.msgpack"))
    assert len(stored) == 1
    stored[0].write_bytes(stored[0].read_bytes()[:40])
    doc = cpdt("search", "ai la chu tich uy ban", "--json").json()
    assert doc["interpretation"]["cli"] == "cpdt committee"
