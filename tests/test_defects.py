"""One test per defect of the second adversarial pass (numbered as in its report): each asserts
the exit code and cpdt's own message, and failed before the fix. Faults of the process's own
plumbing (closed and full streams, a terminal, argument bytes) run real processes."""

from __future__ import annotations

import contextlib
import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES
from test_reliability import GOOD, env_for, own_cache_files, write

FIXTURE = str(FIXTURES / "facts.yaml")
SOURCE = "hoidap-dau-moi"
QUOTE = "Chính phủ điện tử là gì?"
CITE = f'    citations: [{{source: {SOURCE}, quote: "{QUOTE}"}}]\n'


def run(tmp_path: Path, *args: str | bytes, env: dict[str, str] | None = None,
        timeout: float = 120, **kw: Any) -> subprocess.CompletedProcess[bytes]:  # fmt: skip
    """`python -m cpdt_cli ARGS…` in a process of its own; stdout and stderr piped unless given."""
    kw.setdefault("stdin", subprocess.DEVNULL)
    kw.setdefault("stdout", subprocess.PIPE)
    kw.setdefault("stderr", subprocess.PIPE)
    argv = [sys.executable, "-m", "cpdt_cli", *args]
    return subprocess.run(argv, env=env or env_for(tmp_path), timeout=timeout, **kw)


def with_statements(extra: str, base: str = GOOD) -> str:
    """The fixture with more statements at the end (its last section)."""
    return base.rstrip("\n") + "\n" + extra


# --- 1. validation stays linear with many dangling references -------------------------------


@pytest.mark.usefixtures("english")
def test_01_many_dangling_references_compare_spellings_only_a_few_times(
    cpdt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import difflib

    calls = []
    real = difflib.get_close_matches

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counted)
    extra = "".join(
        f"  - id: dangling.{i}\n    kind: goal\n    subject: org.renamed-{i}\n{CITE}"
        for i in range(60)
    )
    path = write(tmp_path, with_statements(extra))
    r = cpdt("check", path)
    assert len(calls) <= 5  # a pass over every id for 5 of them, not for all 60
    assert r.code == 3
    assert r.err.count(": subject: no entity with id 'org.renamed-") == 60
    assert r.err.endswith(f"cpdt: 60 problems in {path}\n")


# --- 2. closed and full streams -------------------------------------------------------------


@pytest.mark.parametrize("args", [("timeline",), ("--help",), ("--version",)])
def test_02_stdout_closed_is_a_write_error(tmp_path: Path, args: tuple[str, ...]) -> None:
    proc = run(tmp_path, *args, preexec_fn=lambda: os.close(1))
    assert proc.returncode == 4
    assert proc.stderr.decode() == "cpdt: không ghi được ra stdout (Bad file descriptor)\n"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [("timeline",), ("define", "--json"), ("--version",)])
def test_02_stdout_full_is_a_write_error(tmp_path: Path, args: tuple[str, ...]) -> None:
    with open("/dev/full", "wb") as full:
        proc = run(tmp_path, *args, stdout=full)
    assert proc.returncode == 4
    assert proc.stderr.decode() == "cpdt: không ghi được ra stdout (No space left on device)\n"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_02_stderr_full_keeps_the_exit_code(tmp_path: Path) -> None:
    bad = write(tmp_path, "x: 1\n")
    with open("/dev/full", "wb") as full:
        proc = run(tmp_path, "check", bad, stderr=full)
    assert (proc.returncode, proc.stdout) == (3, b"")


def test_02_stderr_closed_keeps_notices_out_of_json(tmp_path: Path) -> None:
    env = env_for(tmp_path, CPDT_OVERLAY=str(FIXTURES / "reference.yaml"))
    proc = subprocess.run(
        [sys.executable, "-m", "cpdt_cli", "define", "--json"],
        env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        preexec_fn=lambda: os.close(2), timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["command"] == "define"  # nothing printed before the `{`


# --- 3, 4. escapes and markup in URLs -------------------------------------------------------

HOSTILE_URLS = [
    "https://example.com/\x1b]0;PWNED\x07\x1b[2J",
    "https://example.com/><script>alert(1)</script>",
]


@pytest.mark.parametrize("url", HOSTILE_URLS, ids=["escapes", "markup"])
@pytest.mark.usefixtures("english")
def test_03_04_a_url_with_escapes_or_markup_is_refused(cpdt, tmp_path: Path, url: str) -> None:
    quoted = url.replace("\x1b", "\\e").replace("\x07", "\\a")
    text = GOOD.replace(
        'url: "https://portal.unesco.org/ci/en/ev.php-URL_ID=3038"', f'url: "{quoted}"'
    )
    path = write(tmp_path, text)
    r = cpdt("check", path)
    assert r.code == 3
    assert "url '" in r.err and "has a character a URL cannot hold" in r.err
    assert "\x1b" not in r.err


def _answer_with(url: str, notes: str | None = None) -> Any:
    from cpdt_cli.answers import results as r

    source = r.SourceRef(id="s", title="T", publisher=None, date=None, url=url)
    result = r.Source(
        id="s", kind="source", title="T", publisher=None, author=None, reviewed_by=None,
        date=None, url=url, language="vi", external=False, inferred={}, notes=notes,
        notes_en=None, provenance=None, cited_by=1,
        citations=[r.Citation(source=source, quote="q", locator=None)],
    )  # fmt: skip
    return r.Answer("sources", {}, [result])


@pytest.mark.parametrize("url", HOSTILE_URLS, ids=["escapes", "markup"])
@pytest.mark.parametrize("fmt", ["md", "bibtex"])
def test_03_04_markdown_and_bibtex_never_print_a_url_raw(url: str, fmt: str) -> None:
    """Should a URL get past validation (a cache, a future field), the renderer still holds."""
    from cpdt_cli.render import formats

    text = formats.render(_answer_with(url, notes=url), fmt, formats.Options())
    assert "\x1b" not in text and "\x07" not in text
    assert "<script>" not in text
    assert "%1B]0;PWNED%07%1B[2J" in text or "%3E%3Cscript%3E" in text


# --- 5, 6. numbers ----------------------------------------------------------------------------


@pytest.mark.usefixtures("english")
def test_05_an_endless_whole_number_is_a_data_error(cpdt, tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("year: 2005", "year: " + "9" * 5000, 1))
    line = GOOD[: GOOD.index("year: 2005")].count("\n") + 1
    for args in (("check", path), ("--data", path, "define")):
        r = cpdt(*args)
        assert r.code == 3
        assert f"{path}:{line}: a number of 5000 digits is too long" in r.err


@pytest.mark.usefixtures("english")
def test_06_an_infinite_number_is_a_data_error(cpdt, tmp_path: Path) -> None:
    extra = f"  - id: rank.inf\n    kind: ranking\n    score: 1.0e999\n{CITE}"
    path = write(tmp_path, with_statements(extra))
    r = cpdt("--data", path, "search", "ranking", "--json")
    assert r.code == 3
    assert r.err.startswith(f"cpdt: {path}:")
    assert "the number 1.0e999 is out of range" in r.err


# --- 7, 22. the pager -----------------------------------------------------------------------


def _run_on_a_terminal(tmp_path: Path, pager: str, *args: str) -> tuple[int, bytes]:
    """cpdt with stdout on a pseudo-terminal (so that it pages); its exit code and output."""
    main, child = pty.openpty()
    env = env_for(tmp_path, PAGER=pager, LINES="5", COLUMNS="80", TERM="xterm")
    proc = subprocess.Popen(
        [sys.executable, "-m", "cpdt_cli", *args],
        env=env, stdin=subprocess.DEVNULL, stdout=child, stderr=subprocess.PIPE,
    )  # fmt: skip
    os.close(child)
    out = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(main, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        elif proc.poll() is not None:
            break
    code = proc.wait(30)
    os.close(main)
    return code, out


def test_07_ctrl_c_while_paging_waits_for_the_pager(tmp_path: Path) -> None:
    marker = tmp_path / "pager-finished"
    script = tmp_path / "pager.py"
    script.write_text(
        "import os, signal, sys, time\n"
        "sys.stdin.read()\n"
        "os.kill(os.getppid(), signal.SIGINT)  # the user presses Ctrl-C in the pager\n"
        "time.sleep(1.5)\n"
        f"open({str(marker)!r}, 'w').close()\n"
    )
    code, _ = _run_on_a_terminal(tmp_path, f"{sys.executable} {script}", "define", "--no-pager")
    assert code == 0  # --no-pager: no pager to interrupt
    code, _ = _run_on_a_terminal(tmp_path, f"{sys.executable} {script}", "define")
    assert code == 0
    assert marker.exists()  # cpdt was still there when the pager ended


def test_22_a_pager_that_exits_non_zero_has_still_shown_the_text(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from cpdt_cli.render import output

    seen = tmp_path / "seen.txt"
    monkeypatch.setenv("PAGER", f"sh -c 'cat > {seen}; exit 1'")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("shutil.get_terminal_size", lambda *a: os.terminal_size((80, 3)))
    output.show("1\n2\n3\n4\n", pager=True)
    assert seen.read_text() == "1\n2\n3\n4\n"
    assert capsys.readouterr().out == ""  # not printed a second time


# --- 8. options before and after the command add up -----------------------------------------


@pytest.mark.usefixtures("english")
def test_08_repeated_options_before_and_after_the_command_add_up(cpdt, tmp_path: Path) -> None:
    first = write(tmp_path, "entities:\n  - id: org.pm\n    kind: agency\n    name: A\n", "a.yaml")
    second = write(
        tmp_path, "entities:\n  - id: body.ubqg\n    kind: body\n    name: B\n", "b.yaml"
    )
    r = cpdt("--overlay", first, "define", "--overlay", second, "--json")
    assert r.code == 0, r.err
    assert f"cpdt: {first}:2: 'org.pm' overrides {FIXTURE}:" in r.err
    assert f"cpdt: {second}:2: 'body.ubqg' overrides {FIXTURE}:" in r.err
    r = cpdt("--data", FIXTURE, "define", "--data", second, "--json")
    assert r.code == 0, r.err
    assert f"cpdt: {second}:2: 'body.ubqg' overrides {FIXTURE}:" in r.err


# --- 9. law and agency are linear in the data -----------------------------------------------


class _Counted(dict):  # type: ignore[type-arg]
    """A section of the model that counts full passes over it."""

    passes = 0

    def values(self) -> Any:
        type(self).passes += 1
        return super().values()

    def __iter__(self) -> Any:
        type(self).passes += 1
        return super().__iter__()


def _chain_of_instruments(n: int) -> str:
    items = "".join(
        f"  - id: ins.{i}\n    number: \"{i}/QĐ\"\n    type: decision\n    date: \"2020\"\n"
        f"    title: \"Văn bản {i}\"\n"
        + (f"    relations: [{{type: amends, target: ins.{i - 1}}}]\n" if i else "")
        + CITE
        for i in range(n)
    )  # fmt: skip
    roles = "".join(
        f'  - id: role.{i}\n    kind: role\n    subject: org.e{i}\n    role: "nhiệm vụ {i}"\n'
        + CITE
        for i in range(n)
    )
    entities = "".join(
        f'  - id: org.e{i}\n    kind: agency\n    name: "Cơ quan {i}"\n' for i in range(n)
    )
    text = GOOD.replace("instruments:\n", "instruments:\n" + items, 1)
    text = text.replace("entities:\n", "entities:\n" + entities, 1)
    return with_statements(roles, text)


@pytest.mark.parametrize("command", ["law", "agency"])
def test_09_law_and_agency_pass_over_the_data_a_fixed_number_of_times(
    tmp_path: Path, command: str
) -> None:
    from cpdt_cli.answers import agency, law
    from cpdt_cli.data import facts as facts_mod
    from cpdt_cli.data.model import Facts

    problems, checked = facts_mod.check([Path(write(tmp_path, _chain_of_instruments(80)))])
    assert checked is not None, problems
    section = "instruments" if command == "law" else "entities"
    counted = type("Counted", (_Counted,), {"passes": 0})
    compiled = checked.compiled()
    setattr(compiled, section, counted(getattr(compiled, section)))
    facts = Facts.of(compiled)
    answer = law.law(facts) if command == "law" else agency.agency(facts)
    assert len(answer.results) >= 80
    assert counted.passes < 10  # not once per instrument or per body


# --- 10, 14, 18. the cache ------------------------------------------------------------------


def test_10_pruning_never_touches_files_that_are_not_cpdt_s(cpdt, tmp_path: Path) -> None:
    shared = tmp_path / "cache"
    shared.mkdir()
    foreign = [
        shared / ".thesis.docx.tmp",
        shared / "register-notes.db",
        shared / "questions-x.msgpack",
    ]
    own = shared / "cpdt"
    own.mkdir()
    foreign += [own / ".register-mine.tmp", own / "register-mine.db", own / "notes.txt"]
    for path in foreign:
        path.write_text("someone else's")
        os.utime(path, (1, 1))
    from cpdt_cli.data.cache import KEEP

    for n in range(KEEP + 6):  # more data sets than the cache keeps: pruning runs
        assert cpdt("--data", write(tmp_path, GOOD + f"# {n}\n"), "define", "--json").code == 0
    assert all(path.exists() for path in foreign)
    assert len(own_cache_files(own)) == KEEP  # ours pruned; theirs kept


def _warm(cpdt, *args: str) -> Any:
    first = cpdt(*args)
    assert first.code == 0, first.err
    return first


def test_14_a_cache_file_of_other_data_is_not_served(cpdt, tmp_path: Path) -> None:
    other = write(tmp_path, GOOD.replace("year: 2005", "year: 1999", 1), "other.yaml")
    mine = _warm(cpdt, "define", "--source", "unesco", "--json")
    _warm(cpdt, "--data", other, "define", "--source", "unesco", "--json")
    files = sorted((tmp_path / "cache").rglob("register-*.db"), key=os.path.getmtime)
    theirs_file, mine_file = files[-1], files[0]
    mine_file.write_bytes(theirs_file.read_bytes())  # copied over ours
    again = cpdt("define", "--source", "unesco", "--json")
    assert (again.code, again.out, again.err) == (0, mine.out, "")


def _cache_file(tmp_path: Path) -> Path:
    [path] = (tmp_path / "cache").rglob("register-*.db")
    return path


def test_14_a_fifo_in_place_of_the_cache_file_is_a_miss(tmp_path: Path) -> None:
    assert run(tmp_path, "define", "--json").returncode == 0
    path = _cache_file(tmp_path)
    path.unlink()
    os.mkfifo(path)
    try:
        proc = run(tmp_path, "define", "--json", timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("cpdt waited forever on a FIFO in its cache")
    assert (proc.returncode, proc.stderr) == (0, b"")


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def test_14_a_link_to_an_endless_device_is_a_miss(tmp_path: Path) -> None:
    assert run(tmp_path, "define", "--json").returncode == 0
    path = _cache_file(tmp_path)
    path.unlink()
    path.symlink_to("/dev/zero")
    try:
        proc = run(tmp_path, "define", "--json", timeout=60, preexec_fn=_limit_memory)
    except subprocess.TimeoutExpired:
        pytest.fail("cpdt read /dev/zero")
    assert (proc.returncode, proc.stderr) == (0, b"")


def test_14_a_database_whose_search_rows_name_other_items_is_rebuilt(cpdt, tmp_path: Path) -> None:
    import sqlite3

    first = _warm(cpdt, "search", "chinh phu dien tu", "--json")
    path = _cache_file(tmp_path)
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("update docs set item = 'other.' || item")
        db.commit()
    again = cpdt("search", "chinh phu dien tu", "--json")
    assert (again.code, again.out, again.err) == (0, first.out, "")
    with contextlib.closing(sqlite3.connect(path)) as db:
        assert db.execute("select count(*) from docs where item like 'other.%'").fetchone() == (0,)


@pytest.mark.parametrize("home", ["{tmp}/nonexistent-home", "relative-home", ""])
def test_18_a_missing_or_relative_home_is_never_created(
    cpdt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, home: str
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CPDT_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", home.format(tmp=tmp_path))
    before = set(os.listdir(tmp_path))
    r = cpdt("define", "--json")
    assert (r.code, r.err) == (0, "")
    assert set(os.listdir(tmp_path)) == before


def test_18_a_relative_cache_dir_is_ignored(
    cpdt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("CPDT_CACHE_DIR", "relative-cache")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(home))
    r = cpdt("define", "--json")
    assert (r.code, r.err) == (0, "")
    assert os.listdir(work) == []
    assert list((home / ".cache" / "cpdt").glob("register-*.db"))


# --- 11. digits that are not ASCII ----------------------------------------------------------


@pytest.mark.usefixtures("english")
def test_11_arabic_indic_digits_are_not_a_date(cpdt, tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace('date: "2021-09-24"', 'date: "٢٠١٩-٠٥-٠٥"', 1))
    r = cpdt("check", path)
    assert r.code == 3
    assert "date '٢٠١٩-٠٥-٠٥' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)" in r.err
    r = cpdt("committee", "--on", "٢٠١٠-٠١-٠١")
    assert (r.code, r.out) == (2, "")
    assert r.err.startswith("cpdt: --on '٢٠١٠-٠١-٠١' is not a valid date")


# --- 12. an unreadable --data file ----------------------------------------------------------


@pytest.mark.usefixtures("english")
def test_12_an_unreadable_data_file_is_a_data_error(
    cpdt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, GOOD)
    real_open = Path.open

    def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
        if str(self) == path:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    # what an unreadable file looks like to a user who is not root
    monkeypatch.setattr(os, "access", lambda *a, **k: False)
    monkeypatch.setattr(Path, "open", refuse)
    for args in (("--data", path, "define"), ("check", path), ("--overlay", path, "define")):
        r = cpdt(*args)
        assert (r.code, r.out) == (3, ""), args
        assert f"{path}: permission denied: cannot read the file" in r.err


# --- 13. machine formats are lossless on any stdout -----------------------------------------


@pytest.mark.parametrize(
    "args", [("law", "--format", "jsonl"), ("law", "--format", "csv"),
             ("sources", "--format", "bibtex")],
)  # fmt: skip
def test_13_machine_formats_lose_nothing_on_an_ascii_stdout(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    utf8 = run(tmp_path, *args)
    ascii_ = run(tmp_path, *args, env=env_for(tmp_path, PYTHONIOENCODING="ascii"))
    assert (utf8.returncode, ascii_.returncode, ascii_.stderr) == (0, 0, b"")
    if args[-1] == "jsonl":
        assert [json.loads(x) for x in ascii_.stdout.splitlines()] == [
            json.loads(x) for x in utf8.stdout.splitlines()
        ]
    else:
        assert ascii_.stdout == utf8.stdout
    assert "Quyết định" in utf8.stdout.decode() or "Chính phủ" in utf8.stdout.decode()


# --- 15. file names are shown, never obeyed -------------------------------------------------


def test_15_file_names_with_escapes_are_shown_inert(
    cpdt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, GOOD, "x\x1b]0;PWNED\x07.yaml")
    shown = path.replace("\x1b", "\\x1b").replace("\x07", "\\x07")
    r = cpdt("check", path)
    assert r.code == 0
    assert r.out.startswith(f"OK: {shown} — ")
    monkeypatch.setenv("CPDT_OVERLAY", path)
    r = cpdt("paths")
    assert r.code == 0
    assert f"lớp phủ: {shown}\n" in r.out
    assert "\x1b" not in r.out + r.err
    r = cpdt("check", write(tmp_path, "x: 1\n", "y\x1b[2J.yaml"))
    assert r.code == 3 and "\x1b" not in r.err and "y\\x1b[2J.yaml" in r.err


# --- 16. a file with no data ----------------------------------------------------------------


@pytest.mark.parametrize("text", ["# only a comment\n", "~\n", "---\n# nothing\n"])
@pytest.mark.usefixtures("english")
def test_16_a_file_without_data_says_so(cpdt, tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    r = cpdt("check", path)
    assert r.code == 3
    assert (
        r.err
        == f"{path}: no data: only comments, or an empty document\ncpdt: 1 problem in {path}\n"
    )
    for args in (("--data", path, "define"), ("--overlay", path, "define")):
        r = cpdt(*args)
        assert (r.code, r.out) == (3, "")
        assert r.err == f"cpdt: {path}: no data: only comments, or an empty document\n"


# --- 17. an instrument without a date -------------------------------------------------------


def test_17_an_undated_instrument_shows_no_none(cpdt, tmp_path: Path) -> None:
    overlay = write(tmp_path, f"""\
instruments:
  - id: qd-2-end
    number: "2/QĐ"
    type: decision
    title: "Chấm dứt"
{CITE}committee_states:
  - id: ubqg.2021
    body: body.ubqg
    name: "Ủy ban Quốc gia về chuyển đổi số"
    valid_from: "2021-09-24"
    valid_until: "2022-01-01"
    ended_by: qd-2-end
    instrument: qd-1619-2021
    change: renamed
{CITE}""", "ended.yaml")  # fmt: skip
    r = cpdt("--overlay", overlay, "committee", "--year", "2021", "--format", "plain")
    assert r.code == 0, r.err
    assert "None" not in r.out
    assert "  Chấm dứt theo: 2/QĐ: Chấm dứt\n" in r.out


# --- 19. CSV cells a spreadsheet would run --------------------------------------------------


@pytest.mark.parametrize("lead", ["\\t", "\\r"])
def test_19_csv_cells_starting_with_tab_or_cr_are_kept_as_text(
    cpdt, tmp_path: Path, lead: str
) -> None:
    text = GOOD.replace('title: "Luật An ninh mạng"', f'title: "{lead}=HYPERLINK(1)"', 1)
    r = cpdt("--data", write(tmp_path, text), "law", "--format", "csv")
    assert r.code == 0, r.err
    cells = [row.split(",")[4] for row in r.out.split("\r\n")[1:] if row]  # text: the title
    assert any(c.startswith("'") and "=HYPERLINK(1)" in c for c in cells), cells


# --- 20, 21. language --------------------------------------------------------------------------


def test_20_english_messages_echo_the_query_as_typed(cpdt) -> None:
    r = cpdt("--lang", "en", "define", "ngày 1/2/2020")
    assert r.code == 1
    assert r.err.startswith("cpdt: no definition matches 'ngày 1/2/2020'\n")
    assert "cpdt search 'ngày 1/2/2020'" in r.err  # the hint too


def test_21_a_bad_cpdt_lang_is_named_as_such(cpdt, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CPDT_LANG", "xx")
    r = cpdt("define")
    assert (r.code, r.out) == (2, "")
    assert r.err == "cpdt: CPDT_LANG không có giá trị 'xx'; chọn một trong: vi, en\n"
    r = cpdt("define", "--lang", "yy")
    assert r.err == "cpdt: --lang không có giá trị 'yy'; chọn một trong: vi, en\n"


# --- 23. one huge field ---------------------------------------------------------------------


def test_23_a_snippet_of_a_huge_field_folds_one_stretch(monkeypatch: pytest.MonkeyPatch) -> None:
    from cpdt_cli.text import normalize

    folded: list[int] = []
    real = normalize.fold

    def counted(text: str, limit: int | None = normalize.MAX_QUERY) -> str:
        folded.append(len(text))
        return real(text, limit)

    monkeypatch.setattr(normalize, "fold", counted)
    text = "lorem ipsum " * 100_000 + "dịch vụ công trực tuyến " + "dolor " * 1000
    shown = normalize.snippet(text, {"truc", "tuyen"})
    assert "trực tuyến" in shown and shown.startswith("… ") and shown.endswith(" …")
    assert len(folded) < 5000  # stretches and the words of one: not each of 200,000 words


# --- 24. strictness -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("schema_version: 1", "schema_version: true"), ":2: schema_version must be 1"),
        (('data_as_of: "2026-11-23"', 'data_as_of: "2026-11-23"\n"a\\0b": 1'),
         ":4: key 'a\\x00b' has a control character"),
        (("  - id: thoidai-2020", "  - &src id: thoidai-2020"),
         ":9: YAML anchors (&name) are not allowed"),
        (('valid_from: "2021-09-24"', 'valid_from: "2021-09-24"\n    valid_until: "2021-09-24"'),
         "'ubqg.2021': valid_until 2021-09-24 is valid_from: an empty period"),
    ],
)  # fmt: skip
@pytest.mark.usefixtures("english")
def test_24_strictness(cpdt, tmp_path: Path, edit: tuple[str, str], message: str) -> None:
    assert edit[0] in GOOD
    path = write(tmp_path, GOOD.replace(*edit, 1))
    r = cpdt("check", path)
    assert r.code == 3
    assert message in r.err


# --- 25. invisible and direction-changing characters ----------------------------------------


@pytest.mark.parametrize(
    "char", ["\u200e", "\u200f", "\u061c", "\u200b", "\ufeff", "\u2028", "\u2029"]
)
def test_25_invisible_characters_are_shown(cpdt, char: str) -> None:
    r = cpdt("define", "--source", f"x{char}y")
    assert r.code == 1
    assert r.err.startswith("cpdt: không có nguồn 'x\ufffdy'\n")


# --- 26. argument bytes that are not UTF-8 --------------------------------------------------


def test_26_undecodable_argument_bytes_are_shown(tmp_path: Path) -> None:
    name = os.fsencode(tmp_path) + b"/\xff\xfe.yaml"
    proc = run(tmp_path, b"--data", name, b"define")
    assert proc.returncode == 3
    assert proc.stderr.decode() == f"cpdt: {tmp_path}/\\xff\\xfe.yaml: không có tệp này\n"


# --- 27. wording --------------------------------------------------------------------------------


@pytest.mark.usefixtures("english")
def test_27_wording(cpdt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dangling = with_statements(f"  - id: x\n    kind: goal\n    subject: org.nobody\n{CITE}")
    r = cpdt("check", write(tmp_path, dangling))
    assert r.code == 3 and "subject: no entity with id 'org.nobody'" in r.err
    overlay = write(tmp_path, "sources:\n  - id: org.pm\n    title: T\n", "o.yaml")
    r = cpdt("--overlay", overlay, "check")
    assert r.code == 3 and f"id 'org.pm' is an entity in {FIXTURE}:" in r.err

    bell = write(tmp_path, GOOD.replace('name: "UNESCO"', 'name: "UNE\x07SCO"', 1), "bell.yaml")
    r = cpdt("check", bell)
    line = GOOD[: GOOD.index('name: "UNESCO"')].count("\n") + 1
    assert r.code == 3 and f"{bell}:{line}: control character U+0007 is not allowed" in r.err

    utf16 = tmp_path / "utf16.yaml"
    utf16.write_bytes(GOOD.encode("utf-16-le"))
    r = cpdt("check", str(utf16))
    assert r.code == 3 and f"{utf16}: UTF-16 text: save the file as UTF-8" in r.err

    monkeypatch.setenv("CPDT_OVERLAY", FIXTURE)
    r = cpdt("paths")
    assert r.code == 0 and f"data in use: {FIXTURE}\n" in r.out
