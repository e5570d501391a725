"""Concurrent use of one SQLite store (issue 8): real processes throughout.

Two ``bilat ingest`` processes write the same documents into one SQLite file at
once, in opposite orders; an ingest runs while other processes query. No run
may fail with "database is locked", and every document is stored exactly once.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bilat.store import open_store
from bilat.store.export import iter_records
from bilat.store.models import DocumentRow
from tests.conftest import SAMPLES

ROOT = Path(__file__).resolve().parents[1]
COPIES = 3  # every sample three times under other names: 75 documents


def _corpus(folder: Path) -> list[Path]:
    folder.mkdir()
    files = []
    for copy in range(COPIES):
        for sample in sorted((SAMPLES / "news").glob("*.txt")):
            target = folder / f"c{copy}_{sample.name}"
            target.write_text(sample.read_text(encoding="utf-8"), encoding="utf-8")
            files.append(target)
    return files


def _ingest(db: Path | str, files: list[Path]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "bilat", "ingest", *map(str, files), "--db", str(db),
         "--batch-size", "2", "--no-progress"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONHASHSEED": "5"},
    )


def _added(stderr: str) -> int:
    m = re.search(r"(\d+)\s+added", stderr)
    assert m, stderr
    return int(m.group(1))


def _stored(db: Path | str) -> tuple[int, int, list[dict[str, Any]]]:
    store = open_store(str(db))
    try:
        with store.session() as session:
            rows = session.scalar(select(func.count()).select_from(DocumentRow)) or 0
            keys = session.scalar(select(func.count(func.distinct(DocumentRow.doc_key)))) or 0
        records = sorted(iter_records(store), key=lambda r: str(r["doc"]))
    finally:
        store.close()
    # store ids, and the order in which the store lists an event's people (the
    # order it first met them), depend on which document was written first
    for record in records:
        for event in record["events"]:
            event.pop("event_id", None)
            event["participants"].sort(key=lambda p: p["name"])
    return rows, keys, records


@pytest.fixture(scope="module")
def alone(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], Path]:
    """The corpus and a store it was ingested into by one process, alone."""
    root = tmp_path_factory.mktemp("alone")
    files = _corpus(root / "docs")
    db = root / "alone.db"
    proc = _ingest(db, files)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    return files, db


def test_two_ingests_at_once_store_every_document_once(
    alone: tuple[list[Path], Path], store_url: str
) -> None:
    files, reference = alone
    db = store_url  # SQLite, and PostgreSQL where a server can be started
    first, second = _ingest(db, files), _ingest(db, files[::-1])
    outputs = [p.communicate(timeout=600) for p in (first, second)]
    for proc, (_, err) in zip((first, second), outputs, strict=True):
        assert proc.returncode == 0, err
        assert "locked" not in err
    # each document was added by exactly one of the two; the other found it stored
    assert sum(_added(err) for _, err in outputs) == len(files)
    rows, keys, records = _stored(db)
    assert rows == keys == len(files)
    assert records == _stored(reference)[2]


def test_queries_while_an_ingest_runs(alone: tuple[list[Path], Path], tmp_path: Path) -> None:
    files, reference = alone
    db = tmp_path / "busy.db"
    writer = _ingest(db, files)
    queries = 0
    try:
        while writer.poll() is None:
            for args in (["events", "--limit", "5"], ["dyads", "--limit", "5"]):
                proc = subprocess.run(
                    [sys.executable, "-m", "bilat", *args, "--db", str(db)],
                    capture_output=True, text=True, timeout=300, check=False, cwd=ROOT,
                )
                # before the ingest's first commit the store may not exist yet
                if "no knowledge base" in proc.stderr.lower():
                    time.sleep(0.2)
                    continue
                assert proc.returncode == 0, proc.stderr
                assert "locked" not in proc.stderr
                queries += 1
    finally:
        _, err = writer.communicate(timeout=600)
    assert writer.returncode == 0, err
    assert "locked" not in err
    assert queries >= 2
    rows, keys, records = _stored(db)
    assert rows == keys == len(files)
    assert records == _stored(reference)[2]
