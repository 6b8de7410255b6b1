"""The adversarial harness: hostile fact files, argument lists and environments, generated.

Whatever the input, cpdt must keep its promises (PRODUCT.md):
- the exit code is one of the documented ones (0, 1, 2, 3, 4 for a write error on stdout);
- no Python traceback, on either stream;
- stdout is empty or valid for its format (one JSON object that validates against the
  published schema, JSON Lines, RFC 4180 CSV, …), and empty for a usage or data error;
- human formats and messages carry no raw control, bidi or invisible character (colour
  codes excepted when colour is asked for);
- the exit code does not depend on whether stderr can be written.

Fact files are the fixtures mutated as trees (types, sizes, control and bidi characters,
escapes, unknown, missing and dangling ids, deep and long values) and as text (YAML syntax).
In-process runs keep it fast; the environments (closed and full streams, encodings, odd HOME
and cache settings) need real processes, so fewer of them are drawn. The whole file runs in
well under a minute.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from test_reliability import mutate

CODES = {0, 1, 2, 3, 4}
COMMANDS = ("define", "agency", "committee", "models", "timeline", "law", "sources", "search")
FORMATS = ("table", "plain", "json", "jsonl", "md", "csv", "bibtex")
FIXTURE_TREES = [
    yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))
    for name in ("facts.yaml", "reference.yaml", "search.yaml")
]
IDS = sorted(
    {item["id"] for tree in FIXTURE_TREES for v in tree.values() if isinstance(v, list)
     for item in v if isinstance(item, dict) and "id" in item}
)  # fmt: skip

# What must never reach a terminal raw: C0/C1 controls but newline and tab, bidi overrides,
# marks and isolates, invisible characters, Unicode line breaks, lone surrogates.
RAW = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff"
    "\ud800-\udfff]"
)
SGR = re.compile(r"\x1b\[[0-9;]*m")

# --- strategies ----------------------------------------------------------------------------

HOSTILE = (
    "\x00\x07\x08\x1b\x7f\x85\x9b\u202e\u2066\u200b\u200e\u200f\u061c\ufeff\u2028\u2029"
    "\t\r\n'\"\\`*_[]{}<>%$&#^~|=+-@:;,!? "
)
PIECES = [
    "\x1b[2J", "\x1b]0;PWNED\x07", "\x1b]52;c;SGVsbG8=\x07", "<script>alert(1)</script>",
    "[x](javascript:alert(1))", "=HYPERLINK(\"http://x\")", "\t=1+1", "\r@SUM(1)", "}{\\",
    "%s%n", "${HOME}", "Chính phủ điện tử", "CPĐT", "ủy ban", "ngày 1/2/2020", "٢٠١٩",
    "https://example.com/a b", "null", "~", "2021-02-30", "1.0e999", "9" * 400,
]  # fmt: skip
hostile_text = st.one_of(
    st.text(alphabet=st.sampled_from(HOSTILE) | st.characters(codec="utf-8"), max_size=40),
    st.sampled_from(PIECES),
    st.builds(lambda p, n: p * n, st.sampled_from(PIECES), st.integers(1, 400)),
)
scalars = st.one_of(
    hostile_text,
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.sampled_from(IDS),
    st.sampled_from([f"{i}.missing" for i in IDS[:5]] + ["org.nobody", ""]),
    st.sampled_from(["2021", "2021-09", "2021-09-24", "2019-02-29", "0000-00-00", "2021-9-1"]),
)
# What a command line can hold: anything but NUL (argv strings end at it).
argv_text = st.text(
    alphabet=st.sampled_from(HOSTILE[1:])
    | st.characters(codec="utf-8", blacklist_characters="\x00"),
    max_size=20,
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(hostile_text, inner, max_size=3),
    max_leaves=8,
)


def _places(node: Any, out: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in a tree, depth first."""
    if isinstance(node, dict):
        for key in list(node):
            out.append((node, key))
            _places(node[key], out)
    elif isinstance(node, list):
        for i in range(len(node)):
            out.append((node, i))
            _places(node[i], out)
    return out


def deep(depth: int) -> Any:
    value: Any = "đáy"
    for _ in range(depth):
        value = [value]
    return value


TEXT_KEYS = ("title", "name", "text", "text_en", "quote", "notes", "publisher", "author",
             "locator", "number", "role", "holder", "name_en", "title_en", "short")  # fmt: skip
NUMBERS = ["9" * 5000, "1.0e999", "-1.0e999", "12345678901234567890123", "0x1F", ".inf", "1e-400"]
SOURCE_OF = {id(tree): tree["sources"][0]["id"] for tree in FIXTURE_TREES if tree.get("sources")}


def mutate_tree(data: st.DataObject) -> str:
    """A fixture, changed in one to four places: a displayed text or a URL made hostile, a value
    of another type, a key dropped or unknown, an item repeated, a value deep or long, an id
    dangling; then, sometimes, numbers no parser should take and the YAML text itself."""
    import copy

    original = data.draw(st.sampled_from(FIXTURE_TREES))
    tree = copy.deepcopy(original)
    for _ in range(data.draw(st.integers(1, 4))):
        places = _places(tree, [])
        if not places:
            break
        action = data.draw(st.sampled_from(
            ["text", "text", "url", "value", "delete", "unknown", "duplicate", "deep", "long",
             "dangling"]
        ))  # fmt: skip
        if action in ("text", "url"):
            keys = TEXT_KEYS if action == "text" else ("url",)
            places = [p for p in places if isinstance(p[0], dict) and p[1] in keys] or places
        container, key = places[data.draw(st.integers(0, len(places) - 1))]
        if action == "text":
            container[key] = "x" + data.draw(hostile_text)  # non-empty: it stays valid
        elif action == "url":
            container[key] = "https://example.com/" + data.draw(hostile_text)
        elif action == "value":
            container[key] = data.draw(values)
        elif action == "delete":
            del container[key]
        elif action == "unknown" and isinstance(container, dict):
            container[data.draw(hostile_text)] = data.draw(values)
        elif action == "duplicate" and isinstance(container, list):
            container.append(copy.deepcopy(container[key]))
        elif action == "deep":
            container[key] = deep(data.draw(st.integers(10, 80)))
        elif action == "long":
            container[key] = data.draw(st.sampled_from(PIECES)) * data.draw(st.integers(1, 5000))
        elif action == "dangling":
            container[key] = data.draw(st.sampled_from(["org.nobody", "x.y.z", IDS[0] + "s"]))
    text = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False, width=10**6)
    if data.draw(st.booleans()) and id(original) in SOURCE_OF:  # numbers, written plain
        number = data.draw(st.sampled_from(NUMBERS))
        text = text.replace("year: 2005", f"year: {data.draw(st.sampled_from(NUMBERS))}", 1)
        if "statements:" in text:
            text += (f"- id: rank.hostile\n  kind: ranking\n  year: 2020\n  score: {number}\n"
                     f"  citations:\n  - source: {SOURCE_OF[id(original)]}\n    quote: q\n")  # fmt: skip
    if data.draw(st.booleans()):
        text = mutate(text, data)  # and the text itself: syntax, indentation, cut lines
    return text


def query_args(data: st.DataObject, command: str) -> tuple[list[str], list[str]]:
    """Options and positional arguments a command takes, with hostile values (the positional
    ones go last, after `--`, so that a value starting with `-` stays a value)."""
    text = st.one_of(argv_text, st.sampled_from(["unesco", "1619", "g2b", "dau moi", "ủy ban"]))
    words: list[str] = []
    if command in ("define", "agency", "models", "timeline", "law", "search"):
        words = ["--", data.draw(text)] if data.draw(st.booleans()) else []
    options = {
        "define": [("--source", text)],
        "committee": [("--year", st.integers(-5, 3000).map(str)), ("--on", text)],
        "timeline": [("--year", st.integers(1800, 2200).map(str)), ("--from", st.just("2018")),
                     ("--to", st.just("2019")), ("--kind", text)],
        "search": [("--kind", text), ("--limit", st.integers(-1, 300).map(str))],
    }.get(command, [])  # fmt: skip
    args: list[str] = []
    for name, values_ in options:
        if data.draw(st.booleans()):
            args += [name, data.draw(values_)]
    return args, words


# --- invariants ----------------------------------------------------------------------------


def assert_promises_kept(r: Any, fmt: str | None, color: bool = False) -> None:
    assert r.code in CODES, (r.code, r.err[-2000:])
    assert "Traceback" not in r.out + r.err, r.err[-2000:]
    if r.code in (2, 3, 4):
        assert r.out == ""
    for stream in (r.err, r.out if fmt not in ("csv",) else r.out.replace("\r\n", "\n")):
        shown = SGR.sub("", stream) if color else stream
        if fmt in ("json", "jsonl") and stream is r.out:
            continue  # JSON escapes what it must; checked by parsing
        assert not RAW.search(shown), repr(RAW.search(shown))
    if not r.out or fmt is None:
        return
    if fmt == "json":
        doc = json.loads(r.out, parse_constant=_not_json)
        assert doc["count"] == len(doc["results"]) and doc["schema_version"] == 1
    elif fmt == "jsonl":
        lines = r.out.splitlines()
        assert all(isinstance(json.loads(x, parse_constant=_not_json), dict) for x in lines)
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(r.out, newline="")))
        assert rows[0][0] == "id" and all(len(row) == len(rows[0]) for row in rows)
        formula = [c for row in rows for c in row if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
        assert not formula, formula
    elif fmt == "bibtex":
        assert r.out.startswith("@") and r.out.count("{") == r.out.count("}")
    elif fmt == "md":
        raw_tag = re.search(r"(?<!\\)<(?!https?://[^\s<>]*>)", r.out)  # only autolinks are <…>
        assert not raw_tag, r.out[max(0, raw_tag.start() - 40) : raw_tag.start() + 40]


def _not_json(constant: str) -> Any:
    raise AssertionError(f"{constant} is not JSON")


def bounded(examples: int) -> settings:
    return settings(
        max_examples=examples, deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )  # fmt: skip


@bounded(120)
@given(data=st.data())
def test_hostile_fact_files(cpdt, tmp_path: Path, data: st.DataObject, validate_output) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(mutate_tree(data), encoding="utf-8", errors="surrogatepass")
    r = cpdt("check", str(path))
    assert_promises_kept(r, None)
    command = data.draw(st.sampled_from(COMMANDS))
    fmt = data.draw(st.sampled_from(FORMATS))
    if fmt == "bibtex" and command not in ("sources", "define", "law"):
        fmt = "plain"
    options, words = query_args(data, command)
    args = ["--data", str(path), command, *options, "--format", fmt, "--color", "never", *words]
    r = cpdt(*args)
    assert_promises_kept(r, fmt)
    if fmt == "json" and r.code == 0:
        validate_output(json.loads(r.out))


@bounded(150)
@given(data=st.data())
def test_hostile_argument_lists(cpdt, data: st.DataObject) -> None:
    command = data.draw(st.sampled_from((*COMMANDS, "check", "paths")))
    options, words = ([], []) if command in ("check", "paths") else query_args(data, command)
    args = [command, *options]
    fmt = None
    if command not in ("check", "paths") and data.draw(st.booleans()):
        fmt = data.draw(st.sampled_from([*FORMATS, "xml", "\x1b[2J"]))
        args += ["--format", fmt]
    color = data.draw(st.sampled_from(["never", "always", "auto", "\u202e"]))
    lang = data.draw(st.sampled_from(["vi", "en", "EN", "xx", "\x07"]))
    before = data.draw(st.booleans())  # the shared options go before or after the command
    shared = ["--color", color, "--lang", lang]
    args = [*shared, *args, *words] if before else [*args, *shared, *words]
    r = cpdt(*args)
    assert_promises_kept(r, fmt if fmt in FORMATS else None, color=color == "always")


@bounded(40)
@given(text=argv_text)
def test_hostile_words_anywhere_on_the_command_line(cpdt, text: str) -> None:
    for args in (
        ["define", text],
        [text],
        ["search", "--kind", text, "x"],
        ["--data", text, "law"],
    ):
        assert_promises_kept(cpdt(*args), None)


# --- environments: real processes ----------------------------------------------------------


def _env(tmp: Path, choice: dict[str, str | None]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("CPDT_", "NO_COLOR", "FORCE_COLOR", "CLICOLOR", "LC_", "LANG"))}  # fmt: skip
    env["CPDT_DATA"] = str(FIXTURES / "facts.yaml")
    env["CPDT_CACHE_DIR"] = str(tmp / "cache")
    for name, value in choice.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value.replace("{tmp}", str(tmp))
    return env


ENVIRONMENTS = st.fixed_dictionaries({
    "PYTHONIOENCODING": st.sampled_from([None, "ascii", "latin-1", "utf-8", "cp1258"]),
    "LC_ALL": st.sampled_from([None, "C", "en_US.UTF-8", "vi_VN.UTF-8"]),
    "HOME": st.sampled_from([None, "", "relative", "{tmp}/nonexistent", "{tmp}/a-file"]),
    "CPDT_CACHE_DIR": st.sampled_from([None, "", "relative", "{tmp}/cache", "{tmp}/a-file/x"]),
    "XDG_CACHE_HOME": st.sampled_from([None, "relative", "{tmp}/xdg"]),
    "CPDT_LANG": st.sampled_from([None, "en", "xx"]),
    "NO_COLOR": st.sampled_from([None, "1"]),
    "FORCE_COLOR": st.sampled_from([None, "1"]),
})  # fmt: skip
STDOUT = st.sampled_from(["pipe", "closed", "full"])
STDERR = st.sampled_from(["pipe", "closed", "full"])
ARGV = st.sampled_from([
    ["define", "--json"], ["timeline"], ["law", "--format", "csv"], ["sources", "--format", "bibtex"],
    ["committee", "--year", "1900"], ["search", "ủy ban", "--format", "jsonl"], ["--help"],
    ["--version"], ["check"], ["paths"], ["define", "--source", "khong-co"], ["--bogus"],
])  # fmt: skip


def _spawn(
    tmp: Path, argv: list[str], env: dict[str, str], out: str, err: str
) -> tuple[int, bytes, bytes]:
    closing = [fd for fd, how in ((1, out), (2, err)) if how == "closed"]
    with open(os.devnull if sys.platform == "win32" else "/dev/full", "wb") as full:
        streams = {"pipe": subprocess.PIPE, "closed": subprocess.DEVNULL, "full": full}
        proc = subprocess.run(
            [sys.executable, "-m", "cpdt_cli", *argv], env=env, stdin=subprocess.DEVNULL,
            stdout=streams[out], stderr=streams[err], timeout=120, cwd=tmp,
            preexec_fn=(lambda: [os.close(fd) for fd in closing]) if closing else None,
        )  # fmt: skip
    return proc.returncode, proc.stdout or b"", proc.stderr or b""


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@bounded(20)
@given(choice=ENVIRONMENTS, argv=ARGV, out=STDOUT, err=STDERR)
def test_hostile_environments(tmp_path: Path, choice: dict[str, Any], argv: list[str], out: str,
                              err: str) -> None:  # fmt: skip
    (tmp_path / "a-file").write_text("not a folder")
    env = _env(tmp_path, choice)
    code, stdout, stderr = _spawn(tmp_path, argv, env, "pipe", "pipe")
    assert code in CODES and b"Traceback" not in stderr, stderr[-2000:]
    text = stderr.decode("utf-8", "replace")
    if choice["FORCE_COLOR"]:
        text = SGR.sub("", text)  # styles were asked for (NO_COLOR leaves bold and dim)
    assert not RAW.search(text), text
    # the same run with broken streams: stderr never changes the exit code; stdout that cannot
    # be written is exit 4 exactly when there was something to write
    broken_code, _, broken_err = _spawn(tmp_path, argv, env, out, err)
    expected = 4 if out != "pipe" and stdout else code
    assert broken_code == expected, (broken_code, expected, broken_err[-2000:])
    assert b"Traceback" not in broken_err
    # a relative HOME or cache dir, or a HOME that is not there, is never created
    assert not (tmp_path / "relative").exists() and not (tmp_path / "nonexistent").exists()
