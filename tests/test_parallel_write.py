"""With PostgreSQL, worker processes write directly (issue 8).

``bilat ingest --workers 2`` into PostgreSQL has each worker write the
documents it extracted, in input order: the store is the very store one
process makes (events and people merged the same way), and the parent process
writes nothing itself. Real processes and a real server throughout.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select

from bilat import Options
from bilat.document import Document
from bilat.parallel import ProcessExtractor
from bilat.record import Record
from bilat.store import open_store
from bilat.store.ingest import ingest
from bilat.store.models import DocumentRow
from bilat.store.writer import stored_keys
from tests.faulty import save_faulty_pipeline
from tests.pg import fresh_database
from tests.test_faults import BAD, PAIRS
from tests.test_faults import _documents as faulty_documents
from tests.test_store_crash import (
    DEADLINE,
    assert_whole,
    canonical,
    clean_run,
    corpus,  # noqa: F401  (the module's fixture)
    exported,
    session_on,
)


def _postgres() -> str:
    url = fresh_database()
    if url is None:
        pytest.skip("no PostgreSQL server could be started here")
    return url


def test_workers_write_into_postgresql_in_input_order(
    corpus: tuple[Path, list[tuple[Document, Record]]],  # noqa: F811
) -> None:
    folder, records = corpus
    clean = _postgres()
    clean_run(clean, records)

    url = _postgres()
    env = {k: v for k, v in os.environ.items() if k != "BILAT_DB"}
    env["COLUMNS"] = "400"
    proc = subprocess.run(
        [sys.executable, "-m", "bilat", "ingest", str(folder), "--db", url, "--workers", "2",
         "--batch-size", "3", "--no-progress"],
        capture_output=True, text=True, timeout=DEADLINE * 3, check=False, env=env,
    )
    assert proc.returncode == 0, proc.stderr
    assert f"{len(records)} added, 0 replaced, 0 unchanged, 0 failed" in proc.stderr

    with session_on(url) as session:
        assert_whole(session)
        got = canonical(session)
        # the workers took turns: rows were inserted in input order
        order = list(session.scalars(select(DocumentRow.doc).order_by(DocumentRow.id)))
    assert order == [document.id for document, _ in records]
    with session_on(clean) as session:
        expected = canonical(session)
    assert got["documents"] == expected["documents"]
    assert got["events"] == expected["events"]
    assert got["people"] == expected["people"]
    assert exported(url) == exported(clean)


def test_the_parent_process_writes_nothing(
    corpus: tuple[Path, list[tuple[Document, Record]]],  # noqa: F811
) -> None:
    _, records = corpus
    documents = [document for document, _ in records[:9]]
    store = open_store(_postgres())
    statements: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement.lstrip().split(None, 1)[0].upper())

    event.listen(store.engine, "before_cursor_execute", seen)
    try:
        report = ingest(store, documents, ProcessExtractor(Options(batch_size=2), workers=2))
        assert (report.added, report.failed) == (len(documents), 0), report.errors
        assert report.events == sum(len(r.events) for _, r in records[:9])
        assert "SELECT" in statements  # the parent checks what is stored
        assert not {"INSERT", "UPDATE", "DELETE"} & set(statements), sorted(set(statements))
        # a second run finds every document stored
        again = ingest(store, documents, ProcessExtractor(Options(batch_size=2), workers=2))
        assert (again.added, again.unchanged) == (0, len(documents))
    finally:
        store.close()


def test_sqlite_workers_leave_the_writing_to_the_parent(
    corpus: tuple[Path, list[tuple[Document, Record]]], tmp_path: Path,  # noqa: F811
) -> None:
    _, records = corpus
    documents = [document for document, _ in records[:4]]
    store = open_store(f"sqlite:///{tmp_path / 'one.db'}")
    inserts: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT"):
            inserts.append(statement)

    event.listen(store.engine, "before_cursor_execute", seen)
    try:
        report = ingest(store, documents, ProcessExtractor(Options(batch_size=2), workers=2))
        assert report.added == len(documents)
        assert inserts  # one writer: this process
    finally:
        store.close()


def test_a_failing_document_in_a_writing_worker(tmp_path: Path) -> None:
    model = save_faulty_pipeline(tmp_path / "model")
    store = open_store(_postgres())
    try:
        report = ingest(store, faulty_documents(),
                        ProcessExtractor(Options(model=str(model), batch_size=3), workers=2))
        assert (report.added, report.failed) == (len(PAIRS) - 1, 1)
        assert "d3.txt" in report.errors[0] and "NLP pipeline failed" in report.errors[0]
        assert stored_keys(store) == {f"d{i}" for i in range(len(PAIRS)) if i != BAD}
    finally:
        store.close()
