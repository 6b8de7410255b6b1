"""Click's usage errors in cpdt's own words and language, as one `cpdt: …` line.

Click (and Typer, which ships its own copy of it from 0.27) raises typed exceptions and would
print them in English inside a Rich box. The exception classes and their attributes are
Click's documented API; the words are ours, so the message follows --lang/CPDT_LANG like
every other message and a test can hold it without depending on a library's wording.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from . import i18n
from .errors import UsageError
from .messages import text

# the value Click's type conversions quote first: "'abc' is not a valid integer."
_QUOTED_VALUE = re.compile(r"""^('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")""")
_NO_SUCH_COMMAND = re.compile(r"""^No such command ('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")""")


def language(argv: Sequence[str]) -> str:
    """--lang as given on the command line (Click may not have parsed it), else the default."""
    flag = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            flag = argv[i + 1]
        elif arg.startswith("--lang="):
            flag = arg.partition("=")[2]
    lang = i18n.choose(flag)
    return lang if lang in i18n.LANGS else "vi"


def translate(exc: Exception, lang: str) -> UsageError:
    """One of Click's usage errors as ours: one line, exit code 2."""

    def words(key: str, **args: str) -> str:
        return text(f"usage.{key}", lang, **args)

    kind = {c.__name__ for c in type(exc).__mro__}
    said = _message(exc)
    hints: list[str] = []
    if "NoSuchOption" in kind:
        message = words("no_option", name=_quoted(getattr(exc, "option_name", "")))
        possible = sorted(getattr(exc, "possibilities", None) or ())
        if possible:
            hints.append(words("did_you_mean", names=", ".join(possible)))
    elif "BadOptionUsage" in kind:
        message = words("needs_value", name=getattr(exc, "option_name", "?"))
    elif "MissingParameter" in kind:
        message = words("missing", name=_parameter(exc))
    elif "BadParameter" in kind:
        value = _QUOTED_VALUE.match(str(getattr(exc, "message", "")))
        name = _parameter(exc)
        if value:
            message = words("bad_value", value=value.group(1), name=name)
        else:
            message = words("bad_for", name=name)
    elif (found := _NO_SUCH_COMMAND.match(said)) is not None:
        message = words("no_command", name=found.group(1))
        commands = _commands(exc)
        from difflib import get_close_matches  # only for a mistyped command

        near = get_close_matches(found.group(1).strip("'\""), commands, n=3)
        if near:
            hints.append(words("did_you_mean", names=", ".join(near)))
        else:
            hints.append(words("commands", names=", ".join(commands)))
    elif said.startswith("Got unexpected extra argument"):
        message = words("extra", value=said.partition("(")[2].rstrip(")"))
    else:
        message = words("other")
    hints.append(words("help", command=_command_path(exc)))
    return UsageError("; ".join([message, *hints]))  # one line, as the shell's own errors


def _message(exc: Exception) -> str:
    format_message = getattr(exc, "format_message", None)
    return str(format_message() if callable(format_message) else exc)


def _quoted(name: str) -> str:
    return name if name.startswith("-") and name.isprintable() else repr(name)


def _parameter(exc: Any) -> str:
    param = getattr(exc, "param", None)
    if param is None:
        return str(getattr(exc, "param_hint", None) or "?")
    opts = [o for o in getattr(param, "opts", []) if o.startswith("--")]
    if opts:
        return str(opts[0])
    return str(getattr(param, "name", "?") or "?").upper()


def _commands(exc: Any) -> list[str]:
    ctx = getattr(exc, "ctx", None)
    command = getattr(ctx, "command", None)
    listed = getattr(command, "list_commands", None)
    return list(listed(ctx)) if callable(listed) else []


def _command_path(exc: Any) -> str:
    ctx = getattr(exc, "ctx", None)
    path = getattr(ctx, "command_path", None)
    return str(path) if path else "cpdt"


def click_usage_error() -> tuple[type[Exception], ...]:
    """Click's ClickException class as Typer uses it (its own copy from 0.27, Click's before)."""
    import typer

    found = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")
    return (found,)
