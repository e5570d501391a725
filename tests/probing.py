"""Behavioural probes (issue 6): loading, running and judging them.

A probe is one JSON object a line in ``tests/probes/events.jsonl``::

    {"id": "sanction.impose.01", "type_tag": "SANCTION", "text": "...",
     "published": "2024-03-15", "expect": [{"type": "SANCTION", "countries": ["BLR", "GBR"],
     "status": "occurred", "date": "2024-03-13"}], "tags": ["sanctions"]}

An expected event is matched by a predicted one of the same type and sorted countries and the
same value for every other key it gives (``status``, ``mode``, ``date``, ...). ``"optional":
true`` marks a reading either way: it need not be found, but a predicted event that matches it is
no false alarm. A probe passes when every required expected event is matched (one predicted event
each) and every other predicted event matches an optional one. ``"expect": []`` means no event.

Fact probes (``tests/probes/heldout2_facts.jsonl``) are judged the same way by
``judge_facts``; their format is described below, before ``FactProbe``.

Used by ``tests/test_probes.py``, ``tests/test_heldout.py`` and ``scripts/probe_report.py``.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from bilat import Extractor
from bilat.document import Document
from bilat.extract.amounts import find_amounts
from bilat.record import CONSULT_MODES, EVENT_TYPES, FACT_KINDS, STATUSES

PROBES_DIR = Path(__file__).resolve().parent / "probes"
PROBES = PROBES_DIR / "events.jsonl"
HELDOUT = PROBES_DIR / "heldout.jsonl"  # written blind to the rules: measured, never tuned on
HELDOUT2 = PROBES_DIR / "heldout2.jsonl"  # a second blind file, for when the first is spent
HELDOUT2_FACTS = PROBES_DIR / "heldout2_facts.jsonl"  # its fact probes
HELDOUT3 = PROBES_DIR / "heldout3.jsonl"  # a third blind file, for when the second is spent
HELDOUT3_FACTS = PROBES_DIR / "heldout3_facts.jsonl"  # its fact probes
HELDOUT4 = PROBES_DIR / "heldout4.jsonl"  # a fourth blind file, for when the third is spent
HELDOUT4_FACTS = PROBES_DIR / "heldout4_facts.jsonl"  # its fact probes
BASELINE = PROBES_DIR / "baseline.json"
#: each probe file and the section of ``baseline.json`` that holds its floors
FLOOR_SECTIONS: dict[Path, str] = {
    PROBES: "probes", HELDOUT: "heldout", HELDOUT2: "heldout2",
    HELDOUT2_FACTS: "heldout2_facts", HELDOUT3: "heldout3", HELDOUT3_FACTS: "heldout3_facts",
    HELDOUT4: "heldout4", HELDOUT4_FACTS: "heldout4_facts",
}
NO_TYPE = "NONE"  # type_tag of probes that expect no event
_CONTROL_KEYS = frozenset({"type", "countries", "optional"})
UNORDERED_KINDS = frozenset({"trade_turnover", "investment"})  # countries sorted, not [from, to]
_FACT_CONTROL_KEYS = frozenset({"kind", "countries", "value", "optional"})


@dataclass(frozen=True, slots=True)
class Probe:
    id: str
    type_tag: str
    text: str
    published: str | None
    expect: tuple[dict[str, Any], ...]
    tags: tuple[str, ...]


@dataclass(slots=True)
class Outcome:
    probe: Probe
    predicted: list[dict[str, Any]]
    missing: list[dict[str, Any]] = field(default_factory=list)
    extra: list[dict[str, Any]] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.missing and not self.extra


def load_probes(path: Path = PROBES) -> list[Probe]:
    probes: list[Probe] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        raw = json.loads(line)
        try:
            probes.append(Probe(raw["id"], raw["type_tag"], raw["text"], raw.get("published"),
                                tuple(raw["expect"]), tuple(raw.get("tags", ()))))
        except KeyError as exc:
            raise ValueError(f"{path}:{n}: probe without {exc}") from exc
    return probes


def malformed(probes: Iterable[Probe]) -> list[str]:
    """What is wrong with a probe file's probes (empty when well-formed): duplicate ids, unknown
    types, statuses or modes, country lists that are not two or more sorted ISO3 codes, negatives
    that expect an event."""
    from bilat.record import CONSULT_MODES, EVENT_TYPES, STATUSES

    problems: list[str] = []
    seen: set[str] = set()
    for p in probes:
        if p.id in seen:
            problems.append(f"{p.id}: duplicate id")
        seen.add(p.id)
        if p.type_tag not in (*EVENT_TYPES, NO_TYPE):
            problems.append(f"{p.id}: type_tag {p.type_tag!r}")
        if not p.text.strip():
            problems.append(f"{p.id}: empty text")
        if p.type_tag == NO_TYPE and p.expect:
            problems.append(f"{p.id}: a negative probe expects events")
        for e in p.expect:
            cs = e.get("countries")
            if e.get("type") not in EVENT_TYPES:
                problems.append(f"{p.id}: event type {e.get('type')!r}")
            if not isinstance(cs, list) or cs != sorted(set(cs)) or len(cs) < 2 or not all(
                    isinstance(c, str) and len(c) == 3 and c.isalpha() and c.isupper()
                    for c in cs):
                problems.append(f"{p.id}: countries {cs!r}")
            if e.get("status", "occurred") not in STATUSES:
                problems.append(f"{p.id}: status {e.get('status')!r}")
            if e.get("mode") not in (None, *CONSULT_MODES):
                problems.append(f"{p.id}: mode {e.get('mode')!r}")
    return problems


def _matches(expected: dict[str, Any], predicted: dict[str, Any]) -> bool:
    if expected["type"] != predicted.get("type"):
        return False
    if sorted(expected["countries"]) != sorted(predicted.get("countries") or []):
        return False
    return all(predicted.get(k) == v for k, v in expected.items() if k not in _CONTROL_KEYS)


def _compare(
    expect: Sequence[dict[str, Any]], predicted: Sequence[dict[str, Any]],
    matches: Callable[[dict[str, Any], dict[str, Any]], bool],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(missing, extra): required expectations no prediction matches, and predictions
    that match no expectation (an optional one absorbs what matches it)."""
    left = list(predicted)
    missing: list[dict[str, Any]] = []
    for exp in expect:
        if exp.get("optional"):
            continue
        hit = next((p for p in left if matches(exp, p)), None)
        if hit is None:
            missing.append(exp)
        else:
            left.remove(hit)
    optional = [e for e in expect if e.get("optional")]
    return missing, [p for p in left if not any(matches(e, p) for e in optional)]


def judge(probe: Probe, predicted: Sequence[dict[str, Any]]) -> Outcome:
    """Compare predicted event dicts (``Event.to_dict()``) with the probe's expectations."""
    out = Outcome(probe, list(predicted))
    out.missing, out.extra = _compare(probe.expect, predicted, _matches)
    return out


def run_probes(extractor: Extractor, probes: Iterable[Probe]) -> list[Outcome]:
    probes = list(probes)
    docs = [Document(p.id, p.text, published=p.published) for p in probes]
    records = {r.doc: r for r in extractor.extract(docs)}
    return [judge(p, [e.to_dict() for e in records[p.id].events]) for p in probes]


def pass_rates(outcomes: Iterable[Outcome]) -> dict[str, tuple[int, int]]:
    """``{"all": (passed, total), type_tag: (passed, total), ...}``."""
    rates: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for o in outcomes:
        for key in ("all", o.probe.type_tag):
            rates[key][0] += o.passed
            rates[key][1] += 1
    return {k: (v[0], v[1]) for k, v in rates.items()}


def under_floors(rates: dict[str, tuple[int, int]], floors: dict[str, float]) -> dict[str, str]:
    """The groups whose pass rate is under its floor, each as "passed/total < floor"."""
    return {k: f"{rates[k][0]}/{rates[k][1]} < {floor:.2f}" for k, floor in floors.items()
            if rates[k][0] / rates[k][1] < floor}


def short(event: dict[str, Any]) -> str:
    """One event as ``TYPE[AAA,BBB]/status/mode/date`` (``?`` marks an optional expectation)."""
    parts = [f"{event['type']}[{','.join(sorted(event.get('countries') or []))}]"]
    parts += [str(event[k]) for k in ("status", "mode", "date") if event.get(k)]
    return "/".join(parts) + ("?" if event.get("optional") else "")


# -- fact probes -------------------------------------------------------------------------------
#
# One JSON object a line (``heldout2_facts.jsonl``)::
#
#     {"id": "h2f.exports.01", "text": "Kenya's exports to Uganda rose to KSh 120 billion in 2023.",
#      "published": "2024-04-09", "expect": [{"kind": "exports", "countries": ["KEN", "UGA"],
#      "value": 120000000000, "unit": "KES", "period": "2023"}], "tags": []}
#
# An expected fact is matched by a predicted one of the same kind, the same countries (sorted for
# ``trade_turnover`` and ``investment``, in order ``[from, to]`` for the other kinds), the same
# value (relative tolerance 1e-6) and the same value for every other key it gives (``unit``,
# ``period``; ``"period": null`` checks that no period is given). ``optional`` and the pass rule
# are those of event probes: every required fact found, every other predicted fact optional.


@dataclass(frozen=True, slots=True)
class FactProbe:
    id: str
    text: str
    published: str | None
    expect: tuple[dict[str, Any], ...]
    tags: tuple[str, ...]


def load_fact_probes(path: Path = HELDOUT2_FACTS) -> list[FactProbe]:
    probes: list[FactProbe] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        raw = json.loads(line)
        try:
            probes.append(FactProbe(raw["id"], raw["text"], raw.get("published"),
                                    tuple(raw["expect"]), tuple(raw.get("tags", ()))))
        except KeyError as exc:
            raise ValueError(f"{path}:{n}: fact probe without {exc}") from exc
    return probes


def malformed_facts(probes: Iterable[FactProbe]) -> list[str]:
    """What is wrong with a fact probe file (empty when well-formed): duplicate ids, unknown
    kinds, country lists that are not two distinct ISO3 codes (sorted for the unordered kinds),
    values that are no positive number, units missing."""
    problems: list[str] = []
    seen: set[str] = set()
    for p in probes:
        if p.id in seen:
            problems.append(f"{p.id}: duplicate id")
        seen.add(p.id)
        if not p.text.strip():
            problems.append(f"{p.id}: empty text")
        for f in p.expect:
            kind, cs, value = f.get("kind"), f.get("countries"), f.get("value")
            if kind not in FACT_KINDS:
                problems.append(f"{p.id}: fact kind {kind!r}")
            if not isinstance(cs, list) or len(cs) != 2 or len(set(cs)) != 2 or not all(
                    isinstance(c, str) and len(c) == 3 and c.isalpha() and c.isupper()
                    for c in cs) or (kind in UNORDERED_KINDS and cs != sorted(cs)):
                problems.append(f"{p.id}: countries {cs!r}")
            if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
                problems.append(f"{p.id}: value {value!r}")
            if not isinstance(f.get("unit"), str) or not f["unit"]:
                problems.append(f"{p.id}: unit {f.get('unit')!r}")
    return problems


def _fact_matches(expected: dict[str, Any], predicted: dict[str, Any]) -> bool:
    if expected["kind"] != predicted.get("kind"):
        return False
    want, got = list(expected["countries"]), list(predicted.get("countries") or [])
    if expected["kind"] in UNORDERED_KINDS:
        want, got = sorted(want), sorted(got)
    if want != got:
        return False
    value = predicted.get("value")
    if not isinstance(value, int | float) or not math.isclose(
            float(value), float(expected["value"]), rel_tol=1e-6):
        return False
    return all(predicted.get(k) == v for k, v in expected.items() if k not in _FACT_CONTROL_KEYS)


@dataclass(slots=True)
class FactOutcome:
    probe: FactProbe
    predicted: list[dict[str, Any]]
    missing: list[dict[str, Any]] = field(default_factory=list)
    extra: list[dict[str, Any]] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.missing and not self.extra


def judge_facts(probe: FactProbe, predicted: Sequence[dict[str, Any]]) -> FactOutcome:
    """Compare predicted fact dicts (``Fact.to_dict()``) with the probe's expectations."""
    out = FactOutcome(probe, list(predicted))
    out.missing, out.extra = _compare(probe.expect, predicted, _fact_matches)
    return out


def run_fact_probes(extractor: Extractor, probes: Iterable[FactProbe]) -> list[FactOutcome]:
    probes = list(probes)
    docs = [Document(p.id, p.text, published=p.published) for p in probes]
    records = {r.doc: r for r in extractor.extract(docs)}
    return [judge_facts(p, [f.to_dict() for f in records[p.id].facts]) for p in probes]


def fact_group(probe: FactProbe) -> str:
    """The group a fact probe is counted under: the kind of its first required fact, or
    ``NONE`` for a probe that expects no fact."""
    return next((str(e["kind"]) for e in probe.expect if not e.get("optional")), NO_TYPE)


def fact_pass_rates(outcomes: Iterable[FactOutcome]) -> dict[str, tuple[int, int]]:
    """``{"all": (passed, total), kind: (passed, total), "NONE": ...}``."""
    rates: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for o in outcomes:
        for key in ("all", fact_group(o.probe)):
            rates[key][0] += o.passed
            rates[key][1] += 1
    return {k: (v[0], v[1]) for k, v in rates.items()}


def short_fact(fact: dict[str, Any]) -> str:
    """One fact as ``kind[AAA>BBB]/value/unit/period`` (``>`` for [from, to], ``,`` for a sorted
    pair; a trailing ``?`` marks an optional expectation)."""
    sep = "," if fact.get("kind") in UNORDERED_KINDS else ">"
    parts = [f"{fact.get('kind')}[{sep.join(fact.get('countries') or [])}]",
             f"{fact.get('value'):g}" if isinstance(fact.get("value"), int | float)
             else str(fact.get("value"))]
    parts += [str(fact[k]) for k in ("unit", "period") if fact.get(k)]
    return "/".join(parts) + ("?" if fact.get("optional") else "")


# -- checks every held-out file shares ---------------------------------------------------
def earlier_texts_and_ids(
    event_files: Iterable[Path | None], fact_files: Iterable[Path] = ()
) -> tuple[set[str], set[str]]:
    """(texts, ids) of earlier probe files (``None``: the tuned ``events.jsonl``), for
    the check that a new blind file copies none of them."""
    events = [p for path in event_files
              for p in (load_probes() if path is None else load_probes(path))]
    facts = [p for path in fact_files for p in load_fact_probes(path)]
    return {p.text for p in events} | {p.text for p in facts}, (
        {p.id for p in events} | {p.id for p in facts})


def event_coverage_problems(
    held: Sequence[Probe], floors: dict[str, float], *, minimum: int, per_type: int,
    negatives: int, tags: dict[str, int] | None = None, multilateral: int = 0,
) -> list[str]:
    """What a held-out event file lacks: enough probes, of every PLOVER type, every CONSULT
    mode and status, negatives, probes of each tag, expected events of three or more countries
    (``multilateral``); and floors for every type."""
    problems: list[str] = []
    if len(held) < minimum:
        problems.append(f"{len(held)} probes < {minimum}")
    problems += [f"type {t}" for t in EVENT_TYPES
                 if sum(p.type_tag == t for p in held) < per_type]
    expected = [e for p in held for e in p.expect if not e.get("optional")]
    if {e["mode"] for e in expected if e.get("mode")} != set(CONSULT_MODES):
        problems.append("CONSULT modes")
    if {e["status"] for e in expected if e.get("status")} != set(STATUSES):
        problems.append("statuses")
    if sum(p.type_tag == NO_TYPE for p in held) < negatives:
        problems.append("negatives")
    problems += [f"tag {tag}" for tag, n in (tags or {}).items()
                 if sum(tag in p.tags for p in held) < n]
    if sum(len(e["countries"]) >= 3 for e in expected) < multilateral:
        problems.append("meetings of 3+ countries")
    if set(floors) != {"all", NO_TYPE, *EVENT_TYPES}:
        problems.append("floors of every type")
    return problems


def fact_coverage_problems(
    facts: Sequence[FactProbe], floors: dict[str, float] | None, *, minimum: int,
    other_units: int = 0, negatives: int = 0,
) -> list[str]:
    """What a held-out fact file lacks: enough probes, of every fact kind, currencies and
    units other than dollars, probes that expect no fact; and floors for every kind."""
    problems: list[str] = []
    if len(facts) < minimum:
        problems.append(f"{len(facts)} fact probes < {minimum}")
    if {f["kind"] for p in facts for f in p.expect if not f.get("optional")} != set(FACT_KINDS):
        problems.append("fact kinds")
    if len({f["unit"] for p in facts for f in p.expect} - {"USD"}) < other_units:
        problems.append("currencies and units other than dollars")
    if sum(not p.expect for p in facts) < negatives:
        problems.append("probes that expect no fact")
    if floors is not None and set(floors) != {"all", NO_TYPE, *FACT_KINDS}:
        problems.append("floors of every fact kind")
    return problems


# -- one-sentence fact probes and amount forms, shared by the table-driven fact tests ------
#: (kind, countries, value, unit, period) of a fact, as RECORD.md defines them
FactKey = tuple[str, tuple[str, ...], float, str, str | None]


def fact_keys(extractor: Extractor, text: str, published: str) -> list[FactKey]:
    """The facts ``text`` gives as a one-text article of ``published``, sorted, each
    evidence span checked to quote the text."""
    record = extractor.extract_one(Document("probe", text, published=published))
    for f in record.facts:
        assert text[f.evidence.start : f.evidence.end] == f.evidence.text
    return sorted(
        (f.kind, tuple(f.countries), round(float(f.value), 2), f.unit, f.period)
        for f in record.facts
    )


def assert_facts(
    extractor: Extractor, text: str, published: str, expected: Sequence[FactKey]
) -> None:
    """``text`` gives exactly the facts ``expected`` (values compared to the cent)."""
    want = sorted((k, c, round(float(v), 2), u, p) for k, c, v, u, p in expected)
    assert fact_keys(extractor, text, published) == want


def assert_amounts(text: str, expected: Sequence[tuple[float, str]]) -> None:
    """``find_amounts`` reads exactly the (value, unit) pairs ``expected`` in ``text``."""
    found = find_amounts(text)
    assert [a.unit for a in found] == [u for _, u in expected]
    assert [a.value for a in found] == pytest.approx([v for v, _ in expected])

