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
    results: list[r.Result] = [
        _result(s, *cited[s.id]) for s in facts.sources.values() if s.id in cited
    ]
    return Answer("sources", {}, results)


def source_result(facts: Facts, s: Source, cited_by: int, cites: list[Citation]) -> r.Source:
    return _listed(s, cited_by, citations(facts, cites))


def _result(s: Source, cited_by: int, first: Citation) -> r.Source:
    """A source with its first passage (its own reference: not looked up again)."""
    return _listed(
        s, cited_by, [r.Citation(source=source_ref(s), quote=first.quote, locator=first.locator)]
    )


def _listed(s: Source, cited_by: int, cites: list[r.Citation]) -> r.Source:
    return r.Source(
        id=s.id, kind="source", title=s.title, publisher=s.publisher, author=s.author,
        reviewed_by=s.reviewed_by, date=s.date, url=s.url, language=s.language,
        external=s.external, inferred=dict(s.inferred), notes=s.notes, notes_en=s.notes_en,
        provenance=s.provenance, cited_by=cited_by, citations=cites,
    )  # fmt: skip
