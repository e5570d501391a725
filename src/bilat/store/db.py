"""Opening a store: database URL, engine, migrations, sessions.

The URL comes from ``--db``, else the ``BILAT_DB`` environment variable, else
the embedded default, a SQLite file ``bilat.db`` in the working directory. A
plain path is taken as a SQLite file. PostgreSQL works through a
``postgresql+psycopg://`` URL. The schema is created and upgraded by Alembic
migrations (``bilat/store/migrations``) when a store is opened.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from bilat.errors import StoreError, StoreUnavailableError

T = TypeVar("T")

DEFAULT_URL = "sqlite:///bilat.db"
ENV_VAR = "BILAT_DB"


def resolve_url(url: str | None = None) -> str:
    """The database URL to use: the argument, ``$BILAT_DB`` or ``bilat.db``."""
    chosen = url or os.environ.get(ENV_VAR) or DEFAULT_URL
    if "://" not in chosen:
        chosen = f"sqlite:///{Path(chosen).expanduser()}"
    return chosen


SQLITE_BUSY_MS = 60_000
"""How long a SQLite connection waits for another process's lock before it fails."""

WRITE: dict[str, Any] = {"bilat_write": True}
"""Execution options of a connection that is going to write (see :meth:`Store.write_session`)."""


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # the driver opens no transaction of its own: _sqlite_begin does, so that a
    # writer can take the write lock at BEGIN
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")  # first: the next may wait
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str | None = None) -> Engine:
    """An engine for ``url`` (see :func:`resolve_url`)."""
    resolved = resolve_url(url)
    try:
        parsed = make_url(resolved)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {resolved!r}") from exc
    kwargs: dict[str, Any] = {"future": True}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            folder = Path(database).expanduser().parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"cannot create the folder of SQLite database {database}: "
                    f"{exc.strerror or exc}"
                ) from exc
    try:
        engine = create_engine(resolved, **kwargs)
    except (ArgumentError, ImportError) as exc:
        raise StoreError(f"cannot use database {parsed.render_as_string()}: {exc}") from exc
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_begin(connection: Any) -> None:
    """Open the transaction. A writer's (:data:`WRITE`) takes the write lock at
    once (BEGIN IMMEDIATE), waiting for another process's writer to finish: a
    deferred transaction that read first could not write after another process
    committed (SQLITE_BUSY at once, no waiting), and two ingests of one file
    would fail with "database is locked". Readers keep a plain BEGIN: in WAL mode
    they never wait for a writer."""
    immediate = connection.get_execution_options().get("bilat_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


#: the advisory locks that serialise migrations and document writes on PostgreSQL
_MIGRATION_LOCK = 0x62696C6174  # "bilat" in ASCII
_WRITE_LOCK = _MIGRATION_LOCK + 1


def migrate(engine: Engine, revision: str = "head") -> None:
    """Create or upgrade the schema to ``revision`` with Alembic."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    location = resources.files("bilat.store").joinpath("migrations")
    config.set_main_option("script_location", str(location))
    where = engine.url.render_as_string(hide_password=True)
    try:
        # two processes opening a new store at once: the second waits, then finds
        # the schema at head
        with engine.connect() as connection:
            connection.execution_options(**WRITE)
            with connection.begin():
                if connection.dialect.name == "postgresql":
                    # PostgreSQL has no database-wide write lock: a transaction-level
                    # advisory lock makes the second process wait for the first
                    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                                       {"key": _MIGRATION_LOCK})
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
    except OperationalError as exc:
        raise StoreError(f"cannot reach the database {where}: {_one_line(exc.orig)}") from exc
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot migrate the database {where}: {_one_line(exc)}") from exc


def _one_line(error: BaseException | None) -> str:
    """A driver's message on one line (psycopg adds an indented hint line)."""
    return " ".join(str(error).split())


def error_text(exc: SQLAlchemyError) -> str:
    """What the database said, on one line, without the SQL statement or its
    parameters (they may hold article text): the driver's first line, or the
    error's class when there is no driver error. The same shape on every
    backend."""
    orig = getattr(exc, "orig", None)
    if orig is None:
        return type(exc).__name__
    lines = str(orig).strip().splitlines()
    first = " ".join(lines[0].split()) if lines else ""
    return f"{type(orig).__name__}: {first}" if first else type(orig).__name__


RETRIES_ENV_VAR = "BILAT_DB_RETRIES"


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently a store tries again when its connection is
    lost (:func:`connection_lost`): ``attempts`` tries in all, waiting ``delay``
    seconds before the second, twice as long before each next one, never more
    than ``max_delay``. The defaults wait about 40 seconds in all, enough for a
    PostgreSQL server to restart."""

    attempts: int = 8
    delay: float = 0.25
    max_delay: float = 10.0

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("a retry policy makes at least one attempt")
        if self.delay < 0 or self.max_delay < 0:
            raise ValueError("retry delays cannot be negative")

    def wait_before(self, attempt: int) -> float:
        """Seconds to wait before attempt number ``attempt`` (2 or more)."""
        return float(min(self.max_delay, self.delay * 2 ** max(0, attempt - 2)))

    @classmethod
    def from_env(cls, value: str | None = None) -> RetryPolicy:
        """The policy with ``attempts`` from ``value``, else ``$BILAT_DB_RETRIES``
        (the number of tries in all, 1 for none again), else the default.

        Raises:
            StoreError: the number is not a whole number of at least 1.
        """
        raw = value if value is not None else os.environ.get(RETRIES_ENV_VAR)
        if raw is None or not raw.strip():
            return cls()
        try:
            attempts = int(raw)
        except ValueError:
            attempts = 0
        if attempts < 1:
            raise StoreError(
                f"{RETRIES_ENV_VAR} must be a whole number of attempts, at least 1: {raw!r}"
            )
        return cls(attempts=attempts)


@dataclass(frozen=True)
class RetryNotice:
    """Given to :attr:`Store.on_retry` before a store waits and tries again."""

    what: str
    #: the attempt that is about to be made (2 or more) and the last one allowed
    attempt: int
    attempts: int
    wait: float
    problem: str

    def __str__(self) -> str:
        return (
            f"{self.what}: the connection to the database was lost ({self.problem}); "
            f"trying again in {self.wait:.3g} s (attempt {self.attempt} of {self.attempts})"
        )


#: SQLSTATEs of a server going away: connection exceptions (class 08), and the
#: server shutting down, crashed or still starting (57P01, 57P02, 57P03)
_LOST_STATES = ("57P01", "57P02", "57P03")


def connection_lost(exc: BaseException) -> bool:
    """Whether ``exc`` says the database connection broke or could not be made
    (worth trying again once the server is back), rather than that the
    database refused what was asked."""
    if not isinstance(exc, DBAPIError):
        return False
    if exc.connection_invalidated:  # the dialect recognised a disconnect
        return True
    orig = exc.orig
    state = getattr(orig, "sqlstate", None)
    if isinstance(state, str):
        return state.startswith("08") or state in _LOST_STATES
    # psycopg gives no SQLSTATE when it cannot connect at all (connection refused)
    return isinstance(exc, OperationalError) and type(orig).__module__.startswith("psycopg")


@dataclass
class Store:
    """An opened, migrated store."""

    engine: Engine
    sessions: sessionmaker[Session]
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    #: told before each new attempt after a lost connection (the CLI prints it)
    on_retry: Callable[[RetryNotice], None] | None = None

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.sessions() as session:
            yield session

    @contextmanager
    def write_session(self) -> Iterator[Session]:
        """A session in one transaction that holds the write lock from its start
        (SQLite: other writers wait for it, it waits for them; PostgreSQL: an
        advisory lock does the same, so that two processes never both create the
        event one interaction should share), committed at the end unless an
        exception leaves it."""
        with self.sessions() as session, session.begin():
            connection = session.connection(execution_options=WRITE)
            if self.dialect == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                                   {"key": _WRITE_LOCK})
            yield session

    def retrying(self, action: Callable[[], T], what: str) -> T:
        """``action()``, tried again by :attr:`retry` while it fails because the
        connection to the database was lost (:func:`connection_lost`); other
        errors go through at once. ``action`` must be one whole transaction, safe
        to run again (a lost commit is found done by the next attempt).

        Raises:
            StoreUnavailableError: the connection was still lost at the last attempt.
        """
        attempts = self.retry.attempts
        for attempt in range(1, attempts + 1):
            try:
                return action()
            except SQLAlchemyError as exc:
                if not connection_lost(exc):
                    raise
                if attempt == attempts:
                    raise StoreUnavailableError(
                        f"{what}: the connection to the database was lost and could not be "
                        f"made again in {attempts} attempt(s): {error_text(exc)}"
                    ) from exc
                wait = self.retry.wait_before(attempt + 1)
                if self.on_retry is not None:
                    self.on_retry(RetryNotice(what, attempt + 1, attempts, wait, error_text(exc)))
                time.sleep(wait)
        raise StoreUnavailableError(what)  # not reached: attempts >= 1

    def optimize(self) -> None:
        """Refresh the query planner's statistics (after writing): without them
        SQLite picks poor indexes for the merge lookups on a large store. On
        SQLite the analysis is bounded (``analysis_limit``), so it stays cheap."""
        def analyse() -> None:
            with self.engine.connect() as conn:
                conn.execution_options(**WRITE)
                with conn.begin():
                    if self.dialect == "sqlite":
                        conn.execute(text("PRAGMA analysis_limit=2000"))
                    conn.execute(text("ANALYZE"))

        try:
            self.retrying(analyse, "analysing the database")
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot analyse the database: {error_text(exc)}") from exc

    def close(self) -> None:
        self.engine.dispose()


def open_store(
    url: str | None = None, *, upgrade: bool = True, retry: RetryPolicy | None = None
) -> Store:
    """Open (and by default migrate) the store at ``url``. ``retry`` (default:
    :meth:`RetryPolicy.from_env`) says how a lost connection is tried again
    while the store is in use; opening it is tried once."""
    policy = retry if retry is not None else RetryPolicy.from_env()
    engine = make_engine(url)
    if upgrade:
        migrate(engine)
    return Store(engine, sessionmaker(engine, expire_on_commit=False), policy)


class NoStoreError(StoreError):
    """The store to read does not exist (a SQLite file that is not there)."""

    def __init__(self, where: str) -> None:
        super().__init__(f"no knowledge base at {where}")
        self.where = where


def open_existing_store(url: str | None = None) -> Store:
    """Open the store at ``url`` for reading, never creating a SQLite file.

    Raises :class:`NoStoreError` when ``url`` names a SQLite file that does not
    exist; other stores are opened (and migrated) by :func:`open_store`.
    """
    resolved = resolve_url(url)
    try:
        parsed = make_url(resolved)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {resolved!r}") from exc
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if (
            database
            and database != ":memory:"
            and not database.startswith("file:")
            and not Path(database).expanduser().exists()
        ):
            raise NoStoreError(database)
    return open_store(resolved)
