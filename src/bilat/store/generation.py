"""The store's write generation: a value that changes whenever something is
committed to the store, by this process or by any other (``bilat ingest`` run
beside ``bilat serve``, a posted article, a raw SQL session).

Readers key what they keep (counts, rankings, rendered pages) on it, so that a
kept answer is never used after a write: two reads that see the same
generation see the same data.

- SQLite: ``PRAGMA data_version`` on a connection of the watcher's own, which
  changes when any other connection commits (SQLite's own change counter, a
  few microseconds to read, nothing to maintain on the writers' side).
- PostgreSQL: the text of ``pg_current_snapshot()`` (xmin, xmax and the
  transactions in progress): two equal snapshots see the same committed
  transactions. It also changes for writes to other tables or databases of
  the cluster, so it forgets more often than needed, never less.
- Anything else (an in-memory SQLite database, another backend): no
  generation (``None``), and readers keep nothing on its account.

A value is read before the data it stands for, and every later read of the
request sees at least that generation's data, so what is kept under a
generation is never older than it.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Hashable
from typing import Any

from sqlalchemy.engine import make_url

from bilat.store.db import Store


class WriteGeneration:
    """Reads the generation of one store; safe to share between threads."""

    def __init__(self, store: Store) -> None:
        self._lock = threading.Lock()
        self._connection: Any = None
        self._query = ""
        self._errors: tuple[type[Exception], ...] = (sqlite3.Error,)
        url = make_url(store.url) if store.dialect == "sqlite" else None
        if url is not None:
            database = url.database
            if database and database != ":memory:" and not database.startswith("file:"):
                self._connection = sqlite3.connect(
                    database, isolation_level=None, check_same_thread=False
                )
                self._query = "PRAGMA data_version"
        elif store.dialect == "postgresql":
            import psycopg

            self._errors = (psycopg.Error,)
            raw = store.engine.raw_connection()
            driver: Any = raw.driver_connection
            raw.detach()  # the watcher's own, out of the pool
            driver.autocommit = True
            self._connection = driver
            self._query = "SELECT pg_current_snapshot()::text"

    @property
    def tracked(self) -> bool:
        """False when this store has no generation (:meth:`current` is always None)."""
        return self._connection is not None

    def current(self) -> Hashable | None:
        """The generation now, or None when it cannot be known (then keep nothing)."""
        if self._connection is None:
            return None
        with self._lock:
            try:
                cursor = self._connection.cursor()
                try:
                    cursor.execute(self._query)
                    row = cursor.fetchone()
                finally:
                    cursor.close()
            except self._errors:  # the database cannot say: the generation is unknown
                return None
        return None if row is None else row[0]

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                try:
                    self._connection.close()
                finally:
                    self._connection = None


__all__ = ["WriteGeneration"]
