"""What the start-up work and the cache promise, guarded: a warm lookup imports none of the
expensive or unneeded modules again, a model change invalidates old caches by itself, and a
stdout that cannot encode Vietnamese still gets a readable answer, never a traceback."""

from __future__ import annotations

import codecs
import importlib.util
import io
import json
import os
import subprocess
import sys
import typing
from pathlib import Path
from typing import Any

import msgspec
import pytest

from conftest import FIXTURES, ROOT
from cpdt_cli.data import cache, model
from test_reliability import env_for

# Modules a warm lookup must not import (README, "Hiệu năng"): the YAML parser and the
# validator (the cache holds the checked model), json and hashlib (msgspec and _blake2 do it),
# rapidfuzz (only when an exact match fails), rich.console (only for wide characters), tempfile
# (only to write the cache).
NEVER_WARM = {
    "yaml",
    "cpdt_cli.data.validate",
    "json",
    "hashlib",
    "rapidfuzz",
    "tempfile",
    "calendar",
}
# The MCP SDK, pydantic and anyio (about a second) are for `cpdt mcp` alone; the batch runner
# for batch and mcp (tests/test_agents.py checks that they are installed, so this can fail).
NEVER_WARM |= {"mcp", "pydantic", "anyio", "cpdt_cli.mcp_server", "cpdt_cli.batch"}
# the fact-file reader and its problems (a cold run's), and the words of Click's usage errors
NEVER_WARM |= {"cpdt_cli.data.yamlread", "cpdt_cli.data.problems", "cpdt_cli.usage"}
# The terminal typesets itself (render/typeset.py): no lookup imports Rich; help texts only for --help.
NEVER_WARM |= {"rich", "cpdt_cli.helptext"}
# msgspec is imported with stand-ins for these (__main__._import_msgspec): typing's own names
# serve, cpdt holds no Decimal, and only the schema's generation inspects types
NEVER_WARM |= {"typing_extensions", "decimal", "msgspec.inspect"}

WARM_CASES = [
    (["define", "--source", "unesco", "--json"], NEVER_WARM | {"cpdt_cli.render.typeset"}),
    (["define", "--source", "unesco"], NEVER_WARM | {"rich.console"}),  # piped: plain text
    (["define", "--source", "unesco", "--color", "always"], NEVER_WARM | {"rich.console"}),
    (
        ["committee", "--year", "2021", "--json"],
        NEVER_WARM | {"rich.console", "cpdt_cli.text.normalize"},
    ),
    (["committee", "--year", "2021"], NEVER_WARM | {"rich.console", "cpdt_cli.text.normalize"}),
    (["timeline", "--color", "always"], NEVER_WARM | {"rich.console", "cpdt_cli.text.normalize"}),
    (["search", "chinh phu dien tu", "--json"], NEVER_WARM | {"rich.console"}),
    (["search", "chu tich uy ban", "--json"], NEVER_WARM - {"rapidfuzz"} | {"rich.console"}),
    (["search", "ai la chu tich uy ban nam 2021"], NEVER_WARM - {"rapidfuzz"} | {"rich.console"}),
    (["search", "what is e-government", "--json"], NEVER_WARM - {"rapidfuzz"} | {"rich.console"}),
    (["law", "1619", "--json"], NEVER_WARM | {"rich.console"}),
    (["sources", "--format", "jsonl"], NEVER_WARM | {"rich.console"}),
]

PROBE = """
import atexit, sys
REPORT = sys.argv[1]
def _report():
    with open(REPORT, "w") as fh:
        fh.write("\\n".join(sorted(sys.modules)))
atexit.register(_report)
sys.argv = ["cpdt", *sys.argv[2:]]
from cpdt_cli.__main__ import main
main()
"""


def _modules_of(tmp_path: Path, args: list[str], data: Path = FIXTURES / "facts.yaml") -> set[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CPDT_")}
    env.update(CPDT_DATA=str(data), CPDT_CACHE_DIR=str(tmp_path / "cache"))
    env.pop("NO_COLOR", None)
    report = tmp_path / "modules.txt"
    command = [sys.executable, "-c", PROBE, str(report), *args]
    for _ in range(2):  # the first run fills the cache; the second is the warm one
        proc = subprocess.run(command, env=env, capture_output=True, timeout=120)
        assert proc.returncode == 0, proc.stderr.decode()
    return set(report.read_text(encoding="utf-8").split())


@pytest.mark.parametrize(("args", "forbidden"), WARM_CASES, ids=lambda v: " ".join(v))
def test_a_warm_lookup_imports_nothing_it_does_not_need(
    tmp_path: Path, args: list[str], forbidden: set[str]
) -> None:
    loaded = _modules_of(tmp_path, args)
    assert "cpdt_cli.data.cache" in loaded  # the probe saw a real run
    assert sorted(loaded & forbidden) == []


@pytest.mark.parametrize("args", [["define", "--json"], ["committee"], ["law", "--json"]])
def test_the_built_in_data_is_served_warm_from_the_cache(tmp_path: Path, args: list[str]) -> None:
    """The curated fact file, not only the fixture: its cached model must be served, or every
    lookup pays the parser and the validator again (~100 ms)."""
    loaded = _modules_of(tmp_path, args, ROOT / "data" / "facts.yaml")
    assert sorted(loaded & {"yaml", "cpdt_cli.data.validate"}) == []


def test_a_cold_lookup_does_parse_and_validate(tmp_path: Path) -> None:
    """The probe can see these modules: a cold run (no cache) imports them."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CPDT_")}
    env.update(CPDT_DATA=str(FIXTURES / "facts.yaml"), CPDT_NO_CACHE="1")
    report = tmp_path / "modules.txt"
    command = [sys.executable, "-c", PROBE, str(report), "define", "--json"]
    assert subprocess.run(command, env=env, capture_output=True, timeout=120).returncode == 0
    assert {"yaml", "cpdt_cli.data.validate"} <= set(report.read_text(encoding="utf-8").split())


# --- the cache follows the model ------------------------------------------------------------


def test_a_model_change_gives_new_cache_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Add a field to one record type deep in the model: every key changes, no manual bump.
    The same model.py gives the same key."""
    data = [FIXTURES / "facts.yaml"]
    before = cache.key_for(data)
    assert before is not None and before == cache.key_for(data)
    source = Path(model.__file__).read_text(encoding="utf-8")
    changed = source.replace(
        "    locator: str | None = None\n",
        "    locator: str | None = None\n    page: int | None = None  # the change\n",
        1,
    )
    assert changed != source
    keys = []
    for n, text in enumerate((source, changed)):
        copy = tmp_path / f"model_copy_{n}.py"
        copy.write_text(text, encoding="utf-8")
        spec = importlib.util.spec_from_file_location(copy.stem, copy)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        monkeypatch.setitem(sys.modules, copy.stem, module)
        spec.loader.exec_module(module)
        monkeypatch.setattr(cache, "Compiled", module.Compiled)
        keys.append(cache.key_for(data))
    assert keys[0] == before
    assert keys[1] != before
    monkeypatch.undo()
    assert cache.key_for(data) == before


def test_the_whole_model_is_defined_where_its_digest_is_read() -> None:
    """The key digests the source of model.py: every record type under Compiled lives there."""
    seen: set[type] = set()
    todo: list[object] = [model.Compiled]
    while todo:
        type_ = todo.pop()
        if isinstance(type_, type) and issubclass(type_, msgspec.Struct):
            if type_ not in seen:
                seen.add(type_)
                todo.extend(typing.get_type_hints(type_).values())
        else:
            todo.extend(getattr(type_, "__args__", ()))
    assert len(seen) >= 10
    assert {t.__module__ for t in seen} == {model.__name__}


def test_one_version_string() -> None:
    """The package version lives in cpdt_cli/__init__.py only; pyproject reads it from there."""
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject
    assert 'version = { attr = "cpdt_cli.__version__" }' in pyproject
    assert "\nversion =" not in pyproject.split("[tool.", 1)[0]


# --- a stdout that cannot encode Vietnamese (a Windows console) -----------------------------


def _run_encoded(tmp_path: Path, encoding: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CPDT_")}
    env.update(
        CPDT_DATA=str(FIXTURES / "facts.yaml"),
        CPDT_CACHE_DIR=str(tmp_path / "cache"),
        PYTHONIOENCODING=encoding,
    )
    return subprocess.run(
        [sys.executable, "-m", "cpdt_cli", *args], env=env, capture_output=True, timeout=120
    )


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_human_output_on_a_narrow_stdout_is_transliterated(tmp_path: Path, encoding: str) -> None:
    """Letters the encoding has are kept, the others lose only their marks ('Chính phủ' is
    'Chính phu' in cp1252 and 'Chinh phu' in ASCII): never a '?', never a traceback."""
    from unidecode import unidecode

    wide = _run_encoded(tmp_path, "utf-8", "define", "--source", "unesco")
    narrow = _run_encoded(tmp_path, encoding, "define", "--source", "unesco")
    assert narrow.returncode == 0 and narrow.stderr == b""

    def fits(c: str) -> bool:
        try:
            c.encode(encoding)
        except UnicodeEncodeError:
            return False
        return True

    expected = "".join(c if fits(c) else unidecode(c) for c in wide.stdout.decode("utf-8"))
    assert narrow.stdout.decode(encoding) == expected
    assert ("Chính phu" if encoding == "cp1252" else "Chinh phu") in expected


def test_json_on_a_narrow_stdout_is_lossless(tmp_path: Path) -> None:
    """--json is for programs: on a console that cannot take UTF-8 it escapes (\\uXXXX)
    rather than transliterate, so the data a program reads is the same."""
    wide = _run_encoded(tmp_path, "utf-8", "define", "--source", "unesco", "--json")
    narrow = _run_encoded(tmp_path, "cp1252", "define", "--source", "unesco", "--json")
    assert narrow.returncode == 0 and narrow.stderr == b""
    assert json.loads(narrow.stdout.decode("cp1252")) == json.loads(wide.stdout.decode("utf-8"))


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_reaches_every_unicode_stdout_in_its_encoding(
    tmp_path: Path, encoding: str, fmt: str
) -> None:
    """The JSON text msgspec writes as UTF-8 bytes goes to a UTF-8 stdout as it is; any other
    stdout gets the same text in its own encoding (utf-8-sig: after a byte order mark)."""
    args = ("sources", "--format", fmt)
    utf8 = _run_encoded(tmp_path, "utf-8", *args)
    other = _run_encoded(tmp_path, encoding, *args)
    assert (utf8.returncode, other.returncode, other.stderr) == (0, 0, b"")
    assert "Chính phủ" in utf8.stdout.decode("utf-8")
    assert other.stdout.decode(encoding) == utf8.stdout.decode("utf-8")
    assert other.stdout.startswith(codecs.BOM_UTF8) == (encoding == "utf-8-sig")


def test_encoded_text_is_written_in_order_with_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """output.write hands UTF-8 bytes to a UTF-8 stdout unchanged (the very object), after the
    text before them; a stdout in another encoding is given them as text."""
    from cpdt_cli import streams
    from cpdt_cli.render import output

    class Buffer(io.BytesIO):
        def __init__(self) -> None:
            super().__init__()
            self.given: list[bytes] = []

        def write(self, data: Any) -> int:
            self.given.append(data)
            return super().write(data)

    encoded = "“Chính phủ”\n".encode()
    for encoding in ("utf-8", "utf-8-sig", "utf-16-le"):
        raw = Buffer()
        stdout = streams.Stdout(io.TextIOWrapper(raw, encoding=encoding, newline=""))
        monkeypatch.setattr(sys, "stdout", stdout)
        output.write("Điều 1\n")
        output.write(encoded)
        assert raw.getvalue().decode(encoding) == "Điều 1\n“Chính phủ”\n", encoding
        assert any(data is encoded for data in raw.given) == (encoding == "utf-8"), encoding


# --- the house's rooms import one way (STYLE.md: file -> store -> answer -> result -> renderer) ---

PACKAGE = ROOT / "src" / "cpdt_cli"
ROOMS = ("text", "data", "answers", "render")
# what a room must not import (a renderer may read the result types, and nothing else of answers)
FORBIDDEN = {
    "text": ("data", "answers", "render", "cli", "options"),
    "data": ("answers", "render", "cli", "options"),
    "answers": ("render", "cli", "options"),
    "render": ("data", "answers", "cli", "options"),
}
ALLOWED = {"render": ("answers.results",)}


def _imports(path: Path) -> set[str]:
    """Every module a file imports, anywhere in it (imports inside functions count), as a
    name under cpdt_cli ("data.model")."""
    import ast

    package = path.relative_to(PACKAGE).with_suffix("").parts[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(package[: len(package) - node.level + 1])
            elif (node.module or "").startswith("cpdt_cli"):
                base, node.module = [], (node.module or "").removeprefix("cpdt_cli").lstrip(".")
            else:
                continue
            module = [*base, *(node.module.split(".") if node.module else [])]
            # `from . import store` names a module, `from .model import Facts` a name in one
            found |= {".".join([*module, alias.name]) for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {
                a.name.removeprefix("cpdt_cli.")
                for a in node.names
                if a.name.startswith("cpdt_cli.")
            }
    return found


@pytest.mark.parametrize("room", ROOMS)
def test_each_room_imports_only_the_rooms_before_it(room: str) -> None:
    files = sorted((PACKAGE / room).glob("*.py"))
    assert len(files) > 3
    wrong = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in files
        for name in sorted(_imports(path))
        if name.split(".")[0] in FORBIDDEN[room]
        and not any(name == a or name.startswith(a + ".") for a in ALLOWED.get(room, ()))
    ]
    assert not wrong


def test_the_import_rule_sees_imports_of_every_form() -> None:
    """Relative, nested and `from . import x` imports are all seen (the rule is not vacuous)."""

    def names(path: str) -> set[str]:
        return {".".join(name.split(".")[:2]) for name in _imports(PACKAGE / path)}

    assert {"answers.results", "render.output"} <= names("render/terminal.py")
    assert {"data.documents", "data.cache", "data.model"} <= names("data/store.py")
    assert {"answers.days", "data.model", "text.dates"} <= names("answers/committee.py")


def test_the_wheel_lists_every_package() -> None:
    """setuptools is given the packages by name: a room left out would be missing from the wheel."""
    import re

    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    block = re.search(r"^packages = \[(.*?)\]", pyproject, re.M | re.S)
    assert block, "pyproject.toml lists its packages"
    listed = set(re.findall(r'"([\w.]+)"', block[1]))
    found = {
        ".".join(init.parent.relative_to(ROOT / "src").parts)
        for init in (ROOT / "src" / "cpdt_cli").rglob("__init__.py")
    }
    assert found <= listed and "cpdt_cli.curated" in listed


# --- one command, one process ----------------------------------------------------------------


def test_one_command_runs_without_the_cycle_collector_and_gives_it_back(
    cpdt, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """The collector is off while a command runs (cheaper imports) and on again after it, for
    a caller in-process; batch and mcp, which live on, turn it on for themselves."""
    import gc

    from cpdt_cli.answers import define as define_

    seen: list[bool] = []
    real = define_.define

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(define_, "define", spy)
    monkeypatch.setenv("CPDT_DATA", str(FIXTURES / "facts.yaml"))
    assert gc.isenabled()
    assert cpdt("define", "--json").code == 0
    assert seen == [False]
    assert gc.isenabled()


def _python(
    probe: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """`python -c probe args…` in a process of its own, stdin empty, its output captured."""
    command = [sys.executable, "-c", probe, *args]
    return subprocess.run(command, input=b"", env=env, capture_output=True, timeout=120)


def test_batch_collects_its_cycles(tmp_path: Path) -> None:
    probe = (
        "import gc, sys; sys.argv = ['cpdt', 'batch']\n"
        "import cpdt_cli.batch as b\n"
        "real = b.run_batch\n"
        "def spy(*a, **k):\n"
        "    sys.stderr.write(f'collecting={gc.isenabled()}\\n'); return real(*a, **k)\n"
        "b.run_batch = spy\n"
        "from cpdt_cli.__main__ import main; main()\n"
    )
    proc = _python(probe, env=env_for(tmp_path))
    assert proc.returncode == 0, proc.stderr.decode()
    assert b"collecting=True" in proc.stderr


def test_the_program_leaves_at_once_yet_runs_what_was_registered_for_exit(tmp_path: Path) -> None:
    """run() skips the interpreter's teardown: the answer is whole, the exit code kept, and
    a handler registered for exit still runs, with the cycle collector still off (turned on
    after the command, its first pass would walk every object of the process)."""
    probe = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: sys.stderr.write(f'handler ran, collecting={gc.isenabled()}'))\n"
        "sys.argv = ['cpdt', *sys.argv[1:]]\n"
        "from cpdt_cli.__main__ import run; run()\n"
    )
    env = env_for(tmp_path)
    for args, code in ((["law", "--json"], 0), (["law", "no such law", "--json"], 1)):
        proc = _python(probe, *args, env=env)
        assert proc.returncode == code, proc.stderr.decode()
        assert json.loads(proc.stdout)["command"] == "law"
        assert proc.stderr.endswith(b"handler ran, collecting=False")
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'cpdt = "cpdt_cli.__main__:run"' in pyproject.splitlines()


def test_what_msgspec_is_imported_without_is_there_when_asked_for(cpdt, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A process that imported msgspec with stand-ins still generates the whole JSON Schema
    (msgspec's generator, reading types through its inspector), prints `cpdt schema`, and
    gets the real inspector and decimal when it asks for them."""
    from cpdt_cli.render import schema

    probe = (
        "import contextlib, io, sys\n"
        "sys.argv = ['cpdt', 'schema', 'search']\n"
        "from cpdt_cli.__main__ import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):\n"
        "    main()\n"
        "assert 'decimal' not in sys.modules and 'msgspec.inspect' not in sys.modules\n"
        "import msgspec\n"
        "assert type(msgspec.inspect.type_info(int)).__name__ == 'IntType'\n"
        "from cpdt_cli.render import schema\n"
        "sys.stdout.write(schema.text() + '\\0' + out.getvalue())\n"
        "import decimal, msgspec.inspect\n"
        "sys.stderr.write(type(msgspec.inspect.type_info(decimal.Decimal)).__name__)\n"
    )
    proc = _python(probe, env=env_for(tmp_path))
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stderr == b"DecimalType"
    generated, printed = proc.stdout.decode("utf-8").split("\0")
    assert generated == schema.text()
    assert json.loads(printed) == cpdt("schema", "search").json()


def test_a_msgspec_that_wants_more_than_the_stand_ins_is_imported_as_usual() -> None:
    probe = (
        "import sys, types\n"
        "import cpdt_cli.__main__ as m\n"
        "m._STAND_INS['decimal'] = lambda: types.ModuleType('decimal')  # no Decimal\n"
        "m._import_msgspec()\n"
        "import decimal, msgspec\n"
        "print('msgspec.inspect' in sys.modules, hasattr(decimal, 'Decimal'))\n"
        "print(msgspec.json.decode(b'[1.5]', type=list[decimal.Decimal]))\n"
    )
    proc = _python(probe)
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout.split(b"\n")[:2] == [b"True True", b"[Decimal('1.5')]"]


def test_no_candidates_no_fuzzy_matcher() -> None:
    """A hint with nothing to compare does not import rapidfuzz (tens of ms): an answer with
    no bodies, no sources of the kind, etc."""
    probe = (
        "import sys\n"
        "from cpdt_cli.text import normalize\n"
        "assert normalize.did_you_mean('co quan thu 3', []) == []\n"
        "assert normalize.suggest('co quan thu 3', iter([])) == []\n"
        "print('rapidfuzz' in sys.modules)\n"
        "named = [normalize.Named('a', 'Cơ quan thử 3', ('Cơ quan thử 3',))]\n"
        "print(normalize.did_you_mean('co quan thu', named) != [], 'rapidfuzz' in sys.modules)\n"
    )
    proc = _python(probe)
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout.split() == [b"False", b"True", b"True"]


def test_the_root_options_are_built_only_when_they_can_be_given(cpdt, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """With the command named first, the root's options are left out (they could only stand
    before it); options first still work; the app is whole again after each run."""
    from cpdt_cli import cli

    monkeypatch.setenv("CPDT_DATA", str(FIXTURES / "facts.yaml"))
    root = cli.app.registered_callback
    assert root is not None
    before = (root.callback, list(cli.app.registered_commands))
    first = cpdt("--json", "--lang", "en", "define")
    last = cpdt("define", "--json", "--lang", "en")
    assert first.code == last.code == 0
    assert first.json() == last.json()
    assert (root.callback, list(cli.app.registered_commands)) == before
