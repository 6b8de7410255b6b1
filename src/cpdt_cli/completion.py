"""Shell completion: the values an argument or option accepts, from the data or fixed lists.

Only values the command then accepts are offered: a value from the data is kept only if the
query it would run finds something (an agency id with no role today, a placeholder number
would fail). What was typed matches case- and accent-insensitively, folded as the search
folds ("uy ban", "Ủy Ban"). Completion must never fail loudly: a missing or invalid fact file
completes nothing, and nothing is printed (the shell would show it as a candidate).
"""

from collections.abc import Callable, Iterable, Iterator

from .data.model import Facts

Candidates = list[tuple[str, str]]


def _facts() -> Facts | None:
    from .data import facts, layers
    from .errors import CpdtError

    try:
        return facts.load(layers.layered_paths(None, None))
    except (CpdtError, OSError, ValueError, RecursionError):
        return None


def _matching(incomplete: str, candidates: Iterable[tuple[str, str]]) -> Candidates:
    """The candidates the typed text begins, folded; each as the shell must complete it."""
    seen: dict[str, str] = {}
    for value, help_ in candidates:
        offered = _offered(incomplete, value)
        if offered is not None and offered not in seen:
            seen[offered] = help_
    return list(seen.items())


def _offered(incomplete: str, value: str) -> str | None:
    """The value, or, when it begins what was typed only once folded ("UNE", "lien" for
    "unesco", "Liên Hiệp Quốc"), the typed text with the folded rest: shells and Typer keep
    only candidates that begin with the very text typed, and cpdt reads both alike."""
    from .text.normalize import fold

    if value.startswith(incomplete):
        return value
    wanted, folded = fold(incomplete), fold(value)
    if not folded.startswith(wanted):
        return None
    typed = incomplete + folded[len(wanted) :]
    return typed if fold(typed) == folded else None


def _completer(
    candidates: Callable[[Facts], Iterator[tuple[str, str]]],
    accepted: Callable[[Facts, str], bool],
) -> Callable[[str], Candidates]:
    def complete(incomplete: str) -> Candidates:
        data = _facts()
        if data is None:
            return []
        return [(v, h) for v, h in _matching(incomplete, candidates(data)) if accepted(data, v)]

    return complete


def _answers(run: Callable[[Facts, str], object]) -> Callable[[Facts, str], bool]:
    """Whether running the query with the value gives an answer (no error, no miss)."""
    from .errors import CpdtError

    def accepted(data: Facts, value: str) -> bool:
        try:
            run(data, value)
        except CpdtError:
            return False
        return True

    return accepted


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
    from .answers.agency import AGENCY_KINDS

    for e in facts.entities.values():
        if e.kind in AGENCY_KINDS:
            yield e.id.split(".", 1)[-1], e.name


def _laws(facts: Facts) -> Iterator[tuple[str, str]]:
    for ins in facts.instruments.values():
        number = ins.number.split("/", 1)[0]
        if number[:1].isalnum():  # not a placeholder such as "(số hiệu không nêu trong nguồn)"
            yield number, f"{ins.number}: {ins.title}"[:80]


def _years(facts: Facts) -> Iterator[tuple[str, str]]:
    starts = [int(s.valid_from[:4]) for s in facts.committee_states.values()]
    if starts:
        for year in range(min(starts), int(facts.data_as_of[:4] or max(starts)) + 1):
            yield str(year), ""


def _define(data: Facts, value: str) -> object:
    from .answers.define import define

    return define(data, None, value)


def _agency(data: Facts, value: str) -> object:
    from .answers.agency import agency

    return agency(data, value)


def _model(data: Facts, value: str) -> object:
    from .answers.models import models

    return models(data, value)


def _law(data: Facts, value: str) -> object:
    from .answers import law

    return law.law(data, value)


def _committee(data: Facts, value: str) -> object:
    from .answers.committee import committee

    return committee(data, int(value))


complete_sources = _completer(_sources, _answers(_define))
complete_models = _completer(_models, _answers(_model))
complete_agencies = _completer(_agencies, _answers(_agency))
complete_laws = _completer(_laws, _answers(_law))
complete_years = _completer(_years, _answers(_committee))


def _choices(values: Callable[[], Iterable[str]]) -> Callable[[str], Candidates]:
    """A fixed list of codes: cpdt reads them as written, so only a literal prefix matches."""

    def complete(incomplete: str) -> Candidates:
        return [(v, "") for v in values() if v.startswith(incomplete)]

    return complete


def _formats() -> tuple[str, ...]:
    from .render.output import FORMATS

    return FORMATS


def _colors() -> tuple[str, ...]:
    from .render.output import COLORS

    return COLORS


def _langs() -> tuple[str, ...]:
    from .i18n import LANGS

    return LANGS


def _timeline_kinds(facts: Facts) -> Iterator[tuple[str, str]]:
    from .answers.timeline import TIMELINE_KINDS

    for kind in TIMELINE_KINDS:
        yield kind, ""


def _law_types(facts: Facts) -> Iterator[tuple[str, str]]:
    for kind in sorted({i.type for i in facts.instruments.values()}):
        yield kind, ""


def _timeline(data: Facts, value: str) -> object:
    from .answers.timeline import timeline

    return timeline(data, None, kind=value)


def _law_type(data: Facts, value: str) -> object:
    from .answers import law

    return law.law(data, type_=value)


complete_formats = _choices(_formats)
complete_colors = _choices(_colors)
complete_langs = _choices(_langs)
complete_timeline_kinds = _completer(_timeline_kinds, _answers(_timeline))
complete_law_types = _completer(_law_types, _answers(_law_type))
