"""Score a prediction file on the development set, per batch, with the official scorer.

    python scripts/score_dev.py PRED.jsonl [--shared ../shared]

Batches: the first set (``000``-``004`` and ``w*``), the 40 rewritten articles in four
groups (``d101``-``d110`` conflict, ``d111``-``d120`` contacts, ``d121``-``d130`` figures,
``d131``-``d140`` hard pages), the new 40 together, and all documents.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

BATCHES: dict[str, Callable[[str], bool]] = {
    "first (000-004, w*)": lambda d: not d.startswith("d"),
    "d101-d110 conflict": lambda d: d.startswith("d1") and 101 <= int(d[1:4]) <= 110,
    "d111-d120 contacts": lambda d: d.startswith("d1") and 111 <= int(d[1:4]) <= 120,
    "d121-d130 figures": lambda d: d.startswith("d1") and 121 <= int(d[1:4]) <= 130,
    "d131-d140 hard pages": lambda d: d.startswith("d1") and 131 <= int(d[1:4]) <= 140,
    "new 40 (d101-d140)": lambda d: d.startswith("d1"),
    "all": lambda d: True,
}


def scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("bilat_official_score", shared / "eval/score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pred")
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    args = ap.parse_args()
    score = scorer(Path(args.shared))
    gold = score.load(str(Path(args.shared) / "eval/dev/gold.jsonl"))
    pred = score.load(args.pred)
    print("| batch | docs | events F1 (P/R) | facts F1 | particip. F1 | date | location |")
    print("|---|---|---|---|---|---|---|")
    for name, keep in BATCHES.items():
        g = {k: v for k, v in gold.items() if keep(k)}
        p = {k: v for k, v in pred.items() if keep(k)}
        r: dict[str, Any] = score.score(g, p)
        ev = r["events"]
        print(
            f"| {name} | {len(g)} | {ev['f1']:.2f} ({ev['precision']:.2f}/{ev['recall']:.2f}) "
            f"| {r['facts']['f1']:.2f} | {r['participants']['f1']:.2f} "
            f"| {r['date']['accuracy']:.2f} | {r['location']['accuracy']:.2f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
