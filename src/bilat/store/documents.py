"""Stored documents one at a time: list them, show one with its spans, find an
event's reports, forget a document.

A document is named by its identity (``doc_key``: ``east/index.html``,
``wire.jsonl#42``, a URL) or by its short id (``doc``) when that names only
one document; :class:`NotFoundError` says which identities a short id that
names several could mean.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bilat.errors import StoreError
from bilat.store.db import error_text
from bilat.store.models import DocumentRow, FactRow, MentionRow

#: documents read at a time when listing
PAGE = 500


class NotFoundError(StoreError):
    """No stored document or event goes by the name given (or several do)."""

    def __init__(self, message: str, candidates: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.candidates = candidates


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    key: str
    doc: str
    source: str | None
    url: str | None
    title: str | None
    published: str | None
    n_events: int
    n_facts: int

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "doc": self.doc, "source": self.source, "url": self.url,
                "title": self.title, "published": self.published, "n_events": self.n_events,
                "n_facts": self.n_facts}


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a document's text that states an event or a fact."""

    start: int
    end: int
    kind: str  # "event" or "fact"
    #: the merged event's id, or the fact's id
    ref: int
    label: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "kind": self.kind, "id": self.ref,
                "label": self.label}


@dataclass(frozen=True, slots=True)
class DocumentDetail:
    summary: DocumentSummary
    text: str
    spans: tuple[Span, ...]

    def to_dict(self) -> dict[str, Any]:
        return {**self.summary.to_dict(), "text": self.text,
                "spans": [s.to_dict() for s in self.spans]}


def _summary(row: DocumentRow) -> DocumentSummary:
    return DocumentSummary(row.doc_key, row.doc, row.source, row.url, row.title, row.published,
                           row.n_mentions, row.n_facts)


def iter_documents(session: Session, *, limit: int | None = None) -> Iterator[DocumentSummary]:
    """Stored documents in the order they were stored, at most ``limit``."""
    last = 0
    left = limit
    try:
        while left is None or left > 0:
            size = PAGE if left is None else min(PAGE, left)
            rows = list(session.scalars(
                select(DocumentRow).where(DocumentRow.id > last).order_by(DocumentRow.id)
                .limit(size)
            ))
            for row in rows:
                yield _summary(row)
            if len(rows) < size:
                return
            last = rows[-1].id
            if left is not None:
                left -= len(rows)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read documents: {error_text(exc)}") from exc


def find_document(session: Session, ref: str) -> DocumentRow:
    """The document whose identity is ``ref``, else the only one whose short id is.

    Raises:
        NotFoundError: none has, or several share that short id.
    """
    row = session.scalar(select(DocumentRow).where(DocumentRow.doc_key == ref))
    if row is not None:
        return row
    rows = list(session.scalars(
        select(DocumentRow).where(DocumentRow.doc == ref).order_by(DocumentRow.id).limit(21)
    ))
    if len(rows) == 1:
        return rows[0]
    if not rows:
        raise NotFoundError(f"no stored document {ref!r} (see `bilat documents`)")
    keys = tuple(r.doc_key for r in rows[:20])
    raise NotFoundError(
        f"{ref!r} names {'more than 20' if len(rows) > 20 else len(rows)} documents; "
        f"give one of: {', '.join(keys)}", keys,
    )


def document_detail(session: Session, ref: str) -> DocumentDetail:
    """A stored document with the spans of its events and facts, by start."""
    row = find_document(session, ref)
    spans = [
        Span(m.evidence_start, m.evidence_end, "event", m.event_id,
             f"{m.type} {m.countries_key}{' ' + m.date if m.date else ''}")
        for m in session.scalars(select(MentionRow).where(MentionRow.document_id == row.id))
    ] + [
        Span(f.evidence_start, f.evidence_end, "fact", f.id,
             f"{f.kind} {f.country_a}{'->' if f.kind in ('exports', 'supply', 'aid') else '-'}"
             f"{f.country_b} {f.value:,.0f} {f.unit}")
        for f in session.scalars(select(FactRow).where(FactRow.document_id == row.id))
    ]
    spans.sort(key=lambda s: (s.start, s.end, s.kind, s.label))
    return DocumentDetail(_summary(row), row.text, tuple(spans))


__all__ = [
    "DocumentDetail",
    "DocumentSummary",
    "NotFoundError",
    "Span",
    "document_detail",
    "find_document",
    "iter_documents",
]
