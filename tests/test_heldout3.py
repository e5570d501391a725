"""Third held-out probe file: a measured figure, not a target to tune on.

``tests/probes/heldout3.jsonl`` (events) and ``tests/probes/heldout3_facts.jsonl`` (facts) were
written without reading the extractor code, its patterns, lexicons and frames, the earlier
held-out files or their failure analyses, so their pass rates estimate how the rules do on unseen
news. They are checked here only as figures: the files must be well-formed and cover every event
type, CONSULT mode, status and fact kind, and the pass rates must not fall under the floors of
``heldout3`` and ``heldout3_facts`` in ``tests/probes/baseline.json`` (the first-look rates,
rounded down). No probe is required to pass one by one; a rule written to pass one of these
probes spends the file. The failures, grouped by cause, are in ``docs/heldout3-failures.md``.
"""

from __future__ import annotations

import json

import pytest

from bilat import Extractor
from tests.probing import (
    BASELINE,
    HELDOUT,
    HELDOUT2,
    HELDOUT2_FACTS,
    HELDOUT3,
    HELDOUT3_FACTS,
    FactOutcome,
    Outcome,
    earlier_texts_and_ids,
    event_coverage_problems,
    fact_coverage_problems,
    fact_pass_rates,
    load_fact_probes,
    load_probes,
    malformed,
    malformed_facts,
    pass_rates,
    run_fact_probes,
    run_probes,
    under_floors,
)

HELD = load_probes(HELDOUT3)
FACTS = load_fact_probes(HELDOUT3_FACTS)
_BASE = json.loads(BASELINE.read_text("utf-8"))
FLOORS: dict[str, float] = _BASE["heldout3"]
FACT_FLOORS: dict[str, float] = _BASE["heldout3_facts"]


@pytest.fixture(scope="module")
def outcomes(extractor: Extractor) -> list[Outcome]:
    return run_probes(extractor, HELD)


@pytest.fixture(scope="module")
def fact_outcomes(extractor: Extractor) -> list[FactOutcome]:
    return run_fact_probes(extractor, FACTS)


def test_heldout3_files_are_well_formed() -> None:
    assert malformed(HELD) == []
    assert malformed_facts(FACTS) == []
    assert all(p.id.startswith("h3.") for p in HELD)
    assert all(p.id.startswith("h3f.") for p in FACTS)
    _, others = earlier_texts_and_ids((None, HELDOUT, HELDOUT2), (HELDOUT2_FACTS,))
    ours = {p.id for p in HELD} | {p.id for p in FACTS}
    assert not ours & others, "ids shared with another probe file"


def test_heldout3_texts_are_new() -> None:
    """No probe text is copied from an earlier probe file."""
    earlier, _ = earlier_texts_and_ids((None, HELDOUT, HELDOUT2), (HELDOUT2_FACTS,))
    assert not {p.text for p in HELD} & earlier
    assert not {p.text for p in FACTS} & earlier


def test_heldout3_coverage() -> None:
    assert event_coverage_problems(
        HELD, FLOORS, minimum=200, per_type=10, negatives=35,
        tags={"directional": 20, "two-sentences": 10},
    ) == []
    assert fact_coverage_problems(
        FACTS, FACT_FLOORS, minimum=60, other_units=8, negatives=10) == []


def test_heldout3_pass_rate_floors(outcomes: list[Outcome]) -> None:
    rates = pass_rates(outcomes)
    low = under_floors(rates, FLOORS)
    assert not low, f"third held-out probe pass rates under their floors: {low}"


def test_heldout3_fact_pass_rate_floors(fact_outcomes: list[FactOutcome]) -> None:
    rates = fact_pass_rates(fact_outcomes)
    low = under_floors(rates, FACT_FLOORS)
    assert not low, f"third held-out fact probe pass rates under their floors: {low}"
