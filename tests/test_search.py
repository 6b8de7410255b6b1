"""`cpdt search` and the normalizer: folding, glossary expansion, typos, questions, ranking."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from conftest import FIXTURES
from cpdt_cli.answers.search import search_facts
from cpdt_cli.data import facts
from cpdt_cli.data.model import Facts
from cpdt_cli.errors import NotFound, UsageError
from cpdt_cli.text import normalize

SEARCH_FIXTURE = FIXTURES / "search.yaml"


@pytest.fixture(autouse=True)
def search_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CPDT_DATA", str(SEARCH_FIXTURE))


@pytest.fixture(scope="module")
def model():  # type: ignore[no-untyped-def]
    problems, loaded = facts.check([Path(SEARCH_FIXTURE)])
    assert not problems
    return loaded


def ids(model, query: str, **kw) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.id for r in search_facts(model, query, **kw).results]


# --- the normalizer ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Hoà", "hoa"),
        ("hòa", "hoa"),
        ("HOÀ", "hoa"),
        (unicodedata.normalize("NFD", "Hoà"), "hoa"),
        ("Đầu mối", "dau moi"),
        ("TT&TT", "tt tt"),
        ("1619/QĐ-TTg", "1619 qd ttg"),
        ("“Chính phủ điện tử”…", "chinh phu dien tu"),
        ("uỷ ban", "uy ban"),
        ("", ""),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert normalize.fold(text) == folded


def test_fold_caps_queries_but_not_the_index() -> None:
    long = "a " * 5000
    assert len(normalize.fold(long)) <= normalize.MAX_QUERY
    assert len(normalize.fold(long, None)) == len(long.strip())


# --- ranking -------------------------------------------------------------------------------


def test_whole_question_without_diacritics_finds_the_2021_chair(model) -> None:
    assert ids(model, "ai la chu tich uy ban quoc gia ve chuyen doi so")[0] == "mem.2021.chair"


def test_question_words_and_punctuation_do_not_drown_the_signal(model) -> None:
    query = "Ai là chủ tịch Ủy ban Quốc gia về chuyển đổi số?"
    assert ids(model, query)[0] == "mem.2021.chair"


def test_portal_name_finds_the_office_that_builds_it_before_the_bare_card(model) -> None:
    assert ids(model, "cong dich vu cong quoc gia")[:2] == [
        "role.vpcp.cong-dvcqg",
        "sys.cong-dvcqg",
    ]


@pytest.mark.parametrize("query", ["qd 1619", "QĐ 1619", "1619/QĐ-TTg", "quyết định 1619"])
def test_instrument_numbers_in_any_spelling(model, query: str) -> None:
    assert ids(model, query)[0] == "qd-1619-2021"


def test_glossary_abbreviation_expands_from_data(model) -> None:
    import msgspec

    assert "ubqg.2021" in ids(model, "ủy ban quốc gia về CĐS")[:3]
    assert ids(model, "CĐS")[0] in {"mem.2021.chair", "ubqg.2021", "body.ubqg"}
    without = Facts.of(msgspec.structs.replace(model.compiled(), glossary={}))
    with pytest.raises(NotFound):
        search_facts(without, "CĐS")


def test_english_names_come_from_entity_data(model) -> None:
    assert ids(model, "Government Office")[:2] in (
        ["org.vpcp", "role.vpcp.cong-dvcqg"],
        ["role.vpcp.cong-dvcqg", "org.vpcp"],
    )
    assert ids(model, "world bank")[0] in {"definer.wb", "def.wb.thoidai"}


def test_typo_is_read_as_the_closest_known_word(model) -> None:
    assert ids(model, "unseco")[0] == "definer.unesco"


def test_nfd_query_returns_exactly_what_its_nfc_twin_returns(model) -> None:
    query = "Văn phòng Chính phủ xây dựng cổng dịch vụ công"
    nfc = search_facts(model, query)
    nfd = search_facts(model, unicodedata.normalize("NFD", query))
    assert nfd.results == nfc.results
    assert nfd.query == nfc.query


def test_kind_filter_and_limit(model) -> None:
    assert ids(model, "chinh phu", kind="membership") == ["mem.2021.chair"]
    assert ids(model, "chinh phu", kind="agency")[0] in {"org.vpcp", "org.pm"}
    assert len(ids(model, "chinh phu", limit=2)) == 2


def test_unknown_kind_is_a_usage_error_with_a_suggestion(model) -> None:
    with pytest.raises(UsageError) as err:
        search_facts(model, "vpcp", kind="membrship")
    assert err.value.hints[0] == "có phải ý bạn là: 'membership'?"


def test_every_hit_carries_citations_snippet_and_score(model) -> None:
    for query in ("chinh phu", "unesco", "vpcp", "1619", "thoi dai"):
        for result in search_facts(model, query, limit=50).results:
            assert result.citations, result.id
            assert result.snippet and result.score and result.score > 0


@pytest.mark.parametrize("query", ["zzzqqq", "?!", "ai là gì", "   "])
def test_nothing_matches_raises_not_found(model, query: str) -> None:
    with pytest.raises(NotFound):
        search_facts(model, query)


def test_did_you_mean_and_kind_hint_when_nothing_matches(model) -> None:
    with pytest.raises(NotFound) as err:
        search_facts(model, "van phong chinh phu", kind="system")
    assert err.value.hints[:2] == (
        "có phải ý bạn là: 'Văn phòng Chính phủ', 'Thủ tướng Chính phủ'?",
        "thử bỏ --kind system",
    )


# --- the command ---------------------------------------------------------------------------


def test_cli_json_is_valid_and_ranked(cpdt, validate_output) -> None:
    r = cpdt("search", "ai", "la", "chu", "tich", "uy", "ban", "quoc", "gia", "--json")
    assert r.code == 0, r.err
    doc = r.json()
    validate_output(doc)
    assert doc["command"] == "search"
    assert doc["query"] == {"text": "ai la chu tich uy ban quoc gia", "kind": None, "limit": 10}
    assert doc["results"][0]["kind"] == "membership"


def test_cli_nothing_found_exits_1_with_hints_on_stderr(cpdt) -> None:
    r = cpdt("search", "zzzqqq")
    assert r.code == 1
    assert r.out == ""
    assert r.err.startswith("cpdt: không tìm thấy gì cho 'zzzqqq'\n")


def test_cli_unknown_kind_exits_2(cpdt) -> None:
    r = cpdt("search", "vpcp", "--kind", "membrship")
    assert r.code == 2
    assert "không có loại 'membrship'" in r.err
