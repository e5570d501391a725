"""One document never takes a run down (issue 8, faults).

A real spaCy component (tests/faulty.py) raises on the one document holding a
made-up word, in the middle of a batch: that document comes out as a
:class:`DocumentError` naming it, every other document of the run and of its
batch comes out exactly as without the component, and nothing of the failed
document reaches the store.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bilat import Document, Extractor, Options
from bilat.errors import DocumentError
from bilat.extract import build_pipeline
from bilat.store import open_store
from bilat.store.ingest import ingest
from bilat.store.writer import stored_keys
from tests.faulty import FAIL_MARK, add_faulty, save_faulty_pipeline
from tests.schema_check import assert_valid_records

PAIRS = [
    ("Chile", "Peru"), ("Kenya", "Ghana"), ("Norway", "Iceland"), ("Vietnam", "Laos"),
    ("Poland", "Lithuania"), ("Egypt", "Jordan"), ("Canada", "Mexico"),
]
BAD = 3  # the fourth document of seven; batches of 5 put it mid-batch


def _documents() -> list[Document]:
    docs = []
    for i, (a, b) in enumerate(PAIRS):
        text = (
            f"The foreign ministers of {a} and {b} met in Geneva on Monday and signed "
            f"an agreement on fisheries and trade.\n"
        )
        if i == BAD:
            text += f"Officials of {a} and {b} praised the {FAIL_MARK} accord.\n"
        docs.append(Document(f"d{i}", text, source=f"in/d{i}.txt", published="2024-03-06"))
    return docs


@pytest.fixture(scope="module")
def faulty() -> Extractor:
    options = Options(batch_size=5)
    return Extractor(options, add_faulty(build_pipeline(options)))


def test_the_failing_document_is_named_and_the_batch_goes_on(
    faulty: Extractor, extractor: Extractor
) -> None:
    docs = _documents()
    outcomes = list(faulty.outcomes(docs))
    assert len(outcomes) == len(docs)
    bad = outcomes[BAD]
    assert isinstance(bad, DocumentError)
    assert bad.source == "in/d3.txt" and bad.doc == "d3"
    assert "NLP pipeline failed" in str(bad) and FAIL_MARK in str(bad)
    expected = [r.to_dict() for r in extractor.extract(docs[:BAD] + docs[BAD + 1 :])]
    got = [o.to_dict() for o in outcomes if not isinstance(o, DocumentError)]
    assert got == expected
    assert_valid_records(got)
    assert all(r["events"] for r in got)  # the others really were extracted


def test_extract_raises_at_the_failing_document(faulty: Extractor) -> None:
    seen = []
    with pytest.raises(DocumentError, match=r"d3\.txt"):
        for record in faulty.extract(_documents()):
            seen.append(record.doc)
    assert seen == ["d0", "d1", "d2"]
    with pytest.raises(DocumentError):
        faulty.extract_one(_documents()[BAD])


def test_ingest_keeps_the_failed_document_out_of_the_store(
    faulty: Extractor, tmp_path: Path
) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'f.db'}")
    try:
        report = ingest(store, _documents(), faulty)
        assert (report.added, report.failed) == (len(PAIRS) - 1, 1)
        assert "d3.txt" in report.errors[0]
        assert stored_keys(store) == {f"d{i}" for i in range(len(PAIRS)) if i != BAD}
    finally:
        store.close()


def test_cli_reports_the_document_and_counts_it(tmp_path: Path) -> None:
    model = save_faulty_pipeline(tmp_path / "model")
    folder = tmp_path / "in"
    folder.mkdir()
    for doc in _documents():
        (folder / f"{doc.id}.txt").write_text(doc.text, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code = "import sys, tests.faulty; from bilat.cli import main; sys.argv[0] = 'bilat'; main()"
    proc = subprocess.run(
        [sys.executable, "-c", code, "extract", str(folder), "-o", str(out), "--model",
         str(model), "--batch-size", "5"],
        capture_output=True, text=True, timeout=300, check=False,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert proc.returncode == 1, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and "d3.txt" in lines[0] and "NLP pipeline failed" in lines[0]
    assert "1 document(s) failed" in proc.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["doc"] for r in records] == [f"d{i}" for i in range(len(PAIRS)) if i != BAD]
    assert_valid_records(records)
