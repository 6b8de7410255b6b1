"""The cache: where its files live, the key of a set of fact files, and its small msgpack files.

A key covers the files' contents, the program version, the layout of the register database
(store.FORMAT) and the source of the model it holds (schema_digest), so a model change needs no
manual bump. Never keyed by mtime or size alone: an edit that keeps both must still be seen.
The register itself is a SQLite database (store.py); the question lexicon is msgpack decoded
into its type, so a corrupt, truncated or foreign file fails to decode and is rebuilt. Any
failure to read or write means running without the cache, silently and correctly.

Start-up matters here (bench/startup.py): the warm path imports neither hashlib (it loads
OpenSSL: ~3 ms) nor tempfile (~1.5 ms, only needed to write), and the directory is found by
hand rather than with platformdirs (~3.5 ms to import, for three rules).
"""

from __future__ import annotations

import contextlib
import gc
import os
import stat
import sys
import time
from pathlib import Path
from typing import TypeVar

import msgspec

from .. import __version__
from .model import Compiled

T = TypeVar("T")

REGISTER_FORMAT = 7  # store.FORMAT, here so that a key costs no import of sqlite3


try:
    from _blake2 import blake2b as _blake2b  # what hashlib.blake2b is, without OpenSSL
except ImportError:  # pragma: no cover - another Python implementation
    from hashlib import blake2b as _blake2b


def schema_digest(type_: type) -> str:
    """A short digest of the source of the module that defines a model type: part of every
    cache key. The whole model (every Struct under Compiled) is defined in model.py, so any
    change of its fields, types or defaults, like any other edit of that file, misses the old
    files with no manual bump. Reading and hashing the file costs a tenth of working the
    shape out of the types (whose postponed annotations must be evaluated): 0.05 ms, against
    1% of a lookup's instructions (valgrind). Worked out once a process."""
    digest = _DIGESTS.get(type_)
    if digest is None:
        module = sys.modules[type_.__module__]
        try:  # the loader's own reader: a plain file, or a member of a zip archive
            source = module.__loader__.get_data(module.__file__)  # type: ignore[union-attr]
        except (AttributeError, OSError, TypeError):
            source = b""  # no source to read (a frozen build): its version stands for it
        digest = _blake2b(source, digest_size=8).hexdigest()
        _DIGESTS[type_] = digest
    return digest


_DIGESTS: dict[type, str] = {}


def directory() -> Path | None:
    """Where cache files live: a folder of cpdt's own, in CPDT_CACHE_DIR, else in the
    platform's user cache dir. A relative path (CPDT_CACHE_DIR, XDG_CACHE_HOME, HOME) or a HOME
    that is not an existing folder is ignored, as the XDG rules ask: a cache must not appear
    under whatever folder cpdt happens to run in, nor create a home that is not there."""
    override = os.environ.get("CPDT_CACHE_DIR")
    if override is not None and not override.strip():
        return None
    if override and os.path.isabs(override):
        return Path(override) / "cpdt"  # a shared folder holds others' files: never touch them
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA", "")
        return Path(base) / "cpdt" / "Cache" if os.path.isabs(base) else None
    home = os.environ.get("HOME", "")
    home_ok = os.path.isabs(home) and os.path.isdir(home)
    if sys.platform == "darwin":
        return Path(home) / "Library" / "Caches" / "cpdt" if home_ok else None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return Path(xdg) / "cpdt"
    return Path(home) / ".cache" / "cpdt" if home_ok else None


HASHED = 1 << 20  # bytes of a fact file up to which its key is its contents
RACY = 3.0  # seconds: a file changed more recently may change again within one timestamp tick


def key_for(paths: list[Path]) -> str | None:
    """A digest of the program version, the model's source, and each file's path and bytes.

    A file larger than HASHED is known by its stamp instead: device, inode, size, and the
    modification and change times in ns. Hashing costs ~1 ms a MiB of every run, which at a
    register of 100k statements (26 MiB) was more than the answer; an edit that keeps size and
    mtime still changes ctime, which no user call can set back.
    The files' stamps remember the key their contents gave (a small cache file), so an
    unchanged file is hashed once, not on every run (the built-in data: 4 M instructions,
    1.8% of `import typer`). A file changed less than RACY seconds ago could change again
    within its file system's timestamp tick, keeping its stamp: its key is not remembered
    (as git does with a racily clean index entry).
    None (run without the cache) when a file is unreadable or not a regular file: a pipe
    (`--data <(…)`) read here would be empty for the parser, /dev/zero endless.
    """
    if os.environ.get("CPDT_NO_CACHE"):
        return None
    shape = f"{__version__}\0{REGISTER_FORMAT}\0{schema_digest(Compiled)}"
    try:
        infos = [path.stat() for path in paths]  # not open(): a FIFO looked at would drain
        if not all(stat.S_ISREG(info.st_mode) for info in infos):
            return None
        where = [str(path.resolve()) for path in paths]
    except (OSError, ValueError):
        return None
    stamps = "".join(f"\0{w}\0{_stamp(info)}" for w, info in zip(where, infos, strict=True))
    seen = _blake2b(f"{shape}{stamps}".encode("utf-8", "surrogateescape"), digest_size=16)
    known = _read("stamps", seen.hexdigest(), _STAMPS_MAGIC, str)
    if known is not None and len(known) == 32 and set(known) <= set("0123456789abcdef"):
        return known
    key = _contents_key(shape, paths, where, infos)
    settled = time.time() - RACY
    if key is not None and all(max(i.st_mtime, i.st_ctime) < settled for i in infos):
        _write("stamps", seen.hexdigest(), _STAMPS_MAGIC, key)
    return key


_STAMPS_MAGIC = b"cpdt-stamps 1\n"


def _stamp(info: os.stat_result) -> tuple[int, ...]:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _contents_key(
    shape: str, paths: list[Path], where: list[str], infos: list[os.stat_result]
) -> str | None:
    """The key itself: each file's bytes, or the stamp of one larger than HASHED."""
    digest = _blake2b(shape.encode(), digest_size=16)
    try:
        for path, resolved, info in zip(paths, where, infos, strict=True):
            name = resolved.encode("utf-8", "surrogateescape")
            if info.st_size > HASHED:
                digest.update(name + f"\0{_stamp(info)}".encode())
                continue
            with path.open("rb") as fh:  # a file too large for the reader is stamped above:
                data = fh.read(HASHED + 1)  # it never reaches the cache, the reader refuses it
            if len(data) > HASHED:  # it grew since stat(): key it next run
                return None
            digest.update(name + b"\0")
            digest.update(len(data).to_bytes(8, "little") + data)
    except (OSError, ValueError):
        return None
    return digest.hexdigest()


def _file(kind: str, key: str) -> Path | None:
    where = directory()
    return where / f"{kind}-{key}.msgpack" if where else None


MAX_FILE = 8 * 64 * 1024 * 1024  # no cache file of a fact file within yamlread's limit is larger


def _read(kind: str, key: str, magic: bytes, type_: type[T]) -> T | None:
    """The stored value, or None for anything else: no such file, not a regular file (a FIFO
    would block, /dev/zero never end), too large, another key's (a file copied over this
    one), or anything that does not decode."""
    target = _file(kind, key)
    if target is None:
        return None
    blob = _read_regular(target)
    header = _header(magic, key)
    if blob is None or not blob.startswith(header):
        return None
    with contextlib.suppress(OSError):
        os.utime(target)  # recently used: the last file pruning would remove (prune)
    collecting = gc.isenabled()
    gc.disable()  # decoding makes many objects and no cycles: collections would find nothing
    try:  # a view, not a slice: no second copy of a file that may be tens of MiB
        return msgspec.msgpack.decode(memoryview(blob)[len(header) :], type=type_)
    except (msgspec.DecodeError, ValueError, TypeError, RecursionError, OverflowError):
        return None
    except MemoryError:
        return None
    finally:
        if collecting:
            gc.enable()


def _read_regular(path: Path) -> bytes | None:
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE:
            return None
        chunks, left = [], info.st_size + 1
        while left > 0:  # a file that grows while read is cut at its size then: no match
            chunk = os.read(fd, min(left, 1 << 24))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks) if len(chunks) != 1 else chunks[0]
    except OSError:
        return None
    finally:
        os.close(fd)


def _header(magic: bytes, key: str) -> bytes:
    """The first line of a cache file: the format, and the key of the data it holds."""
    return magic.rstrip(b"\n") + b" " + key.encode("ascii") + b"\n"


def _write(kind: str, key: str, magic: bytes, value: object) -> None:
    import tempfile

    target = _file(kind, key)
    if target is None:
        return
    try:
        blob = msgspec.msgpack.encode(value)
    except (msgspec.EncodeError, OverflowError, TypeError, ValueError):
        return  # e.g. a number beyond 64 bits in a fact file: valid, but not for msgpack
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{kind}-{key}-", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(_header(magic, key))
                fh.write(blob)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return
    prune(target.parent)


KEEP = 36  # cache files kept: a register, a lexicon and a stamp for each of a dozen data sets
_STALE_TEMP = 3600  # seconds after which a temp file is a crashed writer's, not a live one's
# Only cpdt's own file names, exactly: whatever else shares the folder is someone else's.
_OURS = r"(?:(?:questions|stamps)-[0-9a-f]{32}\.msgpack|register-[0-9a-f]{32}\.db)"
_OUR_TEMP = r"\.(?:questions|register|stamps)-[0-9a-f]{32}-[a-z0-9_]+\.tmp"


def prune(where: Path) -> None:
    """Remove all but the KEEP most recently used cache files, and temp files left behind.

    Every edit of a fact file gives it a new key, so without this the directory only grows.
    A file removed under a process about to read it only means that process rebuilds it.
    """
    import re
    import time

    try:
        entries = [
            (
                e.stat(follow_symlinks=False).st_mtime,
                e.name,
                e.path,
                e.is_file(follow_symlinks=False),
            )
            for e in os.scandir(where)
        ]
    except OSError:
        return
    ours = sorted(e for e in entries if e[3] and re.fullmatch(_OURS, e[1]))
    ours.reverse()
    stale = [e for e in entries if e[3] and re.fullmatch(_OUR_TEMP, e[1])
             and e[0] < time.time() - _STALE_TEMP]  # fmt: skip
    for _, _, path, _ in ours[KEEP:] + stale:
        with contextlib.suppress(OSError):
            os.unlink(path)


def read_lexicon(key: str, type_: type[T]) -> T | None:
    """What questions are matched against (questions.Lexicon), if stored and of this shape."""
    return _read("questions", key, _lexicon_magic(type_), type_)


def write_lexicon(key: str, lexicon: object) -> None:
    _write("questions", key, _lexicon_magic(type(lexicon)), lexicon)


def _lexicon_magic(type_: type) -> bytes:
    # the fields and their types, written out: a changed lexicon shape misses the old files
    # (schema_digest would cost ~0.3 ms of each question, for a flat record of known types)
    shape = ",".join(f"{k}:{v}" for k, v in type_.__annotations__.items())
    return f"cpdt-questions {shape}\n".encode()
