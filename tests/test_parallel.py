"""Extraction in worker processes and on a Dask cluster (issue 8).

Real processes throughout: a ``ProcessExtractor`` forks workers from this test
process; a real Dask ``LocalCluster`` with two worker processes runs the Dask
tests. Records must come out as with one process, in input order; a document
that fails in a worker is reported and the rest go on; with SQLite this process
alone writes what the workers return.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bilat import Document, Extractor, Options, read_documents
from bilat.errors import DocumentError
from bilat.parallel import DaskExtractor, ProcessExtractor
from bilat.store import open_store
from bilat.store.export import iter_records
from bilat.store.ingest import ingest
from tests.conftest import SAMPLES
from tests.faulty import save_faulty_pipeline
from tests.schema_check import assert_valid_records
from tests.test_faults import BAD, PAIRS
from tests.test_faults import _documents as faulty_documents

ROOT = Path(__file__).resolve().parents[1]


def _samples() -> list[Document]:
    return [d for d in read_documents([SAMPLES / "news"]) if isinstance(d, Document)]


def _dicts(outcomes: Iterator[Any]) -> list[Any]:
    return [o if isinstance(o, DocumentError) else o.to_dict() for o in outcomes]


@pytest.fixture(scope="module")
def faulty_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return save_faulty_pipeline(tmp_path_factory.mktemp("faulty") / "model")


def test_workers_give_the_records_of_one_process_in_order(extractor: Extractor) -> None:
    docs = _samples()
    # batches of 2 over 2 workers: many more batches than may be out at once
    parallel = ProcessExtractor(Options(batch_size=2), workers=2)
    got = _dicts(parallel.outcomes(iter(docs)))
    assert [r["doc"] for r in got] == [d.id for d in docs]
    assert got == [r.to_dict() for r in extractor.extract(docs)]
    assert_valid_records(got)


def test_a_failing_document_in_a_worker(faulty_model: Path, extractor: Extractor) -> None:
    docs = faulty_documents()
    parallel = ProcessExtractor(Options(model=str(faulty_model), batch_size=3), workers=2)
    outcomes = list(parallel.outcomes(docs))
    bad = outcomes[BAD]
    assert isinstance(bad, DocumentError) and bad.source == "in/d3.txt" and bad.doc == "d3"
    others = [o.to_dict() for o in outcomes if not isinstance(o, DocumentError)]
    assert others == [r.to_dict() for r in extractor.extract(docs[:BAD] + docs[BAD + 1 :])]


def test_ingest_with_workers_stores_what_one_process_stores(
    extractor: Extractor, tmp_path: Path
) -> None:
    docs = _samples()
    stores = {}
    for name, source in (("one", extractor),
                         ("two", ProcessExtractor(Options(batch_size=3), workers=2))):
        store = open_store(f"sqlite:///{tmp_path / name}.db")
        try:
            report = ingest(store, docs, source)
            assert report.added == len(docs) and report.failed == 0
            stores[name] = sorted(iter_records(store), key=lambda r: r["doc"])
        finally:
            store.close()
    assert stores["one"] == stores["two"]


def _cli(*args: str, seed: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bilat", *args], capture_output=True, text=True, timeout=600,
        check=False, cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed},
    )


def test_cli_workers_write_the_same_file(tmp_path: Path) -> None:
    folder = SAMPLES / "news"
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    for out, extra in ((one, []), (two, ["--workers", "2", "--batch-size", "4"])):
        proc = _cli("extract", str(folder), "-o", str(out), *extra, seed="11")
        assert proc.returncode == 0, proc.stderr
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")


# --- Dask -------------------------------------------------------------------------

# Records must not depend on str hashing, but some participant orders still do
# (a set of countries iterated in extract/events.py); until that is fixed, the
# workers get the hash seed of the one-process run they are compared with.
DASK_SEED = "7"


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    distributed = pytest.importorskip("distributed")
    import dask

    with dask.config.set({"distributed.nanny.pre-spawn-environ.PYTHONHASHSEED": DASK_SEED}), \
            distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
    ) as local, distributed.Client(local) as client:
        # the workers import the failing test component, as a project's own
        # spaCy factories would be imported there
        client.run(importlib.import_module, "tests.faulty")
        yield local.scheduler_address


def test_dask_cluster_gives_the_records_of_one_process(cluster: str, tmp_path: Path) -> None:
    folder = SAMPLES / "news"
    one, dask = tmp_path / "one.jsonl", tmp_path / "dask.jsonl"
    proc = _cli("extract", str(folder), "-o", str(one), seed=DASK_SEED)
    assert proc.returncode == 0, proc.stderr
    proc = _cli("extract", str(folder), "-o", str(dask), "--scheduler", cluster,
                "--batch-size", "3", seed="1")
    assert proc.returncode == 0, proc.stderr
    assert one.read_text(encoding="utf-8") == dask.read_text(encoding="utf-8")
    records = [json.loads(line) for line in dask.read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(_samples())
    assert_valid_records(records)


def test_a_failing_document_on_the_dask_cluster(
    cluster: str, faulty_model: Path, extractor: Extractor
) -> None:
    docs = faulty_documents()
    source = DaskExtractor(cluster, Options(model=str(faulty_model), batch_size=2))
    outcomes = list(source.outcomes(docs))
    assert len(outcomes) == len(PAIRS)
    bad = outcomes[BAD]
    assert isinstance(bad, DocumentError) and bad.source == "in/d3.txt"
    others = [o.to_dict() for o in outcomes if not isinstance(o, DocumentError)]
    assert others == [r.to_dict() for r in extractor.extract(docs[:BAD] + docs[BAD + 1 :])]


def test_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    proc = _cli("extract", str(SAMPLES / "news"), "-o", str(tmp_path / "x.jsonl"),
                "--scheduler", "tcp://127.0.0.1:9", seed="1")
    assert proc.returncode == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in proc.stderr


def test_a_dask_worker_killed_mid_run(extractor: Extractor) -> None:
    distributed = pytest.importorskip("distributed")
    docs = _samples()
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
    ) as local, distributed.Client(local) as client:
        pids = client.run(os.getpid)
        source = DaskExtractor(local.scheduler_address, Options(batch_size=2))
        stream = source.outcomes(iter(docs))
        first = next(stream)  # the run is under way, batches are out on both workers
        os.kill(next(iter(pids.values())), signal.SIGKILL)
        outcomes = [first, *stream]
    assert [o.doc for o in outcomes if not isinstance(o, DocumentError)] == [d.id for d in docs]
    assert not any(isinstance(o, DocumentError) for o in outcomes)


def test_cli_ingest_with_workers_reports_the_failing_document(
    faulty_model: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for doc in faulty_documents():
        (folder / f"{doc.id}.txt").write_text(doc.text, encoding="utf-8")
    db = tmp_path / "w.db"
    # the workers are forked from a bilat process that registered the component
    code = "import sys, tests.faulty; from bilat.cli import main; sys.argv[0] = 'bilat'; main()"
    proc = subprocess.run(
        [sys.executable, "-c", code, "ingest", str(folder), "--db", str(db), "--model",
         str(faulty_model), "--workers", "2", "--batch-size", "2", "--no-progress"],
        capture_output=True, text=True, timeout=600, check=False, cwd=ROOT,
    )
    assert proc.returncode == 1, proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "d3.txt" in errors[0] and "NLP pipeline failed" in errors[0]
    assert re.search(r"6\s+added, 0\s+replaced, 0\s+unchanged, 1\s+failed", proc.stderr)
    store = open_store(str(db))
    try:
        assert sorted(r["doc"] for r in iter_records(store)) == [
            f"d{i}" for i in range(len(PAIRS)) if i != BAD]
    finally:
        store.close()
