"""Records as a Parquet dataset partitioned by publication month (issue 8)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bilat import Document, Extractor, read_documents
from bilat.dataset import ParquetRecordWriter, month_of, read_records
from tests.conftest import SAMPLES
from tests.schema_check import assert_valid_records


@pytest.mark.parametrize(
    ("published", "month"),
    [("2024-05-02", "2024-05"), ("2024-05", "2024-05"), ("2024", "unknown"),
     ("XXXX-06-10", "unknown"), (None, "unknown"), ("2024-13-01", "unknown")],
)
def test_month_of(published: str | None, month: str) -> None:
    assert month_of(published) == month


@pytest.fixture(scope="module")
def records(extractor: Extractor) -> list[dict[str, Any]]:
    docs = [d for d in read_documents([SAMPLES / "news"]) if isinstance(d, Document)]
    out = []
    for i, record in enumerate(extractor.extract(docs)):
        row = record.to_dict()
        # spread the samples over three months and no month
        row["published"] = [None, "2023-11-30", "2024-01-02", "2024-02"][i % 4]
        out.append(row)
    return out


def test_dataset_round_trip_by_month(records: list[dict[str, Any]], tmp_path: Path) -> None:
    folder = tmp_path / "ds"
    with ParquetRecordWriter(folder, rows_per_group=2) as writer:
        for row in records:
            writer.write(row)
    assert writer.written == len(records)
    assert sorted(p.name for p in folder.iterdir()) == [
        "month=2023-11", "month=2024-01", "month=2024-02", "month=unknown"]
    back = read_records(folder)
    assert sorted(back, key=lambda r: r["doc"]) == sorted(records, key=lambda r: r["doc"])
    assert any(r["facts"] for r in back) and any(r["events"] for r in back)
    january = read_records(folder, "2024-01")
    assert january == [r for r in records if r["published"] == "2024-01-02"]  # input order
    assert_valid_records(back)


def test_a_second_run_replaces_the_dataset(
    records: list[dict[str, Any]], tmp_path: Path
) -> None:
    folder = tmp_path / "ds"
    with ParquetRecordWriter(folder) as writer:
        for row in records:
            writer.write(row)
    with ParquetRecordWriter(folder) as writer:
        writer.write(records[1])
    assert read_records(folder) == [records[1]]


def test_cli_parquet_holds_the_json_lines_records(tmp_path: Path) -> None:
    folder = SAMPLES / "news"
    jsonl, ds = tmp_path / "r.jsonl", tmp_path / "ds"
    for args in (["-o", str(jsonl)], ["--format", "parquet", "-o", str(ds)]):
        proc = subprocess.run(
            [sys.executable, "-m", "bilat", "extract", str(folder), *args],
            capture_output=True, text=True, timeout=300, check=False,
            env={**os.environ, "PYTHONHASHSEED": "3"},  # see DASK_SEED in test_parallel.py
        )
        assert proc.returncode == 0, proc.stderr
    expected = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    got = read_records(ds)
    assert sorted(got, key=lambda r: r["doc"]) == sorted(expected, key=lambda r: r["doc"])
    months = {p.name for p in ds.iterdir()}
    assert months == {f"month={month_of(r['published'])}" for r in expected}


def test_cli_parquet_needs_a_folder() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "bilat", "extract", str(SAMPLES / "news"), "-f", "parquet"],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert proc.returncode == 2 and "-o needs a path" in proc.stderr
