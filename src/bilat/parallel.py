"""Extraction in several processes: local workers (``--workers``) or a Dask
distributed cluster (``--scheduler``).

Every way of extracting offers the same :meth:`outcomes` as
:class:`~bilat.extract.Extractor`: one outcome per document, in input order.
Documents go to the workers in batches (``Options.batch_size`` documents each);
at most ``window`` batches are out at once, so memory stays flat however long
the input is, and the outcomes are handed back in input order, the same as with
one process. Each worker process loads the pipeline once (:func:`extract_batch`
keeps one :class:`Extractor` per process) and reuses it for every batch.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import cache
from typing import Any, Protocol

from bilat.document import Document
from bilat.errors import DocumentError, ExtractError
from bilat.extract import Extractor
from bilat.options import Options
from bilat.record import Record

Outcome = Record | DocumentError


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


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ordered_outcomes(
    submit: Callable[[list[Document]], Any],
    documents: Iterable[Document],
    batch_size: int,
    window: int,
) -> Iterator[Outcome]:
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

    def outcomes(self, documents: Iterable[Document]) -> Iterator[Outcome]:
        # fork where there is one: workers start at once and inherit the
        # components registered in this process (a project's own spaCy factories)
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        try:
            with ProcessPoolExecutor(self.workers, mp_context=context) as pool:
                yield from ordered_outcomes(
                    lambda batch: pool.submit(extract_batch, self.options, batch),
                    documents, self.options.batch_size, 2 * self.workers,
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
    "extract_batch",
    "ordered_outcomes",
    "outcome_source",
]
