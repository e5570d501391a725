"""PostgreSQL restarted in the middle of an ingest (issue 8, faults).

A real ``python -m bilat ingest`` process writes wire articles into a
PostgreSQL server of this test's own; once a few documents are committed the
test restarts the server (``pg_ctl restart -m fast``: every session is ended).
The run says so on stderr, tries again with growing waits, and ends with the
very store an uninterrupted run makes, every document added once.

The retry policy itself (which errors are a lost connection, how long it
waits, when it gives up) is tested on a real server too: a stopped one.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from bilat.document import Document
from bilat.errors import StoreError, StoreUnavailableError
from bilat.record import Record
from bilat.store import open_store
from bilat.store.db import RetryNotice, RetryPolicy, connection_lost
from tests.pg import PostgresUnavailable, create_database, private_server
from tests.test_store_crash import (
    DEADLINE,
    assert_whole,
    canonical,
    clean_run,
    committed,
    corpus,  # noqa: F401  (the module's fixture)
    session_on,
    start_ingest,
)


@pytest.fixture(scope="module")
def server() -> Iterator[Any]:
    try:
        own = private_server()
    except PostgresUnavailable as exc:
        pytest.skip(f"no PostgreSQL server of our own can be started here: {exc}")
    try:
        yield own
    finally:
        own.stop()


@pytest.fixture(scope="module")
def expected(server: Any, corpus: tuple[Path, list[tuple[Document, Record]]],  # noqa: F811
             ) -> dict[str, Any]:
    """The store of an uninterrupted run."""
    clean = create_database(server)
    clean_run(clean, corpus[1])
    with session_on(clean) as session:
        return canonical(session)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_restart_mid_ingest_is_said_tried_again_and_loses_nothing(
    server: Any, corpus: tuple[Path, list[tuple[Document, Record]]],  # noqa: F811
    expected: dict[str, Any], workers: int, tmp_path: Path,
) -> None:
    """One process writing, or two workers writing for themselves."""
    folder, records = corpus
    total = len(records)
    url = create_database(server)
    log = tmp_path / "ingest.log"
    proc = start_ingest(folder, url, log, "--workers", str(workers))
    cache: dict[str, Any] = {}
    try:
        deadline = time.monotonic() + DEADLINE
        while (seen := committed(url, cache)) is None or seen < 3:
            assert proc.poll() is None, log.read_text(errors="replace")
            assert time.monotonic() < deadline, "no documents committed in time"
            time.sleep(0.01)
        cache["engine"].dispose()
        server.restart()
        assert proc.poll() is None, "the ingest ended before the restart was over"
        proc.wait(timeout=DEADLINE)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
    output = log.read_text(errors="replace")
    assert proc.returncode == 0, output
    # said once per attempt, naming the document being written or checked
    notes = [line for line in output.splitlines() if "connection to the database was lost" in line]
    assert notes, output
    assert all(line.startswith("note:") and re.search(r"attempt \d+ of \d+\)$", line)
               for line in notes), notes
    # every document added once: a commit made as the connection broke is not
    # counted "unchanged" by the next attempt
    assert f"{total} added, 0 replaced, 0 unchanged, 0 failed" in output, output

    with session_on(url) as session:
        assert_whole(session)
        assert canonical(session) == expected


def test_a_database_that_stays_away_ends_the_run_with_an_error(
    corpus: tuple[Path, list[tuple[Document, Record]]], tmp_path: Path,  # noqa: F811
) -> None:
    try:
        gone = private_server()
    except PostgresUnavailable as exc:
        pytest.skip(f"no PostgreSQL server of our own can be started here: {exc}")
    log = tmp_path / "ingest.log"
    try:
        url = create_database(gone)
    except BaseException:
        gone.stop()
        raise
    proc = start_ingest(corpus[0], url, log, "--retries", "3")
    try:
        cache: dict[str, Any] = {}
        deadline = time.monotonic() + DEADLINE
        while (seen := committed(url, cache)) is None or seen < 2:
            assert proc.poll() is None, log.read_text(errors="replace")
            assert time.monotonic() < deadline, "no documents committed in time"
            time.sleep(0.01)
        cache["engine"].dispose()
        gone.stop()
        proc.wait(timeout=DEADLINE)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
        gone.stop()
    output = log.read_text(errors="replace")
    assert proc.returncode == 2, output
    notes = [line for line in output.splitlines() if line.startswith("note:")]
    assert [line[-len("(attempt 2 of 3)"):] for line in notes] == [
        "(attempt 2 of 3)", "(attempt 3 of 3)"], output
    errors = [line for line in output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, output
    assert "could not be made again in 3 attempt(s)" in errors[0]


def test_lost_connections_are_told_apart_from_refusals(server: Any) -> None:
    url = create_database(server)
    store = open_store(url)
    try:
        with pytest.raises(OperationalError) as refused, store.engine.connect() as conn:
            conn.execute(text("SET statement_timeout = 10"))
            conn.execute(text("SELECT pg_sleep(5)"))  # cancelled: an OperationalError
        assert not connection_lost(refused.value)  # the database answered: no retry
        with store.engine.connect() as conn:  # ended by the server, as a restart does
            pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
            with store.engine.connect() as other:
                other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
                other.commit()
            with pytest.raises(OperationalError) as ended:
                conn.execute(text("SELECT 1"))
        assert connection_lost(ended.value)
    finally:
        store.close()


def test_a_database_that_stays_away_ends_the_retries(tmp_path: Path) -> None:
    try:
        gone = private_server()
    except PostgresUnavailable as exc:
        pytest.skip(f"no PostgreSQL server of our own can be started here: {exc}")
    try:
        store = open_store(create_database(gone), retry=RetryPolicy(attempts=3, delay=0.01))
        notices: list[RetryNotice] = []
        store.on_retry = notices.append
        gone.stop()
        calls = 0

        def count_rows() -> int:
            nonlocal calls
            calls += 1
            with store.engine.connect() as conn:
                return int(conn.execute(text("SELECT count(*) FROM documents")).scalar_one())

        with pytest.raises(StoreUnavailableError, match="in 3 attempt") as failed:
            store.retrying(count_rows, "counting")
        assert isinstance(failed.value, StoreError)
        assert calls == 3
        assert [(n.attempt, n.attempts) for n in notices] == [(2, 3), (3, 3)]
        assert [n.wait for n in notices] == [0.01, 0.02]  # doubling
        assert str(notices[0]).startswith("counting: the connection to the database was lost")
        store.close()
    finally:
        gone.stop()


@pytest.mark.parametrize(
    "value, attempts",
    [(None, 8), ("1", 1), ("12", 12), (" 3 ", 3), ("", 8)],
)
def test_the_number_of_attempts_is_configurable(value: str | None, attempts: int,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BILAT_DB_RETRIES", raising=False)
    assert RetryPolicy.from_env(value).attempts == attempts
    monkeypatch.setenv("BILAT_DB_RETRIES", "5")
    assert RetryPolicy.from_env(None).attempts == 5


@pytest.mark.parametrize("value", ["0", "-2", "many", "2.5"])
def test_a_bad_number_of_attempts_is_refused(value: str) -> None:
    with pytest.raises(StoreError, match="BILAT_DB_RETRIES"):
        RetryPolicy.from_env(value)


def test_waits_double_up_to_a_ceiling() -> None:
    policy = RetryPolicy(attempts=8, delay=0.5, max_delay=3.0)
    assert [policy.wait_before(n) for n in range(2, 8)] == [0.5, 1.0, 2.0, 3.0, 3.0, 3.0]
