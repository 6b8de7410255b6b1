"""`cpdt define`: the definitions of CPĐT, side by side or those of one source."""

from ..data.model import Facts, Statement, entity_names
from ..errors import NotFound
from ..messages import say
from . import results as r
from .refs import source_names, statement_result
from .results import Answer

# normalize is imported where names or words are matched: a plain `cpdt define` needs none of
# it, and importing it costs a few ms of each start (bench/startup.py).


def define(facts: Facts, query: str | None = None, source: str | None = None) -> Answer:
    """Definitions of CPĐT: all side by side, or those of one source (definer or article)."""
    notices: list[str] = []
    if source is not None:
        chosen, notices = _by_source(facts, source)
    else:
        chosen = facts.statements.of_kind("definition")
    if query:
        from ..text import normalize

        q = normalize.fold(query)
        named = _by_source(facts, query, chosen, strict=True)[0] if q else []
        chosen = named or [s for s in chosen if q and q in _definition_haystack(facts, s)]
        if not chosen:
            raise NotFound(
                say("no_definition", query=query),
                (say("try_define", query=query),),
            )
    results: list[r.Result] = [
        statement_result(facts, s, _definition_title(facts, s)) for s in chosen
    ]
    if source is None and not query:
        notes = [s for s in facts.statements.of_kind("note")
                 if s.fields.get("about") == "definition"]  # fmt: skip
        results += [statement_result(facts, s) for s in notes]
    return Answer("define", {"text": query, "source": source}, results, notices)


def _definition_title(facts: Facts, st: Statement) -> str:
    if st.title:
        return st.title
    if st.subject:
        name = facts.entities[st.subject].name
        year = st.fields.get("year")
        return f"{name} ({year})" if year else name
    return facts.sources[st.citations[0].source].title


def _definition_haystack(facts: Facts, st: Statement) -> str:
    from ..text import normalize

    parts = [st.wording, st.text_en or "", _definition_title(facts, st)]
    parts += [c.quote for c in st.citations]
    return normalize.fold(" ".join(parts))


def _by_source(
    facts: Facts, wanted: str, among: list[Statement] | None = None, strict: bool = False
) -> tuple[list[Statement], list[str]]:
    """Definitions whose definer, or else whose cited article, `wanted` names: among the given
    ones, or else read from the register by subject or by source (not all of them decoded)."""
    from ..text import normalize

    statements = facts.statements
    if among is None:
        folded = normalize.fold(wanted)
        named = facts.entities_named(folded) if folded else None
        if named:  # the register's folded names: a definer named exactly, none folded here
            found = statements.about("definition", named)
            if found:  # what the exact match below gives (an entity without any: go on)
                return found, []
        definer_ids = statements.subjects("definition")
    else:
        definer_ids = {s.subject for s in among if s.subject}
    definers = [  # selected by the register: not every entity is read
        normalize.Named(e.id, e.name, entity_names(e))
        for e in facts.entities.chosen(("definer",), definer_ids)
    ]

    def of(ids: set[str]) -> list[Statement]:
        if among is None:
            return statements.about("definition", ids)
        return [s for s in among if s.subject in ids]

    hit = normalize.match_names(wanted, definers)
    if hit:
        return of({n.id for n in hit}), []
    # the bibliography is read only when no definer is named
    articles = [normalize.Named(s.id, s.title, source_names(s)) for s in facts.sources.values()]
    hit = normalize.match_names(wanted, articles)
    if hit:
        ids = {n.id for n in hit}
        if among is None:
            return statements.citing_any("definition", ids), []
        return [s for s in among if any(c.source in ids for c in s.citations)], []
    if strict:
        return [], []
    typo = normalize.best_typo_match(wanted, definers)
    if typo is not None:
        notice = say("read_as", typed=wanted, read=typo.label)
        return of({typo.id}), [notice]
    known = sorted({d.label for d in definers})
    hints = normalize.did_you_mean(wanted, definers + articles)
    hints.append(say("known_sources", names="; ".join(known)))
    raise NotFound(say("unknown_source", source=wanted), tuple(hints))
