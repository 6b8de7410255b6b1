"""Which fact files make up the data: the base, and the overlays layered over it.

The rule: `--data PATH` (repeatable) or CPDT_DATA (a path list) *replaces* the built-in file;
`--overlay PATH` (repeatable) or CPDT_OVERLAY (a path list) is layered *over* the base, whatever
it is. Later files win: an entry with an id already seen replaces it, with a notice on stderr
(validate.layer). An overlay needs no schema_version or data_as_of of its own.
"""

from __future__ import annotations

import os
from pathlib import Path


def env_paths(name: str) -> list[Path]:
    return [Path(p) for p in os.environ.get(name, "").split(os.pathsep) if p.strip()]


def layered_paths(data: list[Path] | None, overlay: list[Path] | None) -> list[Path]:
    from . import facts

    return [*facts.resolve_paths(data), *(overlay or env_paths("CPDT_OVERLAY"))]


def describe_paths(
    builtin: Path, used: list[Path], overlay: list[Path] | None, cache: Path | None, lang: str
) -> list[tuple[str, str]]:
    """What `cpdt paths` prints: label and value, one a line."""
    overlays = overlay or env_paths("CPDT_OVERLAY")
    base = used[: len(used) - len(overlays)]  # layered_paths: the base, then the overlays
    from ..messages import text

    none = text("paths.none", lang)
    return [
        (text("paths.builtin", lang), str(builtin)),
        (text("paths.used", lang), os.pathsep.join(map(str, base)) or none),
        (text("paths.overlays", lang), os.pathsep.join(map(str, overlays)) or none),
        (text("paths.cache", lang), str(cache) if cache else none),
    ]
