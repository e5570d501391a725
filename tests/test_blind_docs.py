"""The blind document-level gates: extraction on the invented pages of each blind set
(``tests/blind`` to ``tests/blind6``: written without reading the
extractor, gold by RECORD.md) must stay above the floors pinned in the set's
``baseline.json``, scored by the official scorer from ``../shared``."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pycountry
import pytest

from bilat import Extractor, read_documents
from bilat.document import Document
from bilat.record import CONSULT_MODES, EVENT_TYPES, FACT_KINDS, STATUSES
from bilat.record import TOPICS as RECORD_TOPICS
from tests.scoring import SCORER, metric, official_scorer

HERE = Path(__file__).parent
#: each blind set: a folder with docs/, gold.jsonl, baseline.json and SOURCES.md
SETS = {
    "blind": HERE / "blind", "blind2": HERE / "blind2", "blind3": HERE / "blind3",
    "blind4": HERE / "blind4", "blind5": HERE / "blind5", "blind6": HERE / "blind6",
    "blind7": HERE / "blind7",
}

needs_scorer = pytest.mark.skipif(
    not SCORER.exists(), reason="../shared/eval/score.py is not beside the project"
)

# the contract's vocabularies, as the project defines them (RECORD.md)
TYPES = set(EVENT_TYPES)
MODES = {None, *CONSULT_MODES}
TOPICS = set(RECORD_TOPICS)
KINDS = set(FACT_KINDS)
TIMEX = re.compile(r"(?:\d{4}|XXXX)(?:-\d{2}(?:-\d{2})?)?")
MONTHS = re.compile(r"(?:\d{4}|XXXX)-\d{2}/(?:\d{4}|XXXX)-\d{2}")


def _gold(name: str) -> dict[str, dict[str, Any]]:
    records: dict[str, dict[str, Any]] = {}
    for line in (SETS[name] / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            records[record["doc"]] = record
    return records


def _iso3(code: str) -> bool:
    return pycountry.countries.get(alpha_3=code) is not None


def _timex(value: str | None) -> bool:
    return value is None or TIMEX.fullmatch(value) is not None


# --- the set is well formed (no ../shared needed) ---------------------------------------


def _pages(name: str) -> list[Path]:
    return sorted((SETS[name] / "docs").glob("*.txt"))


@pytest.mark.parametrize("name", list(SETS))
def test_every_document_has_a_gold_line_and_every_gold_line_a_document(name: str) -> None:
    stems = {p.stem for p in _pages(name)}
    assert len(stems) >= 24
    assert set(_gold(name)) == stems
    assert all(stem in (SETS[name] / "SOURCES.md").read_text("utf-8") for stem in stems)


@pytest.mark.parametrize("name", list(SETS))
def test_gold_lines_are_unique(name: str) -> None:
    gold = (SETS[name] / "gold.jsonl").read_text("utf-8")
    docs = [json.loads(line)["doc"] for line in gold.splitlines() if line]
    assert len(docs) == len(set(docs))


def test_sets_do_not_share_page_names() -> None:
    names = [p.stem for name in SETS for p in _pages(name)]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("page", [p for name in SETS for p in _pages(name)],
                         ids=lambda p: p.stem)
def test_document_is_a_page_of_realistic_length(page: Path) -> None:
    words = len(page.read_text(encoding="utf-8").split())
    # (a live blog of a day's entries runs longer than one story: up to 800 words)
    assert 150 <= words <= 800, f"{page.stem}: {words} words"


@pytest.mark.parametrize(("name", "doc"), [(n, d) for n in SETS for d in sorted(_gold(n))])
def test_gold_record_follows_the_record_contract(name: str, doc: str) -> None:
    record = _gold(name)[doc]
    assert _timex(record["published"])
    for event in record["events"]:
        assert event["type"] in TYPES
        assert event["mode"] in MODES
        assert event["mode"] is None or event["type"] == "CONSULT"
        assert event["status"] in STATUSES
        codes = event["countries"]
        assert codes == sorted(set(codes)) and len(codes) >= 2 and all(map(_iso3, codes))
        assert _timex(event["date"])
        assert set(event["topics"]) <= TOPICS
        for person in event["participants"]:
            assert person["name"] and (person["country"] is None or _iso3(person["country"]))
    for fact in record["facts"]:
        assert fact["kind"] in KINDS
        codes = fact["countries"]
        assert len(codes) == len(set(codes)) == 2 and all(map(_iso3, codes))
        if fact["kind"] in {"trade_turnover", "investment"}:
            assert codes == sorted(codes)
        assert isinstance(fact["value"], (int, float)) and fact["value"] > 0
        period = fact["period"]
        assert period is None or _timex(period) or MONTHS.fullmatch(period)


@pytest.mark.parametrize("name", list(SETS))
def test_the_set_holds_pages_without_events(name: str) -> None:
    negatives = [doc for doc, record in _gold(name).items() if not record["events"]]
    assert len(negatives) >= 2  # false alarms are measured on these


# --- extraction scored by the official scorer --------------------------------------------


def _baseline(name: str, part: str) -> dict[str, float]:
    text = (SETS[name] / "baseline.json").read_text(encoding="utf-8")
    data: dict[str, dict[str, float]] = json.loads(text)
    return data[part]


@pytest.fixture(scope="module")
def reports(extractor: Extractor, tmp_path_factory: pytest.TempPathFactory
            ) -> dict[str, dict[str, Any]]:
    """The official scorer's report on each blind set."""
    score = official_scorer()
    out: dict[str, dict[str, Any]] = {}
    for name, folder in SETS.items():
        docs = [d for d in read_documents([folder / "docs"]) if isinstance(d, Document)]
        pred = tmp_path_factory.mktemp(name) / "pred.jsonl"
        with pred.open("w", encoding="utf-8") as fh:
            for record in extractor.extract(docs):
                fh.write(json.dumps(record.to_dict()) + "\n")
        predicted = score.load(str(pred))
        result: dict[str, Any] = score.score(score.load(str(folder / "gold.jsonl")), predicted)
        result["evidence"] = score.check_evidence(predicted, str(folder / "docs"))
        out[name] = result
    return out


@needs_scorer
@pytest.mark.parametrize("name", list(SETS))
@pytest.mark.parametrize("figure", [
    "events_f1", "facts_f1", "participants_f1", "date_accuracy", "location_accuracy",
])
def test_blind_metric_above_floor(
    reports: dict[str, dict[str, Any]], name: str, figure: str
) -> None:
    value = metric(reports[name], figure)
    floor = _baseline(name, "floors")[figure]
    assert value >= floor, f"{name}: {figure} fell to {value:.3f}, below its floor {floor:.2f}"


@needs_scorer
@pytest.mark.parametrize("name", list(SETS))
def test_every_blind_document_has_a_record(reports: dict[str, dict[str, Any]], name: str) -> None:
    assert reports[name]["missing_documents"] == []


@needs_scorer
@pytest.mark.parametrize("name", list(SETS))
def test_blind_evidence_quotes_its_document(reports: dict[str, dict[str, Any]], name: str) -> None:
    report = reports[name]
    assert report["evidence"]["checked"] > 0
    assert report["evidence"]["bad"] <= _baseline(name, "ceilings")["bad_evidence"]


@needs_scorer
@pytest.mark.parametrize("name", list(SETS))
def test_few_events_on_blind_pages_without_events(
    reports: dict[str, dict[str, Any]], name: str
) -> None:
    ceiling = _baseline(name, "ceilings")["false_alarms_on_negative_docs"]
    found = reports[name]["false_alarms_on_negative_docs"]
    assert found <= ceiling, f"{found} events on event-free pages (ceiling {ceiling})"
