"""The process's stdout and stderr, owned in one place.

Every byte cpdt writes (answers, help, --version, messages) goes through these two wrappers,
installed by __main__ for the length of a run, so a failing stream has one meaning wherever the
write happens:
- stdout closed (`>&-`), full (`>/dev/full`) or failing: OutputError, exit code 4
  (EXIT_OUTPUT); its reader gone (`| head -1`): PipeClosed, exit 0, silently.
- stderr closed or failing: messages are dropped, the exit code stays what it was. A message
  never falls back to stdout (Python's print() does when sys.stderr is None, and that would put
  a notice in front of the `{` of `--json`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from typing import Any

from .errors import OutputError, PipeClosed


class Stdout:
    """sys.stdout, whose failures become OutputError / PipeClosed."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream  # None: the descriptor was closed when the process started

    def write(self, text: str) -> int:
        if self.stream is None:
            raise OutputError(os.strerror(errno.EBADF))
        try:
            return int(self.stream.write(text))
        except BrokenPipeError:
            raise PipeClosed() from None
        except (OSError, ValueError) as exc:
            raise OutputError(_reason(exc)) from None

    def flush(self) -> None:
        if self.stream is None:
            return
        try:
            self.stream.flush()
        except BrokenPipeError:
            raise PipeClosed() from None
        except (OSError, ValueError) as exc:
            raise OutputError(_reason(exc)) from None

    def write_utf8(self, text: str | bytes) -> None:
        """`text` as UTF-8 bytes whatever the stream's encoding (machine formats are lossless);
        bytes are such text already."""
        buffer = getattr(self.stream, "buffer", None)
        if buffer is None:
            self.write(text.decode() if isinstance(text, bytes) else text)
            return
        data = text if isinstance(text, bytes) else _utf8(text)
        self.flush()
        try:
            buffer.write(data)
        except BrokenPipeError:
            raise PipeClosed() from None
        except (OSError, ValueError) as exc:
            raise OutputError(_reason(exc)) from None
        self.flush()

    def isatty(self) -> bool:
        try:
            return bool(self.stream.isatty())
        except (AttributeError, ValueError, OSError):
            return False

    def __getattr__(self, name: str) -> Any:  # encoding, fileno, buffer … of the real stream
        return getattr(self.stream, name)


def _utf8(text: str) -> bytes:
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace")


class Stderr:
    """sys.stderr, whose failures are swallowed: there is nowhere left to report them."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.failed = stream is None

    def write(self, text: str) -> int:
        if not self.failed:
            try:
                self.stream.write(text)
            except (OSError, ValueError):
                self.failed = True
        return len(text)

    def flush(self) -> None:
        if not self.failed:
            try:
                self.stream.flush()
            except (OSError, ValueError):
                self.failed = True

    def isatty(self) -> bool:
        try:
            return bool(self.stream.isatty())
        except (AttributeError, ValueError, OSError):
            return False

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return os.strerror(errno.EBADF)  # ValueError: "I/O operation on closed file"


def install() -> tuple[Any, Any]:
    """Wrap sys.stdout and sys.stderr; return the originals (for restore())."""
    originals = (sys.stdout, sys.stderr)
    for fd, stream in ((1, sys.stdout), (2, sys.stderr)):
        if stream is None:
            _occupy(fd)
    sys.stdout = Stdout(sys.stdout)
    sys.stderr = Stderr(sys.stderr)
    return originals


def _occupy(fd: int) -> None:
    """Put /dev/null on a descriptor that was closed at start, so that no file opened later
    (a cache file) takes its number and receives what was meant for a terminal."""
    try:
        null = os.open(os.devnull, os.O_RDWR)
    except OSError:
        return
    if null != fd:
        with contextlib.suppress(OSError):
            os.dup2(null, fd)
        os.close(null)


def finish() -> OutputError | None:
    """Flush both streams; the error, if stdout could not take what was left."""
    error = None
    try:
        sys.stdout.flush()
    except PipeClosed:
        _silence(sys.stdout, 1)
    except OutputError as failed:
        error = failed
        _silence(sys.stdout, 1)
    sys.stderr.flush()
    if isinstance(sys.stderr, Stderr) and sys.stderr.failed:
        _silence(sys.stderr.stream, 2)
    return error


def _silence(stream: Any, fd: int) -> None:
    """Point a failed standard descriptor at /dev/null, so that Python's own flush at exit has
    nowhere to fail (only the process's real descriptor: never a test's capture)."""
    try:
        if stream is None or stream.fileno() != fd:
            return
    except (AttributeError, OSError, ValueError):
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, fd)
        os.close(null)
    except OSError:
        pass


def restore(originals: tuple[Any, Any]) -> None:
    sys.stdout, sys.stderr = originals


def say(text: str) -> None:
    """A line on stderr (a message, a notice, a problem): never on stdout."""
    sys.stderr.write(text + "\n")
