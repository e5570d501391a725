"""Reading the knowledge base for the web app: pages of events with a total,
one event, person or document by id, a country's monthly mix and topics, the
network of countries, and the store's overall counts.

Built on :mod:`bilat.store.query` (the same event filter, the same views), adding
only what a page or an API call needs beyond the query commands. Like the
query module, functions take an open session and never print.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, literal_column, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bilat.errors import StoreError
from bilat.store.documents import NotFoundError, find_document
from bilat.store.models import (
    DocumentRow,
    EventCountryRow,
    EventDyadRow,
    EventRow,
    FactRow,
    MentionParticipantRow,
    MentionRow,
    PersonRow,
)
from bilat.store.query import (
    EventFilter,
    EventView,
    FactView,
    PersonFilter,
    PersonView,
    _date_conditions,
    _event_select,
    _event_views,
    iter_people,
    load_plover_scale,
)


def _count(session: Session, stmt: Select[Any]) -> int:
    return int(session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)


# --- pages of events -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EventPage:
    """One page of a filtered, newest-first event listing, and how many match."""

    total: int
    offset: int
    limit: int
    events: tuple[EventView, ...]


@dataclass(frozen=True, slots=True)
class EventCount:
    """How many events match a filter: dated ones, and undated ones (not
    counted, and not listed, when the filter bounds the date)."""

    dated: int
    undated: int

    @property
    def total(self) -> int:
        return self.dated + self.undated


def _dyad_only(f: EventFilter) -> bool:
    """True when every condition of ``f`` is on the ``event_dyads`` index."""
    return bool(f.country and f.partner and f.country != f.partner) and not (
        f.mode or f.topic or f.person or f.fulfilled is not None
    )


def count_events(session: Session, f: EventFilter) -> EventCount:
    """How many events match ``f``. A dyad filter (with type, status or dates)
    is counted on the pair's index alone, without reading the events."""
    if _dyad_only(f):
        a, b = sorted((str(f.country), str(f.partner)))
        d = EventDyadRow
        stmt: Select[Any] = select(d.event_id).where(d.a == a, d.b == b)
        if f.type:
            stmt = stmt.where(d.type == f.type)
        if f.status:
            stmt = stmt.where(d.status == f.status)
        for condition in _date_conditions(f.since, f.until, d.date_sort):
            stmt = stmt.where(condition)
        date_col: Any = d.date_sort
    else:
        q = _event_select(f)
        stmt, date_col = q.stmt, q.date_col
    try:
        dated = _count(session, stmt.where(date_col.is_not(None)))
        undated = 0 if (f.since or f.until) else _count(session, stmt.where(date_col.is_(None)))
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot count events: {exc}") from exc
    return EventCount(dated, undated)


def page_events(
    session: Session, f: EventFilter, *, limit: int, offset: int = 0, mentions: bool = False,
    count: EventCount | None = None,
) -> EventPage:
    """Events ``offset`` to ``offset + limit`` of the listing
    :func:`bilat.store.query.iter_events` gives (dated newest first, then the
    undated ones), with the total number of matches (``count`` if the caller
    has it already, else :func:`count_events`)."""
    n = count if count is not None else count_events(session, f)
    q = _event_select(f)
    try:
        rows: list[Any] = []
        if offset < n.dated:
            rows.extend(session.execute(
                q.stmt.where(q.date_col.is_not(None))
                .order_by(q.date_col.desc(), q.id_col.desc()).offset(offset).limit(limit)
            ).all())
        if len(rows) < limit and n.undated:
            rows.extend(session.execute(
                q.stmt.where(q.date_col.is_(None)).order_by(q.id_col.desc())
                .offset(max(0, offset - n.dated)).limit(limit - len(rows))
            ).all())
        views = _event_views(session, rows, mentions) if rows else []
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read events: {exc}") from exc
    return EventPage(total=n.total, offset=offset, limit=limit, events=tuple(views))


def get_event(session: Session, event_id: int) -> EventView | None:
    """One event with every report of it (document and evidence), or None."""
    q = _event_select(EventFilter())
    try:
        rows = session.execute(q.stmt.where(EventRow.id == event_id)).all()
        return _event_views(session, rows, True)[0] if rows else None
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read event {event_id}: {exc}") from exc


def events_of_person(session: Session, person_id: int, *, limit: int) -> list[EventView]:
    """The events a person takes part in, newest first (undated last)."""
    q = _event_select(EventFilter())
    with_person = (
        select(MentionRow.event_id)
        .join(MentionParticipantRow, MentionParticipantRow.mention_id == MentionRow.id)
        .where(MentionParticipantRow.person_id == person_id)
    )
    stmt = q.stmt.where(EventRow.id.in_(with_person)).order_by(
        EventRow.date_sort.is_(None), EventRow.date_sort.desc(), EventRow.id.desc()
    ).limit(limit)
    try:
        rows = session.execute(stmt).all()
        return _event_views(session, rows, False) if rows else []
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read the events of person {person_id}: {exc}") from exc


# --- people ---------------------------------------------------------------------------


def get_person(session: Session, person_id: int) -> PersonView | None:
    """One person with every spelling and title seen, or None."""
    try:
        row = session.execute(
            select(PersonRow.name, PersonRow.country).where(PersonRow.id == person_id)
        ).first()
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read person {person_id}: {exc}") from exc
    if row is None:
        return None
    for person in iter_people(session, PersonFilter(country=row.country, name=row.name)):
        if person.id == person_id:
            return person
    return None


# --- documents ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SpanView:
    """An event mention or a fact as found in one document."""

    kind: str  # "event" or "fact"
    ref: int  # the event's or the fact's id
    label: str  # event type or fact kind
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        key = "event_id" if self.kind == "event" else "fact_id"
        return {"kind": self.kind, key: self.ref, "label": self.label,
                "evidence": {"start": self.start, "end": self.end, "text": self.text}}


@dataclass(frozen=True, slots=True)
class DocumentView:
    doc: str
    title: str | None
    published: str | None
    outlet: str | None
    url: str | None
    source: str | None
    text: str
    spans: tuple[SpanView, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc, "title": self.title, "published": self.published,
            "outlet": self.outlet, "url": self.url, "source": self.source,
            "text": self.text,
            "events": [s.to_dict() for s in self.spans if s.kind == "event"],
            "facts": [s.to_dict() for s in self.spans if s.kind == "fact"],
        }


def get_document(session: Session, doc_key: str) -> DocumentView | None:
    """One document, its text and metadata, and the spans of its events and facts."""
    try:
        try:
            doc = find_document(session, doc_key)  # its identity, else its unique short id
        except NotFoundError:
            return None
        spans = [
            SpanView("event", m.event_id, m.type, m.evidence_start, m.evidence_end,
                     m.evidence_text)
            for m in session.execute(
                select(MentionRow.event_id, MentionRow.type, MentionRow.evidence_start,
                       MentionRow.evidence_end, MentionRow.evidence_text)
                .where(MentionRow.document_id == doc.id).order_by(MentionRow.evidence_start)
            )
        ]
        spans += [
            SpanView("fact", x.id, x.kind, x.evidence_start, x.evidence_end, x.evidence_text)
            for x in session.execute(
                select(FactRow.id, FactRow.kind, FactRow.evidence_start, FactRow.evidence_end,
                       FactRow.evidence_text)
                .where(FactRow.document_id == doc.id).order_by(FactRow.evidence_start)
            )
        ]
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read document {doc_key!r}: {exc}") from exc
    return DocumentView(doc.doc_key, doc.title, doc.published, doc.outlet, doc.url, doc.source,
                        doc.text, tuple(sorted(spans, key=lambda s: (s.start, s.kind))))


# --- countries ------------------------------------------------------------------------


def monthly_types(session: Session, iso3: str) -> list[tuple[str, str, int]]:
    """(YYYY-MM, type, number of occurred events) of a country, oldest first;
    events without a known month are left out."""
    month = func.substr(EventRow.date_sort, literal_column("1"), literal_column("7"))
    stmt = (
        select(month, EventRow.type, func.count())
        .join(EventCountryRow, EventCountryRow.event_id == EventRow.id)
        .where(EventCountryRow.iso3 == iso3, EventRow.status == "occurred",
               EventRow.date_sort >= "0001", func.length(EventRow.date_sort) >= 7)
        .group_by(month, EventRow.type)
        .order_by(month, EventRow.type)
    )
    try:
        return [(str(m), str(t), int(n)) for m, t, n in session.execute(stmt).tuples()]
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read the months of {iso3}: {exc}") from exc


def topic_counts(session: Session, iso3: str) -> list[tuple[str, int]]:
    """(topic, number of events) of a country's events, most frequent first."""
    stmt = (
        select(EventRow.topics, func.count())
        .join(EventCountryRow, EventCountryRow.event_id == EventRow.id)
        .where(EventCountryRow.iso3 == iso3, EventRow.topics != "")
        .group_by(EventRow.topics)
    )
    counts: Counter[str] = Counter()
    try:
        for topics, n in session.execute(stmt).tuples():
            for topic in (topics or "").split(","):
                if topic:
                    counts[topic] += int(n)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read the topics of {iso3}: {exc}") from exc
    return sorted(counts.items(), key=lambda tn: (-tn[1], tn[0]))


def figure_series(facts: Sequence[FactView]) -> dict[str, list[FactView]]:
    """Facts grouped by series (dyad in its direction, kind and unit), periods in order."""
    series: dict[str, list[FactView]] = {}
    for x in facts:
        series.setdefault(f"{x.dyad} {x.kind} ({x.unit})", []).append(x)
    return series


# --- the network ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EdgeView:
    a: str
    b: str
    n_events: int
    #: sum of the PLOVER weights of the pair's occurred events
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "n_events": self.n_events,
                "score": round(self.score, 2)}


def network_edges(
    session: Session, *, type: str | None = None, since: str | None = None,
    until: str | None = None, limit: int = 200,
) -> list[EdgeView]:
    """Pairs of countries linked by occurred events (of ``type``, within the
    period), the busiest first, at most ``limit``."""
    scale = load_plover_scale()
    d = EventDyadRow
    stmt = select(d.a, d.b, d.type, func.count()).where(d.status == "occurred")
    if type:
        stmt = stmt.where(d.type == type)
    for condition in _date_conditions(since, until, d.date_sort):
        stmt = stmt.where(condition)
    stmt = stmt.group_by(d.a, d.b, d.type)
    totals: dict[tuple[str, str], list[float]] = {}
    try:
        for a, b, event_type, n in session.execute(stmt).tuples():
            entry = totals.setdefault((a, b), [0, 0.0])
            entry[0] += int(n)
            entry[1] += scale.weight(event_type) * int(n)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read the network: {exc}") from exc
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1][0], kv[0]))[:limit]
    return [EdgeView(a, b, int(v[0]), float(v[1])) for (a, b), v in ranked]


# --- the whole store ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Counts:
    documents: int
    events: int
    planned: int
    facts: int
    people: int
    countries: int

    def to_dict(self) -> dict[str, int]:
        return {"documents": self.documents, "events": self.events, "planned": self.planned,
                "facts": self.facts, "people": self.people, "countries": self.countries}


def counts(session: Session) -> Counts:
    """How many documents, events (occurred, planned), facts, people and countries."""
    try:
        by_status = dict(
            session.execute(select(EventRow.status, func.count()).group_by(EventRow.status))
            .tuples().all()
        )
        return Counts(
            documents=int(session.scalar(select(func.count(DocumentRow.id))) or 0),
            events=int(by_status.get("occurred", 0)),
            planned=int(by_status.get("planned", 0)),
            facts=int(session.scalar(select(func.count(FactRow.id))) or 0),
            people=int(session.scalar(select(func.count(PersonRow.id))) or 0),
            countries=int(session.scalar(
                select(func.count(func.distinct(EventCountryRow.iso3)))) or 0),
        )
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot count the store: {exc}") from exc


__all__ = [
    "Counts",
    "DocumentView",
    "EdgeView",
    "EventCount",
    "EventPage",
    "SpanView",
    "count_events",
    "counts",
    "events_of_person",
    "figure_series",
    "get_document",
    "get_event",
    "get_person",
    "monthly_types",
    "network_edges",
    "page_events",
    "topic_counts",
]
