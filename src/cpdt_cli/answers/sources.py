"""`cpdt sources`: the bibliography, with how many entries cite each document."""

from ..data.model import Citation, Facts, Source
from . import results as r
from .refs import citations, source_ref
from .results import Answer


def all_citations(facts: Facts) -> list[Citation]:
    cites: list[Citation] = []
    for group in (facts.statements, facts.instruments, facts.committee_states):
        for item in group.values():
            cites.extend(item.citations)
    return cites


def sources(facts: Facts) -> Answer:
    """The bibliography, with how many entries cite each document."""
    cited = facts.cited()
    results: list[r.Result] = []
    for s in facts.sources.values():
        if s.id in cited:
            uses, first = cited[s.id]
            results.append(_result(s, uses, [_passage(s, first)]))
    return Answer("sources", {}, results)


def source_result(facts: Facts, s: Source, cited_by: int, cites: list[Citation]) -> r.Source:
    return _result(s, cited_by, citations(facts, cites))


def _passage(s: Source, cite: Citation) -> r.Citation:
    """A passage cited from source `s`, with `s`'s own reference: looking the source up again
    (refs.citations) cost 5 M instructions for 1,000 sources."""
    return r.Citation(source=source_ref(s), quote=cite.quote, locator=cite.locator)


def _result(s: Source, cited_by: int, cites: list[r.Citation]) -> r.Source:
    return r.Source(
        id=s.id, kind="source", title=s.title, publisher=s.publisher, author=s.author,
        reviewed_by=s.reviewed_by, date=s.date, url=s.url, language=s.language,
        external=s.external, inferred=dict(s.inferred), notes=s.notes, notes_en=s.notes_en,
        provenance=s.provenance, cited_by=cited_by, citations=cites,
    )  # fmt: skip
