"""Reading the knowledge base: events, dyads, people, facts and planned events.

Every query filters, groups and orders in SQL and reads its rows in batches
(:data:`BATCH`), loading what a batch needs (participants, mentions, spellings,
titles) with one ``IN`` query per kind, so memory stays flat however large the
store is. Functions take an open :class:`~sqlalchemy.orm.Session` and a filter
dataclass and return dataclasses (iterators for row listings, lists for the
aggregated dyads); they never print.

Dates are TIMEX strings; filters and ordering use ``events.date_sort`` (``XXXX``
-> ``0000``). A period sorts at its start: ``since``/``until`` keep the events
whose date starts within ``[since, end of until]``, so ``--until 2023-03``
keeps ``2023-03-31`` and ``2023`` but ``--since 2023-03`` drops ``2023``.
Events without a date, or with an unknown year, are dropped by either bound.

Listings come newest first, undated events last. The lists within an item
(participants, reports) are ordered by :mod:`bilat.store.order`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Float,
    Select,
    and_,
    case,
    distinct,
    func,
    literal,
    literal_column,
    or_,
    select,
)
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, aliased

from bilat.errors import DataError, StoreError
from bilat.extract.people import fold
from bilat.record import DIRECTED_FACT_KINDS, EVENT_TYPES, TOPICS
from bilat.resources import load_json
from bilat.store.db import NoStoreError, error_text, open_existing_store
from bilat.store.models import (
    DocumentRow,
    EventCountryRow,
    EventDyadRow,
    EventRow,
    FactRow,
    MentionParticipantRow,
    MentionRow,
    PersonNameRow,
    PersonRow,
    PersonTitleRow,
)
from bilat.store.order import participant_key, report_key

#: rows read from the database at a time
BATCH = 500

#: lowest ``date_sort`` of a date with a known year (``0000-..`` is an unknown year)
_KNOWN_YEAR = "0001"

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def is_empty(session: Session) -> bool:
    """True when the store holds no document at all."""
    try:
        return session.scalar(select(DocumentRow.id).limit(1)) is None
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read the store: {error_text(exc)}") from exc


# --- dates ----------------------------------------------------------------------------


def check_date(text: str) -> str:
    """``text`` if it is a date bound (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``),
    else ValueError."""
    value = text.strip()
    match = _DATE.match(value)
    if match is None:
        raise ValueError(f"{text!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = match.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a date: {exc}") from None
    return value


def _until_bound(until: str) -> str:
    """The highest ``date_sort`` inside the period ``until``."""
    return until + {4: "-99-99", 7: "-99"}.get(len(until), "")


def _date_conditions(
    since: str | None, until: str | None, column: Any = None
) -> list[ColumnElement[bool]]:
    """Conditions on ``column`` (``events.date_sort`` by default)."""
    col = EventRow.date_sort if column is None else column
    conditions: list[ColumnElement[bool]] = []
    if since:
        conditions.append(col >= max(since, _KNOWN_YEAR))
    elif until:
        conditions.append(col >= _KNOWN_YEAR)
    if until:
        conditions.append(col <= _until_bound(until))
    return conditions


# --- the cooperation scale -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PloverScale:
    """Cooperation (+) / conflict (-) weight of each event type
    (``bilat/data/plover_scale.json``)."""

    weights: dict[str, float]
    quads: dict[str, str]
    source: str

    def weight(self, event_type: str) -> float:
        return self.weights.get(event_type, 0.0)


@cache
def load_plover_scale() -> PloverScale:
    """The packaged PLOVER scale, checked: every event type weighted, cooperative
    quads positive, conflictual ones negative."""
    data = load_json("plover_scale.json")
    types = data.get("types") if isinstance(data, dict) else None
    if not isinstance(types, dict):
        raise DataError("plover_scale.json: 'types' must be an object")
    weights: dict[str, float] = {}
    quads: dict[str, str] = {}
    for event_type in EVENT_TYPES:
        entry = types.get(event_type)
        if not isinstance(entry, dict) or not isinstance(entry.get("weight"), int | float):
            raise DataError(f"plover_scale.json: {event_type} needs a numeric 'weight'")
        weight = float(entry["weight"])
        quad = str(entry.get("quad", ""))
        if (quad.endswith("cooperation") and weight <= 0) or (
            quad.endswith("conflict") and weight >= 0
        ):
            raise DataError(
                f"plover_scale.json: {event_type}: weight {weight} contradicts {quad!r}"
            )
        weights[event_type] = weight
        quads[event_type] = quad
    unknown = set(types) - set(EVENT_TYPES)
    if unknown:
        raise DataError(f"plover_scale.json: unknown event types {sorted(unknown)}")
    return PloverScale(weights, quads, str(data.get("source", "")))


# --- people matching ------------------------------------------------------------------


def _people_named(name: str) -> Select[tuple[int]]:
    """Ids of the people one of whose spellings contains ``name`` (any case), or
    whose folded surname is ``name`` (one word: ``magi`` finds ``Mägi``)."""
    needle = name.strip().lower()
    spelled = select(PersonNameRow.person_id).where(
        func.lower(PersonNameRow.name).contains(needle, autoescape=True)
    )
    folded = fold(name).split()
    if len(folded) == 1:
        by_surname = select(PersonRow.id).where(PersonRow.surname_key == folded[0])
        return select(spelled.union(by_surname).subquery().c[0])
    return spelled


# --- events ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What to list. Countries are ISO3 codes; ``partner`` keeps the events in
    which both ``country`` and ``partner`` take part (multilateral ones too);
    ``person`` matches any spelling seen of a participant's name; ``fulfilled``
    (planned events) keeps only those that were (True) or were not (False)
    followed by the event itself."""

    country: str | None = None
    partner: str | None = None
    type: str | None = None
    mode: str | None = None
    status: str | None = None
    since: str | None = None
    until: str | None = None
    person: str | None = None
    topic: str | None = None
    fulfilled: bool | None = None


@dataclass(frozen=True, slots=True)
class ParticipantView:
    person_id: int
    name: str
    title: str | None
    country: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title, "country": self.country,
                "person_id": self.person_id}


@dataclass(frozen=True, slots=True)
class MentionView:
    """One document's report of an event, with its evidence."""

    doc: str
    published: str | None
    start: int
    end: int
    text: str
    trigger: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "published": self.published,
            "evidence": {"start": self.start, "end": self.end, "text": self.text},
            "trigger": self.trigger,
        }


@dataclass(frozen=True, slots=True)
class EventRef:
    """The event that fulfilled a planned one."""

    id: int
    date: str | None
    type: str
    mode: str | None
    location: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "date": self.date, "type": self.type, "mode": self.mode,
                "location": self.location}


@dataclass(frozen=True, slots=True)
class EventView:
    id: int
    type: str
    mode: str | None
    status: str
    date: str | None
    countries: tuple[str, ...]
    location: str | None
    topics: tuple[str, ...]
    n_sources: int
    participants: tuple[ParticipantView, ...] = ()
    fulfilled_by: EventRef | None = None
    #: for a planned event: the earliest publication date of its sources
    announced: str | None = None
    #: filled only when asked for (``mentions=True``)
    mentions: tuple[MentionView, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "status": self.status,
            "countries": list(self.countries),
            "date": self.date,
            "location": self.location,
            "participants": [p.to_dict() for p in self.participants],
            "topics": list(self.topics),
            "n_sources": self.n_sources,
            "fulfilled_by": self.fulfilled_by.to_dict() if self.fulfilled_by else None,
            "announced": self.announced,
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass(frozen=True, slots=True)
class _EventQuery:
    """An events query and the columns its newest-first order is read from."""

    stmt: Select[Any]
    date_col: Any
    id_col: Any


def _event_select(f: EventFilter) -> _EventQuery:
    stmt: Select[Any] = select(
        EventRow.id, EventRow.type, EventRow.mode, EventRow.status, EventRow.date,
        EventRow.countries_key, EventRow.location, EventRow.topics, EventRow.n_sources,
        EventRow.fulfilled_by_id,
    )
    date_col: Any = EventRow.date_sort
    id_col: Any = EventRow.id
    type_col: Any = EventRow.type
    status_col: Any = EventRow.status
    if f.country and f.partner and f.country != f.partner:
        # a dyad: read in date order off the pair's index, no sort of all its events
        a, b = sorted((f.country, f.partner))
        stmt = stmt.select_from(EventDyadRow).join(
            EventRow, EventRow.id == EventDyadRow.event_id
        ).where(EventDyadRow.a == a, EventDyadRow.b == b)
        date_col, id_col = EventDyadRow.date_sort, EventDyadRow.event_id
        type_col, status_col = EventDyadRow.type, EventDyadRow.status
    else:
        for iso3 in dict.fromkeys(c for c in (f.country, f.partner) if c):
            ec = aliased(EventCountryRow)
            stmt = stmt.join(ec, and_(ec.event_id == EventRow.id, ec.iso3 == iso3))
    if f.type:
        stmt = stmt.where(type_col == f.type)
    if f.mode:
        stmt = stmt.where(EventRow.mode == f.mode)
    if f.status:
        stmt = stmt.where(status_col == f.status)
    if f.fulfilled is not None:
        stmt = stmt.where(
            EventRow.fulfilled_by_id.is_not(None) if f.fulfilled
            else EventRow.fulfilled_by_id.is_(None)
        )
    if f.topic:
        padded = literal(",") + EventRow.topics + literal(",")
        stmt = stmt.where(padded.contains(f",{f.topic},", autoescape=True))
    if f.person:
        with_person = (
            select(MentionRow.event_id)
            .join(MentionParticipantRow, MentionParticipantRow.mention_id == MentionRow.id)
            .where(MentionParticipantRow.person_id.in_(_people_named(f.person)))
        )
        stmt = stmt.where(EventRow.id.in_(with_person))
    for condition in _date_conditions(f.since, f.until, date_col):
        stmt = stmt.where(condition)
    return _EventQuery(stmt, date_col, id_col)


def _newest_first(q: _EventQuery, dated_only: bool) -> list[Select[Any]]:
    """Dated events newest first, then the undated ones: two queries, each of which
    an index on the date can serve, instead of one ``NULLS LAST`` sort."""
    dated = q.stmt.where(q.date_col.is_not(None)).order_by(q.date_col.desc(), q.id_col.desc())
    if dated_only:
        return [dated]
    return [dated, q.stmt.where(q.date_col.is_(None)).order_by(q.id_col.desc())]


def iter_events(
    session: Session, f: EventFilter, *, limit: int | None = None, mentions: bool = False
) -> Iterator[EventView]:
    """The events matching ``f``, newest first, at most ``limit``; with
    ``mentions``, each with the documents that report it and their evidence."""
    base = _event_select(f)
    remaining = limit
    try:
        for stmt in _newest_first(base, dated_only=bool(f.since or f.until)):
            if remaining is not None:
                if remaining <= 0:
                    return
                stmt = stmt.limit(remaining)
            result = session.execute(stmt.execution_options(yield_per=BATCH))
            for rows in result.partitions():
                yield from _event_views(session, rows, mentions)
                if remaining is not None:
                    remaining -= len(rows)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read events: {error_text(exc)}") from exc


def get_event(session: Session, event_id: int) -> EventView | None:
    """One event with every report of it (document, date, evidence), or None."""
    stmt = _event_select(EventFilter()).stmt.where(EventRow.id == event_id)
    try:
        rows = session.execute(stmt).all()
        views = _event_views(session, rows, mentions=True) if rows else []
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read events: {error_text(exc)}") from exc
    return views[0] if views else None


def _topic_order(stored: str | None) -> tuple[str, ...]:
    """Stored topics (comma-joined, sorted) in the order of the RECORD topic list,
    as every export gives them."""
    present = {t for t in (stored or "").split(",") if t}
    return tuple([t for t in TOPICS if t in present] + sorted(present - set(TOPICS)))


def _ordered(people: Iterable[ParticipantView], countries_key: str) -> tuple[ParticipantView, ...]:
    """An event's participants by role (their country's place among the event's), then name."""
    countries = countries_key.split("-")
    return tuple(sorted(people, key=lambda p: participant_key(p.country, p.name, p.title,
                                                              countries)))


def _event_views(session: Session, rows: Sequence[Any], mentions: bool) -> list[EventView]:
    ids = [r.id for r in rows]
    people: dict[int, dict[int, ParticipantView]] = defaultdict(dict)
    named = list(session.execute(
        select(MentionRow.event_id, PersonRow.id, PersonRow.name, PersonRow.country,
               MentionParticipantRow.title, DocumentRow.published, DocumentRow.doc_key,
               MentionRow.id.label("mention_id"), MentionParticipantRow.position,
               MentionParticipantRow.id.label("row_id"))
        .join(MentionParticipantRow, MentionParticipantRow.mention_id == MentionRow.id)
        .join(PersonRow, PersonRow.id == MentionParticipantRow.person_id)
        .join(DocumentRow, DocumentRow.id == MentionRow.document_id)
        .where(MentionRow.event_id.in_(ids))
    ))
    # the earliest report gives a person's title (see bilat.store.order)
    named.sort(key=lambda n: (n.event_id, report_key(n.published, n.doc_key, n.mention_id),
                              n.position, n.row_id))
    for n in named:
        known = people[n.event_id].get(n.id)
        if known is None or (known.title is None and n.title):
            people[n.event_id][n.id] = ParticipantView(n.id, n.name, n.title, n.country)
    done_ids = {r.fulfilled_by_id for r in rows if r.fulfilled_by_id is not None}
    done: dict[int, EventRef] = {}
    if done_ids:
        for ref in session.execute(
            select(EventRow.id, EventRow.date, EventRow.type, EventRow.mode, EventRow.location)
            .where(EventRow.id.in_(done_ids))
        ):
            done[ref.id] = EventRef(ref.id, ref.date, ref.type, ref.mode, ref.location)
    planned = [r.id for r in rows if r.status == "planned"]
    announced: dict[int, str | None] = {}
    if planned:
        announced = {
            event_id: first
            for event_id, first in session.execute(
                select(MentionRow.event_id, func.min(DocumentRow.published))
                .join(DocumentRow, DocumentRow.id == MentionRow.document_id)
                .where(MentionRow.event_id.in_(planned))
                .group_by(MentionRow.event_id)
            ).tuples()
        }
    reports: dict[int, list[MentionView]] = defaultdict(list)
    if mentions:
        found = list(session.execute(
            select(MentionRow.event_id, DocumentRow.doc, DocumentRow.published,
                   MentionRow.evidence_start, MentionRow.evidence_end, MentionRow.evidence_text,
                   MentionRow.trigger, DocumentRow.doc_key, MentionRow.id)
            .join(DocumentRow, DocumentRow.id == MentionRow.document_id)
            .where(MentionRow.event_id.in_(ids))
        ))
        found.sort(key=lambda m: (m.event_id, report_key(m.published, m.doc_key, m.id)))
        for m in found:
            reports[m.event_id].append(
                MentionView(m.doc, m.published, m.evidence_start, m.evidence_end,
                            m.evidence_text, m.trigger)
            )
    return [
        EventView(
            id=r.id,
            type=r.type,
            mode=r.mode,
            status=r.status,
            date=r.date,
            countries=tuple(c for c in r.countries_key.split("-") if c),
            location=r.location,
            topics=_topic_order(r.topics),
            n_sources=r.n_sources,
            participants=_ordered(people[r.id].values(), r.countries_key),
            fulfilled_by=done.get(r.fulfilled_by_id) if r.fulfilled_by_id else None,
            announced=announced.get(r.id),
            mentions=tuple(reports[r.id]),
        )
        for r in rows
    ]


# --- dyads ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DyadFilter:
    """Which dyads to rank. With ``country``, its partners; without, every pair of
    countries that share an event (multilateral events count for each pair)."""

    country: str | None = None
    partner: str | None = None
    since: str | None = None
    until: str | None = None
    #: count planned events too (they are never scored)
    planned: bool = False


@dataclass(frozen=True, slots=True)
class DyadView:
    country: str
    partner: str
    n_events: int
    #: the latest known date of an event of the dyad (``date_sort`` form)
    last_contact: str | None
    #: (type, number of events), most frequent first
    types: tuple[tuple[str, int], ...]
    #: sum of the PLOVER weights of the dyad's occurred events
    score: float
    #: (YYYY-MM, score of the month), oldest first; months with no dated event are left out
    monthly: tuple[tuple[str, float], ...] = ()

    @property
    def shares(self) -> dict[str, float]:
        total = sum(n for _, n in self.types) or 1
        return {t: n / total for t, n in self.types}

    def to_dict(self) -> dict[str, Any]:
        return {
            "country": self.country,
            "partner": self.partner,
            "n_events": self.n_events,
            "last_contact": self.last_contact,
            "types": dict(self.types),
            "shares": {t: round(s, 4) for t, s in self.shares.items()},
            "score": round(self.score, 2),
            "monthly": {m: round(s, 2) for m, s in self.monthly},
        }


def _weight_of(scale: PloverScale, type_col: Any) -> ColumnElement[float]:
    return case(
        *((type_col == t, literal(w, Float())) for t, w in scale.weights.items()),
        else_=literal(0.0, Float()),
    )


def dyads(session: Session, f: DyadFilter, *, limit: int | None = None) -> list[DyadView]:
    """Dyads ranked by number of events (then latest contact), at most ``limit``.

    Everything is aggregated in SQL from ``event_dyads`` (one row per pair of an
    event's countries, so multilateral events count for each pair): one query by
    (dyad, type), one by (dyad, month) for the ranked dyads only.
    """
    scale = load_plover_scale()
    d = EventDyadRow
    country = f.country or f.partner
    partner = f.partner if f.country else None

    def scoped(stmt: Select[Any]) -> Select[Any]:
        if country and partner:
            lo, hi = sorted((country, partner))
            stmt = stmt.where(d.a == lo, d.b == hi)
        elif country:
            stmt = stmt.where(or_(d.a == country, d.b == country))
        if not f.planned:
            stmt = stmt.where(d.status == "occurred")
        for condition in _date_conditions(f.since, f.until, d.date_sort):
            stmt = stmt.where(condition)
        return stmt

    def orient(iso_a: str, iso_b: str) -> tuple[str, str]:
        """(country, partner) as the user asked, else the pair in code order."""
        return (iso_b, iso_a) if country and iso_b == country else (iso_a, iso_b)

    known = case((d.date_sort >= _KNOWN_YEAR, d.date_sort), else_=None)
    occurred = d.status == "occurred"
    totals: dict[tuple[str, str], dict[str, Any]] = {}
    try:
        by_type = scoped(
            select(d.a, d.b, d.type, func.count(), func.max(known),
                   func.sum(case((occurred, 1), else_=0)))
        ).group_by(d.a, d.b, d.type)
        for iso_a, iso_b, event_type, n, last, n_occurred in session.execute(by_type).tuples():
            entry = totals.setdefault(
                orient(iso_a, iso_b), {"n": 0, "last": None, "types": {}, "score": 0.0}
            )
            entry["n"] += n
            entry["types"][event_type] = n
            entry["score"] += scale.weight(event_type) * (n_occurred or 0)
            if last and (entry["last"] is None or last > entry["last"]):
                entry["last"] = last
        # most events first, then the latest contact, then the codes (stable sorts)
        ranked = sorted(totals.items(), key=lambda kv: kv[0])
        ranked.sort(key=lambda kv: kv[1]["last"] or "", reverse=True)
        ranked.sort(key=lambda kv: kv[1]["n"], reverse=True)
        if limit is not None:
            ranked = ranked[:limit]
        chosen = {key for key, _ in ranked}
        monthly: dict[tuple[str, str], list[tuple[str, float]]] = defaultdict(list)
        if chosen:
            month = func.substr(d.date_sort, literal_column("1"), literal_column("7"))
            by_month = scoped(
                select(d.a, d.b, month, func.sum(_weight_of(scale, d.type)))
            ).where(occurred, d.date_sort >= _KNOWN_YEAR, func.length(d.date_sort) >= 7)
            if not country:
                by_month = by_month.where(
                    d.a.in_({k[0] for k in chosen}), d.b.in_({k[1] for k in chosen})
                )
            elif not partner:
                others = {k[1] for k in chosen}
                by_month = by_month.where(
                    or_(and_(d.a == country, d.b.in_(others)),
                        and_(d.b == country, d.a.in_(others)))
                )
            by_month = by_month.group_by(d.a, d.b, month).order_by(d.a, d.b, month)
            for iso_a, iso_b, ym, score in session.execute(by_month).tuples():
                key = orient(iso_a, iso_b)
                if key in chosen:
                    monthly[key].append((ym, float(score or 0.0)))
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read dyads: {error_text(exc)}") from exc
    return [
        DyadView(
            country=key[0],
            partner=key[1],
            n_events=entry["n"],
            last_contact=entry["last"],
            types=tuple(sorted(entry["types"].items(), key=lambda tn: (-tn[1], tn[0]))),
            score=entry["score"],
            monthly=tuple(monthly.get(key, ())),
        )
        for key, entry in ranked
    ]


# --- people ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PersonFilter:
    country: str | None = None
    #: any spelling containing this (any case), or this folded surname
    name: str | None = None


@dataclass(frozen=True, slots=True)
class TitleView:
    title: str
    #: the dates the title was seen with (event date, else publication date)
    seen: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "seen": list(self.seen)}


@dataclass(frozen=True, slots=True)
class PersonView:
    id: int
    name: str
    country: str | None
    n_events: int
    names: tuple[str, ...] = ()
    titles: tuple[TitleView, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "country": self.country,
            "n_events": self.n_events,
            "names": list(self.names),
            "titles": [t.to_dict() for t in self.titles],
        }


def iter_people(
    session: Session, f: PersonFilter, *, limit: int | None = None
) -> Iterator[PersonView]:
    """People ranked by the number of events they take part in, then by name."""
    chosen = select(PersonRow.id)
    if f.country:
        chosen = chosen.where(PersonRow.country == f.country)
    if f.name:
        chosen = chosen.where(PersonRow.id.in_(_people_named(f.name)))
    filtered = bool(f.country or f.name)
    counts_q = (
        select(MentionParticipantRow.person_id.label("person_id"),
               func.count(distinct(MentionRow.event_id)).label("n"))
        .join(MentionRow, MentionRow.id == MentionParticipantRow.mention_id)
        .group_by(MentionParticipantRow.person_id)
    )
    if filtered:
        counts_q = counts_q.where(MentionParticipantRow.person_id.in_(chosen))
    counts = counts_q.subquery()
    n_events = func.coalesce(counts.c.n, 0)
    stmt = (
        select(PersonRow.id, PersonRow.name, PersonRow.country, n_events)
        .outerjoin(counts, counts.c.person_id == PersonRow.id)
        .order_by(n_events.desc(), PersonRow.name, PersonRow.id)
    )
    if filtered:
        stmt = stmt.where(PersonRow.id.in_(chosen))
    if limit is not None:
        stmt = stmt.limit(limit)
    try:
        result = session.execute(stmt.execution_options(yield_per=BATCH))
        for rows in result.partitions():
            ids = [r[0] for r in rows]
            names: dict[int, list[str]] = defaultdict(list)
            for person_id, name in session.execute(
                select(PersonNameRow.person_id, PersonNameRow.name)
                .where(PersonNameRow.person_id.in_(ids))
                .order_by(PersonNameRow.person_id, PersonNameRow.id)
            ).tuples():
                names[person_id].append(name)
            titles: dict[int, dict[str, list[str]]] = defaultdict(dict)
            for person_id, title, seen in session.execute(
                select(PersonTitleRow.person_id, PersonTitleRow.title, PersonTitleRow.seen)
                .where(PersonTitleRow.person_id.in_(ids))
                .order_by(PersonTitleRow.person_id, PersonTitleRow.id)
            ).tuples():
                dates = titles[person_id].setdefault(title, [])
                if seen and seen not in dates:
                    dates.append(seen)
            for person_id, name, country, n in rows:
                yield PersonView(
                    id=person_id,
                    name=name,
                    country=country,
                    n_events=int(n),
                    names=tuple(names[person_id]),
                    titles=tuple(
                        TitleView(t, tuple(sorted(d)))
                        for t, d in sorted(
                            titles[person_id].items(), key=lambda td: (min(td[1], default=""),
                                                                        td[0])
                        )
                    ),
                )
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read people: {error_text(exc)}") from exc


# --- facts ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FactFilter:
    country: str | None = None
    partner: str | None = None
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class FactView:
    id: int
    kind: str
    #: ``from`` for directed kinds (exports, supply, aid), else the lower code
    country_a: str
    #: ``to`` for directed kinds, else the higher code
    country_b: str
    value: float
    unit: str
    period: str | None
    doc: str
    published: str | None
    start: int
    end: int
    text: str

    @property
    def directed(self) -> bool:
        return self.kind in DIRECTED_FACT_KINDS

    @property
    def dyad(self) -> str:
        return f"{self.country_a}{'->' if self.directed else '-'}{self.country_b}"

    def to_dict(self) -> dict[str, Any]:
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        return {
            "id": self.id,
            "kind": self.kind,
            "countries": [self.country_a, self.country_b],
            "directed": self.directed,
            "value": value,
            "unit": self.unit,
            "period": self.period,
            "doc": self.doc,
            "published": self.published,
            "evidence": {"start": self.start, "end": self.end, "text": self.text},
        }


def iter_facts(session: Session, f: FactFilter, *, limit: int | None = None) -> Iterator[FactView]:
    """Figures as time series: ordered by dyad (either direction together), kind,
    direction, then period (figures without a period last)."""
    low = case((FactRow.country_a <= FactRow.country_b, FactRow.country_a),
               else_=FactRow.country_b)
    high = case((FactRow.country_a <= FactRow.country_b, FactRow.country_b),
                else_=FactRow.country_a)
    stmt = (
        select(FactRow.id, FactRow.kind, FactRow.country_a, FactRow.country_b, FactRow.value,
               FactRow.unit, FactRow.period, DocumentRow.doc, DocumentRow.published,
               FactRow.evidence_start, FactRow.evidence_end, FactRow.evidence_text)
        .join(DocumentRow, DocumentRow.id == FactRow.document_id)
        .order_by(low, high, FactRow.kind, FactRow.country_a, FactRow.period.is_(None),
                  FactRow.period, DocumentRow.published, FactRow.id)
    )
    if f.country and f.partner:
        stmt = stmt.where(or_(
            and_(FactRow.country_a == f.country, FactRow.country_b == f.partner),
            and_(FactRow.country_a == f.partner, FactRow.country_b == f.country),
        ))
    elif f.country or f.partner:
        one = f.country or f.partner
        stmt = stmt.where(or_(FactRow.country_a == one, FactRow.country_b == one))
    if f.kind:
        stmt = stmt.where(FactRow.kind == f.kind)
    if limit is not None:
        stmt = stmt.limit(limit)
    try:
        result = session.execute(stmt.execution_options(yield_per=BATCH))
        for r in result:
            yield FactView(
                id=r.id, kind=r.kind, country_a=r.country_a, country_b=r.country_b,
                value=float(r.value), unit=r.unit, period=r.period, doc=r.doc,
                published=r.published, start=r.evidence_start, end=r.evidence_end,
                text=r.evidence_text,
            )
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read facts: {error_text(exc)}") from exc


# --- planned events -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlannedFilter:
    country: str | None = None
    partner: str | None = None
    #: only the plans not (yet) followed by the event itself
    outstanding: bool = False
    type: str | None = None


def iter_planned(
    session: Session, f: PlannedFilter, *, limit: int | None = None, mentions: bool = False
) -> Iterator[EventView]:
    """Planned events, newest first, each with the event that fulfilled it, if any
    (:attr:`EventView.fulfilled_by`) and when it was announced."""
    return iter_events(
        session,
        EventFilter(country=f.country, partner=f.partner, type=f.type, status="planned",
                    fulfilled=False if f.outstanding else None),
        limit=limit,
        mentions=mentions,
    )


__all__ = [
    "BATCH",
    "DyadFilter",
    "DyadView",
    "EventFilter",
    "EventRef",
    "EventView",
    "FactFilter",
    "FactView",
    "MentionView",
    "NoStoreError",
    "ParticipantView",
    "PersonFilter",
    "PersonView",
    "PlannedFilter",
    "PloverScale",
    "TitleView",
    "check_date",
    "dyads",
    "get_event",
    "is_empty",
    "iter_events",
    "iter_facts",
    "iter_people",
    "iter_planned",
    "load_plover_scale",
    "open_existing_store",
]
