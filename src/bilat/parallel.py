"""Extraction in several processes: local workers (``--workers``) or a Dask
distributed cluster (``--scheduler``).

Every way of extracting offers the same :meth:`outcomes` as
:class:`~bilat.extract.Extractor`: one outcome per document, in input order.
Documents go to the workers in batches (``Options.batch_size`` documents each);
at most ``window`` batches are out at once, so memory stays flat however long
the input is, and the outcomes are handed back in input order, the same as with
one process. Each worker process loads the pipeline once (:func:`extract_batch`
keeps one :class:`Extractor` per process) and reuses it for every batch.

An ingest into PostgreSQL with local workers has them write too
(:meth:`ProcessExtractor.written`): each worker opens its own engine and writes
the documents it extracted, taking its turn so that documents are written in
input order, as one process writes them (events and people are merged in that
order, so the store is the same); the parent only collects what each write did.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import cache
from multiprocessing.context import BaseContext
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from bilat.document import Document
from bilat.errors import BilatError, DocumentError, ExtractError, StoreUnavailableError
from bilat.extract import Extractor
from bilat.options import Options
from bilat.record import Record

if TYPE_CHECKING:
    from bilat.store.db import RetryNotice, RetryPolicy, Store
    from bilat.store.writer import WriteResult

Outcome = Record | DocumentError
#: what a worker that writes hands back for one document: the retry notices of
#: its write (a lost connection), and what the write did or why it failed
Written = tuple[list["RetryNotice"], "WriteResult | BilatError"]
T = TypeVar("T")


class OutcomeSource(Protocol):
    """Anything that turns documents into outcomes, in input order."""

    @property
    def options(self) -> Options: ...

    def outcomes(self, documents: Iterable[Document]) -> Iterator[Outcome]: ...


@cache
def _process_extractor(options: Options) -> Extractor:
    """The one extractor of this process (loaded on its first batch)."""
    return Extractor(options)


@cache
def _process_lock(options: Options) -> threading.Lock:
    """A Dask worker may run tasks in several threads: they share one pipeline."""
    return threading.Lock()


def extract_batch(options: Options, documents: list[Document]) -> list[Outcome]:
    """The outcomes of one batch, in a worker process."""
    with _process_lock(options):
        return list(_process_extractor(options).outcomes(documents))


class Turns:
    """Whose turn it is to write: the number of the next document to write,
    shared by worker processes through a manager (its proxies can be sent
    along with each batch)."""

    def __init__(self, manager: Any) -> None:
        self._condition = manager.Condition()
        self._next = manager.Value("q", 0)
        self._unreachable = manager.Value("b", 0)

    @property
    def unreachable(self) -> bool:
        """Whether a worker found the database gone for good (the run ends:
        the documents still on their way are not written)."""
        return bool(self._unreachable.value)

    def give_up(self) -> None:
        self._unreachable.value = 1

    def wait(self, number: int) -> None:
        """Until every document before ``number`` is written (or failed)."""
        with self._condition:
            self._condition.wait_for(lambda: self._next.value == number)

    def done(self, number: int) -> None:
        with self._condition:
            self._next.value = number + 1
            self._condition.notify_all()


@cache
def _process_store(url: str, retry: RetryPolicy) -> Store:
    """The one store (engine) of this worker process."""
    from bilat.store.db import open_store

    return open_store(url, upgrade=False, retry=retry)


def write_batch(
    options: Options, url: str, retry: RetryPolicy, turns: Turns,
    batch: list[tuple[int, Document]],
) -> list[Written]:
    """Extract a batch in a worker process, then write each document in its
    turn (document ``number``), one transaction each, into the store at ``url``."""
    from bilat.store.writer import DocumentWriter

    try:
        outcomes = extract_batch(options, [document for _, document in batch])
    except BaseException:
        for number, _ in batch:  # let the documents after these be written
            turns.wait(number)
            turns.done(number)
        raise
    store = _process_store(url, retry)
    writer = DocumentWriter(store)
    written: list[Written] = []
    for (number, document), outcome in zip(batch, outcomes, strict=True):
        notices: list[RetryNotice] = []
        store.on_retry = notices.append
        turns.wait(number)
        try:
            if isinstance(outcome, DocumentError):
                written.append((notices, outcome))
            elif turns.unreachable:
                written.append((notices, StoreUnavailableError(
                    f"{document.source or document.id}: not stored: the database is unreachable")))
            else:
                written.append((notices, writer.write(document, outcome)))
        except StoreUnavailableError as exc:
            turns.give_up()
            written.append((notices, exc))
        except BilatError as exc:
            written.append((notices, exc))
        finally:
            store.on_retry = None
            turns.done(number)
    return written


def _batches(documents: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ordered_outcomes(
    submit: Callable[[list[T]], Any],
    documents: Iterable[T],
    batch_size: int,
    window: int,
) -> Iterator[Any]:
    """Submit batches (``submit`` returns a future with ``result()``), at most
    ``window`` at once, and yield their outcomes in input order."""
    in_flight: deque[Any] = deque()
    for batch in _batches(documents, batch_size):
        in_flight.append(submit(batch))
        while len(in_flight) >= window:
            yield from in_flight.popleft().result()
    while in_flight:
        yield from in_flight.popleft().result()


class ProcessExtractor:
    """Extraction in ``workers`` local processes."""

    def __init__(self, options: Options | None = None, workers: int = 2) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self._options = options or Options()
        self.workers = workers

    @property
    def options(self) -> Options:
        return self._options

    @staticmethod
    def _context() -> BaseContext:
        # fork where there is one: workers start at once and inherit the
        # components registered in this process (a project's own spaCy factories)
        methods = multiprocessing.get_all_start_methods()
        return multiprocessing.get_context("fork" if "fork" in methods else "spawn")

    def outcomes(self, documents: Iterable[Document]) -> Iterator[Outcome]:
        try:
            with ProcessPoolExecutor(self.workers, mp_context=self._context()) as pool:
                yield from ordered_outcomes(
                    lambda batch: pool.submit(extract_batch, self.options, batch),
                    documents, self.options.batch_size, 2 * self.workers,
                )
        except BrokenProcessPool as exc:
            raise ExtractError(f"a worker process died: {exc}") from exc

    def written(self, documents: Iterable[Document], store: Store) -> Iterator[Written]:
        """Extract ``documents`` and have the workers write them into ``store``
        (a PostgreSQL one: several processes write at once), each in its turn,
        in input order; what each write did comes back in input order too."""
        url = store.engine.url.render_as_string(hide_password=False)
        context = self._context()
        try:
            with context.Manager() as manager, ProcessPoolExecutor(
                self.workers, mp_context=context
            ) as pool:
                turns = Turns(manager)
                yield from ordered_outcomes(
                    lambda batch: pool.submit(
                        write_batch, self.options, url, store.retry, turns, batch),
                    enumerate(documents), self.options.batch_size, 2 * self.workers,
                )
        except BrokenProcessPool as exc:
            raise ExtractError(f"a worker process died: {exc}") from exc


class DaskExtractor:
    """Extraction on a Dask distributed cluster whose scheduler is at ``address``
    (``tcp://host:8786``); the workers need bilat and the spaCy pipeline installed.

    A worker lost mid-run is no loss: each task carries its batch, and the
    scheduler runs it again on another worker.
    """

    def __init__(self, address: str, options: Options | None = None) -> None:
        self.address = address
        self._options = options or Options()

    @property
    def options(self) -> Options:
        return self._options

    def outcomes(self, documents: Iterable[Document]) -> Iterator[Outcome]:
        from distributed import Client

        try:
            client = Client(  # type: ignore[no-untyped-call]
                self.address, set_as_default=False, timeout="30s"
            )
        except (OSError, TimeoutError) as exc:
            raise ExtractError(
                f"cannot reach the Dask scheduler at {self.address}: {exc}"
            ) from exc
        with client:
            workers = max(1, len(client.scheduler_info().get("workers", {})))
            yield from ordered_outcomes(
                lambda batch: client.submit(extract_batch, self.options, batch, pure=False),
                documents, self.options.batch_size, 2 * workers,
            )


def outcome_source(
    options: Options, workers: int = 1, scheduler: str | None = None
) -> OutcomeSource:
    """The extractor a run asks for: a Dask cluster, local workers, or this process."""
    if scheduler:
        return DaskExtractor(scheduler, options)
    if workers > 1:
        return ProcessExtractor(options, workers)
    return Extractor(options)


__all__ = [
    "DaskExtractor",
    "OutcomeSource",
    "ProcessExtractor",
    "Turns",
    "Written",
    "extract_batch",
    "ordered_outcomes",
    "outcome_source",
    "write_batch",
]
