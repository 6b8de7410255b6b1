"""Hostile environments, hostile files, hostile input: an exit code and a message, never a
traceback (PRODUCT.md). Where the fault is the process's own plumbing (a closed pipe, a
missing stdin, an ASCII-only stdout, 32 processes at once), the test runs real processes."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, Run, need

GOOD = (FIXTURES / "facts.yaml").read_text(encoding="utf-8")
MARKUP = FIXTURES / "reliability_markup.yaml"
HEADING = "Định nghĩa Chính phủ điện tử"


def env_for(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CPDT_", "NO_COLOR"))}
    env.pop("FORCE_COLOR", None)
    env.update(CPDT_DATA=str(FIXTURES / "facts.yaml"), CPDT_CACHE_DIR=str(tmp_path / "cache"))
    env.update(extra)
    return env


def run(tmp_path: Path, *args: str | bytes, env: dict[str, str] | None = None,
        **kw: Any) -> subprocess.CompletedProcess[bytes]:  # fmt: skip
    kw.setdefault("stdin", subprocess.DEVNULL)
    return subprocess.run(
        [sys.executable, "-m", "cpdt_cli", *args],
        env=env or env_for(tmp_path),
        capture_output=True,
        timeout=120,
        **kw,
    )


def write(tmp_path: Path, text: str | bytes, name: str = "facts.yaml") -> str:
    path = tmp_path / name
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return str(path)


# --- the process's plumbing ----------------------------------------------------------------


def test_stdout_closed_by_its_reader(tmp_path: Path) -> None:
    """`cpdt define | head -0`: the reader is gone before cpdt writes. Exit 0, silence."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    proc = subprocess.run(
        [sys.executable, "-m", "cpdt_cli", "define"],
        env=env_for(tmp_path),
        stdin=subprocess.DEVNULL,
        stdout=write_end,
        stderr=subprocess.PIPE,
        timeout=120,
    )
    os.close(write_end)
    assert (proc.returncode, proc.stderr) == (0, b"")


def test_stdout_closed_after_one_line(tmp_path: Path) -> None:
    """`cpdt timeline | head -1`, whichever way the race goes."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "cpdt_cli", "define"],
        env=env_for(tmp_path),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline().decode().startswith(HEADING)
    proc.stdout.close()
    err = proc.stderr.read()
    assert (proc.wait(timeout=120), err) == (0, b"")


@pytest.mark.parametrize(
    "extra",
    [{"PYTHONIOENCODING": "ascii"}, {"PYTHONIOENCODING": "ascii", "LANG": "C", "LC_ALL": "C"}],
)
def test_stdout_that_cannot_encode_vietnamese(tmp_path: Path, extra: dict[str, str]) -> None:
    env = env_for(tmp_path, **extra)
    plain = run(tmp_path, "define", "--source", "unesco", env=env)
    assert (plain.returncode, plain.stderr) == (0, b"")
    text = plain.stdout.decode("ascii")  # nothing but ASCII
    assert text.startswith("Dinh nghia Chinh phu dien tu — 2".replace("—", "--"))
    assert "UNESCO (2005)" in text

    as_json = run(tmp_path, "define", "--source", "unesco", "--json", env=env)
    assert (as_json.returncode, as_json.stderr) == (0, b"")
    doc = json.loads(as_json.stdout.decode("ascii"))
    utf8 = json.loads(run(tmp_path, "define", "--source", "unesco", "--json").stdout)
    assert doc == utf8 and "\\u" in as_json.stdout.decode("ascii")

    miss = run(tmp_path, "define", "--source", "khong-co", env=env)
    assert miss.returncode == 1
    assert miss.stderr.decode("ascii").startswith("cpdt: khong co nguon 'khong-co'")


@pytest.mark.parametrize("how", ["devnull", "closed"])
def test_stdin_absent(tmp_path: Path, how: str) -> None:
    kw: dict[str, Any] = {"stdin": subprocess.DEVNULL}
    if how == "closed":
        kw["preexec_fn"] = lambda: os.close(0)
    proc = run(tmp_path, "define", "--source", "unesco", **kw)
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert proc.stdout.decode().startswith(HEADING)


# --- the fact file -------------------------------------------------------------------------
# (missing, a directory, empty, binary, not UTF-8, BOM, syntax errors, duplicate keys and ids:
# tests/test_check.py)


def test_unreadable_file(tmp_path: Path) -> None:
    """A chmod 000 file. Root reads it anyway (CI runs as root), so there the program runs
    without the capabilities that let root ignore file permissions (setpriv, util-linux)."""
    path = write(tmp_path, GOOD)
    os.chmod(path, 0)
    prefix: list[str] = []
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        need(setpriv is not None, "running as root and setpriv (util-linux) is missing")
        prefix = [str(setpriv), "--bounding-set=-dac_override,-dac_read_search", "--"]
    try:
        proc = subprocess.run(
            [*prefix, sys.executable, "-m", "cpdt_cli", "--data", path, "define"],
            env=env_for(tmp_path), stdin=subprocess.DEVNULL, capture_output=True, timeout=120,
        )  # fmt: skip
    finally:
        os.chmod(path, 0o644)
    r = Run(proc.returncode, proc.stdout.decode(), proc.stderr.decode())
    assert (r.code, r.out) == (3, "")
    assert r.err == f"cpdt: {path}: không có quyền đọc tệp\n"  # a process of its own: vi


@pytest.mark.usefixtures("english")
def test_huge_file(cpdt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cpdt_cli.data import yamlread

    monkeypatch.setattr(yamlread, "MAX_BYTES", 1000)
    path = write(tmp_path, GOOD)
    r = cpdt("--data", path, "define")
    assert (r.code, r.out) == (3, "")
    assert r.err.startswith(f"cpdt: {path}: larger than 1000 bytes; a fact file is text")


@pytest.mark.usefixtures("english")
def test_endless_device_is_refused_not_read_forever(cpdt, monkeypatch: pytest.MonkeyPatch) -> None:
    from cpdt_cli.data import yamlread

    monkeypatch.setattr(yamlread, "MAX_BYTES", 4096)
    r = cpdt("--data", "/dev/zero", "define")
    assert r.code == 3
    assert "cpdt: /dev/zero: larger than 4096 bytes" in r.err


def test_a_pipe_is_read_once_and_not_cached(cpdt, tmp_path: Path) -> None:
    """`--data <(…)`: hashing the pipe for the cache would leave nothing for the parser."""
    fifo = tmp_path / "facts.fifo"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "wb") as fh:
            fh.write(GOOD.encode())

    writer = threading.Thread(target=feed)
    writer.start()
    r = cpdt("--data", str(fifo), "define", "--source", "unesco", "--json")
    writer.join(10)
    assert r.code == 0, r.err
    assert r.json()["count"] == 2
    assert not list((tmp_path / "cache" / "cpdt").glob("*.msgpack"))


@pytest.mark.usefixtures("english")
def test_object_building_tag_never_runs(cpdt, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    for tag in (
        f"!!python/object/apply:os.system ['touch {marker}']",
        f"!!python/object/apply:builtins.open ['{marker}', 'w']",
        f"!!python/object/new:builtins.open ['{marker}', 'w']",
    ):
        path = write(tmp_path, GOOD.replace("year: 2005", f"year: {tag}", 1))
        for args in (("--data", path, "define"), ("check", path)):
            r = cpdt(*args)
            assert r.code == 3
            assert "is not allowed" in r.err and "Traceback" not in r.err
    assert not marker.exists()


BILLION_LAUGHS = """schema_version: 1
data_as_of: "2026"
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


@pytest.mark.usefixtures("english")
def test_alias_bomb_is_never_expanded(cpdt, tmp_path: Path) -> None:
    path = write(tmp_path, BILLION_LAUGHS)
    r = cpdt("check", path)
    assert r.code == 3
    assert f"{path}:4: YAML aliases (*name) are not allowed" in r.err
    # one problem per alias written (72) and per unknown key, not per expanded node (10^9)
    assert len(r.err.splitlines()) < 100


@pytest.mark.usefixtures("english")
def test_deep_nesting_is_capped_not_a_crash(cpdt, tmp_path: Path) -> None:
    # libyaml (PyYAML >= 6.0.4) may stop deep flow nesting itself, in its own words; either way
    # the answer is ours: exit 3, one problem at file:1, no traceback.
    depth = 100_000
    path = write(tmp_path, "x: " + "[" * depth + "]" * depth + "\n")
    r = cpdt("check", path)
    assert r.code == 3
    assert r.err.startswith(f"{path}:1: ") and "Traceback" not in r.err
    assert r.err.count(f"{path}:") == 1
    block = "".join(f"{'  ' * i}k{i}:\n" for i in range(2000))
    block_path = write(tmp_path, block, "block.yaml")
    r = cpdt("check", block_path)
    assert r.code == 3 and f"{block_path}:65: nested deeper than 64 levels" in r.err


@pytest.mark.usefixtures("english")
def test_deep_flow_nesting_without_libyaml(cpdt, tmp_path: Path, monkeypatch) -> None:
    """The pure-Python parser (PyYAML without libyaml) has no depth limit: ours applies."""
    import yaml

    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    depth = 100_000
    path = write(tmp_path, "x: " + "[" * depth + "]" * depth + "\n")
    r = cpdt("check", path)
    assert r.code == 3 and f"{path}:1: nested deeper than 64 levels" in r.err


# --- what a fact says is shown, never obeyed -----------------------------------------------

INERT_TEXT = "Đỏ \\x1b[31mRED\\x1b[0m và [bold]x[/bold] cùng [link=file:///etc/passwd]y[/link]"


def test_escapes_and_markup_inert_in_plain_output(cpdt) -> None:
    r = cpdt("--data", str(MARKUP), "define", "--source", "unesco", "--format", "plain")
    assert r.code == 0, r.err
    assert f"  {INERT_TEXT} [1]" in r.out.splitlines()
    assert "\x1b" not in r.out


def test_escapes_and_markup_inert_in_rich_output(tmp_path: Path) -> None:
    """A real terminal (a pseudo-terminal): Rich renders with colour, the fact stays text."""
    import pty

    env = env_for(tmp_path, CPDT_DATA=str(MARKUP), COLUMNS="200", TERM="xterm-256color")
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "cpdt_cli", "define", "--source", "unesco"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=subprocess.PIPE,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert proc.stderr is not None
    err = proc.stderr.read()
    assert (proc.wait(timeout=120), err) == (0, b"")
    out = b"".join(chunks).decode()
    assert "\x1b[1m" in out or "\x1b[1;" in out  # Rich's own styling is there
    assert INERT_TEXT in out
    assert "\x1b[31m" not in out  # the fact's own escape never reaches the terminal
    assert "\x1b]8;" not in out  # nor does a hyperlink made from its markup


# --- hostile queries -----------------------------------------------------------------------


def test_query_with_control_characters_is_echoed_inert(cpdt) -> None:
    r = cpdt("define", "a\x1b[2Jb\x07")
    assert r.code == 1
    assert r.err.startswith("cpdt: không có định nghĩa nào khớp với 'a\\x1b[2Jb\\x07'")
    assert "\x1b" not in r.err and "\x07" not in r.err


def test_query_with_lone_surrogates(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 on the command line arrive as lone surrogates."""
    proc = run(tmp_path, "define", b"\xff\xfeunesco\xed\xa0\x80")
    assert proc.returncode in (0, 1)
    assert b"Traceback" not in proc.stderr
    proc = run(tmp_path, "define", "--source", b"\xffunesco")
    assert proc.returncode in (0, 1), proc.stderr
    assert b"Traceback" not in proc.stderr


def test_query_of_100k_characters(cpdt) -> None:
    r = cpdt("define", "chinh phu " * 10_000)  # only the first 2,000 characters count
    assert (r.code, r.err) == (0, "")
    assert r.out.startswith(HEADING)
    r = cpdt("define", "qwerty " * 15_000)
    assert r.code == 1
    assert r.err.startswith("cpdt: không có định nghĩa nào khớp với 'qwerty qwerty")
    r = cpdt("define", "--source", "x" * 100_000)
    assert r.code == 1 and r.err.startswith("cpdt: không có nguồn 'xxx")


@pytest.mark.parametrize(
    ("year", "code", "message"),
    [
        ("abc", 2, "abc"),  # Click's words: assert only that the value is named
        ("-5", 2, "cpdt: --year -5: năm phải nằm trong khoảng 1900–2100"),
        (str(10**20), 2, f"cpdt: --year {10**20}: năm phải nằm trong khoảng 1900–2100"),
    ],
)
def test_impossible_years(cpdt, year: str, code: int, message: str) -> None:
    r = cpdt("committee", "--year", year)
    assert (r.code, r.out) == (code, "")
    assert message in r.err


# --- cache faults --------------------------------------------------------------------------


def cache_files(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache" / "cpdt").glob("register-*.db"))


def own_cache_files(folder: Path) -> list[Path]:
    """cpdt's own files in its cache folder, of every kind: registers, question lexicons, and
    the stamps that remember a settled file's key (written once a file is 3 s old)."""
    own = re.compile(r"register-[0-9a-f]{32}\.db|(?:questions|stamps)-[0-9a-f]{32}\.msgpack")
    return sorted(p for p in folder.iterdir() if own.fullmatch(p.name))


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda b: b"\x00garbage" * 10, id="corrupt"),
        pytest.param(lambda b: b[: len(b) // 2], id="truncated"),
        pytest.param(lambda b: b[:-7], id="short-by-a-few-bytes"),
        # a pickle that would create a file if it were ever unpickled
        pytest.param(
            lambda b: b[: b.index(b"\n") + 1] + b"\x80\x04\x95cos\nsystem\n(S'touch PWNED'\ntR.",
            id="foreign",
        ),
        pytest.param(lambda b: b"", id="empty"),
    ],
)
def test_damaged_cache_is_ignored_and_rebuilt(cpdt, tmp_path: Path, damage: Any) -> None:
    first = cpdt("define", "--json")
    assert first.code == 0
    [cached] = cache_files(tmp_path)
    good = cached.read_bytes()
    cached.write_bytes(damage(good))
    again = cpdt("define", "--json")
    assert (again.code, again.out, again.err) == (0, first.out, "")
    assert cached.read_bytes() == good  # rebuilt
    assert not Path("PWNED").exists()


def _changed(sql: str) -> Callable[[Path], None]:
    """A damage done through SQLite itself: the file stays whole, its rows lie."""

    def change(path: Path) -> None:
        with contextlib.closing(sqlite3.connect(path)) as db:
            db.execute(sql)
            db.commit()

    return change


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(_changed("update terms set docs = x'ffffff7f'"), id="document-out-of-range"),
        pytest.param(
            _changed("update terms set docs = docs || x'01'"), id="posting-cut-mid-number"
        ),
        pytest.param(_changed("update terms set impacts = x'00'"), id="impacts-disagree"),
        pytest.param(_changed("update docs set item = 'other.' || item"), id="ids-of-other-facts"),
        pytest.param(_changed("delete from docs where n % 2 = 0"), id="rows-missing"),
    ],
)
def test_damaged_search_rows_are_rebuilt(cpdt, tmp_path: Path, damage: Any) -> None:
    first = cpdt("search", "chinh phu dien tu", "--json")
    assert first.code == 0
    [stored] = cache_files(tmp_path)
    damage(stored)
    again = cpdt("search", "chinh phu dien tu", "--json")
    assert (again.code, again.out, again.err) == (0, first.out, "")
    again = cpdt("search", "chinh phu dien tu", "--json")  # served by the rebuilt file
    assert (again.code, again.out, again.err) == (0, first.out, "")


def test_cache_keeps_only_the_most_recently_used_files(
    cpdt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each edit of a fact file is a new key: old entries go, the one in use stays."""
    from cpdt_cli.data import cache
    from cpdt_cli.data.cache import KEEP

    # Every file counts as settled at once: its stamp is written on its first use. Else the
    # file in use settles RACY seconds after it was written, and a loop that takes about as
    # long has its stamp written, one more file, by the last run below.
    monkeypatch.setattr(cache, "RACY", -60.0)
    in_use = write(tmp_path, GOOD, "in-use.yaml")
    leftover = tmp_path / "cache" / "cpdt" / f".register-{'0' * 32}-crashed.tmp"
    for n in range(KEEP + 5):
        edited = write(tmp_path, GOOD + f"# edit {n}\n", f"edit-{n}.yaml")
        assert cpdt("--data", edited, "define", "--json").code == 0
        assert cpdt("--data", in_use, "define", "--json").code == 0
        if n == 0:
            leftover.write_bytes(b"half a file")
            os.utime(leftover, (1, 1))
    assert len(own_cache_files(tmp_path / "cache" / "cpdt")) == KEEP
    files = cache_files(tmp_path)
    stamps = [f.stat().st_ino for f in files]
    kept = cpdt("--data", in_use, "define", "--json")
    assert kept.code == 0
    assert cache_files(tmp_path) == files  # served, not rebuilt
    assert [f.stat().st_ino for f in files] == stamps
    assert not leftover.exists()


def test_edit_that_keeps_size_and_mtime_is_seen(cpdt, tmp_path: Path) -> None:
    path = Path(write(tmp_path, GOOD))
    before = cpdt("--data", str(path), "define", "--source", "unesco", "--json")
    stat = path.stat()
    path.write_text(GOOD.replace("year: 2005", "year: 2006", 1), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    after = cpdt("--data", str(path), "define", "--source", "unesco", "--json")
    assert before.json()["results"][0]["year"] == 2005
    assert after.json()["results"][0]["year"] == 2006


def test_a_settled_files_stamp_remembers_its_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unchanged file is hashed once; one changed less than RACY seconds ago each time (it
    could change again within its timestamp tick); an edit that keeps size and mtime, or a
    damaged memo, is hashed again."""
    from cpdt_cli.data import cache

    monkeypatch.setenv("CPDT_CACHE_DIR", str(tmp_path / "cache"))
    path = Path(write(tmp_path, GOOD))
    hashed: list[object] = []
    real = cache._contents_key

    def counting(*args: Any) -> str | None:
        hashed.append(args)
        return real(*args)

    monkeypatch.setattr(cache, "_contents_key", counting)
    first = cache.key_for([path])
    assert first is not None
    assert (cache.key_for([path]), len(hashed)) == (first, 2)  # just written: not remembered
    monkeypatch.setattr(cache, "RACY", -60.0)  # as if written a minute ago
    assert (cache.key_for([path]), len(hashed)) == (first, 3)  # remembered now
    assert (cache.key_for([path]), len(hashed)) == (first, 3)  # known by its stamp
    memo = next((tmp_path / "cache" / "cpdt").glob("stamps-*.msgpack"))
    memo.write_bytes(memo.read_bytes().replace(first.encode(), b"z" * 32))
    assert (cache.key_for([path]), len(hashed)) == (first, 4)  # not a key: hashed again
    info = path.stat()
    path.write_text(GOOD.replace("year: 2005", "year: 2006", 1), encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_size == info.st_size
    edited = cache.key_for([path])
    assert len(hashed) == 5 and edited not in (None, first)
    assert edited == real(*hashed[-1])  # type: ignore[arg-type]


@pytest.mark.parametrize("where", ["dir-is-a-file", "home-is-a-file", "no-home", "empty"])
def test_unusable_cache_dir_means_no_cache(
    cpdt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    if where == "dir-is-a-file":
        monkeypatch.setenv("CPDT_CACHE_DIR", str(blocker / "cache"))
    elif where == "empty":
        monkeypatch.setenv("CPDT_CACHE_DIR", "")
    else:
        monkeypatch.delenv("CPDT_CACHE_DIR")
        if where == "home-is-a-file":
            monkeypatch.setenv("HOME", str(blocker))
        else:
            monkeypatch.delenv("HOME", raising=False)
    for _ in range(2):
        r = cpdt("define", "--source", "unesco", "--json")
        assert (r.code, r.err) == (0, "")
        assert r.json()["count"] == 2


def test_number_too_big_for_the_cache_is_still_served(cpdt, tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("year: 2005", f"year: {10**20}", 1))
    for _ in range(2):
        r = cpdt("--data", path, "define", "--source", "unesco", "--json")
        assert (r.code, r.err) == (0, "")
        assert r.json()["results"][0]["year"] == 10**20
    assert len(cache_files(tmp_path)) == 1  # records are JSON: a number of any size is kept


def test_32_processes_on_a_cold_cache(tmp_path: Path) -> None:
    env = env_for(tmp_path)
    argv = [sys.executable, "-m", "cpdt_cli", "define", "--json"]
    procs = [
        subprocess.Popen(
            argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(32)
    ]
    results = [(p.communicate(timeout=300), p.returncode) for p in procs]
    outputs = {out for (out, _), _ in results}
    assert {code for _, code in results} == {0}
    assert {err for (_, err), _ in results} == {b""}
    assert len(outputs) == 1 and json.loads(outputs.pop())["count"] > 0
    assert len(cache_files(tmp_path)) == 1
    assert not list((tmp_path / "cache" / "cpdt").glob(".register-*"))  # no temp file left behind


# --- fuzz ----------------------------------------------------------------------------------

WORDS = [
    "define", "agency", "committee", "models", "timeline", "law", "sources", "search", "check",
    "paths", "--json", "--format", "plain", "json", "md", "table", "--source", "-s", "--year",
    "--on", "--from", "--to", "--kind", "--data", "--lang", "en", "vi", "--help", "--version",
    "unesco", "2021", "2021-09-24", "-1", "0", "g2b", "1619", "", " ", "--", "-", "ủy ban",
    "nonexistent.yaml", str(FIXTURES / "facts.yaml"), str(FIXTURES),
]  # fmt: skip
ARGS = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=30)), max_size=6)


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(args=ARGS)
def test_fuzz_arguments(cpdt, args: list[str]) -> None:
    r = cpdt(*args)
    assert r.code in (0, 1, 2, 3), (args, r.code)
    assert "Traceback" not in r.err + r.out


def mutate(text: str, data: st.DataObject) -> str:
    lines = text.split("\n")
    for _ in range(data.draw(st.integers(1, 3))):
        i = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["drop", "dup", "indent", "dedent", "replace", "cut"]))
        if action == "drop" and len(lines) > 1:
            del lines[i]
        elif action == "dup":
            lines.insert(i, lines[i])
        elif action == "indent":
            lines[i] = "  " + lines[i]
        elif action == "dedent":
            lines[i] = lines[i][2:]
        elif action == "replace":
            pieces = [":", "- ", "&a ", "*a", "!!str ", '"', "'", "{", "[", "#", "~", "2021-13-40",
                      "99999999999999999999999", "yes", "\t", "\x85", "\ufeff", "null"]  # fmt: skip
            piece = data.draw(st.one_of(st.sampled_from(pieces), st.text(max_size=5)))
            at = data.draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + piece + lines[i][at:]
        elif action == "cut":
            lines = lines[: i + 1]
    return "\n".join(lines)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(data=st.data())
def test_fuzz_fact_files(cpdt, tmp_path: Path, data: st.DataObject) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(mutate(GOOD, data).encode("utf-8", "surrogatepass"))
    for args in (("--data", str(path), "define", "--json"), ("check", str(path))):
        r = cpdt(*args)
        assert r.code in (0, 1, 3), (args, r.code, r.err)
        assert "Traceback" not in r.err + r.out


@given(st.text(alphabet=st.characters(codec=None, exclude_categories=())))
@example("a\n\x1b[31m\u202eb\tc\u00a0")
@settings(max_examples=500)
def test_inert_escapes_exactly_what_the_pattern_names(text: str) -> None:
    import re

    from cpdt_cli.render.output import _UNSAFE, _shown, inert

    expected = re.sub(_UNSAFE, lambda m: _shown(m[0]), text)
    assert inert(text) == expected
