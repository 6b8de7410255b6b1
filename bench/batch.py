"""`cpdt batch` with 1,000 mixed queries, timed as a whole process (start-up, loading the data
once, every answer written), against 1,000 separate `cpdt … --json` processes (measured on a
sample and scaled, unless --full).

The queries cycle through every reference command: lookups, time questions, searches (in
Vietnamese with and without diacritics, in English), misses and usage errors, so the figure
is that of a realistic pipeline rather than of one cached answer repeated.

    .venv/bin/python bench/batch.py                    # 5 runs of 1,000 queries, data/facts.yaml
    .venv/bin/python bench/batch.py --queries 5000 --runs 3
    .venv/bin/python bench/batch.py --check            # exit 1 when CPU time is over 3 s

On an idle machine the wall clock is the CPU time (one thread); on a shared one, other load
stretches the wall clock, so both are printed, with the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL = 3.0

MIX: list[list[str]] = [
    ["define"],
    ["define", "--source", "unesco"],
    ["define", "--source", "ngan hang the gioi"],
    ["agency", "dau moi ky thuat"],
    ["agency", "bo thong tin"],
    ["committee", "--year", "2021"],
    ["committee", "--on", "2019-10-01"],
    ["models", "g2b"],
    ["models"],
    ["timeline", "--from", "2018", "--to", "2019"],
    ["timeline", "--kind", "decree"],
    ["law", "1619"],
    ["law", "qd 1072"],
    ["sources"],
    ["search", "ai la chu tich uy ban"],
    ["search", "dịch vụ công trực tuyến"],
    ["search", "who chairs the national committee", "-n", "3"],
    ["search", "cong thong tin dien tu", "--kind", "entity"],
    ["law", "xyzzy"],  # a miss: exit 1, with the count-0 object
    ["committee", "--year", "abc"],  # a usage error: exit 2
]


def queries(n: int) -> str:
    lines = [json.dumps({"id": i, "args": MIX[i % len(MIX)]}) for i in range(n)]
    return "\n".join(lines) + "\n"


def timed(argv: list[str], stdin: str, env: dict[str, str]) -> tuple[float, float, str]:
    """Wall-clock seconds, CPU seconds (user + system: what the process itself cost, close to
    the wall clock on an idle machine, much less disturbed by other load) and stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, input=stdin.encode(), capture_output=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} exited {done.returncode}: {done.stderr.decode()[-500:]}")
    return elapsed, cpu, done.stdout.decode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "facts.yaml")
    parser.add_argument("--sample", type=int, default=40, help="separate processes timed")
    parser.add_argument("--check", action="store_true", help=f"exit 1 over {GOAL} s of CPU")
    args = parser.parse_args()

    env = {**os.environ, "CPDT_DATA": str(args.data), "CPDT_CACHE_DIR": tempfile.mkdtemp()}
    cpdt = [sys.executable, "-m", "cpdt_cli"]
    stdin = queries(args.queries)
    timed([*cpdt, "batch"], stdin, env)  # warm the cache: the model, then the search index

    times, cpus = [], []
    for _ in range(args.runs):
        elapsed, cpu, out = timed([*cpdt, "batch"], stdin, env)
        times.append(elapsed)
        cpus.append(cpu)
    answers = [json.loads(line) for line in out.splitlines()]
    assert len(answers) == args.queries and [a["id"] for a in answers] == list(range(args.queries))
    exits = {code: sum(a["exit"] == code for a in answers) for code in (0, 1, 2)}

    single = []
    for i in range(args.sample):
        start = time.perf_counter()
        subprocess.run([*cpdt, *MIX[i % len(MIX)], "--json"], capture_output=True, env=env)
        single.append(time.perf_counter() - start)
    one = statistics.median(single)

    median, cpu = statistics.median(times), statistics.median(cpus)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs (load {load}), {args.data.name}")
    print(f"cpdt batch, {args.queries} queries (exit 0/1/2: {exits[0]}/{exits[1]}/{exits[2]}):")
    spread = f"min {min(times):.2f}, max {max(times):.2f}"
    print(f"  median {median:.2f} s over {args.runs} runs ({spread}); CPU time median {cpu:.2f} s")
    print(f"  {1000 * median / args.queries:.2f} ms per query; goal < {GOAL} s for 1,000")
    print(
        f"separate processes: median {one:.3f} s each, x{args.queries} = {one * args.queries:.0f} s"
    )
    if args.check and cpu * 1000 / args.queries > GOAL:
        sys.exit(1)


if __name__ == "__main__":
    main()
