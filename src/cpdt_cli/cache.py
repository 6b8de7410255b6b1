"""A compiled cache of the parsed fact file(s), keyed by their contents and the program version.

Never keyed by mtime or size alone: an edit that keeps both must still be seen. The cache is
msgpack decoded into the typed model, so a corrupt, truncated or foreign file fails to decode
and is rebuilt; nothing in it can run code. Any failure to read or write means running
without the cache, silently and correctly.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path

import msgspec

from . import __version__
from .model import Facts

_MAGIC = b"cpdt-cache-1\n"


def directory() -> Path | None:
    """Where cache files live: CPDT_CACHE_DIR, else the platform's user cache dir."""
    override = os.environ.get("CPDT_CACHE_DIR")
    if override is not None:
        return Path(override) if override.strip() else None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "cpdt" / "Cache" if base else None
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "cpdt"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return Path(xdg) / "cpdt"
    home = os.environ.get("HOME")
    return Path(home) / ".cache" / "cpdt" if home else None


def key_for(paths: list[Path]) -> str | None:
    """A digest of the program version and each file's path and bytes; None if unreadable."""
    if os.environ.get("CPDT_NO_CACHE"):
        return None
    digest = hashlib.sha256(f"{__version__}\0{_MAGIC!r}".encode())
    try:
        for path in paths:
            digest.update(str(path.resolve()).encode("utf-8", "surrogateescape") + b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
    except (OSError, ValueError):
        return None
    return digest.hexdigest()[:32]


def _file(key: str) -> Path | None:
    where = directory()
    return where / f"facts-{key}.msgpack" if where else None


def read(key: str) -> Facts | None:
    target = _file(key)
    if target is None:
        return None
    try:
        blob = target.read_bytes()
    except OSError:
        return None
    if not blob.startswith(_MAGIC):
        return None
    try:
        return msgspec.msgpack.decode(blob[len(_MAGIC) :], type=Facts)
    except (msgspec.DecodeError, msgspec.ValidationError, ValueError, TypeError):
        return None


def write(key: str, facts: Facts) -> None:
    target = _file(key)
    if target is None:
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".facts-", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(_MAGIC + msgspec.msgpack.encode(facts))
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return
