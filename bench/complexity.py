"""How `check`, `law`, `agency` and `search` grow with hostile data: ×1, ×2, ×4, ×8.

Three shapes, each scaled by a factor k (docs/FACTS.md syntax; `cpdt check` passes on all but
the first, which is the point of it):
- dangling: 2,000·k statements whose subject is an id that does not exist (an overlay after a
  mass rename): every command stops at validation, exit 3, and must say so in linear time;
- chain:    2,000·k agencies, 2,000·k instruments each amending the one before, 2,000·k roles
  with a legal basis: the register's relations both ways and the agencies' roles;
- huge:     one statement whose text is 2 MiB·k of words, among 100 ordinary ones.

Each measurement is one whole `cpdt … --json` process (stdout to /dev/null), the least of
--runs (the least disturbed); its time is the CPU time the process used (user + system, from
wait4: on a shared machine wall-clock time mostly measures the other processes), its peak
memory ru_maxrss.
check always parses; the queries run on a warm cache (one untimed run first), except where
validation fails. Growth factors: ×8/×1 (linear work gives at most 8, less while the
constant start-up weighs; quadratic 64) and the last doubling, ×8/×4 (linear at most 2,
quadratic 4). t₀, the same command on a one-statement file, is the constant part.

    .venv/bin/python bench/complexity.py                 # the README table
    .venv/bin/python bench/complexity.py --runs 1 --factors 1 2
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HEADER = 'schema_version: 1\ndata_as_of: "2026-11-23"\n'
SOURCE = 'sources:\n  - id: src\n    title: "Nguồn tổng hợp"\n'
CITE = '    citations: [{source: src, quote: "trích dẫn"}]\n'
WORDS = "chính phủ điện tử dịch vụ công trực tuyến cổng thông tin quốc gia ủy ban chuyển đổi số"
COMMANDS = {
    "check": ["check"],
    "law": ["law", "--json"],
    "agency": ["agency", "--json"],
    "search": ["search", "dịch vụ công trực tuyến", "--json"],
}


def dangling(k: int) -> str:
    n = 2000 * k
    out = [HEADER, SOURCE, 'entities:\n  - id: org.kept\n    kind: agency\n    name: "Cơ quan"\n']
    out.append("statements:\n")
    out += [
        f"  - id: st.{i}\n    kind: goal\n    subject: org.renamed-{i}\n{CITE}" for i in range(n)
    ]
    return "".join(out)


def chain(k: int) -> str:
    n = 2000 * k
    out = [HEADER, SOURCE, "entities:\n"]
    out += [f'  - id: org.e{i}\n    kind: agency\n    name: "Cơ quan {i}"\n' for i in range(n)]
    out.append("instruments:\n")
    for i in range(n):
        out.append(f'  - id: ins.{i}\n    number: "{i}/QĐ-TTg"\n    type: decision\n'
                   f'    date: "2020-01-01"\n    title: "Quyết định {i} về {WORDS}"\n')  # fmt: skip
        if i:
            out.append(f"    relations: [{{type: amends, target: ins.{i - 1}}}]\n")
        out.append(CITE)
    out.append("statements:\n")
    out += [
        f'  - id: role.{i}\n    kind: role\n    subject: org.e{i}\n    role: "nhiệm vụ {i}"\n'
        f"    basis: ins.{i}\n{CITE}"
        for i in range(n)
    ]
    return "".join(out)


def huge(k: int) -> str:
    words = WORDS.split()
    size = (2 << 20) * k
    repeat = size // (len(WORDS) + 1) + 1
    text = " ".join(words[i % len(words)] for i in range(repeat * len(words)))[:size]
    out = [HEADER, SOURCE, 'entities:\n  - id: org.e\n    kind: agency\n    name: "Cơ quan"\n']
    out.append("statements:\n")
    out.append(f'  - id: st.huge\n    kind: goal\n    subject: org.e\n    text: "{text}"\n{CITE}')
    out += [f'  - id: st.{i}\n    kind: goal\n    text: "{WORDS} {i}"\n{CITE}' for i in range(100)]
    return "".join(out)


def tiny() -> str:
    return (HEADER + SOURCE + 'entities:\n  - id: org.e\n    kind: agency\n    name: "Cơ quan"\n'
            f'statements:\n  - id: st.0\n    kind: role\n    subject: org.e\n    text: "{WORDS}"\n'
            + CITE)  # fmt: skip


SHAPES = {"dangling": dangling, "chain": chain, "huge": huge}


def measure(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """CPU seconds, peak MiB and exit code of one process."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "cpdt_cli", *argv],
        env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = usage.ru_utime + usage.ru_stime
    proc.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 2, 4, 8])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--shapes", nargs="+", default=list(SHAPES), choices=list(SHAPES))
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cpdt-complexity-"))
    base = work / "tiny.yaml"
    base.write_text(tiny(), encoding="utf-8")
    env0 = dict(os.environ, CPDT_DATA=str(base), CPDT_CACHE_DIR=str(work / "c-tiny"))
    env0["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    t0 = {}
    for name, argv in COMMANDS.items():
        measure(argv, env0)
        t0[name] = min(measure(argv, env0)[0] for _ in range(args.runs))
        print(f"one statement: {name}: {t0[name]:.3f} s", file=sys.stderr)
    rows = []
    for shape in args.shapes:
        times: dict[str, list[float]] = {c: [] for c in COMMANDS}
        peaks: dict[str, list[float]] = {c: [] for c in COMMANDS}
        codes: dict[str, set[int]] = {c: set() for c in COMMANDS}
        for k in args.factors:
            data = work / f"{shape}-{k}.yaml"
            data.write_text(SHAPES[shape](k), encoding="utf-8")
            env = dict(os.environ, CPDT_DATA=str(data), CPDT_CACHE_DIR=str(work / f"c-{shape}-{k}"))
            env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
            env.pop("CPDT_OVERLAY", None)
            for name, argv in COMMANDS.items():
                measure(argv, env)  # untimed: the cache and .pyc files are warm after it
                runs = [measure(argv, env) for _ in range(args.runs)]
                times[name].append(min(r[0] for r in runs))
                peaks[name].append(max(r[1] for r in runs))
                codes[name].update(r[2] for r in runs)
                print(f"{shape} ×{k} {name}: {times[name][-1]:.3f} s, {peaks[name][-1]:.0f} MiB,"
                      f" exit {runs[0][2]}", file=sys.stderr)  # fmt: skip
        for name in COMMANDS:
            rows.append((shape, name, times[name], peaks[name], codes[name]))
    factors = args.factors
    head = " | ".join(f"×{k} (CPU s)" for k in factors)
    last, before = factors[-1], factors[-2] if len(factors) > 1 else factors[-1]
    growth = f"×{last}/×{factors[0]} | ×{last}/×{before}"
    print("t₀ (one statement, CPU s): " + ", ".join(f"`{n}` {t:.2f}" for n, t in t0.items()))
    print()
    print(
        f"| shape | command | exit | {head} | {growth} | peak MiB ×{factors[0]} → ×{factors[-1]} |"
    )
    print("|---|---|---|" + "---:|" * (len(factors) + 2) + "---|")
    for shape, name, t, p, code in rows:
        cells = " | ".join(f"{x:.2f}" for x in t)
        ratios = f"{t[-1] / t[0]:.1f} | {t[-1] / t[-2 if len(t) > 1 else -1]:.1f}"
        exits = ",".join(map(str, sorted(code)))
        print(f"| {shape} | `{name}` | {exits} | {cells} | {ratios} | {p[0]:.0f} → {p[-1]:.0f} |")


if __name__ == "__main__":
    main()
