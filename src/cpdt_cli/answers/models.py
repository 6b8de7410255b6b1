"""`cpdt models`: G2C, G2B, G2E, G2G — description, functions, goal — and what all rest on."""

from ..data.model import Facts, entity_names
from ..errors import NotFound
from ..messages import say
from . import results as r
from .refs import statement_result, statement_text, words_in
from .results import Answer


def models(facts: Facts, query: str | None = None) -> Answer:
    """G2C, G2B, G2E, G2G: description, functions, goal; plus what all of them rest on."""
    sts = facts.statements.of_kind("model")
    entities = facts.entities.of_kind("model")
    chosen = entities
    general = [s for s in sts if s.subject is None]
    if query:
        from ..text import normalize

        named = normalize.match_names(
            query, [normalize.Named(e.id, e.name, entity_names(e)) for e in entities]
        )
        ids = {n.id for n in named} or {
            s.subject for s in sts if s.subject and words_in(query, statement_text(s))
        }
        chosen = [e for e in entities if e.id in ids]
        general = [] if chosen else [s for s in general if words_in(query, statement_text(s))]
        if not chosen and not general:
            named = [normalize.Named(e.id, e.name, entity_names(e)) for e in entities]
            hints = normalize.did_you_mean(query, named)
            hints.append(say("the_models", names=", ".join(e.short or e.name for e in entities)))
            raise NotFound(say("no_model", query=query), tuple(hints))

    from ..labels import FACETS  # in the order a model's facets are listed

    order = list(FACETS)
    results: list[r.Result] = []
    for e in chosen:
        facets = sorted(
            (s for s in sts if s.subject == e.id), key=lambda s: order.index(s.fields["facet"])
        )
        items = [statement_result(facts, s) for s in facets]
        if not items:
            continue
        results.append(
            r.Model(
                id=e.id, kind="model", title=e.name, name_en=e.name_en,
                facets=[i for i in items if isinstance(i, r.Facet)],
                citations=[c for item in items for c in item.citations],
            )
        )  # fmt: skip
    results += [statement_result(facts, s) for s in general]
    return Answer("models", {"text": query}, results)
