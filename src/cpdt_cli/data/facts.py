"""Find, load, validate and layer fact files into the typed model."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from ..errors import DataError
from . import cache
from .model import Compiled, Facts

if TYPE_CHECKING:
    from .problems import Problem

_PACKAGE = Path(__file__).resolve().parent.parent  # cpdt_cli

# While a batch or an MCP server runs: what load() has read, by paths (see keeping()).
_kept: dict[tuple[str, ...], tuple[object, Facts]] | None = None


def builtin_path() -> Path:
    """The fact file shipped in the wheel, or the repository's data/ in a source checkout."""
    shipped = _PACKAGE / "curated" / "facts.yaml"
    if shipped.is_file():
        return shipped
    return _PACKAGE.parent.parent / "data" / "facts.yaml"


def resolve_paths(cli_paths: list[Path] | None) -> list[Path]:
    """--data wins over CPDT_DATA (a path list); both replace the built-in file."""
    if cli_paths:
        return list(cli_paths)
    env = os.environ.get("CPDT_DATA", "")
    from_env = [Path(p) for p in env.split(os.pathsep) if p.strip()]
    return from_env or [builtin_path()]


def check(paths: list[Path]) -> tuple[list[Problem], Facts | None]:
    """Every problem of the layered set, and the model (in memory) when there are none."""
    problems, compiled = _compile(paths)
    return problems, Facts.of(compiled) if compiled is not None else None


def _compile(paths: list[Path]) -> tuple[list[Problem], Compiled | None]:
    from . import validate
    from .yamlread import load_yaml

    problems: list[Problem] = []
    results = []
    for path in paths:
        tree, file_problems = load_yaml(path)
        problems.extend(file_problems)
        if tree is not None:
            results.append((str(path), validate.check_file(tree, str(path), problems)))
    if not results:
        return problems, None
    layered = validate.layer(results, problems)
    if problems:
        return problems, None
    facts = msgspec.convert(
        {
            "schema_version": layered.schema_version,
            "data_as_of": layered.data_as_of,
            **layered.sections,
            "files": [str(p) for p in paths],
            "notices": layered.notices,
        },
        Compiled,
    )
    return [], facts


@contextlib.contextmanager
def keeping(memo: dict[tuple[str, ...], tuple[object, Facts]]) -> Iterator[None]:
    """Inside, load() answers from `memo` a set of files it has read before and that has not
    changed since (size, mtime): a process answering many queries reads its data once."""
    global _kept
    outer, _kept = _kept, memo
    try:
        yield
    finally:
        _kept = outer


def load(paths: list[Path]) -> Facts:
    """The layered model, from the cache when the files' contents are unchanged."""
    if _kept is None:
        return _load(paths)
    names = tuple(map(str, paths))
    try:
        stamp: object = tuple((s.st_size, s.st_mtime_ns) for s in map(os.stat, paths))
    except OSError:
        return _load(paths)  # its own message for a missing file
    kept = _kept.get(names)
    if kept is not None and kept[0] == stamp:
        return kept[1]
    facts = _load(paths)
    _kept[names] = (stamp, facts)
    return facts


def _load(paths: list[Path]) -> Facts:
    """The register database of these files: the cached one, else compiled from them."""
    from . import store

    def compiled() -> Compiled:
        problems, got = _compile(paths)
        if got is None:
            raise DataError(problems)
        return got

    return store.open_register(paths, cache.key_for(paths), compiled)
