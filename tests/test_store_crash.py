"""Atomicity: ``bilat ingest`` killed with SIGKILL leaves only whole documents,
and running it again ends in the very store a clean single run makes.

A real ``python -m bilat ingest`` process works through 36 wire articles (12
of the bundled samples, three distinct copies of each) and is killed at 20
points spread over the whole work (issue 8): each next run resumes what the
one before left, and is killed in its turn, once at least its share of the
documents is committed: in the middle of writing a document, a seeded random
moment later, or (the first kill, and a few more) a random moment after it
started, whatever it is doing then (loading the model, migrating the schema,
checking which documents are stored, extracting). After every kill the store
holds only whole documents, each exactly as a clean run has it; a last run
finishes the work and the store is the clean run's. On SQLite and on
PostgreSQL (``store_url``).
"""

from __future__ import annotations

import io
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bilat import Extractor
from bilat.document import Document
from bilat.ingest import read_documents
from bilat.record import Record
from bilat.store import open_store
from bilat.store.export import export_jsonl, export_plover
from bilat.store.models import (
    DocumentRow,
    EventCountryRow,
    EventRow,
    FactRow,
    MentionParticipantRow,
    MentionRow,
    PersonNameRow,
    PersonRow,
    PersonTitleRow,
)
from bilat.store.query import EventFilter, iter_events
from bilat.store.writer import DocumentWriter
from tests.conftest import SAMPLES

COPIES = 3
SAMPLES_USED = 12  # of the bundled samples: 36 documents in all
BATCH = 4  # documents are extracted 4 at a time, then written one after the other:
# a kill right after the first commit of a batch lands among the writes of the rest
DEADLINE = 120.0  # seconds any one phase may take (model loading included)
KILLS = 20
SEED = 8

# Small edits that make each copy its own document without changing what it reports.
_FOOTERS = (
    "",
    "\n(Wire copy: regional desk, morning edition.)\n",
    "\n(Wire copy: international desk, evening edition; corrects a typing error.)\n",
)


def make_corpus(folder: Path) -> list[str]:
    """Copies of the bundled samples with unique ids and slightly varied text."""
    folder.mkdir(parents=True, exist_ok=True)
    keys = []
    for copy in range(COPIES):
        for sample in sorted((SAMPLES / "news").glob("*.txt"))[:SAMPLES_USED]:
            body = sample.read_text(encoding="utf-8")
            if copy == 2:
                body = body.replace("  ", " ")
            key = f"c{copy}_{sample.stem}"
            (folder / f"{key}.txt").write_text(body.rstrip("\n") + "\n" + _FOOTERS[copy],
                                               encoding="utf-8")
            keys.append(key)
    return keys


# --- reading a store --------------------------------------------------------------


@contextmanager
def session_on(url: str) -> Iterator[Session]:
    engine = create_engine(url)
    try:
        with Session(engine) as session:
            yield session
    finally:
        engine.dispose()


def count(session: Session, query: Any) -> int:
    return int(session.scalar(select(func.count()).select_from(query.subquery())) or 0)


def assert_whole(session: Session) -> None:
    """Every stored document is whole and nothing points into the void."""
    for doc in session.scalars(select(DocumentRow)):
        mentions = count(session, select(MentionRow.id).where(MentionRow.document_id == doc.id))
        facts = count(session, select(FactRow.id).where(FactRow.document_id == doc.id))
        assert (doc.n_mentions, doc.n_facts) == (mentions, facts), doc.doc
    documents = select(DocumentRow.id)
    assert not count(session, select(MentionRow.id).where(MentionRow.document_id.not_in(documents)))
    assert not count(session, select(FactRow.id).where(FactRow.document_id.not_in(documents)))
    assert not count(session, select(PersonTitleRow.id).where(
        PersonTitleRow.document_id.not_in(documents)))
    events = select(EventRow.id)
    assert not count(session, select(MentionRow.id).where(MentionRow.event_id.not_in(events)))
    assert not count(session, select(EventCountryRow.event_id).where(
        EventCountryRow.event_id.not_in(events)))
    reported = select(MentionRow.event_id)
    assert not count(session, select(EventRow.id).where(EventRow.id.not_in(reported))), (
        "an event without mentions")
    for event in session.scalars(select(EventRow)):
        sources = session.scalar(select(func.count(func.distinct(MentionRow.document_id)))
                                 .where(MentionRow.event_id == event.id))
        assert event.n_sources == sources, event.id
    mentions = select(MentionRow.id)
    assert not count(session, select(MentionParticipantRow.id).where(
        MentionParticipantRow.mention_id.not_in(mentions)))
    people = select(PersonRow.id)
    assert not count(session, select(MentionParticipantRow.id).where(
        MentionParticipantRow.person_id.not_in(people)))
    assert not count(session, select(PersonNameRow.id).where(PersonNameRow.person_id.not_in(
        people)))
    named = select(MentionParticipantRow.person_id)
    assert not count(session, select(PersonRow.id).where(PersonRow.id.not_in(named))), (
        "a person no mention names")


def per_document(session: Session) -> dict[str, Any]:
    """What each document holds by itself: hash, mentions (with people), facts."""
    keys = dict(session.execute(select(DocumentRow.id, DocumentRow.doc)).tuples().all())
    out: dict[str, Any] = {
        key: {"doc": None, "mentions": [], "facts": []} for key in keys.values()
    }
    for doc in session.scalars(select(DocumentRow)):
        out[doc.doc]["doc"] = (doc.content_hash, doc.n_mentions, doc.n_facts, doc.title,
                                   doc.published)
    people: dict[int, list[tuple[str, str | None, str | None]]] = {}
    for p in session.scalars(select(MentionParticipantRow)):
        people.setdefault(p.mention_id, []).append((p.name, p.title, p.country))
    for m in session.scalars(select(MentionRow)):
        out[keys[m.document_id]]["mentions"].append((
            m.evidence_start, m.evidence_end, m.type, m.mode, m.status, m.date, m.location,
            m.countries_key, m.topics, m.evidence_text, tuple(sorted(people.get(m.id, []))),
        ))
    for f in session.scalars(select(FactRow)):
        out[keys[f.document_id]]["facts"].append((
            f.evidence_start, f.evidence_end, f.kind, f.country_a, f.country_b, f.value, f.unit,
            f.period,
        ))
    for value in out.values():
        value["mentions"].sort(key=repr)
        value["facts"].sort(key=repr)
    return out


def canonical(session: Session) -> dict[str, Any]:
    """The whole store without its ids: documents, events as the mentions they
    hold, plans as what fulfilled them, people as names and titles."""
    keys = dict(session.execute(select(DocumentRow.id, DocumentRow.doc)).tuples().all())
    mention_key = {
        m.id: (keys[m.document_id], m.evidence_start, m.evidence_end, m.type, m.countries_key)
        for m in session.scalars(select(MentionRow))
    }
    held: dict[int, list[tuple[Any, ...]]] = {}
    for m in session.scalars(select(MentionRow)):
        held.setdefault(m.event_id, []).append(mention_key[m.id])
    event_key = {eid: tuple(sorted(ms)) for eid, ms in held.items()}
    events = sorted((
        (event_key[e.id], e.type, e.mode, e.status, e.date, e.date_sort, e.location,
         e.countries_key, e.topics, e.n_sources,
         event_key.get(e.fulfilled_by_id) if e.fulfilled_by_id else None)
        for e in session.scalars(select(EventRow))
    ), key=repr)
    names: dict[int, list[str]] = {}
    for n in session.scalars(select(PersonNameRow)):
        names.setdefault(n.person_id, []).append(n.name)
    titles: dict[int, list[tuple[str, str | None, str | None]]] = {}
    for t in session.scalars(select(PersonTitleRow)):
        titles.setdefault(t.person_id, []).append(
            (t.title, t.seen, keys.get(t.document_id) if t.document_id else None))
    named_in: dict[int, set[tuple[Any, ...]]] = {}
    for p in session.scalars(select(MentionParticipantRow)):
        named_in.setdefault(p.person_id, set()).add(mention_key[p.mention_id])
    people = sorted((
        (p.name, p.country, p.surname_key, tuple(sorted(names.get(p.id, []))),
         tuple(sorted(titles.get(p.id, []), key=repr)),
         tuple(sorted(named_in.get(p.id, set()))))
        for p in session.scalars(select(PersonRow))
    ), key=repr)
    return {"documents": per_document(session), "events": events, "people": people}


# --- driving the command ------------------------------------------------------------


def start_ingest(folder: Path, url: str, log: Path, *more: str) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "BILAT_DB"}
    env["COLUMNS"] = "400"  # one summary line (rich wraps at 80 columns on a file)
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "bilat", "ingest", str(folder), "--db", url,
             "--batch-size", str(BATCH), "--no-progress", *more],
            stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, env=env,
        )


def committed(url: str, engine_cache: dict[str, Any]) -> int | None:
    """How many documents are committed (None while there is no schema yet)."""
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        return None
    if "engine" not in engine_cache:
        engine_cache["engine"] = create_engine(url, pool_pre_ping=True)
    try:
        with engine_cache["engine"].connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM documents")).scalar_one())
    except SQLAlchemyError:
        return None


def writing(url: str, engine_cache: dict[str, Any]) -> bool:
    """Whether another connection is inside a write transaction right now."""
    if url.startswith("sqlite:///"):
        # a writer holds SQLite's write lock for its whole transaction
        probe = sqlite3.connect(url.removeprefix("sqlite:///"), timeout=0,
                                isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError:
            return True
        finally:
            probe.close()
    with engine_cache["engine"].connect() as conn:  # a transaction that has written has an xid
        return bool(conn.execute(text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL")).scalar_one())


def kill_at(folder: Path, url: str, log: Path, point: tuple[str, int, float], total: int
            ) -> tuple[int | None, bool]:
    """Run ingest and SIGKILL it at ``point``, (how, commits, delay):

    - ``("writing", n, 0)``: once ``n`` documents are committed, while it is
      writing the next one;
    - ``("after", n, d)``: ``d`` seconds after ``n`` documents are committed;
    - ``("started", 0, d)``: ``d`` seconds after it started.

    Returns the documents committed just before the kill (None: no schema yet)
    and whether a write transaction was open then."""
    how, at_least, delay = point
    proc = start_ingest(folder, url, log)
    started = time.monotonic()
    cache: dict[str, Any] = {}
    seen: int | None = None
    busy = False
    try:
        deadline = started + DEADLINE
        while time.monotonic() < deadline:
            pause = 0.02  # polling slowly while the run loads, not to slow it down
            if how == "started":
                # a fast machine may get far in a few seconds: kill before it ends
                seen = committed(url, cache)
                if time.monotonic() - started >= delay or (
                    seen is not None and seen >= total - LEFT_OVER
                ):
                    break
                pause = 0.005
            else:
                seen = committed(url, cache)
                if seen is not None and seen >= at_least:
                    if how == "after":
                        wake = time.monotonic() + delay
                        while time.monotonic() < wake:
                            now = committed(url, cache)
                            if now is not None and now >= total - LEFT_OVER:
                                break  # never let it finish first
                            time.sleep(0.005)
                        break
                    if writing(url, cache):
                        busy = True
                        break
                    pause = 0.001  # a write transaction lasts milliseconds
            if proc.poll() is not None:
                pytest.fail(f"ingest ended (exit {proc.returncode}) before its kill at {point}:\n"
                            + log.read_text(errors="replace"))
            time.sleep(pause)
        else:
            pytest.fail(f"no kill point {point} after {DEADLINE:.0f} s:\n"
                        + log.read_text(errors="replace"))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        seen = committed(url, cache)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
        if "engine" in cache:
            cache["engine"].dispose()
    assert proc.returncode == -signal.SIGKILL, f"the process had finished before {point}"
    assert seen is None or seen < total, (
        f"all {total} documents were committed before the kill at {point}")
    return seen, busy


#: documents a killed run must leave for the next ones (it may never finish first)
LEFT_OVER = 2


def kill_points(total: int) -> list[tuple[str, int, float]]:
    """``KILLS`` points, seeded, spread over the whole run: the n-th waits for
    n/KILLS of the documents (a few left over for the last run)."""
    rng = random.Random(SEED)
    points: list[tuple[str, int, float]] = [("started", 0, rng.uniform(1.0, 5.0))]
    for n in range(1, KILLS):
        commits = n * (total - 4) // KILLS
        # a run killed a while after it started may have done some work: never
        # near the end, where it could finish first
        how = rng.choice(("writing", "writing", "after", "started")[: 4 if n < 14 else 3])
        if how == "started":
            points.append((how, 0, rng.uniform(1.0, 5.0)))
        else:
            points.append((how, commits, 0.0 if how == "writing" else rng.uniform(0.0, 0.4)))
    return points


def discarded_document(session: Session) -> bool:
    """PostgreSQL: whether a document row was inserted and never committed
    (sequences are not rolled back)."""
    last, called = session.execute(
        text("SELECT last_value, is_called FROM documents_id_seq")).one()
    top = session.scalar(select(func.max(DocumentRow.id))) or 0
    return bool(called) and int(last) > top


# --- the test -----------------------------------------------------------------------


def reference_url(store_url: str, tmp_path: Path) -> str:
    if store_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'reference.db'}"
    from tests.pg import fresh_database

    url = fresh_database()
    assert url is not None
    return url


@pytest.fixture(scope="module")
def corpus(
    tmp_path_factory: pytest.TempPathFactory, extractor: Extractor
) -> tuple[Path, list[tuple[Document, Record]]]:
    """The articles on disk, and each extracted once for the clean runs."""
    folder = tmp_path_factory.mktemp("crash") / "news"
    make_corpus(folder)
    documents = [d for d in read_documents([folder]) if isinstance(d, Document)]
    return folder, list(zip(documents, extractor.extract(documents), strict=True))


def clean_run(url: str, records: list[tuple[Document, Record]]) -> None:
    """What one uninterrupted ``ingest`` writes: the records, in input order,
    one transaction per document (extraction done once, in the fixture)."""
    store = open_store(url)
    try:
        writer = DocumentWriter(store)
        outcomes = [writer.write(document, record).outcome for document, record in records]
    finally:
        store.close()
    assert outcomes == ["added"] * len(records)


def test_killed_ingest_leaves_whole_documents_and_resumes_to_the_same_store(
    store_url: str, corpus: tuple[Path, list[tuple[Document, Record]]], tmp_path: Path
) -> None:
    folder, records = corpus
    keys = [document.id for document, _ in records]
    total = len(keys)
    assert total == COPIES * SAMPLES_USED and len(set(keys)) == total
    assert sorted(p.stem for p in folder.iterdir()) == sorted(keys)

    # a clean single run, for comparison
    clean = reference_url(store_url, tmp_path)
    clean_run(clean, records)
    with session_on(clean) as session:
        assert_whole(session)
        expected = canonical(session)
    assert sum(len(d["mentions"]) for d in expected["documents"].values()) > 100
    assert any(n_sources == COPIES for *_, n_sources, _ in expected["events"])  # merged copies

    # kill it at 20 points, each run resuming what the ones before left
    stored = 0
    cut_short = []
    in_transaction = 0
    points = kill_points(total)
    for phase, point in enumerate(points, start=1):
        log = tmp_path / f"ingest-{phase}.log"
        seen, busy = kill_at(folder, store_url, log, point, total)
        in_transaction += busy
        if seen is None:  # killed before the schema was made
            continue
        with session_on(store_url) as session:
            assert_whole(session)
            now = per_document(session)
            if session.bind is not None and session.bind.dialect.name == "postgresql":
                cut_short.append(discarded_document(session))
        assert stored <= len(now) < total, (point, stored, len(now))
        for key, held in now.items():  # each stored document is exactly as a clean run has it
            assert held == expected["documents"][key], (point, key)
        stored = len(now)
    assert stored >= total // 2, f"the kills came too early: {stored} of {total} stored"
    assert in_transaction >= 5, "too few kills while a document was being written"

    # on PostgreSQL the sequence shows it: a document row was inserted, then lost
    assert cut_short == [] or any(cut_short), "no kill landed inside a transaction"

    # the last run completes the work and skips what is already there
    log = tmp_path / "ingest-last.log"
    proc = start_ingest(folder, store_url, log)
    try:
        proc.wait(timeout=DEADLINE)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
    output = log.read_text(errors="replace")
    assert proc.returncode == 0, output
    assert f"{total - stored} added, 0 replaced, {stored} unchanged, 0 failed" in output, output

    with session_on(store_url) as session:
        assert_whole(session)
        final = canonical(session)
    assert sorted(final["documents"]) == sorted(keys)
    assert final["documents"] == expected["documents"]
    assert final["events"] == expected["events"]
    assert final["people"] == expected["people"]
    # and what users read out of it is the same, every list in the same order
    # (the database's own ids aside: PostgreSQL does not hand a lost id out again)
    assert exported(store_url) == exported(clean)


_IDS = {"id", "event_id", "person_id", "fulfilled_by"}


def _without_ids(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k not in _IDS}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


def exported(url: str) -> dict[str, Any]:
    """The JSON Lines and PLOVER exports and the event listing of a store."""
    store = open_store(url)
    try:
        records, plover = io.StringIO(), io.StringIO()
        export_jsonl(store, records)
        export_plover(store, plover)
        with store.session() as session:
            events = [e.to_dict() for e in iter_events(session, EventFilter(), mentions=True)]
    finally:
        store.close()
    return {
        "records": [_without_ids(json.loads(line)) for line in records.getvalue().splitlines()],
        "plover": [_without_ids(json.loads(line)) for line in plover.getvalue().splitlines()],
        "events": _without_ids(events),
    }
