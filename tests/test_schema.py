"""The JSON Schema of the record (RECORD.md) that bilat ships and `bilat schema` prints.

Records written by every path are validated against it here and in the tests of
those paths (extract, the fault and input tests, the dev-set gate); this module
also checks that the schema itself is valid and really rejects broken records.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from bilat import Document, Extractor, read_documents
from bilat.schema import record_schema
from bilat.store import open_store
from bilat.store.export import iter_records
from bilat.store.ingest import ingest
from tests.conftest import SAMPLES
from tests.schema_check import assert_valid_records, schema_errors

GOOD: dict[str, Any] = {
    "doc": "x1",
    "published": "2024-03-06",
    "title": None, "source": "x1.txt", "url": None,
    "events": [{
        "type": "CONSULT", "mode": "phone", "status": "occurred", "countries": ["CHL", "PER"],
        "date": "XXXX-03-05", "location": None,
        "participants": [{"name": "Ana Rojas", "title": "Foreign Minister", "country": "CHL"}],
        "topics": ["trade"], "evidence": {"start": 0, "end": 5, "text": "Chile"},
        "trigger": "call",
    }],
    "facts": [{
        "kind": "exports", "countries": ["PER", "CHL"], "value": 1.5e6, "unit": "USD",
        "period": "2023-01/2023-09", "evidence": {"start": 0, "end": 5, "text": "Chile"},
    }],
    "extra_field": "allowed",
}


def test_the_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(record_schema())
    assert schema_errors(GOOD) == []


def _broken(path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    record = copy.deepcopy(GOOD)
    target: Any = record
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return record


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("doc",), KeyError),
        (("doc",), ""),
        (("published",), "6 March 2024"),
        (("published",), "2024-13-01"),
        (("events",), KeyError),
        (("events", 0, "type"), "MEET"),
        (("events", 0, "mode"), "email"),
        (("events", 0, "status"), "rumoured"),
        (("events", 0, "countries"), ["CHL"]),
        (("events", 0, "countries"), ["CHL", "pe"]),
        (("events", 0, "countries"), ["CHL", "CHL"]),
        (("events", 0, "topics"), ["sports"]),
        (("events", 0, "evidence"), KeyError),
        (("events", 0, "evidence", "start"), -1),
        (("events", 0, "participants", 0, "country"), "Chile"),
        (("events", 0, "date"), "last week"),
        (("facts", 0, "kind"), "exports_total"),
        (("facts", 0, "countries"), ["PER"]),
        (("facts", 0, "value"), "1.5 million"),
        (("facts", 0, "unit"), "dollars!"),
        (("facts", 0, "period"), "2023/2024-01"),
    ],
)
def test_broken_records_are_rejected(path: tuple[str | int, ...], value: Any) -> None:
    assert schema_errors(_broken(path, value))


def test_mode_only_on_consult() -> None:
    record = _broken(("events", 0, "type"), "SUPPORT")
    assert schema_errors(record)
    record["events"][0]["mode"] = None
    assert schema_errors(record) == []


def test_bilat_schema_prints_the_shipped_schema() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "bilat", "schema"],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == record_schema()


def test_sample_records_and_store_exports_match_the_schema(
    extractor: Extractor, tmp_path: Path
) -> None:
    docs = [d for d in read_documents([SAMPLES / "news"]) if isinstance(d, Document)]
    records = [r.to_dict() for r in extractor.extract(docs)]
    assert assert_valid_records(records) == len(docs) and any(r["facts"] for r in records)
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    try:
        ingest(store, docs, extractor)
        assert assert_valid_records(iter_records(store)) == len(docs)
    finally:
        store.close()
