"""Whole-process start-up timings of cpdt against `python -c "import typer"` (same interpreter).

Each round runs the baseline right before each case (A B1 A B2 …), so drift in a noisy,
shared machine hits both sides alike; the table reports medians over all rounds. Cases run
with a warm cache (one untimed run first), except the row marked cold. "Terminal" cases run
under a pseudo-terminal (80 columns), so cpdt renders with Rich exactly as for a person.

    .venv/bin/python bench/startup.py                 # 15 rounds, fixture or curated data
    .venv/bin/python bench/startup.py --runs 31 --data data/facts.yaml
    .venv/bin/python bench/startup.py --python /tmp/venv-typer029/bin/python   # another typer
    .venv/bin/python bench/startup.py --imports define --source unesco --json  # import costs
    .venv/bin/python bench/startup.py --cases search             # only the search cases
    .venv/bin/python bench/startup.py --instructions             # counted by valgrind instead

Timings on a shared machine move by ±0.1×; `--instructions` counts each process's
instructions under valgrind (callgrind), which repeat to a few in 10,000 whatever else the
machine does: the way to tell a change of 1-3% from noise. Instructions are not seconds
(the kernel's work, page faults and cache misses are not counted), so the README's targets
stay in seconds; both are reported.

Commands that do not exist yet in this checkout (exit 2, "No such command") are skipped.
"""

from __future__ import annotations

import argparse
import os
import pty
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Case:
    name: str
    args: list[str]
    terminal: bool
    target: float | None  # the ratio to the baseline not to exceed
    cold: bool = False


CASES = [
    Case("define --json", ["define", "--source", "unesco", "--json"], False, 1.3),
    Case("search --json", ["search", "chu tich uy ban", "--json"], False, 1.3),
    Case("search question --json", ["search", "ai la chu tich uy ban 2020", "--json"], False, 1.3),
    Case("committee, piped (plain)", ["committee", "--year", "2021"], False, 1.3),
    Case("committee, terminal (Rich)", ["committee", "--year", "2021"], True, 1.8),
    Case("timeline, terminal (Rich)", ["timeline"], True, 1.8),
    Case("define, terminal (Rich)", ["define", "--source", "unesco"], True, 1.8),
    Case("define --json, cold", ["define", "--source", "unesco", "--json"], False, None, True),
]


def default_data() -> Path:
    """The curated file when it is complete and valid, else the test fixture."""
    curated = ROOT / "data" / "facts.yaml"
    if curated.is_file():
        ok = subprocess.run(
            [sys.executable, "-m", "cpdt_cli", "check", str(curated)], capture_output=True
        )
        if ok.returncode == 0:
            return curated
    return ROOT / "tests" / "fixtures" / "facts.yaml"


def bench_env(data: Path, cache_dir: Path) -> dict[str, str]:
    """The environment of every timed process, baseline included.

    Bytecode goes to a private prefix: an installed wheel has its .pyc files, but a checkout
    run with PYTHONDONTWRITEBYTECODE=1 would recompile cpdt's modules on every start.
    """
    drop = ("NO_COLOR", "FORCE_COLOR", "PYTHONDONTWRITEBYTECODE", "CPDT_NO_CACHE")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(
        CPDT_DATA=str(data),
        CPDT_CACHE_DIR=str(cache_dir),
        PYTHONPYCACHEPREFIX=str(cache_dir / "pycache"),
        COLUMNS="80",
        TERM="xterm",
        PAGER="cat",  # a pager would wait for a key under the pseudo-terminal
    )
    return env


def run_once(argv: list[str], env: dict[str, str], terminal: bool) -> tuple[float, int, bytes]:
    """Wall time of one whole process, its exit code and what it wrote."""
    if not terminal:
        start = time.perf_counter()
        proc = subprocess.run(argv, env=env, capture_output=True)
        return time.perf_counter() - start, proc.returncode, proc.stdout + proc.stderr
    master, slave = pty.openpty()
    import fcntl
    import termios

    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdin=slave, stdout=slave, stderr=slave)
    code = proc.wait()
    elapsed = time.perf_counter() - start
    os.close(slave)
    reader.join(2)
    os.close(master)
    return elapsed, code, b"".join(chunks)


def cpdt_argv(python: str) -> list[str]:
    script = Path(python).parent / "cpdt"
    return [str(script)] if script.exists() else [python, "-m", "cpdt_cli"]


def measure(args: argparse.Namespace) -> None:
    data = Path(args.data) if args.data else default_data()
    cache_dir = Path(tempfile.mkdtemp(prefix="cpdt-bench-"))
    env = bench_env(data, cache_dir)
    baseline = [args.python, "-c", "import typer"]
    cpdt = cpdt_argv(args.python)

    cases: list[Case] = []
    chosen = [c for c in CASES if not args.cases or any(w in c.name for w in args.cases)]
    for case in chosen:
        _, code, out = run_once(cpdt + case.args, env, case.terminal)  # also warms the cache
        if code == 2 and b"No such command" in out:
            print(f"skipped (not in this checkout): cpdt {' '.join(case.args)}", file=sys.stderr)
            continue
        if code not in (0, 1):
            text = out.decode(errors="replace")[-300:]
            print(f"skipped (exit {code}): cpdt {' '.join(case.args)}: {text}", file=sys.stderr)
            continue
        cases.append(case)

    base_times: list[float] = []
    times: dict[str, list[float]] = {c.name: [] for c in cases}
    for _ in range(args.runs):
        for case in cases:
            base_times.append(run_once(baseline, env, False)[0])
            case_env = dict(env, CPDT_NO_CACHE="1") if case.cold else env
            times[case.name].append(run_once(cpdt + case.args, case_env, case.terminal)[0])

    version = subprocess.run(
        [args.python, "-c", "import sys, typer; print(typer.__version__, sys.version.split()[0])"],
        capture_output=True,
        text=True,
    ).stdout.split()
    base = statistics.median(base_times)
    shown = data.relative_to(ROOT) if data.is_relative_to(ROOT) else data
    print(f"typer {version[0]}, Python {version[1]}, data: {shown}, {args.runs} rounds\n")
    print("| command | median (s) | × `import typer` | target |")
    print("|---|---:|---:|---|")
    print(f'| `python -c "import typer"` (baseline) | {base:.3f} | 1.00 | |')
    for case in cases:
        median = statistics.median(times[case.name])
        ratio = median / base
        if case.target is None:
            verdict = "(no target)"
        else:
            verdict = f"≤ {case.target}× {'✓' if ratio <= case.target else '✗'}"
        command = f"`cpdt {' '.join(case.args)}` — {case.name}"
        print(f"| {command} | {median:.3f} | {ratio:.2f} | {verdict} |")
    shutil.rmtree(cache_dir, ignore_errors=True)


def callgrind_instructions(argv: list[str], env: dict[str, str], out: Path) -> int:
    """Instructions of one warm run of argv (run once before, untimed), as callgrind counts
    them; env should fix PYTHONHASHSEED for the count to repeat."""
    subprocess.run(argv, env=env, capture_output=True)  # warm: cache and bytecode written
    tool = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"]
    out.unlink(missing_ok=True)
    subprocess.run([*tool, *argv], env=env, capture_output=True)  # exit 1 (not found) counts
    for line in (out.read_text() if out.exists() else "").splitlines():
        if line.startswith(("summary:", "totals:")):
            return int(line.split()[1])
    raise SystemExit(f"no instruction count from callgrind for {argv}")


def instructions(args: argparse.Namespace) -> None:
    """Instructions of one run of each case (warm) and of the baseline, counted by callgrind."""
    if shutil.which("valgrind") is None:
        sys.exit("--instructions needs valgrind (Debian: apt-get install valgrind)")
    data = Path(args.data) if args.data else default_data()
    cache_dir = Path(tempfile.mkdtemp(prefix="cpdt-bench-"))
    env = dict(bench_env(data, cache_dir), PYTHONHASHSEED="0")  # the same run every time
    cpdt = cpdt_argv(args.python)
    chosen = [c for c in CASES if not c.terminal and not c.cold]
    chosen = [c for c in chosen if not args.cases or any(w in c.name for w in args.cases)]

    def count(argv: list[str]) -> int:
        return callgrind_instructions(argv, env, cache_dir / "callgrind.out")

    base = count([args.python, "-c", "import typer"])
    print(f"instructions (valgrind --tool=callgrind), data: {data.name}, PYTHONHASHSEED=0\n")
    print("| command | instructions (M) | × `import typer` |")
    print("|---|---:|---:|")
    print(f'| `python -c "import typer"` (baseline) | {base / 1e6:.1f} | 1.000 |')
    for case in chosen:
        n = count(cpdt + case.args)
        print(f"| `cpdt {' '.join(case.args)}` — {case.name} | {n / 1e6:.1f} | {n / base:.3f} |")
    shutil.rmtree(cache_dir, ignore_errors=True)


def imports(args: argparse.Namespace) -> None:
    """The modules a command imports, by their own import time (the minimum of 7 runs)."""
    data = Path(args.data) if args.data else default_data()
    cache_dir = Path(tempfile.mkdtemp(prefix="cpdt-bench-"))
    env = bench_env(data, cache_dir)
    entry = cpdt_argv(args.python)
    target = entry if len(entry) == 1 else ["-m", "cpdt_cli"]
    argv = [args.python, "-X", "importtime", *target, *args.command]
    subprocess.run(argv, env=env, capture_output=True)  # warm the cache
    typer_only = [args.python, "-X", "importtime", "-c", "import typer"]
    costs = min_import_times(argv, env)
    framework = min_import_times(typer_only, env)
    own_total = sum(v[0] for v in costs.values()) / 1000
    extra = {k: v for k, v in costs.items() if k not in framework}
    extra_total = sum(v[0] for v in extra.values()) / 1000
    print(f"{len(costs)} modules, {own_total:.1f} ms under -X importtime;")
    print(f"{len(extra)} of them not imported by `import typer`: {extra_total:.1f} ms")
    print("   own µs  total µs  module (not imported by `import typer`)")
    for name, (own, total) in sorted(extra.items(), key=lambda kv: -kv[1][0])[: args.top]:
        print(f"{own:9d} {total:9d}  {name}")
    shutil.rmtree(cache_dir, ignore_errors=True)


def min_import_times(argv: list[str], env: dict[str, str]) -> dict[str, tuple[int, int]]:
    """Each module's own and total import time in µs, the minimum over 7 runs."""
    best: dict[str, tuple[int, int]] = {}
    for _ in range(7):
        err = subprocess.run(argv, env=env, capture_output=True, text=True).stderr
        for line in err.splitlines():
            if not line.startswith("import time:") or "self [us]" in line:
                continue
            own, total, name = line[len("import time:") :].split("|")
            key = name.strip()
            old = best.get(key, (10**9, 10**9))
            best[key] = (min(old[0], int(own)), min(old[1], int(total)))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="rounds (≥ 15 for the README)")
    parser.add_argument("--data", help="default: data/facts.yaml if valid, else the fixture")
    parser.add_argument("--python", default=sys.executable, help="interpreter of the env to time")
    parser.add_argument("--imports", nargs=argparse.REMAINDER, dest="command",
                        help="instead: list the import costs of `cpdt COMMAND…`")  # fmt: skip
    parser.add_argument("--instructions", action="store_true",
                        help="instead: count instructions under valgrind (repeatable)")  # fmt: skip
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--cases", nargs="+", metavar="WORD",
                        help="only the cases whose name holds one of these words")  # fmt: skip
    args = parser.parse_args()
    if args.command:
        imports(args)
    elif args.instructions:
        instructions(args)
    else:
        measure(args)


if __name__ == "__main__":
    main()
