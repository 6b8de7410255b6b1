"""The register database: export, what happens when the cache cannot be written, Pythons
without FTS5, and the wide way of searching a large register."""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import subprocess
import sys
from dataclasses import astuple
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES, ROOT
from cpdt_cli.answers import search
from cpdt_cli.data import cache, fulltext, store
from test_reliability import GOOD, env_for, write

QUERIES = ["chinh phu dien tu", "chu tich uy ban", "ai la chu tich uy ban 2020", "uy ban quoc gia",
           "unesco"]  # fmt: skip


def _answers(cpdt: Any) -> list[tuple[int, str, str]]:
    return [astuple(cpdt("search", q, "--json")) for q in QUERIES]


def _tables(path: Path) -> set[str]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return {name for (name,) in db.execute("select name from sqlite_master")}


# --- export ----------------------------------------------------------------------------------


def test_the_cache_key_names_the_layout_of_the_database() -> None:
    """A database of another layout is built again: its key changes with the layout."""
    assert cache.REGISTER_FORMAT == store.FORMAT


def test_export_writes_the_register_as_plain_tables(cpdt, tmp_path: Path) -> None:
    target = tmp_path / "register.db"
    r = cpdt("export", str(target))
    assert (r.code, r.out, r.err) == (0, f"đã ghi {target}\n", "")
    wanted = {"sources", "entities", "people", "instruments", "periods", "statements",
              "citations", "links", "glossary", "docs"}  # fmt: skip
    assert wanted <= _tables(target)
    with contextlib.closing(sqlite3.connect(target)) as db:
        defined = db.execute("select count(*) from statements where kind = 'definition'")
        assert defined.fetchone()[0] == cpdt("define", "--json").json()["count"] - _notes(cpdt)


def _notes(cpdt: Any) -> int:
    return sum(r["kind"] == "note" for r in cpdt("define", "--json").json()["results"])


@pytest.mark.skipif(not store.has_fts5(), reason="this Python's sqlite3 has no FTS5")
def test_export_carries_the_full_text_index(cpdt, tmp_path: Path) -> None:
    target = tmp_path / "register.db"
    assert cpdt("export", str(target)).code == 0
    sql = ("select d.item from docs_fts f join docs d on d.n = f.rowid "
           "where docs_fts match 'uy ban' order by rank")  # fmt: skip
    with contextlib.closing(sqlite3.connect(target)) as db:
        items = [i for (i,) in db.execute(sql)]
    assert {"body.ubqg", "ubqg.2021"} <= set(items)


def test_export_keeps_an_existing_file_without_force(cpdt, tmp_path: Path) -> None:
    target = tmp_path / "mine.db"
    target.write_bytes(b"my own work")
    r = cpdt("export", str(target))
    assert (r.code, r.out) == (2, "")
    assert r.err == f"cpdt: {target} đã tồn tại; thêm --force để ghi đè\n"
    assert target.read_bytes() == b"my own work"
    assert cpdt("export", "--force", str(target)).code == 0
    assert "statements" in _tables(target)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_export_to_a_folder_that_is_not_there_exits_4(cpdt, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "folder.db"
    r = cpdt("export", str(target))
    assert r.code == 4 and r.out == ""
    assert r.err.startswith(f"cpdt: không ghi được ra {target} (")
    assert "Traceback" not in r.err


# --- a cache that cannot be written ----------------------------------------------------------


def _no_cache_file(tmp_path: Path) -> None:
    folder = tmp_path / "cache" / "cpdt"
    assert not list(folder.glob("register-*")) if folder.exists() else True
    assert not list(folder.glob(".register-*")) if folder.exists() else True


def test_a_full_disk_still_answers_from_a_database_in_memory(
    cpdt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _answers(cpdt)
    (tmp_path / "cache").rename(tmp_path / "old-cache")

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store.os, "replace", full)
    assert _answers(cpdt) == expected
    _no_cache_file(tmp_path)


def test_a_read_only_cache_dir_still_answers(
    cpdt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _answers(cpdt)
    (tmp_path / "cache").rename(tmp_path / "old-cache")

    def read_only(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    import tempfile

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    assert _answers(cpdt) == expected
    _no_cache_file(tmp_path)


def test_a_build_that_fails_half_way_leaves_no_file(
    cpdt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _answers(cpdt)
    (tmp_path / "cache").rename(tmp_path / "old-cache")
    real = store.build

    def failing(db: sqlite3.Connection, *args: Any, **kwargs: Any) -> None:
        in_memory = db.execute("pragma database_list").fetchone()[2] == ""
        if not in_memory:
            db.execute("create table half (x)")
            raise sqlite3.OperationalError("database or disk is full")
        real(db, *args, **kwargs)

    monkeypatch.setattr(store, "build", failing)
    assert _answers(cpdt) == expected
    _no_cache_file(tmp_path)


# --- concurrent builders ---------------------------------------------------------------------


def test_builders_racing_on_one_large_file_each_leave_a_whole_database(tmp_path: Path) -> None:
    """Processes that all find no database build one each and rename it into place: every
    one answers, one file is left, and it opens as a whole database."""
    data = write(tmp_path, GOOD + "".join(f"# {'x' * 70} {n}\n" for n in range(20_000)))
    env = env_for(tmp_path)
    argv = [sys.executable, "-m", "cpdt_cli", "--data", data, "search", "unesco", "--json"]
    procs = [
        subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(6)
    ]
    results = [(p.communicate(timeout=300), p.returncode) for p in procs]
    assert {code for _, code in results} == {0}
    assert {err for (_, err), _ in results} == {b""}
    assert len({out for (out, _), _ in results}) == 1
    [built] = (tmp_path / "cache" / "cpdt").glob("register-*.db")
    with contextlib.closing(sqlite3.connect(built)) as db:
        assert db.execute("pragma integrity_check").fetchone() == ("ok",)
    assert not list((tmp_path / "cache" / "cpdt").glob(".register-*"))


# --- the key of a large file -----------------------------------------------------------------


def test_a_large_file_edited_in_place_keeping_size_and_mtime_is_seen(
    cpdt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "HASHED", 0)  # every file is keyed by its stamp
    path = Path(write(tmp_path, GOOD))
    before = cpdt("--data", str(path), "define", "--source", "unesco", "--json")
    info = path.stat()
    path.write_text(GOOD.replace("year: 2005", "year: 2006", 1), encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    after = cpdt("--data", str(path), "define", "--source", "unesco", "--json")
    assert before.json()["results"][0]["year"] == 2005
    assert after.json()["results"][0]["year"] == 2006


# --- without FTS5 ----------------------------------------------------------------------------


def test_without_fts5_every_search_gives_the_same_answer(
    cpdt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _answers(cpdt)
    (tmp_path / "cache").rename(tmp_path / "old-cache")
    monkeypatch.setattr(store, "has_fts5", lambda: False)
    assert _answers(cpdt) == expected
    [built] = (tmp_path / "cache" / "cpdt").glob("register-*.db")
    assert "docs_fts" not in _tables(built)
    monkeypatch.setattr(fulltext, "EXACT_REACH", -1)  # the wide way, too, answers without it
    search._KEPT.clear()
    for q in QUERIES:
        r = cpdt("search", q, "--json")
        assert r.code == 0 and r.json()["count"] > 0


@pytest.mark.skipif(not store.has_fts5(), reason="this Python's sqlite3 has no FTS5")
def test_a_database_with_fts5_read_by_a_python_without_it(
    cpdt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache shared by two Pythons: where FTS5 is missing, reading docs_fts fails as a
    table that is not there does; the search answers without it."""
    monkeypatch.setattr(fulltext, "EXACT_REACH", -1)
    expected = _answers(cpdt)
    [built] = (tmp_path / "cache" / "cpdt").glob("register-*.db")
    with contextlib.closing(sqlite3.connect(built)) as db:
        db.execute("drop table docs_fts")
        db.commit()
    search._KEPT.clear()
    got = _answers(cpdt)
    assert [code for code, _, _ in got] == [0] * len(QUERIES)
    assert got[1:2] == expected[1:2]  # "chu tich uy ban": its concepts' counts need no FTS5


# --- the wide way ----------------------------------------------------------------------------


def test_the_wide_way_gives_the_exact_answer_on_the_fixture(
    cpdt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Champion lists of two documents and every query taken the wide way: bounds stay bounds
    (a document missing from a list is bounded by its last impact), so the answer holds."""
    expected = _answers(cpdt)
    copy = tmp_path / "facts.yaml"  # another path: another key, a database built anew
    copy.write_bytes((FIXTURES / "facts.yaml").read_bytes())
    monkeypatch.setenv("CPDT_DATA", str(copy))
    monkeypatch.setattr(store, "CHAMPIONS", 2)
    monkeypatch.setattr(fulltext, "EXACT_REACH", -1)
    search._KEPT.clear()
    assert _answers(cpdt) == expected


@pytest.mark.parametrize("dense", [16, 0])  # the one-byte impacts, or the whole postings
def test_the_wide_way_unproven_still_gives_the_exact_answer_on_the_fixture(
    cpdt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dense: int
) -> None:
    """The champions' answer taken as it stands (as for a query reaching more than
    PROVE_REACH documents): its candidates are bounded as the exact plan bounds them, so
    the documents the lists name (a word's champions: as many as a search shows) are ranked
    exactly."""
    expected = _answers(cpdt)
    copy = tmp_path / "facts.yaml"
    copy.write_bytes((FIXTURES / "facts.yaml").read_bytes())
    monkeypatch.setenv("CPDT_DATA", str(copy))
    monkeypatch.setattr(store, "CHAMPIONS", 10)
    monkeypatch.setattr(store, "DENSE", dense)
    monkeypatch.setattr(fulltext, "EXACT_REACH", -1)
    monkeypatch.setattr(fulltext, "PROVE_REACH", -1)
    search._KEPT.clear()
    assert _answers(cpdt) == expected
    built = store.path_for(cache.key_for([copy]) or "")
    assert built is not None
    with contextlib.closing(sqlite3.connect(built)) as db:
        stored = db.execute("select count(*) from dense").fetchone()[0]
    assert (stored > 0) == (dense == 16)


def test_the_wide_way_bounds_only_the_documents_that_could_reach_the_answer(
    cpdt, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In two rounds (the documents holding every concept, then only those of the rest whose
    concepts could together reach the last of those scores) the answer is the one round's
    over every candidate, with fewer documents bounded. On the register itself: there, a
    bound of the rest half as large leaves out a document of the answer."""
    monkeypatch.setenv("CPDT_DATA", str(ROOT / "data" / "facts.yaml"))
    monkeypatch.setattr(fulltext, "EXACT_REACH", -1)
    monkeypatch.setattr(fulltext, "PROVE_REACH", -1)  # the wide answer stands, proven or not
    monkeypatch.setattr(fulltext, "GROUPED_FROM", 0)  # the register's candidates are fewer
    bounded: list[int] = []
    boosted = fulltext._Wide._boosted

    def counted(plan: Any, concept_bounds: list[dict[int, float]]) -> dict[int, float]:
        got = boosted(plan, concept_bounds)
        bounded.append(len(got))
        return got

    monkeypatch.setattr(fulltext._Wide, "_boosted", counted)
    queries = ["dau moi ky thuat xay dung chinh phu dien tu", "Luật An ninh mạng",
               "ai xây dựng cổng dịch vụ công quốc gia?", "UNESCO e-governance", "unesco"]  # fmt: skip
    two_rounds = [astuple(cpdt("search", q, "--json", "--limit", "3")) for q in queries]
    fewer = sum(bounded)
    bounded.clear()
    monkeypatch.setattr(fulltext, "GROUPED", 0)  # one round
    search._KEPT.clear()
    assert [astuple(cpdt("search", q, "--json", "--limit", "3")) for q in queries] == two_rounds
    assert 0 < fewer < sum(bounded)


def test_dense_impacts_bound_each_impact_within_one_step() -> None:
    impacts = {0: 0.3, 2: 1.7, 3: 1.7000000001, 5: 2.25, 6: 1e-9}
    scale, code = store._dense(impacts, 8)
    assert scale == 2.25 and len(code) == 8
    assert [d for d in range(8) if code[d]] == sorted(impacts)
    for d, impact in impacts.items():
        assert impact <= code[d] * scale / 255 < impact + scale / 255


def test_a_word_impacts_in_some_documents_are_its_postings_there(cpdt) -> None:
    assert cpdt("search", "uy ban", "--json").code == 0
    index = fulltext.StoredIndex(search._KEPT[0].db)
    whole = index._impact("uy")  # not wide: every posting
    n = index._n
    for docs in ({min(whole)}, {max(whole), n - 1}, set(range(n)), set(range(0, n, 3))):
        want = {i: v for i, v in whole.items() if i in docs}
        assert index._impacts_read("uy", docs) == want  # by search, or by intersection
        dense = index.impacts_in("uy", docs)  # one byte each where stored: a bound
        assert dense.keys() == want.keys()
        assert all(
            want[i] <= v < want[i] + max(whole.values()) / 255 + 1e-12 for i, v in dense.items()
        )


def test_each_document_kind_read_from_the_arrays_is_its_row_kind(cpdt) -> None:
    assert cpdt("search", "uy ban", "--json").code == 0
    index = fulltext.StoredIndex(search._KEPT[0].db)  # a fresh one: no row read yet
    rows = index.db.execute("select n, kind, entity_kind from docs order by n").fetchall()
    assert [(n, index.kind(n), index.entity_kind(n)) for n, _, _ in rows] == rows
    assert {k for _, k, _ in rows} >= {"entity", "definition"}
    assert any(e for _, _, e in rows)


# --- damage inside a whole file --------------------------------------------------------------


@pytest.mark.parametrize("command", [["define", "--json"], ["law", "--json"], ["sources", "--json"],
                                     ["search", "chu tich uy ban", "--json"]])  # fmt: skip
@pytest.mark.parametrize("where", [0.3, 0.5, 0.8])
def test_a_database_damaged_inside_answers_the_same(
    cpdt, tmp_path: Path, command: list[str], where: float
) -> None:
    """Bytes overwritten mid-file, the size kept: SQLite finds a malformed page, or a record
    no longer decodes; either way the database is built again and the answer is the same."""
    first = cpdt(*command)
    [built] = (tmp_path / "cache" / "cpdt").glob("register-*.db")
    data = bytearray(built.read_bytes())
    at = int(len(data) * where)
    data[at : at + 4096] = b"\xff" * 4096
    built.write_bytes(bytes(data))
    again = cpdt(*command)
    assert (again.code, again.out, again.err) == (first.code, first.out, first.err)


def test_a_cache_folder_named_like_a_uri_query_is_read_back(
    cpdt, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CPDT_CACHE_DIR", str(tmp_path / "odd ?mode=rwc#%20"))
    first = cpdt("define", "--json")
    [built] = (tmp_path / "odd ?mode=rwc#%20" / "cpdt").glob("register-*.db")
    stamp = built.stat().st_ino
    again = cpdt("define", "--json")
    assert (again.code, again.out) == (0, first.out)
    assert built.stat().st_ino == stamp  # served, not built again


# --- the register read a selection at a time ---------------------------------------------------


def test_each_way_of_selecting_statements_reads_what_the_whole_file_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The database's selections (SQL) and the in-memory model's (a scan) agree, in file order."""
    from cpdt_cli.data import facts as facts_mod
    from cpdt_cli.data.model import links as model_links

    monkeypatch.setenv("CPDT_CACHE_DIR", str(tmp_path))
    paths = [facts_mod.builtin_path()]
    stored = facts_mod.load(paths).statements
    problems, model = facts_mod.check(paths)
    assert not problems and model is not None
    scanned = model.statements
    assert isinstance(stored, store.StoredStatements)
    assert not isinstance(scanned, store.StoredStatements)

    def ids(statements: list[Any]) -> list[str]:
        return [st.id for st in statements]

    kinds = scanned.kinds()
    assert stored.kinds() == kinds and len(kinds) > 5
    for kind in sorted(kinds):
        assert ids(stored.of_kind(kind)) == ids(scanned.of_kind(kind))
        subjects = scanned.subjects(kind)
        assert stored.subjects(kind) == subjects
        many = subjects | {f"no-such-entity-{i}" for i in range(1200)}  # more than one SQL batch
        for chosen in (subjects, set(sorted(subjects)[::2]), {"no-such-entity"}, many):
            assert ids(stored.about(kind, chosen)) == ids(scanned.about(kind, chosen))
    sources = {c.source for st in scanned.values() for c in st.citations}
    assert len(sources) > 10
    for chosen in (sources, set(sorted(sources)[:3]), set()):
        for kind in ("definition", "role", "membership"):
            got = ids(stored.citing_any(kind, chosen))
            assert got == ids(scanned.citing_any(kind, chosen))
    refs = {r for st in scanned.values() for r in st.refs}
    for chosen in (refs, set(sorted(refs)[:4]), set()):
        for lo, hi in (("0000", "9999"), ("2019", "2020")):
            assert ids(stored.dated(lo, hi, chosen)) == ids(scanned.dated(lo, hi, chosen))
    assert ids(stored.dated()) == ids(scanned.dated()) and stored.dated("0000", "9999", refs)
    assert stored.citing_any("definition", sources)  # the comparison is not of empty lists
    assert stored.about("definition", scanned.subjects("definition"))
    targets = {t for st in scanned.values() for _, t in model_links(st)}
    for roles in (("ref", "basis", "state"), ("subject",), ("ref",)):
        for chosen in (targets, set(sorted(targets)[::3]), {"no-such-target"}, set()):
            got = stored.linked_to_any(chosen, roles)
            want = scanned.linked_to_any(chosen, roles)
            assert {t: ids(v) for t, v in got.items()} == {t: ids(v) for t, v in want.items()}
            assert got.keys() <= chosen
            for t in sorted(chosen)[:20]:  # the same as one target at a time
                assert ids(got.get(t, [])) == ids(scanned.linked(t, roles))
    assert len(stored.linked_to_any(targets, ("ref", "basis", "state"))) > 10


def test_a_table_reads_rows_by_id_until_it_is_walked() -> None:
    from cpdt_cli.data.model import ROWS_BEFORE_WHOLE, Table

    records = {f"e{i}": i for i in range(100)}
    calls = {"whole": 0, "row": 0}

    def whole() -> dict[str, int]:
        calls["whole"] += 1
        return dict(records)

    def row(key: str) -> int | None:
        calls["row"] += 1
        return records.get(key)

    table = Table(whole, row)
    assert table["e3"] == 3 and table.get("e3") == 3 and calls == {"whole": 0, "row": 1}
    assert "nope" not in table and table.get("nope") is None
    with pytest.raises(KeyError):
        table["nope"]
    assert calls["whole"] == 0
    for i in range(ROWS_BEFORE_WHOLE + 5):  # a query that names many: one read of it all
        assert table[f"e{i}"] == i
    assert calls["whole"] == 1 and calls["row"] == ROWS_BEFORE_WHOLE
    assert list(table) == list(records) and len(table) == 100 and calls["whole"] == 1
    walked = Table(whole)  # in memory: no rows to read, the collection itself
    assert list(walked.values())[:2] == [0, 1] and walked["e9"] == 9


def test_the_registers_folded_names_are_each_entitys_names_folded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """entities_named (the table of folded names) gives what folding every entity's names
    gives; `define --source` answers alike from it and from the model in memory (which folds
    the names itself), for every name of every entity."""
    from cpdt_cli.answers.define import define
    from cpdt_cli.data import facts as facts_mod
    from cpdt_cli.data.model import Facts, entity_names
    from cpdt_cli.errors import NotFound
    from cpdt_cli.text.normalize import fold

    monkeypatch.setenv("CPDT_CACHE_DIR", str(tmp_path))
    paths = [facts_mod.builtin_path()]
    stored = facts_mod.load(paths)
    _, model = facts_mod.check(paths)
    assert model is not None and model.entities_named("unesco") is None
    by_name: dict[str, set[str]] = {}
    for e in model.entities.values():
        for name in entity_names(e):
            by_name.setdefault(fold(name), set()).add(e.id)
    assert len(by_name) > 50
    for folded, ids in by_name.items():
        assert stored.entities_named(folded) == ids, folded
    assert stored.entities_named("no such name") == set()

    def answer(facts: Facts, name: str) -> object:
        try:
            got = define(facts, source=name)
        except NotFound as miss:
            return miss.message
        return [r.id for r in got.results], got.notices

    names = sorted({n for e in model.entities.values() for n in entity_names(e)})
    asked = [*names, "UNESCO", "ngan hang the gioi", "Liên Hợp Quốc", "unesko", "xyz"]
    answered = [answer(stored, name) for name in asked]
    assert answered == [answer(model, name) for name in asked]
    assert sum(isinstance(a, tuple) and bool(a[0]) for a in answered) > 5


def test_the_register_counts_each_sources_citations_as_the_model_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`sources`: how many citations name each source and the first of them, counted when the
    database is built, are what the model in memory counts."""
    from cpdt_cli.data import facts as facts_mod

    monkeypatch.setenv("CPDT_CACHE_DIR", str(tmp_path))
    paths = [facts_mod.builtin_path()]
    _, model = facts_mod.check(paths)
    assert model is not None
    counted = model.cited()
    assert len(counted) > 20 and any(n > 1 for n, _ in counted.values())
    assert facts_mod.load(paths).cited() == counted


def test_a_stored_register_answers_a_lookup_from_one_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cpdt_cli.data import facts as facts_mod

    monkeypatch.setenv("CPDT_CACHE_DIR", str(tmp_path))
    paths = [facts_mod.builtin_path()]
    facts_mod.load(paths)  # builds the database
    stored = facts_mod.load(paths)
    _, model = facts_mod.check(paths)
    assert model is not None
    for name in ("entities", "sources", "instruments", "committee_states", "glossary"):
        whole = getattr(model, name)
        table = getattr(stored, name)
        some = list(whole)[:3]
        assert [table[k] for k in some] == [whole[k] for k in some], name
        assert table.get("no-such-id") is None
        assert dict(table.items()) == dict(whole.items()), name
    fresh = facts_mod.load(paths)  # not yet walked: the register selects by kind
    assert fresh is not stored
    kinds = {e.kind for e in model.entities.values()}
    assert len(kinds) > 3
    for kind in sorted(kinds):
        expected = [e for e in model.entities.values() if e.kind == kind]
        assert fresh.entities.of_kind(kind) == expected == model.entities.of_kind(kind)
    assert fresh.entities.of_kind("model", "person") == [
        e for e in model.entities.values() if e.kind in ("model", "person")
    ]
    agencies = ("agency", "body", "working-group")
    for day in ("2019-12-31", "2025-02-28", "2025-03-01", "2026-12-01", "9999"):
        expected = [
            e for e in model.entities.values()
            if e.kind in agencies and e.valid_until and e.valid_until <= day
        ]  # fmt: skip
        assert fresh.entities.of_kind(*agencies, ended_by=day) == expected
        assert model.entities.of_kind(*agencies, ended_by=day) == expected
    assert fresh.entities.of_kind(*agencies, ended_by="9999")  # not only empty lists
    every = list(model.entities)
    many = set(every[::2]) | {f"no-such-{i}" for i in range(1200)}  # more than one SQL batch
    for wanted, chosen in ((("definer",), set(every[1::5])), ((), many), (("model",), set())):
        expected = [e for e in model.entities.values() if e.id in chosen or e.kind in wanted]
        assert expected, wanted
        assert fresh.entities.chosen(wanted, chosen) == expected
        assert model.entities.chosen(wanted, chosen) == expected
