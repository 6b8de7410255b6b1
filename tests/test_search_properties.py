"""Property tests of the normalizer and the search (hypothesis)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from cpdt_cli.answers.search import search_facts
from cpdt_cli.data import documents, facts
from cpdt_cli.errors import CpdtError
from cpdt_cli.text import normalize, ranking

_, MODEL = facts.check([Path(FIXTURES / "search.yaml")])
assert MODEL is not None

VIETNAMESE = st.text(
    alphabet=st.sampled_from(
        list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÔƠƯ 0123456789/-&?")
        + list("àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
        + ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
    ),
    max_size=40,
)
ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=300)


@given(st.one_of(VIETNAMESE, ANY_TEXT))
def test_fold_is_idempotent(text: str) -> None:
    once = normalize.fold(text)
    assert normalize.fold(once) == once


def _fold_by_regex(text: str, limit: int | None = normalize.MAX_QUERY) -> str:
    """fold() as first written, with regular expressions: the definition it must keep."""
    from unidecode import unidecode

    text = re.sub(r"[\ud800-\udfff]", "", text[:limit] if limit else text)
    text = unicodedata.normalize("NFC", text)
    if not text.isascii():
        bare = re.sub(r"[\u0300-\u036f]", "", unicodedata.normalize("NFD", text))
        bare = bare.translate(str.maketrans("đĐ", "dD"))
        if not any(ch.isalnum() for ch in re.sub(r"[\x00-\x7f]+", "", bare)):
            text = re.sub(r"[^\x00-\x7f]", " ", bare)
        else:
            text = unidecode(unicodedata.normalize("NFC", bare))
    folded = re.sub(r"[^a-z0-9]+", " ", text.casefold()).strip()
    return folded[:limit].rstrip() if limit else folded


@given(st.one_of(VIETNAMESE, ANY_TEXT), st.sampled_from([normalize.MAX_QUERY, None, 7]))
@example("e\u036f\u02ff x", None)  # the edges of the combining marks' block
@example("Hoa\u0300\u0370", 7)
@example("a\ud800b\udfffc\ud7ff\ue000", normalize.MAX_QUERY)  # the surrogates' edges
@example("“ ” – …", None)  # only punctuation beyond ASCII
def test_fold_is_what_its_regular_expressions_said(text: str, limit: int | None) -> None:
    assert normalize.fold(text, limit) == _fold_by_regex(text, limit)
    assert normalize.strip_surrogates(text) == re.sub(r"[\ud800-\udfff]", "", text)


@given(VIETNAMESE)
def test_nfc_and_nfd_fold_alike(text: str) -> None:
    nfc, nfd = unicodedata.normalize("NFC", text), unicodedata.normalize("NFD", text)
    assert normalize.fold(nfc) == normalize.fold(nfd)


def _answer(query: str) -> object:
    try:
        answer = search_facts(MODEL, query)
    except CpdtError as error:
        return (type(error).__name__, error.message)
    return (answer.query, answer.results)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(VIETNAMESE)
def test_nfc_and_nfd_queries_give_identical_results(text: str) -> None:
    nfc, nfd = unicodedata.normalize("NFC", text), unicodedata.normalize("NFD", text)
    assert _answer(nfc) == _answer(nfd)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(ANY_TEXT, VIETNAMESE))
def test_no_string_makes_search_raise(text: str) -> None:
    _answer(text)  # only CpdtError (NotFound, UsageError) may come out


def test_controls_surrogates_and_huge_queries_do_not_raise() -> None:
    for text in ("\x00\x1b[31m\u202e", "\ud800abc\udfff", "chính phủ " * 10_000, "x" * 100_000):
        _answer(text)


# --- the pruned ranking returns what scoring every document returns --------------------------
# The index bounds each document's score from its postings and scores exactly only those whose
# bound can still reach the answer; a bound that is ever too low would drop a document here.

INDEXES = {
    name: ranking.Index(documents.build_index(model))
    for name, model in (("search", MODEL), ("facts", facts.check([FIXTURES / "facts.yaml"])[1]))
    if model is not None
}
QUERY_WORDS = sorted(
    {w for index in INDEXES.values() for line in index.data.fields for w in line[2:].split()}
    | {"chu tich", "uy ban quoc gia", "ubqg", "vpcp", "ai", "la gi", "cong", "2019", "egdi"}
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(sorted(INDEXES)),
    st.lists(st.sampled_from(QUERY_WORDS), min_size=1, max_size=6),
    st.integers(1, 12),
    st.sampled_from([None, "membership", "entity", "definition", "role"]),
    st.booleans(),
)
def test_pruned_top_equals_scoring_everything(
    name: str, query_words: list[str], limit: int, kind: str | None, boosted: bool
) -> None:
    index = INDEXES[name]
    query = " ".join(query_words)

    def boost(i: int) -> float:
        return 1.5 if boosted and index.kinds[i] in {"membership", "definition"} else 1.0

    def keep(i: int) -> bool:
        return kind is None or index.kinds[i] == kind

    pruned = index.top(query, limit, boost, keep)
    everything = index.top(query, limit, boost, keep, exhaustive=True)
    assert pruned == everything
    assert all(keep(i) for _, i, _ in pruned)
    assert [s for s, _, _ in pruned] == sorted((s for s, _, _ in pruned), reverse=True)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(sorted(INDEXES)),
    st.lists(st.sampled_from(QUERY_WORDS), min_size=1, max_size=6),
    st.booleans(),
)
def test_every_bound_holds_its_documents_score(
    name: str, query_words: list[str], boosted: bool
) -> None:
    """The test above fails only where a bound too low changes the answer; this one asks it
    of every document that scores."""
    index = INDEXES[name]

    def boost(i: int) -> float:
        return 1.5 if boosted and index.kinds[i] == "membership" else 1.0

    plan = ranking._Plan(index, index.concepts(" ".join(query_words)), boost)
    bounds = plan._bounds(ranking._anything)
    for i in range(len(index.ids)):
        final = plan._final(i)
        if final is not None:
            assert final[0] <= bounds[i] * ranking._SLACK, (i, final[0], bounds.get(i))


def test_a_phrase_is_bounded_by_the_words_each_document_holds() -> None:
    """A field holding some words of a phrase scores their share of its idf, and nothing below
    half of it; the whole phrase scores in a field holding every word. A document of one field
    is bounded by its own score, then: none where its words fall short."""
    texts = ["dich vu cong", "dich khac", "vu khac", *(f"vu loai {n}" for n in range(8))]
    docs = [ranking.Doc(f"d{n}", "statement", [(1.0, text)]) for n, text in enumerate(texts)]
    index = ranking.Index(ranking.build(docs, ranking.Thesaurus([])))
    (concept,) = index.concepts("dich vu")
    plan = ranking._Plan(index, [concept], ranking._one)
    bounds = plan._concept_bounds(concept)
    scores = {i: plan._match(i, concept).score for i in range(len(texts))}
    assert scores[0] > scores[1] > 0 == scores[2]  # "vu" alone carries less than half
    assert set(bounds) == {0, 1}
    for i in (0, 1):
        assert bounds[i] == pytest.approx(scores[i], rel=1e-9)
