"""Shell completion from the data: source names, model ids, agency ids, instrument numbers,
committee years. Completion must never fail loudly: a missing or invalid fact file completes
nothing, and nothing is printed (the shell would show it as a candidate)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from .model import Facts

Candidates = list[tuple[str, str]]


def _facts() -> Facts | None:
    from . import facts, layers
    from .errors import CpdtError

    try:
        return facts.load(layers.layered_paths(None, None))
    except (CpdtError, OSError, ValueError, RecursionError):
        return None


def _completer(
    candidates: Callable[[Facts], Iterator[tuple[str, str]]],
) -> Callable[[str], Candidates]:
    def complete(incomplete: str) -> Candidates:
        from .search import fold

        data = _facts()
        if data is None:
            return []
        wanted = fold(incomplete)
        seen: dict[str, str] = {}
        for value, help_ in candidates(data):
            if fold(value).startswith(wanted) and value not in seen:
                seen[value] = help_
        return list(seen.items())

    return complete


def _sources(facts: Facts) -> Iterator[tuple[str, str]]:
    definers = {s.subject for s in facts.statements.of_kind("definition")}
    for e in facts.entities.values():
        if e.id in definers or e.kind == "definer":
            yield e.id.split(".", 1)[-1], e.name
            for alias in e.aliases:
                yield alias, e.name


def _models(facts: Facts) -> Iterator[tuple[str, str]]:
    for e in facts.entities.values():
        if e.kind == "model":
            yield e.id.split(".", 1)[-1], e.name


def _agencies(facts: Facts) -> Iterator[tuple[str, str]]:
    from .queries import AGENCY_KINDS

    for e in facts.entities.values():
        if e.kind in AGENCY_KINDS:
            yield e.id.split(".", 1)[-1], e.name


def _laws(facts: Facts) -> Iterator[tuple[str, str]]:
    for ins in facts.instruments.values():
        yield ins.number.split("/", 1)[0], f"{ins.number}: {ins.title}"[:80]


def _years(facts: Facts) -> Iterator[tuple[str, str]]:
    starts = [int(s.valid_from[:4]) for s in facts.committee_states.values()]
    if starts:
        for year in range(min(starts), int(facts.data_as_of[:4] or max(starts)) + 1):
            yield str(year), ""


complete_sources = _completer(_sources)
complete_models = _completer(_models)
complete_agencies = _completer(_agencies)
complete_laws = _completer(_laws)
complete_years = _completer(_years)
