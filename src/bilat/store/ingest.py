"""Ingest: extract documents and write them into the store, streaming.

Documents whose text the store already holds are not extracted again; the
others are extracted a batch at a time and written one transaction per
document, so a run stopped at any moment (kill -9 included) leaves only whole
documents behind, and running it again completes the work.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from bilat.document import Document
from bilat.errors import BilatError, DocumentError, IngestError
from bilat.extract import Extractor
from bilat.store.db import Store
from bilat.store.writer import DocumentWriter, WriteResult


@dataclass
class IngestReport:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: int = 0
    events: int = 0
    facts: int = 0
    errors: list[str] = field(default_factory=list)

    def count(self, result: WriteResult) -> None:
        setattr(self, result.outcome, getattr(self, result.outcome) + 1)
        self.events += result.events
        self.facts += result.facts


Callback = Callable[[WriteResult | BilatError], None]


def ingest(
    store: Store,
    items: Iterable[Document | IngestError],
    extractor: Extractor,
    on_item: Callback | None = None,
) -> IngestReport:
    """Extract and store ``items``; read errors are counted and reported, the
    rest of the batch goes on."""
    writer = DocumentWriter(store)
    report = IngestReport()
    pending: list[Document] = []

    def flush() -> Iterator[WriteResult | BilatError]:
        if not pending:
            return
        for document, record in zip(pending, extractor.outcomes(pending), strict=True):
            if isinstance(record, DocumentError):  # reported and counted, never stored
                yield record
                continue
            try:
                yield writer.write(document, record)
            except BilatError as exc:
                yield exc
        pending.clear()

    def handle(outcome: WriteResult | BilatError) -> None:
        if isinstance(outcome, BilatError):
            report.failed += 1
            report.errors.append(str(outcome))
        else:
            report.count(outcome)
        if on_item is not None:
            on_item(outcome)

    for item in items:
        if isinstance(item, BilatError):
            handle(item)
            continue
        if not writer.needs_extraction(item):
            handle(WriteResult(item.id, "unchanged"))
            continue
        pending.append(item)
        if len(pending) >= extractor.options.batch_size:
            for outcome in flush():
                handle(outcome)
    for outcome in flush():
        handle(outcome)
    if report.added or report.replaced:
        store.optimize()
    return report
