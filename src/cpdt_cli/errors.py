"""Domain errors, each with the exit code the CLI translates it into (see PRODUCT.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .data.problems import Problem

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2
EXIT_DATA = 3
EXIT_OUTPUT = 4  # stdout could not be written: closed, full, failing

# No command line can hold a NUL byte; an in-process caller (cpdt batch, cpdt mcp, tests) can.
NUL_IN_ARGS = "nul_in_args"  # the message's id (messages.py)


class CpdtError(Exception):
    """Base class: a message for stderr and an exit code."""

    exit_code = EXIT_NOT_FOUND

    def __init__(self, message: str, hints: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.hints = hints


class NotFound(CpdtError):
    """The query matched nothing; `hints` carry suggestions. `query` and `notices` let --json
    still print the answer's object, with `count: 0`."""

    exit_code = EXIT_NOT_FOUND

    def __init__(
        self,
        message: str,
        hints: tuple[str, ...] = (),
        query: dict[str, Any] | None = None,
        notices: list[str] | None = None,
    ) -> None:
        super().__init__(message, hints)
        self.query = query
        self.notices = notices or []


class UsageError(CpdtError):
    exit_code = EXIT_USAGE


def __getattr__(name: str) -> Any:
    """`errors.Problem` is defined where only a fact-file check needs it (problems.py):
    building a NamedTuple costs ~1 ms, and every start-up imports this module."""
    if name == "Problem":
        from .data.problems import Problem

        return Problem
    raise AttributeError(name)


class DataError(CpdtError):
    """The fact file is missing, unreadable or invalid."""

    exit_code = EXIT_DATA

    def __init__(self, problems: list[Problem]) -> None:
        from .messages import say

        self.problems = problems
        if not problems:
            super().__init__(say("invalid_fact_file"))
            return
        first = problems[0]
        super().__init__(say("located", where=first.where, problem=first.message))


class PipeClosed(CpdtError):
    """stdout's reader went away (`cpdt timeline | head -1`): stop quietly, successfully."""

    exit_code = EXIT_OK

    def __init__(self) -> None:
        super().__init__("")


class OutputError(CpdtError):
    """stdout could not be written (closed, full, an I/O error): exit 4, a message on stderr."""

    exit_code = EXIT_OUTPUT

    def __init__(self, reason: str, where: str = "stdout") -> None:
        from .messages import say

        super().__init__(say("output_failed", where=where, reason=reason))
