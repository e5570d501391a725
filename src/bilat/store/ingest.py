"""Ingest: extract documents and write them into the store, streaming.

Documents whose text the store already holds are not extracted again; the
others are extracted a batch at a time (here or in worker processes) and
written by this process, one transaction per document, so a run stopped at
any moment (kill -9 included) leaves only whole documents behind, and running
it again completes the work. Into PostgreSQL, local worker processes write
what they extract themselves, one document after the other in input order
(:meth:`bilat.parallel.ProcessExtractor.written`): the store is the same.

Within one run, a second document with the identity of an earlier one
(:attr:`Document.identity`) and other text is a true duplicate: it is reported
as an error and not stored (it would replace the first). The same document
read twice (same identity, same text) is counted unchanged.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from bilat.document import Document
from bilat.errors import (
    BilatError,
    DocumentError,
    IngestError,
    IngestNotice,
    StoreUnavailableError,
)
from bilat.parallel import OutcomeSource, ProcessExtractor
from bilat.store.db import Store
from bilat.store.writer import DocumentWriter, WriteResult, content_hash


@dataclass
class IngestReport:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: int = 0
    #: files in the folders given that bilat does not read (no failure)
    skipped: int = 0
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
    extractor: OutcomeSource,
    on_item: Callback | None = None,
) -> IngestReport:
    """Extract and store ``items``; read errors and documents that fail to
    extract are counted and reported, the rest go on.

    ``extractor`` may run in this process or in workers
    (:mod:`bilat.parallel`): its outcomes come back in input order and this
    process alone writes them, one transaction per document.
    """
    writer = DocumentWriter(store)
    report = IngestReport()
    pending: deque[Document] = deque()  # sent to extraction, not yet written

    def handle(outcome: WriteResult | BilatError) -> None:
        if isinstance(outcome, IngestNotice):
            report.skipped += outcome.count
        elif isinstance(outcome, BilatError):
            report.failed += 1
            report.errors.append(str(outcome))
        else:
            report.count(outcome)
        if on_item is not None:
            on_item(outcome)

    # identity -> text hash of what this run has read, both as 16-byte digests
    seen: dict[bytes, bytes] = {}

    def to_extract() -> Iterator[Document]:
        for item in items:
            if isinstance(item, BilatError):
                handle(item)
                continue
            digest = bytes.fromhex(content_hash(item))[:16]
            identity = hashlib.sha256(
                item.identity.encode("utf-8", "surrogatepass")
            ).digest()[:16]
            earlier = seen.get(identity)
            if earlier is not None:
                if earlier == digest:  # the same document read twice
                    handle(WriteResult(item.id, "unchanged"))
                else:
                    handle(IngestError(
                        item.source or item.id,
                        f"duplicate document {item.identity!r}: an earlier input of this run "
                        "has this identity and other text; not stored",
                    ))
                continue
            seen[identity] = digest
            if not writer.needs_extraction(item):
                handle(WriteResult(item.id, "unchanged"))
                continue
            pending.append(item)
            yield item

    if store.dialect == "postgresql" and isinstance(extractor, ProcessExtractor):
        for notices, written in extractor.written(to_extract(), store):
            pending.popleft()
            for notice in notices:
                if store.on_retry is not None:
                    store.on_retry(notice)
            if isinstance(written, StoreUnavailableError):
                raise written
            handle(written)
        if report.added or report.replaced:
            store.optimize()
        return report

    for outcome in extractor.outcomes(to_extract()):
        document = pending.popleft()
        if isinstance(outcome, DocumentError):  # reported and counted, never stored
            handle(outcome)
            continue
        try:
            handle(writer.write(document, outcome))
        except StoreUnavailableError:
            raise  # the database is gone: so would every next document be
        except BilatError as exc:
            handle(exc)
    if report.added or report.replaced:
        store.optimize()
    return report
