"""The accuracy gate: extraction on the development set must stay above the floors
pinned in ``accuracy_baseline.json``, scored by the official scorer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bilat import Extractor, read_documents
from bilat.document import Document
from tests.conftest import SHARED
from tests.schema_check import assert_valid_records
from tests.scoring import metric, official_scorer

DEV = SHARED / "eval" / "dev"
BASELINE = Path(__file__).with_name("accuracy_baseline.json")

pytestmark = pytest.mark.skipif(
    not (DEV / "gold.jsonl").exists(), reason="../shared/eval/dev is not beside the project"
)


@pytest.fixture(scope="module")
def report(extractor: Extractor, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    docs = [d for d in read_documents([DEV / "docs"]) if isinstance(d, Document)]
    pred = tmp_path_factory.mktemp("dev") / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as fh:
        for record in extractor.extract(docs):
            fh.write(json.dumps(record.to_dict()) + "\n")
    score = official_scorer()
    result: dict[str, Any] = score.score(score.load(str(DEV / "gold.jsonl")), score.load(str(pred)))
    result["evidence"] = score.check_evidence(score.load(str(pred)), str(DEV / "docs"))
    result["pred_path"] = str(pred)
    return result


def test_dev_records_match_the_schema(report: dict[str, Any]) -> None:
    lines = Path(report["pred_path"]).read_text(encoding="utf-8").splitlines()
    assert assert_valid_records(json.loads(line) for line in lines) == len(lines) > 0


def _baseline(part: str) -> dict[str, float]:
    data: dict[str, dict[str, float]] = json.loads(BASELINE.read_text(encoding="utf-8"))
    return data[part]


def _floors() -> dict[str, float]:
    return _baseline("floors")


@pytest.mark.parametrize("name", [
    "events_f1", "facts_f1", "participants_f1", "topics_f1", "date_accuracy",
    "location_accuracy",
])
def test_metric_above_floor(report: dict[str, Any], name: str) -> None:
    value = metric(report, name)
    floor = _floors()[name]
    assert value >= floor, f"{name} fell to {value:.3f}, below the floor {floor:.3f}"


def test_every_evidence_span_quotes_its_document(report: dict[str, Any]) -> None:
    assert report["evidence"]["checked"] > 0
    assert report["evidence"]["bad"] <= _baseline("ceilings")["bad_evidence"] == 0


def test_every_document_has_a_record(report: dict[str, Any]) -> None:
    assert report["missing_documents"] == []


def test_no_events_on_negative_documents(report: dict[str, Any]) -> None:
    ceiling = _baseline("ceilings")["false_alarms_on_negative_docs"]
    found = report["false_alarms_on_negative_docs"]
    assert found <= ceiling, f"{found} events on event-free pages (ceiling {ceiling})"
