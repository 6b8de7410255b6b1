"""Read a fact file into plain Python data, safely and strictly, keeping line numbers.

PyYAML's own loaders are not strict enough: they keep the last of two duplicate keys, build
objects from tags, expand alias bombs, and the C composer recurses (a deeply nested file
crashes the interpreter). So the tree is built here from the parser's event stream, with an
explicit stack: no tags, no aliases, no duplicate keys, bounded depth, every node's line kept.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

from ..messages import say
from .problems import Problem

MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64
MAX_DIGITS = 300  # a whole number longer than this is no fact (and int() refuses > 4300)

# Pattern strings, compiled by re on first use, when a file is parsed.
_NULL = r"(?:~|null|Null|NULL)?"
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = r"[-+]?[0-9]+"
_FLOAT = r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
_PLAIN_STR_TAGS = {None, "!", "tag:yaml.org,2002:str"}


class YMap(dict[str, Any]):
    """A mapping that remembers its own line and the line of each key."""

    __slots__ = ("key_lines", "line")

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}


class YList(list[Any]):
    """A sequence that remembers its own line and each item's line."""

    __slots__ = ("item_lines", "line")

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []


def read_text(path: Path) -> str:
    """The file's text, or DataError-worthy problems raised as a list."""
    name = str(path)
    try:
        if path.is_dir():
            raise _Fail(Problem(name, None, say("y.directory")))
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except _Fail:
        raise
    except FileNotFoundError:
        raise _Fail(Problem(name, None, say("y.no_file"))) from None
    except PermissionError:
        raise _Fail(Problem(name, None, say("y.denied"))) from None
    except OSError as exc:
        raise _Fail(Problem(name, None, say("y.unreadable", reason=exc.strerror or exc))) from None
    if len(data) > MAX_BYTES:
        mib, rest = divmod(MAX_BYTES, 1024 * 1024)
        limit = say("y.bytes", n=MAX_BYTES) if rest else say("y.mib", n=mib)
        raise _Fail(Problem(name, None, say("y.too_large", limit=limit)))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(data):
        raise _Fail(Problem(name, None, say("y.utf16")))
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise _Fail(Problem(name, line, say("y.binary")))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise _Fail(Problem(name, line, say("y.not_utf8"))) from None
    if not text.strip():
        raise _Fail(Problem(name, None, say("y.empty_file")))
    return text


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a byte-order mark: ASCII text with a NUL beside every character."""
    head = data[:64]
    return len(head) >= 4 and (not any(head[0::2]) or not any(head[1::2]))


class _Fail(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def load_yaml(path: Path) -> tuple[Any, list[Problem]]:
    """Parse `path`; return (tree, problems). The tree is None when it cannot be built."""
    try:
        text = read_text(path)
    except _Fail as fail:
        return None, [fail.problem]
    return parse(text, str(path))


def parse(text: str, name: str, pure: bool = False) -> tuple[Any, list[Problem]]:
    import yaml  # here, not at the top: a warm start (the cache) never parses YAML

    loader: Any = yaml.SafeLoader if pure else getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    problems: list[Problem] = []
    stack: list[Any] = []  # YMap / YList under construction
    pending_key: list[str | None] = []  # for each open mapping: the key awaiting its value
    root: Any = None
    documents = 0

    def add(value: Any, line: int) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        top = stack[-1]
        if isinstance(top, YList):
            top.append(value)
            top.item_lines.append(line)
            return
        key = pending_key[-1]
        if key is None:
            if not isinstance(value, str):
                problems.append(Problem(name, line, say("y.key_not_text")))
                value = f"<invalid key at line {line}>"
            elif any(c < " " or "\x7f" <= c <= "\x9f" for c in value):
                problems.append(Problem(name, line, say("y.key_control", key=value)))
                value = f"<invalid key at line {line}>"
            if value in top.key_lines:
                first = top.key_lines[value]
                problems.append(Problem(name, line, say("y.duplicate_key", key=value, first=first)))
                value = f"{value}\x00dup{line}"  # keep parsing; never kept silently
            pending_key[-1] = value
            top.key_lines[value] = line
        else:
            top[key] = value
            pending_key[-1] = None

    try:
        for event in yaml.parse(text, Loader=loader):
            line = event.start_mark.line + 1 if event.start_mark else 0
            if getattr(event, "anchor", None) is not None and not isinstance(
                event, yaml.AliasEvent
            ):
                problems.append(Problem(name, line, say("y.anchor")))
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    problems.append(Problem(name, line, say("y.documents")))
                    break
            elif isinstance(event, yaml.AliasEvent):
                problems.append(Problem(name, line, say("y.alias")))
                add(None, line)
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if event.tag not in _PLAIN_STR_TAGS and event.tag not in (
                    "tag:yaml.org,2002:map",
                    "tag:yaml.org,2002:seq",
                ):
                    problems.append(Problem(name, line, say("y.tag", tag=event.tag)))
                if len(stack) >= MAX_DEPTH:
                    problems.append(Problem(name, line, say("y.too_deep", depth=MAX_DEPTH)))
                    return None, problems
                node: Any = YMap(line) if isinstance(event, yaml.MappingStartEvent) else YList(line)
                add(node, line)
                stack.append(node)
                pending_key.append(None)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
                pending_key.pop()
            elif isinstance(event, yaml.ScalarEvent):
                add(_scalar(event, name, line, problems), line)
    except yaml.MarkedYAMLError as exc:
        if loader is not yaml.SafeLoader:
            # libyaml scans ahead and may stop at its own nesting limit before the events
            # reach ours; once a file has failed, the pure-Python parser looks for that.
            _, again = parse(text, name, pure=True)
            if any(getattr(p.message, "key", "") == "y.too_deep" for p in again):
                return None, again
        mark = exc.problem_mark or exc.context_mark
        where = mark.line + 1 if mark else None
        if "nesting depth" in (exc.problem or ""):  # libyaml's own limit, above ours
            problems.append(Problem(name, where, say("y.too_deep", depth=MAX_DEPTH)))
            return None, problems
        what: str = exc.problem or exc.context or say("y.invalid")
        if exc.context and exc.context_mark and exc.problem_mark:
            line = exc.context_mark.line + 1
            what = say("y.syntax_context", what=what, context=exc.context, line=line)
        problems.append(Problem(name, where, say("y.syntax", what=what)))
        return None, problems
    except yaml.reader.ReaderError as exc:
        # libyaml counts bytes of the UTF-8 text; PyYAML's own reader counts characters
        at = max(exc.position, 0)
        if "CSafeLoader" in loader.__name__:
            where = text.encode("utf-8", "surrogatepass")[:at].count(b"\n") + 1
        else:
            where = text.count("\n", 0, at) + 1
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1])
        what = say("y.control", code=f"{char:04X}", byte=f"{char:02x}")
        problems.append(Problem(name, where, what))
        return None, problems
    except yaml.YAMLError as exc:
        problems.append(Problem(name, None, say("y.syntax", what=exc)))
        return None, problems
    if root is None and not problems:
        problems.append(Problem(name, None, say("y.no_data")))
    return root, problems


def _scalar(event: Any, name: str, line: int, problems: list[Problem]) -> Any:
    value: str = event.value
    if event.tag not in _PLAIN_STR_TAGS:
        problems.append(Problem(name, line, say("y.tag", tag=event.tag)))
        return value
    if event.tag is not None or not event.implicit[0]:
        return value  # quoted or explicitly a string
    if value == "<<":
        problems.append(Problem(name, line, say("y.merge")))
        return value
    if re.fullmatch(_NULL, value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if re.fullmatch(_INT, value):
        if len(value) > MAX_DIGITS:
            problems.append(Problem(name, line, say("y.long_number", n=len(value))))
            return value
        return int(value)
    if re.fullmatch(_FLOAT, value):
        number = float(value)
        if not math.isfinite(number):  # JSON has no infinity: it would not be valid JSON
            problems.append(Problem(name, line, say("y.out_of_range", value=value[:40])))
            return value
        return number
    return value  # dates, yes/no, 0o17 … stay text
