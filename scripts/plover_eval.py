"""Run the extractor on PLOVER's gold-standard sentences and print how often the type is right.

    python scripts/plover_eval.py PATH/PLOVER_GSR_CAMEO.txt [--misses N]

PATH is the gold-standard records file of https://github.com/openeventdata/PLOVER
(``gold_standard_records/PLOVER_GSR_CAMEO.txt``): a JSON array of records, each with an
``event`` type, the ``text`` of one or two sentences and a coding ``date``. The file is read
where it lies and never copied into the project.

The file is coded in PLOVER 0.5, whose types DEMAND, DISAPPROVE, INVESTIGATE and FIGHT are
REQUEST, ACCUSE, ACCUSE and ASSAULT in the 16 types of PLOVER 2 (``shared/spec/RECORD.md``).
A record counts as right when one of the events extracted from its text has its type. PLOVER
codes future cooperation as AGREE, bilat as the action's own type with status planned: the
``AGREE or planned`` line also counts an AGREE record right when a planned event comes out.
``DOCUMENT`` records (notes about the file) are skipped. ``--two-countries`` keeps only the
records whose coded actors (``source``, ``target``) are of two or more ISO 3166 countries:
bilat records interactions between countries, so the others may rightly give no event.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pycountry

from bilat import Extractor, Options
from bilat.document import Document

#: PLOVER 0.5 types of the gold-standard file -> PLOVER 2 types
OLD_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
             "FIGHT": "ASSAULT"}


def load_records(path: Path) -> list[dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise SystemExit(f"{path}: expected a JSON array of records")
    return [r for r in data if isinstance(r, dict) and r.get("text") and r.get("event")
            and r["event"] != "DOCUMENT"]


def actor_countries(record: dict[str, Any]) -> set[str]:
    """ISO3 codes of the record's coded actors (codes such as ``USAGOV`` start with one)."""
    out: set[str] = set()
    for key in ("source", "target"):
        actors = record.get(key)
        for actor in actors if isinstance(actors, list) else [actors]:
            code = str(actor.get("code") or "")[:3] if isinstance(actor, dict) else ""
            if len(code) == 3 and pycountry.countries.get(alpha_3=code) is not None:
                out.add(code)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("path", type=Path, help="PLOVER_GSR_CAMEO.txt")
    ap.add_argument("--misses", type=int, default=0, metavar="N",
                    help="also print N records whose type was missed, with what came out")
    ap.add_argument("--two-countries", action="store_true",
                    help="only records whose actors are of two or more countries")
    args = ap.parse_args(argv)
    if not args.path.is_file():
        print(f"no such file: {args.path}", file=sys.stderr)
        return 2
    records = load_records(args.path)
    if args.two_countries:
        records = [r for r in records if len(actor_countries(r)) >= 2]
    docs = [Document(str(r["id"]), str(r["text"]), published=r.get("date")) for r in records]
    predicted = {rec.doc: [e.to_dict() for e in rec.events]
                 for rec in Extractor(Options()).extract(docs)}

    total: Counter[str] = Counter()
    right: Counter[str] = Counter()
    lenient = empty = 0
    misses: list[str] = []
    for r in records:
        gold = OLD_TYPES.get(r["event"], r["event"])
        events = predicted[str(r["id"])]
        types = {e["type"] for e in events}
        total[gold] += 1
        empty += not events
        if gold in types:
            right[gold] += 1
            lenient += 1
        else:
            lenient += gold == "AGREE" and any(e["status"] == "planned" for e in events)
            got = ", ".join(sorted(types)) or "-"
            misses.append(f"{r['id']}  {gold} => {got}  | {r['text'][:110]}")

    n = sum(total.values())
    print(f"PLOVER gold sentences: {n}  right type {sum(right.values()) / n:.1%} "
          f"({sum(right.values())})  AGREE or planned {lenient / n:.1%}  "
          f"no event {empty / n:.1%} ({empty})")
    cells = [f"{t:<9} {right[t]:>2}/{total[t]:<3} {right[t] / total[t]:4.2f}"
             for t in sorted(total)]
    for i in range(0, len(cells), 4):
        print("   ".join(cells[i:i + 4]))
    for line in misses[:args.misses]:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
