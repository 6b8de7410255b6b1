"""How load, search and memory grow with the fact file: 100, 1k, 10k and 100k statements.

Each synthetic file is valid per docs/FACTS.md (`cpdt check` passes). Every measurement runs
in its own process, so the peak memory (ru_maxrss of that process, from wait4) is its own:
cold = parse + validate + write the cache; first search = a warm load, then a search that
builds the search index and stores it; warm = the same load served by the cache; search
= the core search function on the warm model and stored index (`answers.search.search_facts` when
this checkout has it, else the text filter of `cpdt define QUERY`, said so in the table);
"warm command" is a whole `cpdt … --json` process, start-up included; "FTS5 only" is what
SQLite alone takes for the same query over the same folded texts (open + bm25 top 10), the
floor any store built on it can reach. A second table times a warm process of every command,
each run right after `python -c "import typer"` (A B A B …), medians.

    .venv/bin/python bench/scale.py                  # 100 1000 10000 100000
    .venv/bin/python bench/scale.py --sizes 100 10000 --runs 5
    .venv/bin/python bench/scale.py --instructions   # warm commands counted by valgrind

Timings of a shared machine move by ±0.15× from run to run; `--instructions` counts each
warm command's instructions under valgrind (callgrind) instead, against `import typer`:
the same figures on every run, so that growth with size, or its absence, shows.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUERY = "dịch vụ công trực tuyến"

WORDS = [
    "chính",
    "phủ",
    "điện",
    "tử",
    "dịch",
    "vụ",
    "công",
    "trực",
    "tuyến",
    "cổng",
    "thông",
    "tin",
    "quốc",
    "gia",
    "ủy",
    "ban",
    "chuyển",
    "đổi",
    "số",
    "bộ",
    "thông",
    "tin",
    "truyền",
    "thông",
    "văn",
    "phòng",
    "kết",
    "nối",
    "liên",
    "thông",
    "dữ",
    "liệu",
    "hồ",
    "sơ",
    "thủ",
    "tục",
    "hành",
    "chính",
    "người",
    "dân",
    "doanh",
    "nghiệp",
    "cơ",
    "quan",
    "nhà",
    "nước",
    "hạ",
    "tầng",
    "an",
    "toàn",
    "thông",
    "tin",
    "nền",
    "tảng",
    "chia",
    "sẻ",
    "e-government",
    "digital",
    "services",
    "online",
    "portal",
    "citizens",
    "agencies",
]

# The measuring child: prints {"load": s, "search": s, "statements": n, "engine": …}.
CHILD = r"""
import json, sys, time
from pathlib import Path
from cpdt_cli.data import facts as facts_mod
paths = [Path(sys.argv[1])]
start = time.perf_counter()
model = facts_mod.load(paths)
loaded = time.perf_counter()
try:
    from cpdt_cli.answers.search import search_facts
except ImportError:
    from cpdt_cli.answers.define import define
    engine = "define QUERY (stand-in)"
    run = lambda: define(model, sys.argv[2])
else:
    engine = "answers.search.search_facts"
    run = lambda: search_facts(model, sys.argv[2])
searched = None
if sys.argv[3] == "search":
    t = time.perf_counter()
    try:
        answer = run()
        hits = len(answer.results)
    except Exception as exc:  # NotFound: still a timed search
        hits = type(exc).__name__
    searched = time.perf_counter() - t
print(json.dumps({"load": loaded - start, "search": searched, "hits": hits if searched else None,
                  "statements": len(model.statements), "engine": engine}))
"""


def generate(n: int, path: Path, seed: int = 6) -> None:
    """A valid fact file with `n` statements (a tenth of them definitions)."""
    rnd = random.Random(seed)
    n_sources = max(5, n // 100)
    n_entities = max(10, n // 50)
    out = ["schema_version: 1", 'data_as_of: "2026-11-23"', "sources:"]
    for i in range(n_sources):
        out += [
            f"  - id: src-{i}",
            f'    title: "Nguồn tổng hợp số {i}"',
            f'    date: "2020-{1 + i % 12:02d}"',
        ]
    out.append("entities:")
    for i in range(n_entities):
        kind = "definer" if i % 5 == 0 else "agency"
        out += [f"  - id: org.e{i}", f"    kind: {kind}", f'    name: "Cơ quan thử {i}"']
        out += [f'    aliases: ["CQ{i}"]']
    out.append("instruments:")
    out.append("  - id: qd-1-2020")
    out += ['    number: "1/QĐ-TTg"', "    type: decision", '    date: "2020-01-02"']
    out += ['    title: "Quyết định thử"', "    citations:", "      - source: src-0"]
    out += ['        quote: "Quyết định thử"']
    out.append("committee_states: []")
    out.append("statements:")
    for i in range(n):
        words = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(12, 30)))
        quote = words[0].upper() + words[1:] + "."
        if i % 10 == 0:
            subject = f"org.e{5 * rnd.randrange(n_entities // 5)}"
            out += [f"  - id: st.{i}", "    kind: definition", f"    subject: {subject}"]
        elif i % 10 == 1:
            out += [
                f"  - id: st.{i}",
                "    kind: event",
                f'    date: "20{10 + i % 15}-0{1 + i % 9}"',
            ]
        else:
            out += [
                f"  - id: st.{i}",
                "    kind: goal",
                f"    subject: org.e{rnd.randrange(n_entities)}",
            ]
        out += ["    citations:", f"      - source: src-{rnd.randrange(n_sources)}"]
        out += [f'        quote: "{quote}"', f'        locator: "Điều {1 + i % 40}"']
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


# Warm commands whose answer stays small at every size (the synthetic file has no committee,
# roles or models: those commands answer "not found", exit 1, after the same lookups).
COMMANDS = [
    ["search", QUERY, "--json"],
    ["define", "--source", "co quan thu 5", "--json"],
    ["law", "1/QĐ-TTg", "--json"],
    ["committee", "--year", "2021", "--json"],
    ["agency", "co quan thu 3", "--json"],
    ["models", "--json"],
    ["timeline", "--year", "2015", "--kind", "decision", "--json"],
    ["sources", "--json"],
]


def fts5_only(n: int, data_seed: int = 6) -> float | None:
    """Seconds to open an FTS5 table of the statements' folded quotes and take the bm25 top 10
    (median of 7), or None where Python's sqlite3 lacks FTS5."""
    import sqlite3

    from cpdt_cli.text.normalize import fold

    rnd = random.Random(data_seed)
    path = Path(tempfile.mkdtemp(prefix="cpdt-fts5-")) / "fts.db"
    try:
        db = sqlite3.connect(path)
        try:
            db.execute("create virtual table t using fts5(body, tokenize='ascii')")
        except sqlite3.OperationalError:
            return None
        rows = (
            (fold(" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(12, 30))), None),)
            for _ in range(n)
        )
        db.executemany("insert into t(body) values (?)", rows)
        db.commit()
        db.close()
        match = " OR ".join(f'"{w}"' for w in fold(QUERY).split())
        times = []
        for _ in range(7):
            start = time.perf_counter()
            db = sqlite3.connect(path)
            db.execute("select rowid from t where t match ? order by rank limit 10", (match,))
            db.close()
            times.append(time.perf_counter() - start)
        return statistics.median(times)
    finally:
        shutil.rmtree(path.parent, ignore_errors=True)


def measured(argv: list[str], env: dict[str, str]) -> tuple[float, float, int, bytes, bytes]:
    """Wall time (s), peak RSS (MiB), exit code, stdout, stderr of one process."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return elapsed, usage.ru_maxrss / 1024, proc.returncode, out.read(), err.read()


def in_child(n: int, what: str) -> float | None:
    """Generate a file, or time FTS5, in another process: Linux reports as a child's peak
    memory at least its parent's when it was started (the exec'd process inherits the
    parent's high-water mark), so the measuring process must stay small."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(n), what],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    return float(out) if out not in ("", "None") else None


def timed_commands(
    n: int, cli: list[str], env: dict[str, str], runs: int
) -> list[tuple[int, str, float, float, float, int]]:
    """Each command of COMMANDS as a whole warm process, interleaved with the baseline."""
    baseline = [sys.executable, "-c", "import typer"]
    out = []
    for command in COMMANDS:
        _, _, code, _, err = measured([*cli, *command], env)  # fills the cache if need be
        if code not in (0, 1):
            print(f"{n}: `cpdt {' '.join(command)}` exit {code}: {err.decode()[-300:]}",
                  file=sys.stderr)  # fmt: skip
        base, walls, mems = [], [], []
        for _ in range(runs):
            base.append(measured(baseline, env)[0])
            wall, mem, _, _, _ = measured([*cli, *command], env)
            walls.append(wall)
            mems.append(mem)
        median_base = statistics.median(base)
        out.append((n, " ".join(command), statistics.median(walls), median_base, max(mems), code))
    return out


def counted_commands(sizes: list[int]) -> None:
    """Each command of COMMANDS, warm, at each size: instructions (callgrind) and × baseline."""
    from startup import callgrind_instructions

    if shutil.which("valgrind") is None:
        sys.exit("--instructions needs valgrind (Debian: apt-get install valgrind)")
    work = Path(tempfile.mkdtemp(prefix="cpdt-scale-"))
    env = {k: v for k, v in os.environ.items() if k not in ("CPDT_NO_CACHE", "NO_COLOR")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(PYTHONPYCACHEPREFIX=str(work / "pycache"), PYTHONHASHSEED="0")
    out = work / "callgrind.out"
    try:
        base = callgrind_instructions([sys.executable, "-c", "import typer"], env, out)
        print("instructions of a warm command (valgrind --tool=callgrind), × `import typer` "
              f"({base / 1e6:.1f} M)\n")  # fmt: skip
        print("| command | " + " | ".join(f"{n:,}" for n in sizes) + " |")
        print("|---|" + "---:|" * len(sizes))
        ratios: dict[str, list[str]] = {" ".join(c): [] for c in COMMANDS}
        for n in sizes:
            data = work / f"facts-{n}.yaml"
            in_child(n, str(data))
            run_env = dict(env, CPDT_CACHE_DIR=str(work / f"cache-{n}"), CPDT_DATA=str(data))
            for command in COMMANDS:
                argv = [sys.executable, "-m", "cpdt_cli", *command]
                ratios[" ".join(command)].append(
                    f"{callgrind_instructions(argv, run_env, out) / base:.3f}"
                )
        for command, row in ratios.items():
            print(f"| `cpdt {command}` | " + " | ".join(row) + " |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3, help="warm runs per size (median)")
    parser.add_argument("--child", nargs=2, metavar=("N", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument(
        "--instructions", action="store_true", help="instead: count instructions under valgrind"
    )
    args = parser.parse_args()
    if args.instructions:
        counted_commands(args.sizes)
        return
    if args.child:  # the memory-hungry steps, each in a process of its own (see in_child)
        n, path = int(args.child[0]), args.child[1]
        if path == "fts5":
            print(fts5_only(n))
        else:
            generate(n, Path(path))
        return

    work = Path(tempfile.mkdtemp(prefix="cpdt-scale-"))
    env = {k: v for k, v in os.environ.items() if k not in ("CPDT_NO_CACHE", "NO_COLOR")}
    drop_bytecode = env.pop("PYTHONDONTWRITEBYTECODE", None) is not None
    if drop_bytecode:
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")  # as an installed wheel: .pyc kept
    cli = [sys.executable, "-m", "cpdt_cli"]
    has_search = subprocess.run([*cli, "search", "--help"], capture_output=True).returncode == 0
    command = ["search", QUERY, "--json"] if has_search else ["define", QUERY, "--json"]
    rows = []
    commands: list[tuple[int, str, float, float, float, int]] = []
    engine = "?"
    try:
        warmup = work / "warmup.yaml"
        in_child(10, str(warmup))  # compiles the .pyc files, so that the first cold load is fair
        subprocess.run([sys.executable, "-c", CHILD, str(warmup), QUERY, "search"], env=dict(
            env, CPDT_NO_CACHE="1"), capture_output=True)  # fmt: skip
        for n in args.sizes:
            data = work / f"facts-{n}.yaml"
            in_child(n, str(data))
            size_mib = data.stat().st_size / 2**20
            run_env = dict(env, CPDT_CACHE_DIR=str(work / f"cache-{n}"), CPDT_DATA=str(data))
            probe = [sys.executable, "-c", CHILD, str(data), QUERY]

            _, cold_mem, code, out, err = measured([*probe, "load"], run_env)
            if code != 0:
                sys.exit(f"{n}: cold load failed ({code}): {err.decode()[-2000:]}")
            cold = json.loads(out)
            _, first_mem, code, out, err = measured([*probe, "search"], run_env)
            if code != 0:
                sys.exit(f"{n}: first search failed ({code}): {err.decode()[-2000:]}")
            first = json.loads(out)  # builds the search index and stores it
            warm_loads, searches, search_mems, cmd_mems, hits = [], [], [], [], None
            for _ in range(args.runs):
                _, mem, code, out, err = measured([*probe, "search"], run_env)
                if code != 0:
                    sys.exit(f"{n}: warm run failed ({code}): {err.decode()[-2000:]}")
                got = json.loads(out)
                warm_loads.append(got["load"])
                searches.append(got["search"])
                search_mems.append(mem)
                hits, engine = got["hits"], got["engine"]
            walls = []
            for _ in range(args.runs):
                wall, mem, code, _, err = measured([*cli, *command], run_env)
                if code not in (0, 1):
                    sys.exit(f"{n}: `cpdt {' '.join(command)}` exit {code}: {err.decode()[-500:]}")
                walls.append(wall)
                cmd_mems.append(mem)
            rows.append(
                (n, size_mib, cold["load"], first["search"], statistics.median(warm_loads),
                 statistics.median(searches), hits, statistics.median(walls),
                 (cold_mem, first_mem, max(search_mems), max(cmd_mems)), in_child(n, "fts5"))
            )  # fmt: skip
            commands += timed_commands(n, cli, run_env, args.runs)
            print(f"done: {n} statements", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"search (core): {engine}; query “{QUERY}”; warm command: `cpdt {' '.join(command)}`;"
          f" warm runs: median of {args.runs}\n")  # fmt: skip
    print("| statements | file (MiB) | cold load (s) | first search (s) | warm load (s) "
          "| search (s) | FTS5 only (s) | hits | warm command (s) "
          "| peak MiB: cold load / first search / warm search / command |")  # fmt: skip
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for n, mib, cold_s, first_s, warm_s, search_s, hits, wall, mem, fts in rows:
        peaks = " / ".join(f"{m:.0f}" for m in mem)
        fts_s = "no FTS5" if fts is None else f"{fts:.4f}"
        print(f"| {n:,} | {mib:.1f} | {cold_s:.2f} | {first_s:.2f} | {warm_s:.3f} "
              f"| {search_s:.4f} | {fts_s} | {hits} | {wall:.3f} | {peaks} |")  # fmt: skip
    print("\n| statements | warm command | exit | median (s) | × `import typer` | peak MiB |")
    print("|---:|---|---:|---:|---:|---:|")
    for n, name, median, base, mem, code in commands:
        print(f"| {n:,} | `cpdt {name}` | {code} | {median:.3f} | {median / base:.2f} "
              f"| {mem:.0f} |")  # fmt: skip
    by_n = {r[0]: r for r in rows}
    if 100 in by_n and 10_000 in by_n:
        ratio = by_n[10_000][5] / by_n[100][5]
        whole = by_n[10_000][7] / by_n[100][7]
        print(f"\nsearch at 10k / at 100: {ratio:.1f}× (core), {whole:.2f}× (whole command);"
              " target ≤ 2×")  # fmt: skip
    if 100_000 in by_n:
        print(f"peak memory at 100k: {max(by_n[100_000][8]):.0f} MiB; target < 500 MiB")


if __name__ == "__main__":
    main()
