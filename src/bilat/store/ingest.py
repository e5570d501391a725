"""Ingest: extract documents and write them into the store, streaming.

Documents whose text the store already holds are not extracted again; the
others are extracted a batch at a time and written one transaction per
document, so a run stopped at any moment (kill -9 included) leaves only whole
documents behind, and running it again completes the work.

Within one run, a second document with the identity of an earlier one
(:attr:`Document.identity`) and other text is a true duplicate: it is reported
as an error and not stored (it would replace the first). The same document
read twice (same identity, same text) is counted unchanged.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from bilat.document import Document
from bilat.errors import BilatError, IngestError, IngestNotice
from bilat.extract import Extractor
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
        for document, record in zip(pending, extractor.extract(pending), strict=True):
            try:
                yield writer.write(document, record)
            except BilatError as exc:
                yield exc
        pending.clear()

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
    for item in items:
        if isinstance(item, BilatError):
            handle(item)
            continue
        digest = bytes.fromhex(content_hash(item))[:16]
        identity = hashlib.sha256(item.identity.encode("utf-8", "surrogatepass")).digest()[:16]
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
        if len(pending) >= extractor.options.batch_size:
            for outcome in flush():
                handle(outcome)
    for outcome in flush():
        handle(outcome)
    if report.added or report.replaced:
        store.optimize()
    return report
