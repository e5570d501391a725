"""Document identity in the store (issue 9): nothing lost, nothing replaced by
accident. On SQLite and PostgreSQL (``store_url``), with real extraction."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text

from bilat import Extractor
from bilat.document import Document
from bilat.errors import StoreError
from bilat.ingest import read_documents
from bilat.record import Event, Evidence, Record
from bilat.store import Store, make_engine, migrate, open_store
from bilat.store.export import iter_records
from bilat.store.ingest import ingest
from bilat.store.models import DocumentRow
from bilat.store.writer import DocumentWriter
from tests.test_store_ingest import bilat

EAST = "Kenyan Foreign Minister Ann Ode met Ugandan Foreign Minister Tom Aliro in Nairobi.\n"
WEST = "Chilean Foreign Minister Rosa Vial held talks with Peruvian Foreign Minister Luis Paz.\n"


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    opened = open_store(store_url)
    yield opened
    opened.close()


def _stored(store: Store) -> list[tuple[str, str]]:
    with store.session() as session:
        return sorted(session.execute(select(DocumentRow.doc_key, DocumentRow.doc)).tuples())


def test_same_file_name_in_two_folders_is_two_documents(
    store: Store, extractor: Extractor, tmp_path: Path
) -> None:
    root = tmp_path / "saved"
    for folder, body in (("east", EAST), ("west", WEST)):
        (root / folder).mkdir(parents=True)
        (root / folder / "index.txt").write_text(body, encoding="utf-8")
    report = ingest(store, read_documents([root]), extractor)
    assert (report.added, report.replaced, report.failed) == (2, 0, 0), report.errors
    assert _stored(store) == [("east/index.txt", "index"), ("west/index.txt", "index")]
    # the record keeps the contract's short id; the key tells the two apart
    records = list(iter_records(store))
    assert [(r["doc"], r["key"]) for r in records] == [
        ("index", "east/index.txt"), ("index", "west/index.txt")]
    assert {p["name"] for r in records for e in r["events"] for p in e["participants"]} >= {
        "Ann Ode", "Rosa Vial"}

    again = ingest(store, read_documents([root]), extractor)
    assert (again.added, again.replaced, again.unchanged) == (0, 0, 2)
    (root / "west" / "index.txt").write_text(WEST.replace("Luis Paz", "Luis Pazos"),
                                             encoding="utf-8")
    changed = ingest(store, read_documents([root]), extractor)
    assert (changed.added, changed.replaced, changed.unchanged) == (0, 1, 1)


def test_jsonl_ids_repeat_across_files_not_within_a_run(
    store: Store, extractor: Extractor, tmp_path: Path
) -> None:
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    (feeds / "a.jsonl").write_text(json.dumps({"id": 1, "text": EAST}) + "\n", encoding="utf-8")
    (feeds / "b.jsonl").write_text(
        json.dumps({"id": 1, "text": WEST}) + "\n"
        + json.dumps({"id": 1, "text": WEST + "Later update.\n"}) + "\n"
        + json.dumps({"id": 1, "text": WEST}) + "\n",
        encoding="utf-8")
    report = ingest(store, read_documents([feeds]), extractor)
    assert (report.added, report.replaced, report.unchanged, report.failed) == (2, 0, 1, 1)
    (error,) = report.errors
    assert error.startswith(f"{feeds / 'b.jsonl'}:2: duplicate document 'b.jsonl#1'")
    assert _stored(store) == [("a.jsonl#1", "1"), ("b.jsonl#1", "1")]


def test_cli_says_how_many_files_a_folder_skipped(store_url: str, tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    (news / "story.txt").write_text(EAST, encoding="utf-8")
    (news / "scan.pdf").write_bytes(b"%PDF-1.4\x00")
    (news / "photo.jpg").write_bytes(b"\xff\xd8\x00")
    proc = bilat("ingest", str(news), "--db", store_url, "--no-progress")
    assert proc.returncode == 0, proc.stderr
    notes = [line for line in proc.stderr.splitlines() if line.startswith("note:")]
    assert notes == [f"note: {news}: skipped 2 files bilat cannot read (1 PDF (.pdf), 1 image "
                     "(.jpg)); expected .txt, .html, .htm, .jsonl(.gz), .warc(.gz), .rss, "
                     ".atom or .xml"], proc.stderr
    assert "1 added, 0 replaced, 0 unchanged, 0 failed" in proc.stderr
    assert "; 2 skipped (files bilat does not read" in proc.stderr


def test_cli_bad_published_is_the_same_line_on_every_backend(
    store_url: str, tmp_path: Path
) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "ok", "text": EAST, "published": "Wed, 03 May 2023 10:00:00 +0200"})
        + "\n" + json.dumps({"id": "bad", "text": WEST, "published": "the day after the vote"})
        + "\n", encoding="utf-8")
    proc = bilat("ingest", str(feed), "--db", store_url, "--no-progress")
    assert proc.returncode == 1, proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {feed}:2: 'published' is not a date: 'the day after the vote' (expected "
        "ISO 8601, RFC 2822 or a written date such as 'May 3, 2023')"], proc.stderr
    assert "1 added, 0 replaced, 0 unchanged, 1 failed" in proc.stderr
    store = open_store(store_url)
    try:
        with store.session() as session:
            assert session.scalar(select(DocumentRow.published)) == "2023-05-03"
    finally:
        store.close()


def test_a_store_from_before_identities_is_claimed_not_doubled(
    store_url: str, extractor: Extractor, tmp_path: Path
) -> None:
    """Rows written under the short id (migration 0003) keep their data, are
    claimed by the file with that short id, and another folder's file of the
    same name is a document of its own."""
    engine = make_engine(store_url)
    try:
        migrate(engine, "0003")
        with engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO documents (doc_key, content_hash, text, n_mentions, n_facts) "
                "VALUES ('index', 'old-hash', 'Old text.', 0, 0)"))
        migrate(engine)
        with engine.connect() as conn:
            assert tuple(conn.execute(text("SELECT doc_key, doc, text FROM documents")).one()) \
                == ("index", "index", "Old text.")
    finally:
        engine.dispose()
    root = tmp_path / "saved"
    for folder, body in (("east", EAST), ("west", WEST)):
        (root / folder).mkdir(parents=True)
        (root / folder / "index.txt").write_text(body, encoding="utf-8")
    store = open_store(store_url)
    try:
        report = ingest(store, read_documents([root]), extractor)
        assert (report.added, report.replaced, report.failed) == (1, 1, 0), report.errors
        assert _stored(store) == [("east/index.txt", "index"), ("west/index.txt", "index")]
    finally:
        store.close()


ARTICLE = "Ghanaian Trade Minister Kofi Mensah met Togolese Trade Minister Ama Dossou in Lome."


def _record(published: str | None, location: str | None = None) -> tuple[Document, Record]:
    document = Document(id="api", key="api.txt", text=ARTICLE, published=published)
    event = Event(type="CONSULT", countries=["GHA", "TGO"],
                  evidence=Evidence.of(ARTICLE, 0, len(ARTICLE)), mode="meeting",
                  location=location)
    return document, Record(doc="api", published=published, events=[event])


def test_an_unparsed_date_is_refused_alike_on_every_backend(store: Store) -> None:
    """A document made through the library with a date no reader checked: one
    line, the same on SQLite and PostgreSQL, no SQL and no article text."""
    with pytest.raises(StoreError) as info:
        DocumentWriter(store).write(*_record("some days before the summit in the spring"))
    assert str(info.value) == (
        "api: published is not a date: 'some days before the summit in the sprin...'; "
        "not stored")
    assert _stored(store) == []


def test_a_database_refusal_names_no_sql_and_no_text(store: Store) -> None:
    """PostgreSQL enforces column lengths (SQLite does not): its refusal is one
    line naming the problem, without the statement or the document's text."""
    try:
        DocumentWriter(store).write(*_record("2023-05-03", location="Lome " * 60))
    except StoreError as exc:
        message = str(exc)
        assert store.dialect == "postgresql", message
        assert message.startswith("api: could not be stored: ") and "\n" not in message
        assert "too long" in message
        for leak in ("INSERT", "SELECT", "Kofi Mensah", "Lome Lome", "[SQL"):
            assert leak not in message, message
    else:
        assert store.dialect == "sqlite"
