"""The knowledge base schema (SQLAlchemy 2 declarative models).

- ``documents``: one row per ingested article (text, hash, metadata).
  ``doc_key`` is the document's identity, unique (``Document.identity``: the
  path relative to the folder given, the page's URL, or ``file.jsonl#id``);
  ``doc`` is its short id, the record's ``doc`` (migration 0004), which may
  repeat. A row stored before 0004 has ``doc_key == doc`` (its short id) until
  a document with that short id claims it.
- ``mentions``: one row per event *as one document reports it*, with its
  evidence span; every mention points to one merged ``events`` row.
- ``events``: the interaction itself, merged across sources; ``n_sources``
  counts the documents that report it; a planned event points to the event
  that fulfilled it (``fulfilled_by_id``).
- ``event_countries``: the countries of an event, for indexed filtering.
- ``people`` with ``person_names`` (every spelling seen) and ``person_titles``
  (titles with the dates they were seen); ``mention_participants`` links them.
- ``facts``: figures with their evidence.

Dates are TIMEX strings (``2020-05-13``, ``2020-05``, ``XXXX-06-10``), kept as
written; ``date_sort`` is a sortable, filterable form (``XXXX`` -> ``0000``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_key: Mapped[str] = mapped_column(String(512), unique=True)
    doc: Mapped[str] = mapped_column(String(512), default="", server_default="")
    source: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(10))
    outlet: Mapped[str | None] = mapped_column(String(200))
    n_mentions: Mapped[int] = mapped_column(Integer, default=0)
    n_facts: Mapped[int] = mapped_column(Integer, default=0)
    ingested_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())

    mentions: Mapped[list[MentionRow]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True
    )
    facts: Mapped[list[FactRow]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (Index("ix_documents_doc", "doc"),)


class EventRow(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    type: Mapped[str] = mapped_column(String(16))
    mode: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(10))
    date: Mapped[str | None] = mapped_column(String(10))
    date_sort: Mapped[str | None] = mapped_column(String(10))
    location: Mapped[str | None] = mapped_column(String(200))
    countries_key: Mapped[str] = mapped_column(String(200))
    topics: Mapped[str] = mapped_column(String(300), default="")
    n_sources: Mapped[int] = mapped_column(Integer, default=1)
    fulfilled_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="SET NULL")
    )

    countries: Mapped[list[EventCountryRow]] = relationship(
        back_populates="event", cascade="all, delete-orphan", passive_deletes=True
    )
    mentions: Mapped[list[MentionRow]] = relationship(back_populates="event")

    __table_args__ = (
        Index("ix_events_countries_key_date", "countries_key", "date_sort"),
        # the merge's lookup: same countries, type and status (migration 0003)
        Index("ix_events_dyad_type", "countries_key", "type", "status", "date_sort"),
        Index("ix_events_type_date", "type", "date_sort"),
        Index("ix_events_date", "date_sort"),
        Index("ix_events_status", "status", "fulfilled_by_id"),
    )


class EventCountryRow(Base):
    __tablename__ = "event_countries"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    iso3: Mapped[str] = mapped_column(String(3), primary_key=True)
    event: Mapped[EventRow] = relationship(back_populates="countries")

    __table_args__ = (Index("ix_event_countries_iso3", "iso3", "event_id"),)


class EventDyadRow(Base):
    """One row per pair of an event's countries (``a`` < ``b``), with what the
    pair queries filter and sort on, so that a dyad's timeline and summary are
    read from one index (migration 0003). Kept in step by the writer."""

    __tablename__ = "event_dyads"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    a: Mapped[str] = mapped_column(String(3), primary_key=True)
    b: Mapped[str] = mapped_column(String(3), primary_key=True)
    date_sort: Mapped[str | None] = mapped_column(String(10))
    type: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(10))

    __table_args__ = (
        Index("ix_event_dyads_ab", "a", "b", "date_sort", "event_id", "type", "status"),
        Index("ix_event_dyads_ba", "b", "a", "date_sort", "event_id", "type", "status"),
    )


class MentionRow(Base):
    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    type: Mapped[str] = mapped_column(String(16))
    mode: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(10))
    date: Mapped[str | None] = mapped_column(String(10))
    location: Mapped[str | None] = mapped_column(String(200))
    countries_key: Mapped[str] = mapped_column(String(200))
    topics: Mapped[str] = mapped_column(String(300), default="")
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    evidence_text: Mapped[str] = mapped_column(Text)
    trigger: Mapped[str | None] = mapped_column(String(100))

    document: Mapped[DocumentRow] = relationship(back_populates="mentions")
    event: Mapped[EventRow] = relationship(back_populates="mentions")
    participants: Mapped[list[MentionParticipantRow]] = relationship(
        back_populates="mention", cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (
        Index("ix_mentions_event", "event_id"),
        Index("ix_mentions_document", "document_id"),
    )


class PersonRow(Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(3))
    surname_key: Mapped[str] = mapped_column(String(100))

    names: Mapped[list[PersonNameRow]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True
    )
    titles: Mapped[list[PersonTitleRow]] = relationship(
        back_populates="person", cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (Index("ix_people_country_surname", "country", "surname_key"),)


class PersonNameRow(Base):
    __tablename__ = "person_names"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    person: Mapped[PersonRow] = relationship(back_populates="names")

    __table_args__ = (UniqueConstraint("person_id", "name", name="uq_person_names"),)


class PersonTitleRow(Base):
    __tablename__ = "person_titles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(300))
    seen: Mapped[str | None] = mapped_column(String(10))
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE")
    )
    person: Mapped[PersonRow] = relationship(back_populates="titles")

    __table_args__ = (Index("ix_person_titles_person", "person_id"),)


class MentionParticipantRow(Base):
    __tablename__ = "mention_participants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mention_id: Mapped[int] = mapped_column(ForeignKey("mentions.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(String(300))
    country: Mapped[str | None] = mapped_column(String(3))
    # other spellings of the name in the same document, "|"-separated (migration 0002)
    aliases: Mapped[str] = mapped_column(Text, default="", server_default="")
    # place in the record's list of the mention's participants (migration 0004;
    # ids do not keep it: PostgreSQL numbers the rows of one INSERT in any order)
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    mention: Mapped[MentionRow] = relationship(back_populates="participants")
    person: Mapped[PersonRow] = relationship()

    __table_args__ = (
        Index("ix_mention_participants_mention", "mention_id"),
        Index("ix_mention_participants_person", "person_id"),
    )


class FactRow(Base):
    __tablename__ = "facts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    country_a: Mapped[str] = mapped_column(String(3))
    country_b: Mapped[str] = mapped_column(String(3))
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(20))
    period: Mapped[str | None] = mapped_column(String(20))
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    evidence_text: Mapped[str] = mapped_column(Text)
    # place in the record's list of facts (migration 0004)
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    document: Mapped[DocumentRow] = relationship(back_populates="facts")

    __table_args__ = (
        Index("ix_facts_countries", "country_a", "country_b", "kind"),
        Index("ix_facts_document", "document_id"),
    )


class FeedStateRow(Base):
    """What ``bilat watch`` remembers of a feed between polls and restarts
    (migration 0005): its HTTP validators, sent back as a conditional request,
    so that an unchanged feed costs a 304 answer and nothing else."""

    __tablename__ = "feed_state"

    # sha256 of the URL, hex: URLs may be longer than an index allows
    url_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    url: Mapped[str] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(String(100))
    checked_at: Mapped[datetime | None] = mapped_column(DateTime)


class SeenArticleRow(Base):
    """An article ``bilat watch`` has dealt with, by feed entry id and by page URL
    (migration 0005): it is never fetched nor ingested again, across restarts.
    ``outcome`` is what became of it (``added``, ``unchanged``, ``replaced``,
    ``disallowed`` by robots.txt, ``failed`` for good); ``doc_key`` the stored
    document's identity when it was stored."""

    __tablename__ = "seen_articles"

    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    key: Mapped[str] = mapped_column(Text)
    feed: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(16))
    doc_key: Mapped[str | None] = mapped_column(String(512))
    seen_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
