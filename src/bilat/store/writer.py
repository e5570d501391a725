"""Writing records into the store: one document, one transaction.

``DocumentWriter.write`` stores a document and the record extracted from it
atomically: either everything of the document is committed or nothing is. A
document whose text has not changed since it was stored is skipped (the hash
is checked *before* extraction, by :meth:`DocumentWriter.needs_extraction`); a
changed one has its old mentions and facts removed and replaced; events and
people are merged across documents by :mod:`bilat.store.merge`.

A document is found by its identity (:attr:`Document.identity`, stored in
``doc_key``), never by its short id alone: ``a/index.html`` and
``b/index.html`` are two documents. A row stored before identities existed
(migration 0004: ``doc_key == doc``, the short id) is claimed by the first
document with that short id, and takes its identity.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from bilat.document import Document
from bilat.errors import StoreError
from bilat.record import Record
from bilat.store.db import Store, connection_lost, error_text
from bilat.store.merge import EventMerger, PeopleResolver, countries_key, date_sort
from bilat.store.models import (
    DocumentRow,
    EventRow,
    FactRow,
    MentionParticipantRow,
    MentionRow,
    PersonRow,
    PersonTitleRow,
)

Outcome = Literal["added", "replaced", "unchanged"]

KEY_CHARS = 512
"""Length of ``documents.doc_key``; a longer identity is stored shortened, with
its SHA-256 (:func:`store_key`)."""


def store_key(identity: str) -> str:
    """``identity`` as stored in ``doc_key``: as it is when it fits, else its
    head and its SHA-256, so that two long identities stay apart."""
    if len(identity) <= KEY_CHARS:
        return identity
    digest = hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()
    suffix = f"#sha256:{digest}"
    return identity[: KEY_CHARS - len(suffix)] + suffix


WRITE_ATTEMPTS = 5
"""A document's transaction is tried this many times when the database stays locked
longer than the busy timeout (SQLite under heavy concurrent writing), or when
another process inserted the same document or person first (a unique key)."""


def _is_busy(exc: OperationalError | IntegrityError) -> bool:
    if isinstance(exc, IntegrityError):
        return "unique" in str(exc.orig).lower() or "duplicate" in str(exc.orig).lower()
    message = str(exc.orig).lower()
    return "locked" in message or "busy" in message


def content_hash(document: Document) -> str:
    """SHA-256 of the text and the metadata that shape extraction."""
    h = hashlib.sha256()
    for part in (document.text, document.title or "", document.published or ""):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


_TIMEX = re.compile(r"(?:\d{4}|XXXX)(?:-(?:\d{2}|XX)(?:-(?:\d{2}|XX))?)?")


def _check_dates(document: Document, record: Record) -> None:
    """A date is stored only as a TIMEX value: anything else is refused, the
    same way on every backend (PostgreSQL would refuse a long one itself, in
    its own words; SQLite would store it)."""
    where = document.source or document.id
    dates = [("published", record.published)] + [("event date", e.date) for e in record.events]
    for what, value in dates:
        if value is not None and not _TIMEX.fullmatch(value):
            shown = value if len(value) <= 40 else value[:40] + "..."
            raise StoreError(f"{where}: {what} is not a date: {shown!r}; not stored")


@dataclass
class WriteResult:
    doc: str
    outcome: Outcome
    events: int = 0
    facts: int = 0


class DocumentWriter:
    """Writes documents and their records into one store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def needs_extraction(self, document: Document) -> bool:
        """False when the store already holds this document with the same text.

        A row stored before identities (``doc_key`` the short id) that holds the
        same text is claimed here: it takes the document's identity."""
        digest = content_hash(document)

        def check() -> bool:
            with self.store.session() as session, session.begin():
                row = self._find(session, document)
                if row is None or row.content_hash != digest:
                    return True
                row.doc_key = store_key(document.identity)
                return False

        try:
            return self.store.retrying(check, document.source or document.id)
        except SQLAlchemyError as exc:
            raise StoreError(
                f"{document.id}: cannot read the store: {error_text(exc)}"
            ) from exc

    @staticmethod
    def _find(session: Session, document: Document) -> DocumentRow | None:
        """The stored row of ``document``: by identity, else a row stored before
        identities under its short id."""
        key = store_key(document.identity)
        row = session.scalar(select(DocumentRow).where(DocumentRow.doc_key == key))
        if row is None and key != document.id:
            row = session.scalar(
                select(DocumentRow).where(
                    DocumentRow.doc_key == document.id, DocumentRow.doc == document.id
                )
            )
        return row

    def write(self, document: Document, record: Record) -> WriteResult:
        """Store ``record`` for ``document`` in one transaction.

        Raises:
            StoreError: a date of the record is not a TIMEX value, or the
                database refused the document (one line: no SQL, no text).
        """
        _check_dates(document, record)
        digest = content_hash(document)
        where = document.source or document.id
        # what each attempt set out to do: an attempt after a lost connection that
        # finds the document unchanged finds the commit of an earlier attempt
        planned: list[Outcome] = []

        def attempt() -> WriteResult:
            result = self._write_locked(document, record, digest, planned)
            if result.outcome == "unchanged" and planned[0] != "unchanged":
                return WriteResult(document.id, planned[0], len(record.events),
                                   len(record.facts))
            return result

        try:
            # a lost connection (a server restart) is tried again, by the store's
            # retry policy: the transaction is whole or nothing
            return self.store.retrying(attempt, where)
        except SQLAlchemyError as exc:
            raise StoreError(f"{where}: could not be stored: {error_text(exc)}") from exc

    def _write_locked(
        self, document: Document, record: Record, digest: str, planned: list[Outcome]
    ) -> WriteResult:
        """One transaction, tried again while SQLite stays locked or another
        process inserted the same row first; other errors go to the caller."""
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                # the write lock from the start: a concurrent writer (another
                # ingest) waits, and the hash check below sees what it committed
                with self.store.write_session() as session:
                    return self._write(session, document, record, digest, planned)
            except (OperationalError, IntegrityError) as exc:
                # SQLite locked longer than the busy timeout; or (PostgreSQL) another
                # process stored the same document between our check and our insert:
                # the next attempt sees its row
                if attempt == WRITE_ATTEMPTS or connection_lost(exc) or not _is_busy(exc):
                    raise
                time.sleep(min(2.0, 0.05 * 2**attempt))  # locked longer than the busy timeout
        raise AssertionError("not reached")  # the last attempt returns or raises

    def _write(
        self, session: Session, document: Document, record: Record, digest: str,
        planned: list[Outcome],
    ) -> WriteResult:
        row = self._find(session, document)
        outcome: Outcome = "added"
        key = store_key(document.identity)
        if row is not None:
            row.doc_key = key
            if row.content_hash == digest:
                planned.append("unchanged")
                return WriteResult(document.id, "unchanged")
            self._remove_contents(session, row)
            outcome = "replaced"
        else:
            row = DocumentRow(doc_key=key)
            session.add(row)
        planned.append(outcome)
        row.doc = document.id
        row.source = document.source or None
        row.url = record.url or document.url
        row.content_hash = digest
        row.text = document.text
        row.title = record.title
        row.published = record.published
        row.outlet = document.meta.get("outlet")
        row.n_mentions = len(record.events)
        row.n_facts = len(record.facts)
        session.flush()

        people = PeopleResolver(session)
        merger = EventMerger(session)
        for event in record.events:
            key = countries_key(event.countries)
            mention = MentionRow(
                document_id=row.id,
                type=event.type,
                mode=event.mode if event.type == "CONSULT" else None,
                status=event.status,
                date=event.date,
                location=event.location,
                countries_key=key,
                topics=",".join(sorted(set(event.topics))),
                evidence_start=event.evidence.start,
                evidence_end=event.evidence.end,
                evidence_text=event.evidence.text,
                trigger=event.trigger,
            )
            person_ids: list[int] = []
            for position, p in enumerate(event.participants):
                person = people.resolve(p.name, p.country)
                # a title is known to be held when the article says so
                people.saw(person, p.name, p.title, record.published or event.date, row.id)
                for alias in p.aliases:
                    people.saw(person, alias, None, None, row.id)
                person_ids.append(person.id)
                mention.participants.append(
                    MentionParticipantRow(
                        person_id=person.id, name=p.name, title=p.title, country=p.country,
                        aliases="|".join(p.aliases),
                        position=position,
                    )
                )
            mention.event = merger.place(mention, event.countries, person_ids, row.id)
            session.add(mention)
            session.flush()
            merger.refresh(mention.event)
        for position, fact in enumerate(record.facts):
            countries = list(fact.countries)
            if fact.kind not in ("exports", "supply", "aid"):
                countries = sorted(countries)
            session.add(
                FactRow(
                    document_id=row.id,
                    kind=fact.kind,
                    country_a=countries[0],
                    country_b=countries[1] if len(countries) > 1 else countries[0],
                    value=float(fact.value),
                    unit=fact.unit,
                    period=fact.period,
                    evidence_start=fact.evidence.start,
                    evidence_end=fact.evidence.end,
                    evidence_text=fact.evidence.text,
                    position=position,
                )
            )
        merger.link_planned()
        return WriteResult(document.id, outcome, len(record.events), len(record.facts))

    @staticmethod
    def _remove_contents(session: Session, row: DocumentRow) -> None:
        """Drop a document's mentions, facts and the titles seen in it; events
        left without any mention go too, the others get their source counts
        again; people no other document names go too."""
        touched = set(
            session.scalars(select(MentionRow.event_id).where(MentionRow.document_id == row.id))
        )
        named = set(
            session.scalars(
                select(MentionParticipantRow.person_id)
                .join(MentionRow, MentionRow.id == MentionParticipantRow.mention_id)
                .where(MentionRow.document_id == row.id)
            )
        )
        session.execute(delete(MentionRow).where(MentionRow.document_id == row.id))
        session.execute(delete(FactRow).where(FactRow.document_id == row.id))
        session.execute(delete(PersonTitleRow).where(PersonTitleRow.document_id == row.id))
        session.flush()
        if named:
            still_named = select(MentionParticipantRow.person_id).where(
                MentionParticipantRow.person_id.in_(named)
            )
            session.execute(
                delete(PersonRow).where(PersonRow.id.in_(named), PersonRow.id.not_in(still_named))
            )
        for event_id in touched:
            remaining = session.scalar(
                select(func.count()).select_from(MentionRow).where(MentionRow.event_id == event_id)
            )
            event = session.get(EventRow, event_id)
            if event is None:
                continue
            if not remaining:
                session.delete(event)
            else:
                EventMerger(session).refresh(event)
        session.flush()


@dataclass
class ForgetResult:
    key: str
    doc: str
    mentions: int
    facts: int
    #: events that only this document reported, now gone
    events: int


def forget(store: Store, ref: str) -> ForgetResult:
    """Remove the document ``ref`` (identity, or a short id naming one document)
    and everything only it supported (events, people, titles), in one
    transaction.

    Raises:
        NotFoundError: no document, or several, go by ``ref``.
    """
    from bilat.store.documents import find_document

    try:
        with store.session() as session, session.begin():
            row = find_document(session, ref)
            before = session.scalar(select(func.count()).select_from(EventRow)) or 0
            result = ForgetResult(row.doc_key, row.doc, row.n_mentions, row.n_facts, 0)
            DocumentWriter._remove_contents(session, row)
            session.delete(row)
            session.flush()
            after = session.scalar(select(func.count()).select_from(EventRow)) or 0
            result.events = before - after
            return result
    except SQLAlchemyError as exc:
        raise StoreError(f"{ref}: could not be forgotten: {error_text(exc)}") from exc


def stored_keys(store: Store) -> set[str]:
    with store.session() as session:
        return set(session.scalars(select(DocumentRow.doc_key)))


__all__ = [
    "DocumentWriter",
    "ForgetResult",
    "WriteResult",
    "content_hash",
    "date_sort",
    "forget",
    "store_key",
    "stored_keys",
]
