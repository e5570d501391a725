"""Show, per document, the events the official scorer left unpaired on each side.

    python scripts/diff_dev.py PRED.jsonl [DOC_PREFIX ...] [--shared ../shared] [--fields]

For each document: gold events nobody matched (``-``), predicted events that match no
gold event (``+``) with their evidence, and with ``--fields`` the paired events whose
date, location or participants disagree (``~``). A development tool: it reads the
development set at run time and copies nothing from it.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from score_dev import scorer


def _brief(event: dict[str, Any]) -> str:
    names = ",".join(
        str(p.get("name")) for p in event.get("participants") or [] if isinstance(p, dict)
    )
    return (
        f"{event.get('type')} {'-'.join(event.get('countries') or [])} "
        f"{event.get('mode')} {event.get('status', 'occurred')} date={event.get('date')} "
        f"loc={event.get('location')} [{names}]" + (" (optional)" if event.get("optional") else "")
    )


def _evidence(event: dict[str, Any], text: str) -> str:
    ev = event.get("evidence") or {}
    if isinstance(ev, list):
        ev = ev[0] if ev else {}
    s, e = int(ev.get("start", 0)), int(ev.get("end", 0))
    return " ".join(text[s:e].split())[:220]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pred")
    ap.add_argument("docs", nargs="*", help="document id prefixes (default: all)")
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    ap.add_argument("--fields", action="store_true", help="also paired events that disagree")
    ap.add_argument("--optional", action="store_true", help="also unpaired optional gold")
    args = ap.parse_args()
    shared = Path(args.shared)
    score = scorer(shared)
    gold = score.load(str(shared / "eval/dev/gold.jsonl"))
    pred = score.load(args.pred)
    for doc in sorted(gold):
        if args.docs and not any(doc.startswith(p) for p in args.docs):
            continue
        g_events = gold[doc].get("events") or []
        p_events = (pred.get(doc) or {}).get("events") or []
        matched = score.pair_events(p_events, g_events)
        text_path = shared / "eval/dev/docs" / f"{doc}.txt"
        text = text_path.read_text(encoding="utf-8") if text_path.exists() else ""
        lines: list[str] = []
        hit_p = {i for i, _ in matched}
        hit_g = {j for _, j in matched}
        for j, g in enumerate(g_events):
            if j not in hit_g and (args.optional or not g.get("optional")):
                lines.append(f"  - {_brief(g)}")
        for i, p in enumerate(p_events):
            if i not in hit_p:
                lines.append(f"  + {_brief(p)}\n      {_evidence(p, text)}")
        if args.fields:
            for i, j in matched:
                p, g = p_events[i], g_events[j]
                gn = {score.surname(x.get("name")) for x in g.get("participants") or []}
                pn = {
                    score.surname(x.get("name"))
                    for x in p.get("participants") or []
                    if isinstance(x, dict)
                }
                if (
                    (g.get("date") and not score.date_fits(g["date"], p.get("date") or ""))
                    or (g.get("location") and score.fold(g.get("location"))
                        != score.fold(p.get("location")))
                    or gn != pn
                ):
                    lines.append(f"  ~ gold {_brief(g)}\n    pred {_brief(p)}")
        if lines:
            print(doc)
            print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
