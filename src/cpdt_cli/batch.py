"""Many queries in one process: `cpdt batch` (JSON Lines) and the MCP server's tools.

Each query is a command line (`["committee", "--year", "2021"]`) run through the very Click
command a shell would run, with `--json` forced and stdout caught: what a query gives back is
what `cpdt … --json` prints, byte for byte, and the data is read once per process
(facts.keeping). Only the reference commands run here; help and --version, which print
text of their own, are refused, so stdout carries nothing but answers.
"""

from __future__ import annotations

import io
import sys
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import msgspec

from .errors import EXIT_USAGE, NUL_IN_ARGS, CpdtError
from .messages import Message

if TYPE_CHECKING:
    from .data.model import Facts

COMMANDS = ("define", "agency", "committee", "models", "timeline", "law", "sources", "search")
_PRINTS_ITS_OWN = ("--help", "-h", "--version", "--install-completion", "--show-completion")
LINE_KEYS = ("id", "args")


class Outcome(msgspec.Struct):
    """One query's answer: the exit code `cpdt` would give, the text of its --json object
    (also on a miss, with count 0) and the message it would print on stderr."""

    exit: int
    printed: bytes = b""
    error: str | None = None

    @property
    def result(self) -> dict[str, Any] | None:
        if not self.printed:
            return None
        value = msgspec.json.decode(self.printed)
        return value if isinstance(value, dict) else None


class Runner:
    """Runs command lines in this process; one at a time (stdout is caught while one runs)."""

    def __init__(
        self,
        data: list[Path] | None = None,
        overlay: list[Path] | None = None,
        lang: str | None = None,
    ) -> None:
        import typer.main

        from .cli import app

        self._kept: dict[tuple[str, ...], tuple[object, Facts]] = {}
        self._group = typer.main.get_command(app)  # built once, not once a query
        self._data, self._overlay = data, overlay
        self._defaults = {"data": data, "overlay": overlay, "lang": lang}
        self._lock = threading.Lock()
        self.lang = _language(lang)

    def say(self, message: str) -> str:
        """One of this module's messages, in the chosen language."""
        from .i18n import message as translate

        return translate(message, self.lang)

    def run(self, args: list[str]) -> Outcome:
        refused = _refusal(args)
        if refused is not None:
            return Outcome(EXIT_USAGE, error=self.say(refused))
        from .data import facts

        with self._lock, facts.keeping(self._kept):
            return self._run(args)

    def facts(self) -> Facts:
        """The data the queries run on (loaded with the same options, kept the same way)."""
        from .data import facts, layers

        paths = layers.layered_paths(self._data, self._overlay)
        with self._lock, facts.keeping(self._kept):
            return facts.load(paths)

    def _run(self, args: list[str]) -> Outcome:
        from .options import Settings
        from .usage import click_usage_error, translate

        settings = Settings()
        settings.merge(self._defaults)
        settings.json = True
        buffer = io.BytesIO()
        caught = io.TextIOWrapper(buffer, encoding="utf-8", newline="\n")
        real_stdout, real_stderr = sys.stdout, sys.stderr
        sys.stdout = caught
        said = io.StringIO()  # what the line would print on stderr (see _unsaid)
        sys.stderr = said
        try:
            code = self._group.main(
                args=list(args), prog_name="cpdt", standalone_mode=False, obj=settings
            )
            code = code if isinstance(code, int) else 0
            error = None
        except CpdtError as exc:  # already in the chosen language (options.in_language)
            code = exc.exit_code
            error = "\n".join([exc.message, *exc.hints])
        except click_usage_error() as exc:  # one line in the chosen language
            code = EXIT_USAGE
            error = str(translate(exc, self.lang).message)
        finally:
            sys.stdout, sys.stderr = real_stdout, real_stderr
        caught.flush()
        printed = buffer.getvalue()
        real_stderr.write(_unsaid(said.getvalue(), printed))
        if not printed.lstrip().startswith(b"{"):  # --json prints one object, or nothing
            printed = _miss(args) if code == 1 else b""
        return Outcome(code, printed, error)


def _unsaid(said: str, printed: bytes) -> str:
    """What a line printed on stderr, less the notices its JSON carries ("notices"): those
    would repeat on every line. The rest (a data file's own notices) still reaches stderr."""
    if not said:
        return ""
    try:
        notices = msgspec.json.decode(printed).get("notices", []) if printed else []
    except (msgspec.DecodeError, AttributeError):
        notices = []
    known = {f"cpdt: {n}" for n in notices}
    return "".join(line for line in said.splitlines(True) if line.rstrip("\n") not in known)


def _refusal(args: Any) -> str | None:
    if not isinstance(args, list) or not all(isinstance(a, str) for a in args):
        return Message("batch.args_strings", example='["committee", "--year", "2021"]')
    if any("\x00" in a for a in args):  # no command line can hold one; os calls refuse it
        return Message(NUL_IN_ARGS)
    options = args[: args.index("--")] if "--" in args else args  # after "--": words
    if not any(a in COMMANDS for a in options):
        return Message("batch.only", commands=", ".join(COMMANDS))
    printing = next((a for a in options if a in _PRINTS_ITS_OWN), None)
    if printing is not None:
        return Message("batch.refused", option=printing)
    return None


def _language(flag: str | None) -> str:
    from . import i18n
    from .errors import UsageError

    lang = i18n.choose(flag)
    if lang not in i18n.LANGS:
        raise UsageError(Message("no_such_value", option="--lang", value=lang, choices="vi, en"))
    return lang


def _miss(args: list[str]) -> bytes:
    """The count-0 object of a query that matched nothing (--json prints none on a miss)."""
    from .render.json import SCHEMA_VERSION

    command = next((a for a in args if a in COMMANDS), None)
    return msgspec.json.encode({"schema_version": SCHEMA_VERSION, "command": command,
                                "query": {}, "count": 0, "results": []})  # fmt: skip


# --- cpdt batch ----------------------------------------------------------------------------


def answer_line(runner: Runner, line: bytes) -> str:
    """The output line (JSON, no newline) for one input line; never raises for what it holds.
    The --json text is set in as it was printed, on one line: not decoded and encoded again."""
    from .render.json import dumps

    head, printed = _answer(runner, line)
    text = dumps(head)
    if printed:
        text = f'{text[:-1]}, "result": {msgspec.json.format(printed, indent=0).decode()}}}'
    return text


def _answer(runner: Runner, line: bytes) -> tuple[dict[str, Any], bytes]:
    say = runner.say
    try:
        request = msgspec.json.decode(line)
    except (msgspec.DecodeError, UnicodeDecodeError) as exc:  # msgspec < 0.21: the latter
        return {
            "id": None,
            "exit": EXIT_USAGE,
            "error": say(Message("batch.not_json", reason=exc)),
        }, b""
    ident: Any = None
    if isinstance(request, dict):
        ident = request.get("id")
        unknown = [k for k in request if k not in LINE_KEYS]
        if unknown:
            return {"id": ident, "exit": EXIT_USAGE, "error": say(_unknown_keys(unknown))}, b""
        if "args" not in request:
            return {"id": ident, "exit": EXIT_USAGE, "error": say(Message("batch.no_args"))}, b""
        args = request["args"]
    elif isinstance(request, list):
        args = request
    else:
        return {"id": None, "exit": EXIT_USAGE, "error": say(Message("batch.line_shape"))}, b""
    outcome = runner.run(args)
    out: dict[str, Any] = {"id": ident, "exit": outcome.exit}
    if outcome.error is not None:
        out["error"] = outcome.error
    return out, outcome.printed


def _unknown_keys(keys: list[str]) -> str:
    return Message("batch.unknown_keys", keys=", ".join(keys), known=", ".join(LINE_KEYS))


def read_lines(stdin: IO[str], runner: Runner) -> Iterator[bytes]:
    """The non-blank lines of stdin, as bytes (each line's UTF-8 is checked by its decoder)."""
    from .errors import UsageError

    stream: IO[bytes] = getattr(stdin, "buffer", None) or io.BytesIO(stdin.read().encode())
    while True:
        try:
            line = stream.readline()
        except (OSError, ValueError) as exc:
            raise UsageError(runner.say(Message("batch.unreadable", reason=exc))) from None
        if not line:
            return
        if line.strip():
            yield line


def run_batch(runner: Runner, lines: Iterable[bytes], out: Any) -> None:
    """JSON Lines are UTF-8 whatever the locale says (RFC 8259). `out` is the process's stdout
    (streams.Stdout): a closed or full stdout is its OutputError (exit 4), a reader gone is
    PipeClosed, as for every other command."""
    for line in lines:
        out.write_utf8(answer_line(runner, line) + "\n")  # flushed: each answer at once
