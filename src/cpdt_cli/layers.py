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
    en = lang == "en"
    none = "(none)" if en else "(không có)"
    return [
        ("built-in data" if en else "dữ liệu có sẵn", str(builtin)),
        ("data in use" if en else "dữ liệu đang dùng", os.pathsep.join(map(str, base)) or none),
        ("overlays" if en else "lớp phủ", os.pathsep.join(map(str, overlays)) or none),
        ("cache" if en else "bộ nhớ đệm", str(cache) if cache else none),
    ]
