"""Writing an answer out: the escaping every human format applies, colour (clig.dev's rules),
stdout and paging long output on a terminal. The format registry (formats.py) chooses the
renderer; this module knows nothing of it.
"""

from __future__ import annotations

import os
import re
import sys
from typing import Any

from ..errors import PipeClosed, UsageError

# C0/C1 controls (but newline and tab), bidirectional overrides, marks and isolates, invisible
# characters (zero-width space, byte-order mark) and Unicode line breaks: shown, never obeyed.
# Lone surrogates are bytes of an argument or a file name that were not UTF-8: shown as the
# byte. All are non-printable (Cc, Cf, Cs, Zl, Zp), so text whose lines are printable needs
# no pattern.
_UNSAFE = (
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e"
    r"\u2066-\u2069\ufeff\ud800-\udfff]"
)


def _shown(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the byte that was not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return "\ufffd"


def inert(text: str) -> str:
    """The one escaping every human format applies to text from data or from the user."""
    if all(line.isprintable() for line in text.split("\n")):
        return text  # the common case: no control character, and no pattern to compile
    return re.sub(_UNSAFE, lambda m: _shown(m[0]), text)


_URL_CHARS = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%"
)


def safe_url(url: str) -> str:
    """A URL as a link shows it: every character outside RFC 3986's set percent-encoded
    (controls, spaces, quotes, < >, braces, non-ASCII), so that it can neither end the link
    (Markdown's <…>, BibTeX's {…}) nor reach the terminal. Spaces around it are not part of it."""
    url = url.strip()
    if all(c in _URL_CHARS for c in url):
        return url
    return "".join(
        c if c in _URL_CHARS else "".join(f"%{b:02X}" for b in c.encode("utf-8", "replace"))
        for c in url
    )


class Utf8(str):
    """Rendered text that must reach stdout as UTF-8 whatever the terminal's encoding: CSV and
    BibTeX have no escapes, and a machine format must not lose what the data says."""


def as_text(rendered: str | bytes) -> str:
    """Rendered text; bytes are text in UTF-8, as msgspec writes JSON (render/json.py)."""
    return rendered.decode() if isinstance(rendered, bytes) else rendered


# --- choosing and writing ------------------------------------------------------------------

# the names of the formats (completion offers them); formats.REGISTRY renders each
FORMATS = ("table", "plain", "json", "jsonl", "md", "csv", "bibtex")
COLORS = ("auto", "always", "never")


def _no_such(option: str, value: str, choices: tuple[str, ...]) -> str:
    from ..messages import say

    return say("no_such_value", option=option, value=value, choices=", ".join(choices))


def color_wanted(choice: str, stream: Any) -> bool:
    """--color always/never wins; else NO_COLOR, CLICOLOR_FORCE/FORCE_COLOR, TERM=dumb,
    CLICOLOR=0 (in that order, as clig.dev and the NO_COLOR / CLICOLOR conventions ask);
    else colour only on a terminal."""
    if choice not in COLORS:
        raise UsageError(_no_such("--color", choice, COLORS))
    if choice != "auto":
        return choice == "always"
    env = os.environ
    if env.get("NO_COLOR"):
        return False
    if env.get("CLICOLOR_FORCE", "0") != "0" or env.get("FORCE_COLOR", "0") not in ("0", "false"):
        return True
    if env.get("TERM") == "dumb" or env.get("CLICOLOR") == "0":
        return False
    return is_tty(stream)


def is_tty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def default_format(color: bool, color_choice: str, stream: Any) -> str:
    """Rich on a terminal (unless NO_COLOR or TERM=dumb ask for plain text), or when colour
    is forced; plain text in a pipe."""
    if color or (color_choice == "never" and is_tty(stream)):
        return "table"
    return "plain"


def stdout_is_unicode() -> bool:
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    return encoding in ("utf8", "utf16", "utf32", "utf8sig")


def write(text: str | bytes) -> None:
    """Write to stdout; its failures are streams.Stdout's (OutputError, PipeClosed). Text in
    UTF-8 bytes reaches a UTF-8 stdout as it is."""
    out = sys.stdout
    as_is = isinstance(text, Utf8) or (isinstance(text, bytes) and _writes_utf8(out))
    try:
        if as_is and hasattr(out, "write_utf8"):
            out.write_utf8(text)
        else:
            out.write(as_text(text))
        out.flush()
    except BrokenPipeError:
        raise PipeClosed() from None


def _writes_utf8(stream: Any) -> bool:
    """Whether the stream writes text as UTF-8 and nothing else (utf-8-sig starts with a BOM)."""
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
    return encoding == "utf8"


def show(text: str | bytes, pager: bool) -> None:
    """Write `text`, through $PAGER (`less -FIRX` by default) when it is longer than a
    terminal screen and stdout is one; a pager that cannot start falls back to printing."""
    if not pager or not is_tty(sys.stdout) or not _too_long(text):
        write(text)
        return
    import shlex
    import signal
    import subprocess

    command = os.environ.get("PAGER", "less -FIRX")
    try:
        argv = shlex.split(command)
    except ValueError:
        argv = []
    if not argv or argv[0] == "cat":
        write(text)
        return
    env = dict(os.environ)
    env.setdefault("LESSCHARSET", "utf-8")
    env.setdefault("LESS", "FRX")  # as git does: colours pass, short output needs no key
    encoding = "utf-8" if isinstance(text, Utf8) else (sys.stdout.encoding or "utf-8")
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE, env=env)
    except OSError:
        write(text)  # no such pager: the text is printed, not lost
        return
    # Ctrl-C belongs to the pager while it runs (as in git): cpdt must not exit and leave it
    # alone with the terminal. Whatever the pager's exit status, it has shown the text.
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread
        previous = None
    try:
        assert proc.stdin is not None
        try:
            proc.stdin.write(as_text(text).encode(encoding, "replace"))
            proc.stdin.close()
        except OSError:
            pass  # the reader quit before reading everything: that is fine for a pager
        proc.wait()
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


def _too_long(text: str | bytes) -> bool:
    import shutil

    size = shutil.get_terminal_size((80, 24))
    lines = text.count(b"\n") if isinstance(text, bytes) else text.count("\n")
    return lines >= size.lines


def notify(message: str, lang: str = "vi") -> None:
    """A notice on stderr (never stdout: it would break `--json` pipes)."""
    from .. import streams
    from ..i18n import message as translate

    streams.say(f"cpdt: {inert(translate(message, lang))}")
