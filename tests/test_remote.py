"""Inputs and outputs named by URL (issue 8): fsspec's memory:// filesystem and
file:// URLs read like local folders; a scheme whose package is missing is a clear
error; local paths never need fsspec. Every file is written here."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import fsspec
import pytest
from typer.testing import CliRunner

from bilat import Document
from bilat.cli import app
from bilat.errors import IngestError, MissingPackageError
from bilat.ingest import SkippedFiles, read_documents
from tests.schema_check import assert_valid_records

PAGE = """<!DOCTYPE html><html><head><title>Malawi and Zambia open a bridge</title>
<meta property="article:published_time" content="2025-02-11"></head><body><article>
<h1>Malawi and Zambia open a bridge</h1>
<p>The presidents of Malawi and Zambia opened a new road bridge over the Luangwa river on
Tuesday and signed an agreement on joint customs checks at the crossing.</p>
<p>Traders on both banks said the bridge would cut the journey to the regional market by
half a day and bring down the price of maize and fuel in the border towns.</p>
</article></body></html>"""

TEXT = "Chile and Argentina signed a fisheries agreement in Santiago on Monday.\n"
LINE = {"id": "w7", "text": "Ghana and Togo held talks in Accra on Friday on power lines.",
        "published": "2025-03-07"}


def _files() -> dict[str, bytes]:
    return {
        "a_note.txt": TEXT.encode(),
        "pages/bridge.html": PAGE.encode(),
        "wire.jsonl.gz": gzip.compress((json.dumps(LINE) + "\n").encode()),
        "scan.pdf": b"%PDF-1.4 not read",
        ".hidden/secret.txt": b"Never read: a hidden folder.\n",
    }


@pytest.fixture
def bucket() -> Iterator[str]:
    """A folder of the memory:// filesystem, removed afterwards."""
    fs = fsspec.filesystem("memory")
    root = "/bilat-test-bucket"
    for name, data in _files().items():
        fs.pipe(f"{root}/{name}", data)
    yield f"memory://{root.lstrip('/')}"
    fs.rm(root, recursive=True)


def _local(tmp_path: Path) -> Path:
    root = tmp_path / "news"
    for name, data in _files().items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


def _summary(items: list[Document | IngestError]) -> list[tuple[str, str, str | None, str]]:
    return [(d.id, d.key, d.published, d.text) for d in items if isinstance(d, Document)]


def test_a_memory_folder_reads_like_a_local_one(bucket: str, tmp_path: Path) -> None:
    remote = list(read_documents([bucket]))
    local = list(read_documents([_local(tmp_path)]))
    assert _summary(remote) == _summary(local)
    assert [d.id for d in remote if isinstance(d, Document)] == ["a_note", "bridge", "w7"]
    assert [d.key for d in remote if isinstance(d, Document)] == [
        "a_note.txt", "pages/bridge.html", "wire.jsonl.gz#w7"]
    sources = [d.source for d in remote if isinstance(d, Document)]
    assert sources[0] == f"{bucket}/a_note.txt"
    notes = [n for n in remote if isinstance(n, SkippedFiles)]
    assert len(notes) == 1 and notes[0].count == 1 and "PDF" in notes[0].problem
    assert not [e for e in remote if isinstance(e, IngestError) and not isinstance(
        e, SkippedFiles)]


def test_a_memory_file_named_by_itself(bucket: str) -> None:
    items = list(read_documents(f"{bucket}/pages/bridge.html"))
    assert len(items) == 1 and isinstance(items[0], Document)
    assert (items[0].id, items[0].key, items[0].published) == (
        "bridge", "bridge.html", "2025-02-11")


@pytest.mark.parametrize(
    ("suffix", "problem"),
    [("/nothing-here.txt", "no such file or directory"),
     ("/scan.pdf", "unsupported file type .pdf")],
)
def test_memory_paths_that_cannot_be_read(bucket: str, suffix: str, problem: str) -> None:
    items = list(read_documents(bucket + suffix))
    assert len(items) == 1 and isinstance(items[0], IngestError)
    assert items[0].problem.startswith(problem) and items[0].source == bucket + suffix


def test_file_urls_are_local_paths(tmp_path: Path) -> None:
    root = _local(tmp_path)
    assert _summary(list(read_documents(root.as_uri()))) == _summary(
        list(read_documents(root)))
    one = list(read_documents((root / "a_note.txt").as_uri()))
    assert isinstance(one[0], Document) and one[0].text == TEXT


def test_a_scheme_without_its_package_is_a_clear_error() -> None:
    try:
        import s3fs  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("s3fs is installed here")
    items = list(read_documents(["s3://some-bucket/news/"]))
    assert len(items) == 1 and isinstance(items[0], MissingPackageError)
    assert items[0].package == "s3fs" and "pip install s3fs" in str(items[0])
    unknown = list(read_documents(["nosuchscheme://x/y.txt"]))
    assert isinstance(unknown[0], IngestError) and "unknown URL scheme" in unknown[0].problem


def test_without_fsspec_local_paths_read_and_urls_say_what_to_install(tmp_path: Path) -> None:
    root = _local(tmp_path)
    # a real process in which fsspec cannot be imported, as where it is not installed
    script = (
        "import sys; sys.modules['fsspec'] = None\n"
        "from bilat import read_documents, Document\n"
        f"docs = [d.id for d in read_documents([{str(root)!r}]) if isinstance(d, Document)]\n"
        "print(docs)\n"
        "print([str(e) for e in read_documents(['memory://somewhere/news'])])\n"
        "print('fsspec' in sys.modules and sys.modules['fsspec'] is not None)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    docs, errors, imported = proc.stdout.splitlines()
    assert docs == "['a_note', 'bridge', 'w7']"
    assert "needs fsspec" in errors and "bilat[remote]" in errors
    assert imported == "False"


def test_extract_reads_and_writes_memory_urls(bucket: str) -> None:
    out = "memory://bilat-test-out/records.jsonl"
    result = CliRunner().invoke(app, ["extract", bucket, "-o", out])
    assert result.exit_code == 0, result.output
    with fsspec.open(out, "r", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh.read().splitlines()]
    fsspec.filesystem("memory").rm("/bilat-test-out", recursive=True)
    assert [r["doc"] for r in records] == ["a_note", "bridge", "w7"]
    assert_valid_records(records)


def test_extract_in_a_real_process_over_file_urls(tmp_path: Path) -> None:
    root = _local(tmp_path)
    out = tmp_path / "out" / "records.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "bilat", "extract", root.as_uri(), "-o", out.as_uri()],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["doc"] for r in records] == ["a_note", "bridge", "w7"]


@pytest.mark.parametrize("name", ["crawl.warc.gz", "wires.rss"])
def test_warc_and_feed_files_read_from_memory_as_from_disk(tmp_path: Path, name: str) -> None:
    from tests.test_inputs import RSS, _write_warc

    local = tmp_path / name
    if name.endswith(".warc.gz"):
        _write_warc(local, gz=True)
    else:
        local.write_text(RSS, encoding="utf-8")
    url = f"memory://bilat-test-files/{name}"
    with fsspec.open(url, "wb") as fh:
        fh.write(local.read_bytes())
    try:
        remote = _summary(list(read_documents(url)))
    finally:
        fsspec.filesystem("memory").rm("/bilat-test-files", recursive=True)
    assert remote and remote == _summary(list(read_documents(local)))
