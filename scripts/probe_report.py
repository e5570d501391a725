"""Per-type pass rates of the behavioural probes and the failing probes with what came out.

    python scripts/probe_report.py [--type SANCTION] [--tag directional] [--id PREFIX]
                                   [--text] [--rates-only] [--probes FILE] [--facts FILE]

One line per failing probe: ``id  expected => predicted`` (``-`` is no event, a trailing ``?``
an optional reading); ``--text`` adds the probe's sentence. The floors of ``tests/test_probes.py``
are in ``tests/probes/baseline.json`` (``probes`` for ``events.jsonl``, ``heldout``,
``heldout2``, ``heldout3`` and ``heldout4`` for the held-out ``heldout*.jsonl``); a rate under its
floor is marked ``<``. ``--facts FILE`` reads fact probes instead (``heldout2_facts.jsonl`` ...
``heldout4_facts.jsonl``, floors ``heldout2_facts`` ... ``heldout4_facts``), counted by the kind
of their first expected fact (``--type`` selects one).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.probing import (  # noqa: E402
    BASELINE,
    FLOOR_SECTIONS,
    PROBES,
    fact_group,
    fact_pass_rates,
    load_fact_probes,
    load_probes,
    pass_rates,
    run_fact_probes,
    run_probes,
    short,
    short_fact,
)

from bilat import Extractor, Options  # noqa: E402


def _events(events: list[dict[str, object]] | tuple[dict[str, object], ...]) -> str:
    return " ".join(short(e) for e in events) or "-"


def _floors(path: Path, whole: bool) -> dict[str, float]:
    """The floors of a whole probe file known to ``baseline.json`` (empty otherwise)."""
    section = {p.resolve(): s for p, s in FLOOR_SECTIONS.items()}.get(path.resolve())
    if not whole or section is None or not BASELINE.exists():
        return {}
    floors: dict[str, float] = json.loads(BASELINE.read_text("utf-8")).get(section, {})
    return floors


def _print_rates(rates: dict[str, tuple[int, int]], floors: dict[str, float]) -> None:
    cells = []
    for key in sorted(rates, key=lambda k: (k == "all", k)):
        ok, n = rates[key]
        mark = "<" if ok / n < floors.get(key, 0.0) else " "
        cells.append(f"{key:<9} {ok:>3}/{n:<3} {ok / n:4.2f}{mark}")
    for i in range(0, len(cells), 3):
        print("   ".join(cells[i:i + 3]))


def _facts_report(args: argparse.Namespace) -> int:
    probes = [p for p in load_fact_probes(args.facts)
              if (not args.type or fact_group(p) == args.type)
              and (not args.tag or args.tag in p.tags)
              and (not args.prefix or p.id.startswith(args.prefix))]
    if not probes:
        print("no probe selected")
        return 1
    outcomes = run_fact_probes(Extractor(Options()), probes)
    whole = not (args.type or args.tag or args.prefix)
    _print_rates(fact_pass_rates(outcomes), _floors(args.facts, whole))
    if not args.rates_only:
        _print_failing([(o.probe.id, o.probe.text,
                         " ".join(short_fact(f) for f in o.probe.expect) or "-",
                         " ".join(short_fact(f) for f in o.predicted) or "-")
                        for o in outcomes if not o.passed], args.text)
    return 0


def _print_failing(rows: list[tuple[str, str, str, str]], text: bool) -> None:
    """(id, sentence, expected, predicted) of each failing probe, one line each."""
    if rows:
        print(f"\nfailing ({len(rows)}): id  expected => predicted")
    width = max((len(r[0]) for r in rows), default=0)
    for pid, sentence, want, got in rows:
        print(f"{pid:<{width}}  {want} => {got}")
        if text:
            print(f"{'':<{width}}  | {sentence}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--type", help="only probes with this type_tag (NONE: the negatives)")
    ap.add_argument("--tag", help="only probes carrying this tag")
    ap.add_argument("--id", dest="prefix", help="only probes whose id starts with this")
    ap.add_argument("--text", action="store_true", help="print each failing probe's sentence")
    ap.add_argument("--rates-only", action="store_true", help="no list of failing probes")
    ap.add_argument("--probes", type=Path, default=PROBES, help="probe file (JSON Lines)")
    ap.add_argument("--facts", type=Path, help="a fact probe file instead (JSON Lines)")
    args = ap.parse_args(argv)
    if args.facts:
        return _facts_report(args)

    probes = [p for p in load_probes(args.probes)
              if (not args.type or p.type_tag == args.type.upper())
              and (not args.tag or args.tag in p.tags)
              and (not args.prefix or p.id.startswith(args.prefix))]
    if not probes:
        print("no probe selected")
        return 1
    outcomes = run_probes(Extractor(Options()), probes)
    # floors hold for the whole probe file: compared only when nothing is filtered out
    whole = not (args.type or args.tag or args.prefix)
    _print_rates(pass_rates(outcomes), _floors(args.probes, whole))

    if not args.rates_only:
        _print_failing([(o.probe.id, o.probe.text, _events(o.probe.expect), _events(o.predicted))
                        for o in outcomes if not o.passed], args.text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
