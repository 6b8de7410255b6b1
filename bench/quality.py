"""Search quality: recall@1, recall@3 and MRR of `cpdt search` per category, over
bench/queries.yaml (names, abbreviations, typos, and the development split of the natural
questions) and bench/questions-test.yaml (the held-out third of the questions), against the
curated fact file. Targets: recall@1 >= 0.98 on names, >= 0.9 on questions (each split).

When search reads a question as a reference command, the answer it shows first is rank 1
(any item inside it: a committee line-up's members, an instrument's relations), and the
ranked hits follow. Each question may also name the reading it expects (`read`), checked
apart: that check does not depend on the data. Questions marked `pending` expect data the
fact file does not hold yet; they are reported apart and do not count towards the targets.

    .venv/bin/python bench/quality.py              # figures, and every query that misses @1
    .venv/bin/python bench/quality.py --all        # every query with its top three
    .venv/bin/python bench/quality.py --check      # exit 1 below the targets (for CI)
    .venv/bin/python bench/quality.py --data data/facts.yaml --data extra.yaml
"""

from __future__ import annotations

import argparse
import shlex
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

import msgspec
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from cpdt_cli.answers.search import search_facts  # noqa: E402
from cpdt_cli.data import facts  # noqa: E402
from cpdt_cli.errors import NotFound  # noqa: E402
from cpdt_cli.render.json import text_of  # noqa: E402
from cpdt_cli.text import normalize  # noqa: E402

TARGET_NAMES, TARGET_QUESTIONS = 0.98, 0.9


def block_items(value: Any) -> list[dict[str, Any]]:
    """Every item inside an answer (results, members, roles, relations …), citations aside."""
    out: list[dict[str, Any]] = []
    if isinstance(value, dict):
        if "id" in value:
            out.append(value)
        for key, v in value.items():
            if key not in ("citations", "source"):
                out += block_items(v)
    elif isinstance(value, list):
        for v in value:
            out += block_items(v)
    return out


def ranked(model: Any, q: str) -> tuple[list[list[dict[str, Any]]], str]:
    """The answer shown first (as one rank) and the hits, and the reading ("none" if none)."""
    try:
        found = search_facts(model, q, limit=10)
    except NotFound:
        return [], "none"
    ranks = [[r] for r in msgspec.to_builtins(found.results, enc_hook=text_of)]
    reading = msgspec.to_builtins(getattr(found, "interpretation", None), enc_hook=text_of)
    if reading is None:  # a search without a reading
        return ranks, "none"
    return [block_items(reading["answer"]["results"]), *ranks], reading["cli"].split(" ", 1)[1]


def same_reading(want: str, got: str) -> bool:
    w, g = shlex.split(want), shlex.split(got)
    if w and w[-1] == "*":
        w, g = w[:-1], g[: len(w) - 1]
    return [normalize.fold(x) for x in w] == [normalize.fold(x) for x in g]


def evaluate(model: Any, items: list[dict[str, Any]], split: str, show_all: bool) -> list[dict]:
    rows = []
    for item in items:
        q = unicodedata.normalize("NFD", item["q"]) if item.get("nfd") else item["q"]
        ranks, reading = ranked(model, q)
        expected = set(item.get("expect", []))
        kind = item.get("expect_kind")
        ok = [
            any(r["id"] in expected or (kind and r.get("kind") == kind) for r in rank)
            for rank in ranks
        ]
        rank = ok.index(True) + 1 if True in ok else None
        read_ok = same_reading(item["read"], reading) if "read" in item else None
        cat = item.get("cat", "other")
        known = {*model.entities, *model.instruments, *model.committee_states, *model.statements}
        ready = bool(expected) and expected <= known and read_ok is not False
        rows.append({"split": split, "cat": cat, "rank": rank, "read_ok": read_ok,
                     "pending": bool(item.get("pending")), "ready": ready})  # fmt: skip
        if show_all or rank != 1 or read_ok is False:
            top = ", ".join(r[0]["id"] if len(r) == 1 else f"[{r[0]['id']}…]" for r in ranks[:3])
            want = kind or " | ".join(sorted(expected))
            flag = " (pending)" if item.get("pending") else ""
            print(f"{rank or '-':>2}  {item['q']!r}{flag}  [{split}/{cat}]\n    want {want}"
                  f"\n    got  {top or '(nothing)'}")  # fmt: skip
            if read_ok is False:
                print(f"    read {reading!r}, expected {item['read']!r}")
    return rows


def figures(rows: list[dict]) -> tuple[int, float, float, float]:
    n = len(rows)
    if not n:
        return 0, 0.0, 0.0, 0.0
    ranks = [r["rank"] for r in rows]
    r1 = sum(r == 1 for r in ranks) / n
    r3 = sum(r is not None and r <= 3 for r in ranks) / n
    mrr = sum(1 / r for r in ranks if r) / n
    return n, r1, r3, mrr


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, action="append")
    parser.add_argument("--queries", type=Path, default=ROOT / "bench" / "queries.yaml")
    parser.add_argument("--test", type=Path, default=ROOT / "bench" / "questions-test.yaml")
    parser.add_argument("--all", action="store_true", help="show every query")
    parser.add_argument("--check", action="store_true", help="exit 1 below the targets")
    args = parser.parse_args()

    model = facts.load(args.data or [facts.builtin_path()])
    dev = yaml.safe_load(args.queries.read_text(encoding="utf-8"))["queries"]
    test = yaml.safe_load(args.test.read_text(encoding="utf-8"))["questions"]
    started = time.perf_counter()
    rows = evaluate(model, dev, "dev", args.all) + evaluate(model, test, "test", args.all)
    elapsed = time.perf_counter() - started

    def question(r: dict) -> bool:
        return str(r["cat"]).startswith("q-")

    groups = {
        "names (all but questions)": [r for r in rows if not question(r)],
        "questions, development split": [
            r for r in rows if question(r) and r["split"] == "dev" and not r["pending"]
        ],
        "questions, test split": [
            r for r in rows if question(r) and r["split"] == "test" and not r["pending"]
        ],
        "questions awaiting data (pending)": [r for r in rows if r["pending"]],
    }
    print(f"\n{'':36} {'n':>4} {'recall@1':>9} {'recall@3':>9} {'MRR':>6} {'reading':>8}")
    cats = sorted({r["cat"] for r in rows})
    table = [(f"  {c}", [r for r in rows if r["cat"] == c and not r["pending"]]) for c in cats]
    for c in cats:
        if c.startswith("q-"):
            test_rows = [r for r in rows if r["cat"] == c and r["split"] == "test"]
            table.append((f"  {c} (test)", [r for r in test_rows if not r["pending"]]))
    for label, group in [*groups.items(), *table]:
        n, r1, r3, mrr = figures(group)
        checked = [r["read_ok"] for r in group if r["read_ok"] is not None]
        reading = f"{sum(checked) / len(checked):.3f}" if checked else "—"
        print(f"{label:36} {n:>4} {r1:>9.3f} {r3:>9.3f} {mrr:>6.3f} {reading:>8}")
    for split in ("dev", "test"):
        checked = [r["read_ok"] for r in rows if r["split"] == split and r["read_ok"] is not None]
        print(f"readings {split}: {sum(checked)}/{len(checked)} as expected (pending included)")
    ready = sum(r["pending"] and r["ready"] for r in rows)
    if ready:
        print(f"{ready} pending questions are answerable now (their ids are in the data, their"
              " reading is as expected): drop their flag")  # fmt: skip
    print(f"{len(rows)} queries, {1000 * elapsed / len(rows):.1f} ms/query")
    below = figures(groups["names (all but questions)"])[1] < TARGET_NAMES or any(
        figures(groups[g])[1] < TARGET_QUESTIONS
        for g in ("questions, development split", "questions, test split")
    )
    return 1 if args.check and below else 0


if __name__ == "__main__":
    sys.exit(main())
