"""Search quality: recall@1, recall@3 and MRR of `cpdt search` over bench/queries.yaml,
against the curated fact file (targets: recall@1 >= 0.9, recall@3 = 1.0).

    .venv/bin/python bench/quality.py              # figures, and every query that misses @1
    .venv/bin/python bench/quality.py --all        # every query with its top three
    .venv/bin/python bench/quality.py --check      # exit 1 below the targets (for CI)
    .venv/bin/python bench/quality.py --data data/facts.yaml --data extra.yaml
"""

from __future__ import annotations

import argparse
import sys
import time
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from cpdt_cli import facts, find  # noqa: E402
from cpdt_cli.errors import NotFound  # noqa: E402

TARGET_R1, TARGET_R3 = 0.9, 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, action="append")
    parser.add_argument("--queries", type=Path, default=ROOT / "bench" / "queries.yaml")
    parser.add_argument("--all", action="store_true", help="show every query")
    parser.add_argument("--check", action="store_true", help="exit 1 below the targets")
    args = parser.parse_args()

    model = facts.load(args.data or [facts.builtin_path()])
    queries = yaml.safe_load(args.queries.read_text(encoding="utf-8"))["queries"]
    ranks: list[int | None] = []
    started = time.perf_counter()
    for item in queries:
        q = unicodedata.normalize("NFD", item["q"]) if item.get("nfd") else item["q"]
        try:
            results = find.search_facts(model, q, limit=10).results
        except NotFound:
            results = []
        expected = set(item.get("expect", []))
        kind = item.get("expect_kind")
        ok = [r["id"] in expected or r["kind"] == kind for r in results]
        rank = ok.index(True) + 1 if True in ok else None
        ranks.append(rank)
        if args.all or rank != 1:
            top = ", ".join(r["id"] for r in results[:3]) or "(nothing)"
            want = kind or " | ".join(sorted(expected))
            print(f"{rank or '-':>2}  {item['q']!r}\n    want {want}\n    got  {top}")
    elapsed = time.perf_counter() - started
    n = len(ranks)
    r1 = sum(r == 1 for r in ranks) / n
    r3 = sum(r is not None and r <= 3 for r in ranks) / n
    mrr = sum(1 / r for r in ranks if r) / n
    print(f"\n{n} queries  recall@1 {r1:.3f}  recall@3 {r3:.3f}  MRR {mrr:.3f}"
          f"  ({1000 * elapsed / n:.1f} ms/query)")  # fmt: skip
    return 1 if args.check and (r1 < TARGET_R1 or r3 < TARGET_R3) else 0


if __name__ == "__main__":
    sys.exit(main())
