"""For scripts and agents: `cpdt batch`, `--fields`, `cpdt schema` and the MCP server `cpdt mcp`.

Every answer given in batch or over MCP must be the `--json` object the same command line
prints, so the tests compare them with the real entry point's output on the fixture data."""

from __future__ import annotations

import functools
import io
import json
import os
import sys
from pathlib import Path
from typing import Any

import anyio
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, ROOT, SCHEMA
from cpdt_cli.data import facts

REFERENCE = FIXTURES / "reference.yaml"  # agencies, models, definitions over the fixture


def batch(cpdt, monkeypatch, text: str | bytes, *args: str):  # type: ignore[no-untyped-def]
    data = text.encode() if isinstance(text, str) else text
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    r = cpdt(*args, "batch")
    lines = [json.loads(line) for line in r.out.splitlines()]  # stdout: JSON lines only
    return r, lines


def line(ident: Any, *args: str) -> str:
    return json.dumps({"id": ident, "args": list(args)}) + "\n"


# --- cpdt batch ----------------------------------------------------------------------------


def test_batch_answers_each_line_in_order_with_the_json_of_that_command(cpdt, monkeypatch):
    queries = [
        ["committee", "--year", "2021"],
        ["law", "1619"],
        ["sources"],
        ["search", "chu tich", "-n", "2"],
        ["timeline", "--from", "2018", "--to", "2019"],
    ]
    text = "".join(line(f"q{i}", *q) for i, q in enumerate(queries))
    r, out = batch(cpdt, monkeypatch, text)
    assert r.code == 0
    assert [o["id"] for o in out] == [f"q{i}" for i in range(len(queries))]
    for query, answer in zip(queries, out, strict=True):
        single = cpdt(*query, "--json")
        assert answer == {"id": answer["id"], "exit": 0, "result": single.json()}
        assert list(answer) == ["id", "exit", "result"]


def test_batch_takes_a_bare_array_of_arguments(cpdt, monkeypatch):
    _, out = batch(cpdt, monkeypatch, '["law", "1619"]\n')
    assert out == [{"id": None, "exit": 0, "result": cpdt("law", "1619", "--json").json()}]


def test_batch_miss_gives_exit_1_the_message_and_the_count_0_object(cpdt, monkeypatch):
    r, out = batch(cpdt, monkeypatch, line(7, "law", "xyzzy"))
    single = cpdt("law", "xyzzy", "--json")
    assert r.code == 0 and single.code == 1
    [answer] = out
    assert answer["exit"] == 1 and answer["id"] == 7
    assert answer["error"].splitlines() == [
        e.removeprefix("cpdt: ").strip() for e in single.err.splitlines()
    ]
    assert answer["result"]["count"] == 0 and answer["result"]["results"] == []
    assert answer["result"]["command"] == "law"


@pytest.mark.usefixtures("english")
def test_batch_usage_and_data_errors_keep_their_exit_codes(cpdt, monkeypatch, tmp_path):
    text = (
        line(1, "committee", "--year", "abc")
        + line(2, "law", "--nope")
        + line(3, "--data", str(tmp_path / "missing.yaml"), "law")
        + line(4, "committee", "--year", "2021")
    )
    r, out = batch(cpdt, monkeypatch, text)
    assert r.code == 0
    assert [(o["id"], o["exit"]) for o in out] == [(1, 2), (2, 2), (3, 3), (4, 0)]
    assert "--year" in out[0]["error"] and "--nope" in out[1]["error"]
    assert out[2]["error"] == f"{tmp_path / 'missing.yaml'}: no such file"


def test_batch_malformed_lines_are_answered_and_the_batch_goes_on(cpdt, monkeypatch):
    text = (
        (
            b"not json\n"
            b'"a string"\n'
            b"\n"  # blank: skipped, no answer
            b'{"id": 5}\n'
            b'{"id": 6, "args": ["law", 1619]}\n'
            b'{"id": 7, "args": ["law"], "limit": 3}\n'
            b'{"id": 8, "args": ["check"]}\n'
            b'{"id": 9, "args": ["law", "--help"]}\n'
            b'{"id": 10, "args": ["--version", "law"]}\n'
        )
        + b'["law", "\xff\xfe"]\n'
        + line(11, "law", "1619").encode()
    )
    r, out = batch(cpdt, monkeypatch, text)
    assert r.code == 0
    assert [(o["id"], o["exit"]) for o in out] == [
        (None, 2), (None, 2), (5, 2), (6, 2), (7, 2), (8, 2), (9, 2), (10, 2), (None, 2), (11, 0),
    ]  # fmt: skip
    messages = [o.get("error") for o in out]
    assert messages[0].startswith("dòng này không phải JSON (trình đọc JSON báo: ")
    assert messages[1] == 'mỗi dòng là một đối tượng {"id": …, "args": […]} hoặc một mảng đối số'
    assert messages[2] == 'thiếu "args"'
    assert messages[3] == '"args" phải là một mảng chuỗi, ví dụ ["committee", "--year", "2021"]'
    assert messages[4] == "khóa lạ: limit; một dòng có các khóa: id, args"
    assert messages[5].startswith("batch chỉ chạy các lệnh: define, agency, committee")
    assert messages[6] == "batch không chạy --help"
    assert messages[7] == "batch không chạy --version"
    assert "result" not in out[0]


def test_batch_and_the_cli_refuse_a_nul_in_an_argument(cpdt, monkeypatch):
    """JSON can carry "\\u0000" where no command line can; the OS would refuse it as a path."""
    _, out = batch(cpdt, monkeypatch, line(1, "--data", "\x00", "law") + line(2, "law", "a\x00b"))
    assert [(o["exit"], o["error"]) for o in out] == [(2, "một đối số có ký tự NUL (\\x00)")] * 2
    r = cpdt("--data", "\x00")
    assert (r.code, r.out, r.err) == (2, "", "cpdt: một đối số có ký tự NUL (\\x00)\n")


def test_batch_messages_in_english(cpdt, monkeypatch):
    _, out = batch(cpdt, monkeypatch, '{"id": 1}\n' + line(2, "law", "xyzzy"), "--lang", "en")
    assert out[0]["error"] == '"args" is missing'
    assert out[1]["error"].startswith("no legal instrument matches 'xyzzy'")


def test_batch_reads_the_data_once(cpdt, monkeypatch):
    loads = []
    real = facts._load
    monkeypatch.setattr(facts, "_load", lambda paths: loads.append(paths) or real(paths))
    _, out = batch(cpdt, monkeypatch, line(1, "law", "1619") * 3 + line(2, "sources"))
    assert [o["exit"] for o in out] == [0, 0, 0, 0]
    assert len(loads) == 1
    assert facts._kept is None  # nothing stays behind for the rest of the process


def test_batch_sees_an_edited_fact_file(cpdt, monkeypatch, tmp_path):
    """A runner keeps the data it read only while the file is unchanged (size, mtime)."""
    from cpdt_cli.batch import Runner

    data = tmp_path / "facts.yaml"
    data.write_text((FIXTURES / "facts.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    runner = Runner([data])
    before = runner.run(["law", "1619"])
    text = data.read_text(encoding="utf-8").replace("1619/QĐ-TTg", "1620/QĐ-TTg")
    data.write_text(text, encoding="utf-8")
    os.utime(data, ns=(1, 1))
    after = runner.run(["law", "1620"])
    assert before.exit == 0 and after.exit == 0
    assert after.result is not None and "1620/QĐ-TTg" in json.dumps(
        after.result, ensure_ascii=False
    )


def test_batch_options_apply_to_every_line_and_lines_may_add_their_own(cpdt, monkeypatch):
    text = line(1, "agency") + line(2, "law", "1619", "--fields", "id,title")
    _, out = batch(cpdt, monkeypatch, text, "--overlay", str(REFERENCE))
    assert out[0]["result"] == cpdt("--overlay", str(REFERENCE), "agency", "--json").json()
    assert out[0]["result"]["count"] == 3
    assert out[1]["result"]["results"] == [{"id": "qd-1619-2021", "title": "1619/QĐ-TTg"}]


def test_batch_words_after_double_dash_are_a_query(cpdt, monkeypatch):
    _, out = batch(cpdt, monkeypatch, line(1, "law", "--", "--help"))
    assert out[0]["exit"] == 1 and "'--help'" in out[0]["error"]


def test_batch_unreadable_input_is_a_usage_error(cpdt, monkeypatch):
    class Broken(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, b: Any) -> int:
            raise OSError(5, "Input/output error")

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(Broken())))
    r = cpdt("batch")
    assert r.code == 2
    assert r.out == ""
    assert r.err.startswith("cpdt: không đọc được đầu vào: ")


# --- --fields ------------------------------------------------------------------------------


def test_fields_keep_only_those_fields_in_the_order_given(cpdt):
    full = cpdt("committee", "--year", "2021", "--json").json()
    r = cpdt("committee", "--year", "2021", "--json", "--fields", "valid_from,id")
    doc = r.json()
    assert r.code == 0
    assert {k: doc[k] for k in ("schema_version", "command", "query", "count")} == {
        k: full[k] for k in ("schema_version", "command", "query", "count")
    }
    assert doc["results"] == [
        {"valid_from": x["valid_from"], "id": x["id"]} for x in full["results"]
    ]
    assert [list(x) for x in doc["results"]] == [["valid_from", "id"]] * len(full["results"])


def test_fields_with_jsonl_and_csv(cpdt):
    r = cpdt("--fields", "id,kind", "timeline", "--format", "jsonl")
    full = cpdt("timeline", "--json").json()["results"]
    assert [json.loads(x) for x in r.out.splitlines()] == [
        {"id": x["id"], "kind": x["kind"]} for x in full
    ]
    r = cpdt("law", "1619", "--format", "csv", "--fields", "title,id")
    assert r.out.splitlines() == ["title,id", "Quyết định 1619/QĐ-TTg,qd-1619-2021"]


def test_fields_typo_lists_the_valid_ones(cpdt):
    r = cpdt("committee", "--year", "2021", "--json", "--fields", "id,titel")
    assert r.code == 2 and r.out == ""
    first, hint = r.err.splitlines()
    assert first.startswith("cpdt: --fields: không có trường titel; các trường: id, kind, title, ")
    assert hint == "  có phải ý bạn là: title?"
    r = cpdt("committee", "--year", "2021", "--json", "--fields", "titel", "--lang", "en")
    assert r.err.splitlines()[0].startswith(
        "cpdt: --fields: no field titel; the fields: id, kind, "
    )
    assert r.err.splitlines()[1] == "  did you mean: title?"
    r = cpdt("law", "1619", "--format", "csv", "--fields", "url")
    assert r.code == 2
    assert (
        "các trường: id, kind, of, title, text, holder, period, date, sources, source_titles,"
        " locators, urls, quotes" in r.err
    )


def test_fields_only_with_json_jsonl_csv(cpdt):
    r = cpdt("law", "1619", "--format", "md", "--fields", "id")
    assert (r.code, r.out) == (2, "")
    assert r.err == "cpdt: --fields chỉ dùng được với --format json, jsonl, csv\n"
    r = cpdt("law", "1619", "--format", "md", "--fields", "id", "--lang", "en")
    assert r.err == "cpdt: --fields works only with --format json, jsonl, csv\n"
    r = cpdt("law", "1619", "--json", "--fields", " , ")
    assert r.code == 2 and "không có trường ''" in r.err


# --- cpdt schema ---------------------------------------------------------------------------


def test_schema_prints_the_checked_in_schema(cpdt):
    r = cpdt("schema")
    assert r.code == 0
    assert r.json() == json.loads(SCHEMA.read_text(encoding="utf-8"))


def test_schema_of_one_command_pins_its_name(cpdt):
    import jsonschema

    schema = cpdt("schema", "committee").json()
    whole = cpdt("schema").json()
    assert schema["properties"]["command"] == {"const": "committee"}
    assert schema["$id"] != whole["$id"]
    assert {k: v for k, v in schema.items() if k not in ("$id", "title", "properties")} == {
        k: v for k, v in whole.items() if k not in ("$id", "title", "properties")
    }
    jsonschema.validate(cpdt("committee", "--year", "2021", "--json").json(), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(cpdt("law", "1619", "--json").json(), schema)


def test_schema_of_an_unknown_command(cpdt):
    r = cpdt("schema", "comittee")
    assert (r.code, r.out) == (2, "")
    assert r.err.startswith("cpdt: không có lệnh 'comittee'; chọn một trong: define, agency, ")
    r = cpdt("--lang", "en", "schema", "comittee")
    assert r.err.startswith("cpdt: no command 'comittee'; choose one of: define, agency, ")


# --- cpdt mcp ------------------------------------------------------------------------------

TOOLS = ("define", "agency", "committee", "models", "timeline", "law", "sources", "search")

CALLS: list[tuple[str, dict[str, Any], list[str]]] = [
    ("define", {"source": "unesco"}, ["define", "--source", "unesco"]),
    ("agency", {}, ["agency"]),
    ("committee", {"year": 2021}, ["committee", "--year", "2021"]),
    ("committee", {"on": "2019-10-01"}, ["committee", "--on", "2019-10-01"]),
    ("models", {"model": "g2b"}, ["models", "g2b"]),
    (
        "timeline",
        {"from_year": 2018, "to_year": 2019},
        ["timeline", "--from", "2018", "--to", "2019"],
    ),
    ("law", {"query": "1619"}, ["law", "1619"]),
    ("sources", {}, ["sources"]),
    ("search", {"query": "chu tich", "limit": 3}, ["search", "chu tich", "--limit", "3"]),
]


def in_memory(check: Any) -> Any:
    from mcp import Client

    from cpdt_cli.mcp_server import build

    async def run() -> Any:
        async with Client(build(overlay=[REFERENCE]), raise_exceptions=True) as client:
            return await check(client)

    return anyio.run(run)


def test_mcp_lists_the_reference_commands_as_read_only_tools():
    from cpdt_cli.render import schema as schemas

    tools = in_memory(lambda c: c.list_tools()).tools
    assert [t.name for t in tools] == list(TOOLS)
    for tool in tools:
        assert tool.annotations.read_only_hint is True
        assert tool.annotations.destructive_hint is False
        assert tool.output_schema == schemas.output_schema(tool.name)
        assert tool.description
    inputs = {t.name: t.input_schema for t in tools}
    assert inputs["search"]["required"] == ["query"]
    assert inputs["search"]["properties"]["limit"]["maximum"] == 200
    assert set(inputs["committee"]["properties"]) == {"year", "on"}
    assert set(inputs["timeline"]["properties"]) == {
        "query",
        "year",
        "from_year",
        "to_year",
        "kind",
    }
    assert inputs["sources"]["properties"] == {}


def test_mcp_tools_give_the_json_of_the_command_with_its_citations(cpdt, validate_output):
    async def call_all(client: Any) -> list[Any]:
        return [await client.call_tool(name, arguments) for name, arguments, _ in CALLS]

    results = in_memory(call_all)
    for (name, _, argv), result in zip(CALLS, results, strict=True):
        assert not result.is_error, (name, result.content)
        expected = cpdt("--overlay", str(REFERENCE), *argv, "--json").json()
        assert result.structured_content == expected, name
        validate_output(result.structured_content)
        assert result.structured_content["count"] > 0, name
        for item in result.structured_content["results"]:
            assert item["citations"], (name, item["id"])
            assert all(c["quote"] and c["source"]["id"] for c in item["citations"])
        assert json.loads(result.content[0].text) == expected  # what the model reads


@pytest.mark.parametrize(
    ("name", "arguments", "message"),
    [
        ("law", {"query": "xyzzy"}, "không có văn bản nào khớp với 'xyzzy'"),
        ("committee", {"year": 1990}, "chưa có Ủy ban vào năm 1990"),
        ("committee", {"on": "not a date"}, "không phải là ngày hợp lệ"),
        ("search", {"query": "chu tich", "limit": 500}, "limit"),
        ("search", {}, "query"),
        ("nonexistent", {}, "nonexistent"),
    ],
)
def test_mcp_errors_are_tool_errors_with_the_message(name, arguments, message):
    result = in_memory(lambda c: c.call_tool(name, arguments))
    assert result.is_error
    assert message in result.content[0].text
    assert not result.structured_content


def test_mcp_resources_sources_as_of_and_schema(cpdt):
    async def read(client: Any) -> tuple[Any, ...]:
        listed = await client.list_resources()
        texts = [
            (await client.read_resource(uri)).contents[0].text
            for uri in ("cpdt://sources", "cpdt://data-as-of", "cpdt://schema")
        ]
        return listed, *texts

    listed, sources, as_of, schema = in_memory(read)
    assert sorted(str(r.uri) for r in listed.resources) == [
        "cpdt://data-as-of", "cpdt://schema", "cpdt://sources",
    ]  # fmt: skip
    assert json.loads(sources) == cpdt("--overlay", str(REFERENCE), "sources", "--json").json()
    fixture_as_of = next(
        ln.split(":", 1)[1].strip().strip("'\"")
        for ln in (FIXTURES / "facts.yaml").read_text(encoding="utf-8").splitlines()
        if ln.startswith("data_as_of:")
    )
    assert json.loads(as_of)["data_as_of"] == fixture_as_of
    assert json.loads(schema) == json.loads(SCHEMA.read_text(encoding="utf-8"))


def test_mcp_without_the_extra_says_how_to_install_it(cpdt, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "mcp" else real(name, *a)
    )
    r = cpdt("mcp")
    assert (r.code, r.out) == (2, "")
    assert r.err == "cpdt: cần cài phần bổ sung mcp: pip install 'cpdt[mcp]'\n"
    r = cpdt("--lang", "en", "mcp")
    assert r.err == "cpdt: the mcp extra is needed: pip install 'cpdt[mcp]'\n"


def test_mcp_over_stdio_end_to_end(cpdt, tmp_path):
    """The real program as a subprocess: the protocol on its stdout, nothing else."""
    from mcp import Client, StdioServerParameters

    env = {
        "CPDT_DATA": str(FIXTURES / "facts.yaml"),
        "CPDT_CACHE_DIR": str(tmp_path / "cache"),
        "PYTHONPATH": os.pathsep.join(p for p in sys.path if p),
    }
    params = StdioServerParameters(
        command=sys.executable, args=["-m", "cpdt_cli", "mcp"], env=env, cwd=str(ROOT)
    )

    async def run() -> tuple[Any, Any, Any]:
        async with Client(params) as client:
            tools = await client.list_tools()
            hit = await client.call_tool("committee", {"year": 2021})
            miss = await client.call_tool("law", {"query": "xyzzy"})
            return tools, hit, miss

    tools, hit, miss = anyio.run(run)
    assert [t.name for t in tools.tools] == list(TOOLS)
    assert not hit.is_error
    assert hit.structured_content == cpdt("committee", "--year", "2021", "--json").json()
    assert all(r["citations"] for r in hit.structured_content["results"])
    assert miss.is_error and "xyzzy" in miss.content[0].text


def test_the_mcp_extra_is_installed_for_the_tests():
    """tests/test_guards.py asserts that warm lookups do not import mcp or pydantic: that
    check means something only where they can be imported."""
    import importlib.util

    assert importlib.util.find_spec("mcp") is not None
    assert importlib.util.find_spec("pydantic") is not None
    assert Path(SCHEMA).is_file()


@pytest.mark.usefixtures("english")
def test_mcp_stdout_carries_nothing_but_protocol(tmp_path):
    """Raw JSON-RPC over the real program's pipes: every line on stdout is a protocol message,
    also when a query fails and when the data prints a notice (an overlay overriding an id)."""
    import queue
    import subprocess
    import threading

    overlay = tmp_path / "overlay.yaml"
    overlay.write_text(REFERENCE.read_text(encoding="utf-8"), encoding="utf-8")
    env = {**os.environ, "CPDT_CACHE_DIR": str(tmp_path / "cache")}
    env.update(
        CPDT_DATA=str(FIXTURES / "facts.yaml"), CPDT_OVERLAY=f"{REFERENCE}{os.pathsep}{overlay}"
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "cpdt_cli", "mcp"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )  # fmt: skip
    lines: queue.Queue[bytes] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(b) for b in proc.stdout], daemon=True).start()  # type: ignore[union-attr]

    def ask(message: dict[str, Any]) -> dict[str, Any] | None:
        proc.stdin.write(json.dumps(message).encode() + b"\n")  # type: ignore[union-attr]
        proc.stdin.flush()  # type: ignore[union-attr]
        return json.loads(lines.get(timeout=60)) if "id" in message else None

    hello = {
        "protocolVersion": "2025-06-18",
        "capabilities": {},
        "clientInfo": {"name": "t", "version": "0"},
    }
    first = ask({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": hello})
    ask({"jsonrpc": "2.0", "method": "notifications/initialized"})
    hit = ask(
        {
            "jsonrpc": "2.0",
            "id": 2,
            "method": "tools/call",
            "params": {"name": "law", "arguments": {"query": "1619"}},
        }
    )
    miss = ask(
        {
            "jsonrpc": "2.0",
            "id": 3,
            "method": "tools/call",
            "params": {"name": "law", "arguments": {"query": "xyzzy"}},
        }
    )
    as_of = ask(
        {
            "jsonrpc": "2.0",
            "id": 4,
            "method": "resources/read",
            "params": {"uri": "cpdt://data-as-of"},
        }
    )
    proc.stdin.close()  # type: ignore[union-attr]
    assert proc.wait(timeout=60) == 0
    rest = []
    while not lines.empty():
        rest.append(json.loads(lines.get()))
    assert first is not None and first["result"]["serverInfo"]["name"] == "cpdt"
    assert (
        hit is not None and hit["result"]["structuredContent"]["results"][0]["id"] == "qd-1619-2021"
    )
    assert miss is not None and miss["result"]["isError"] is True
    assert as_of is not None and "data_as_of" in as_of["result"]["contents"][0]["text"]
    assert all(m.get("jsonrpc") == "2.0" for m in rest)
    assert f"{overlay}:5: 'hoidap-dau-moi' overrides" in proc.stderr.read().decode()  # not stdout


@functools.cache
def _runner() -> Any:
    """One runner for every example: building the Click command takes a while."""
    from cpdt_cli.batch import Runner

    return Runner()


_WORDS = ["law", "search", "committee", "define", "--year", "2021", "--from", "--kind", "-n",
          "--fields", "id", "--json", "--format", "csv", "--", "-x", "1619", "chu tich", "\x00",
          "\ud800", "'", "--lang", "en", "--on", "31/2/2020", ""]  # fmt: skip


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.one_of(
        st.binary(max_size=40),
        st.lists(st.sampled_from(_WORDS), max_size=6).map(lambda a: json.dumps(a).encode()),
        st.builds(
            lambda i, a: json.dumps({"id": i, "args": a}).encode(),
            st.one_of(
                st.none(), st.integers(), st.text(max_size=5), st.lists(st.integers(), max_size=2)
            ),
            st.one_of(
                st.lists(st.sampled_from(_WORDS), max_size=6), st.integers(), st.text(max_size=4)
            ),
        ),
    )
)
def test_batch_answers_any_line_with_one_json_line(line_bytes: bytes) -> None:
    """Whatever a line holds, it gets one JSON line with a documented exit code, never a raise."""
    from cpdt_cli.batch import answer_line

    out = answer_line(_runner(), line_bytes)
    answer = json.loads(out)
    assert "\n" not in out
    assert answer["exit"] in (0, 1, 2, 3)
    assert ("error" in answer) == (answer["exit"] != 0)
    assert ("result" in answer) == (answer["exit"] in (0, 1))


@pytest.mark.parametrize("where", ["closed", "full"])
def test_batch_on_a_stdout_that_cannot_be_written_exits_4(tmp_path, where):
    """The batch writes through the same stdout as every command: exit 4, our message."""
    import subprocess

    env = {k: v for k, v in os.environ.items() if not k.startswith("CPDT_")}
    env.update(CPDT_DATA=str(FIXTURES / "facts.yaml"), CPDT_CACHE_DIR=str(tmp_path / "cache"))
    # "closed": the process starts with descriptor 1 closed, as under `cpdt batch >&-`
    start = "import os; os.close(1); " if where == "closed" else ""
    code = f"{start}import sys; sys.argv = ['cpdt', 'batch']; from cpdt_cli.__main__ import main; main()"
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(
            [sys.executable, "-c", code],
            input=b'["law", "1619"]\n',
            stdout=full,
            stderr=subprocess.PIPE,
            env=env,
            timeout=120,
        )
    err = proc.stderr.decode()
    assert proc.returncode == 4
    assert err.startswith("cpdt: ") and "Traceback" not in err


def test_batch_notices_are_in_the_json_not_repeated_on_stderr(cpdt, monkeypatch):
    """A notice (past the data's date, an ended body) travels in each line's JSON; stderr does
    not repeat it line after line."""
    single = cpdt("committee", "--year", "2030", "--json")
    assert single.json()["notices"] and single.err  # the command alone says it on stderr
    r, out = batch(cpdt, monkeypatch, line(1, "committee", "--year", "2030") * 3)
    assert [o["result"]["notices"] for o in out] == [single.json()["notices"]] * 3
    assert r.err == ""
