"""Merging across sources: one event for one interaction, one person per person.

- An event mention joins an existing event when type, countries and status
  agree, modes do not contradict, dates are compatible (equal, or one names
  the period containing the other) and, when either side names people, they
  share at least one person. An event never holds two mentions of the same
  document (the extractor already merged within a document).
- People are resolved by country and surname, with spelling variants
  ("Mammadyarov", "Mamedyarov") matched by similarity; every spelling and
  every title is kept, titles with the date they were seen.
- A planned event is linked to the later report of the same event
  (``fulfilled_by_id``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from rapidfuzz import fuzz
from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from bilat.extract.people import fold
from bilat.extract.people import surname as surname_key
from bilat.store.models import (
    DocumentRow,
    EventCountryRow,
    EventDyadRow,
    EventRow,
    MentionParticipantRow,
    MentionRow,
    PersonNameRow,
    PersonRow,
    PersonTitleRow,
)

_SIMILAR_SURNAME = 85.0
_SIMILAR_SURNAME_SAME_FIRST = 75.0


def countries_key(countries: Iterable[str]) -> str:
    return "-".join(sorted(set(countries)))


def date_sort(timex: str | None) -> str | None:
    """A sortable form of a TIMEX value: ``XXXX-06-10`` -> ``0000-06-10``."""
    return timex.replace("X", "0") if timex else None


def dates_agree(a: str | None, b: str | None) -> bool:
    """Equal, or one names the period holding the other; ``X`` (an unknown
    year's digit) matches any digit: ``XXXX-05-27`` agrees with ``2023-05-27``."""
    if not a or not b:
        return False
    return all(x == y or "X" in (x, y) for x, y in zip(a, b, strict=False))


def _similar_names(a: str, b: str) -> bool:
    """Spelling variants of one surname ("Mammadov" / "Mamedov"); the bar is
    lower when the first names agree ("Farid Mammadov" / "Farid Mamedov")."""
    fa, fb = fold(a).split(), fold(b).split()
    if not fa or not fb:
        return False
    threshold = _SIMILAR_SURNAME
    if len(fa) > 1 and len(fb) > 1:
        if fa[0] != fb[0]:
            return False
        threshold = _SIMILAR_SURNAME_SAME_FIRST
    return fuzz.ratio(fa[-1], fb[-1]) >= threshold


class PeopleResolver:
    """Finds or creates the person behind a name, within one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def resolve(self, name: str, country: str | None) -> PersonRow:
        key = surname_key(name)
        query = select(PersonRow).where(PersonRow.surname_key == key)
        if country:
            query = query.where(or_(PersonRow.country == country, PersonRow.country.is_(None)))
        candidates = list(self.session.scalars(query.order_by(PersonRow.id)))
        if not country:
            # no country to tell namesakes apart: only the same full name
            candidates = [p for p in candidates if fold(p.name) == fold(name)]
        person = self._best(candidates, name, country)
        if person is None and country and len(key) >= 5:
            similar = self.session.scalars(
                select(PersonRow).where(
                    PersonRow.country == country, PersonRow.surname_key.like(key[:1] + "%")
                ).order_by(PersonRow.id)
            )
            person = next((p for p in similar if _similar_names(p.name, name)), None)
        if person is None:
            person = PersonRow(name=name, country=country, surname_key=key)
            self.session.add(person)
            self.session.flush()
            return person
        if len(name.split()) > len(person.name.split()):
            person.name = name
        if person.country is None and country:
            person.country = country
        return person

    @staticmethod
    def _best(candidates: list[PersonRow], name: str, country: str | None) -> PersonRow | None:
        if not candidates:
            return None
        first = fold(name).split()[0] if len(name.split()) > 1 else ""

        def score(p: PersonRow) -> tuple[int, int]:
            pfirst = fold(p.name).split()[0] if len(p.name.split()) > 1 else ""
            clash = bool(first and pfirst and first[0] != pfirst[0])
            return (0 if clash else 1, 1 if p.country == country else 0)

        best = max(candidates, key=score)
        return None if score(best)[0] == 0 else best

    def saw(
        self, person: PersonRow, name: str, title: str | None, when: str | None, doc_id: int
    ) -> None:
        """Remember a spelling and a title of ``person``."""
        known = set(
            self.session.scalars(
                select(PersonNameRow.name).where(PersonNameRow.person_id == person.id)
            )
        )
        if name not in known:
            self.session.add(PersonNameRow(person_id=person.id, name=name))
        if title:
            exists = self.session.scalar(
                select(PersonTitleRow.id).where(
                    PersonTitleRow.person_id == person.id,
                    PersonTitleRow.title == title,
                    PersonTitleRow.seen == when if when else PersonTitleRow.seen.is_(None),
                )
            )
            if exists is None:
                self.session.add(
                    PersonTitleRow(person_id=person.id, title=title, seen=when, document_id=doc_id)
                )
        self.session.flush()


class EventMerger:
    """Places mentions on events and keeps merged events up to date."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.touched: list[EventRow] = []

    def place(
        self, mention: MentionRow, countries: list[str], person_ids: list[int], doc_id: int
    ) -> EventRow:
        """The event ``mention`` reports: an existing one or a new one."""
        event = self._match(mention, person_ids, doc_id)
        if event is None:
            event = EventRow(
                type=mention.type,
                mode=mention.mode,
                status=mention.status,
                date=mention.date,
                date_sort=date_sort(mention.date),
                location=mention.location,
                countries_key=mention.countries_key,
                topics=mention.topics,
                n_sources=1,
            )
            unique = sorted(set(countries))
            event.countries = [EventCountryRow(iso3=c) for c in unique]
            self.session.add(event)
            self.session.flush()
            self.session.add_all(
                EventDyadRow(event_id=event.id, a=x, b=y, date_sort=event.date_sort,
                             type=event.type, status=event.status)
                for i, x in enumerate(unique) for y in unique[i + 1 :]
            )
        self.touched.append(event)
        return event

    def _match(self, mention: MentionRow, person_ids: list[int], doc_id: int) -> EventRow | None:
        query = select(EventRow).where(
            EventRow.type == mention.type,
            EventRow.countries_key == mention.countries_key,
            EventRow.status == mention.status,
        )
        if mention.date and mention.date[:4].isdigit():
            # same year, undated or yearless: ranges an index can serve
            year = int(mention.date[:4])
            query = query.where(
                or_(
                    EventRow.date_sort.is_(None),
                    and_(
                        EventRow.date_sort >= f"{year:04d}",
                        EventRow.date_sort < f"{year + 1:04d}",
                    ),
                    EventRow.date_sort < "0001",
                )
            )
        # newest first: a report is most often about a recent event
        candidates = list(self.session.scalars(query.order_by(EventRow.id.desc()).limit(500)))
        if not candidates:
            return None
        ids = [e.id for e in candidates]
        same_doc = set(
            self.session.scalars(
                select(MentionRow.event_id).where(
                    MentionRow.event_id.in_(ids), MentionRow.document_id == doc_id
                )
            )
        )
        people_of: dict[int, set[int]] = {}
        for event_id, person_id in self.session.execute(
            select(MentionRow.event_id, MentionParticipantRow.person_id)
            .join(MentionParticipantRow, MentionParticipantRow.mention_id == MentionRow.id)
            .where(MentionRow.event_id.in_(ids))
        ):
            people_of.setdefault(event_id, set()).add(person_id)
        best: tuple[int, EventRow] | None = None
        for event in candidates:
            if event.id in same_doc:
                continue  # never two mentions of one document on one event
            score = _score(event, mention, set(person_ids), people_of.get(event.id, set()))
            if score is not None and (best is None or score > best[0]):
                best = (score, event)
        return best[1] if best else None

    def refresh(self, event: EventRow) -> None:
        """Recompute what an event says from all its mentions."""
        # in the order they were written, so that ties are settled the same way
        # on every backend and in a resumed run
        mentions = list(
            self.session.scalars(
                select(MentionRow).where(MentionRow.event_id == event.id).order_by(MentionRow.id)
            )
        )
        if not mentions:
            return
        event.n_sources = len({m.document_id for m in mentions})
        dated = [m.date for m in mentions if m.date]
        if dated:
            event.date = max(dated, key=lambda d: (len(d), d.count("X") == 0))
            if event.date_sort != date_sort(event.date):
                event.date_sort = date_sort(event.date)
                self.session.execute(
                    update(EventDyadRow).where(EventDyadRow.event_id == event.id)
                    .values(date_sort=event.date_sort)
                )
        modes = Counter(m.mode for m in mentions if m.mode)
        if modes:
            event.mode = modes.most_common(1)[0][0]
        event.location = event.location or next((m.location for m in mentions if m.location),
                                                 None)
        topics = {t for m in mentions for t in m.topics.split(",") if t}
        event.topics = ",".join(sorted(topics))

    def link_planned(self) -> None:
        """Link planned events and the later reports that fulfil them."""
        for event in self.touched:
            if event.status == "occurred":
                for planned in self._planned_for(event):
                    planned.fulfilled_by_id = event.id
            elif event.fulfilled_by_id is None:
                done = self._fulfilment_of(event)
                if done is not None:
                    event.fulfilled_by_id = done.id
        self.session.flush()

    def _announced(self, planned: EventRow) -> str | None:
        """When a plan was first reported: the earliest publication date of its sources."""
        return self.session.scalar(
            select(func.min(DocumentRow.published))
            .join(MentionRow, MentionRow.document_id == DocumentRow.id)
            .where(MentionRow.event_id == planned.id)
        )

    def _planned_for(self, event: EventRow) -> list[EventRow]:
        query = select(EventRow).where(
            EventRow.status == "planned",
            EventRow.fulfilled_by_id.is_(None),
            EventRow.type == event.type,
            EventRow.countries_key == event.countries_key,
        )
        if event.mode:
            query = query.where(or_(EventRow.mode.is_(None), EventRow.mode == event.mode))
        return [
            p for p in self.session.scalars(query.order_by(EventRow.id).limit(200))
            if _fulfils(event, p, self._announced(p))
        ]

    def _fulfilment_of(self, planned: EventRow) -> EventRow | None:
        query = select(EventRow).where(
            and_(
                EventRow.status == "occurred",
                EventRow.type == planned.type,
                EventRow.countries_key == planned.countries_key,
            )
        )
        if planned.mode:
            query = query.where(or_(EventRow.mode.is_(None), EventRow.mode == planned.mode))
        if planned.date_sort:
            query = query.where(EventRow.date_sort >= planned.date_sort)
        announced = self._announced(planned)
        hits = [e for e in self.session.scalars(
                    query.order_by(EventRow.date_sort, EventRow.id).limit(200))
                if _fulfils(e, planned, announced)]
        return hits[0] if hits else None


def _fulfils(occurred: EventRow, planned: EventRow, announced: str | None) -> bool:
    """An occurred event fulfils a plan when its date falls in the planned
    period, or, for a plan with no date, when it comes after the plan was
    announced."""
    if not occurred.date or not occurred.date_sort:
        return False
    after_announcement = announced is None or occurred.date_sort >= (date_sort(announced) or "")
    if planned.date:
        return dates_agree(planned.date, occurred.date) and after_announcement
    return after_announcement


def _score(
    event: EventRow, mention: MentionRow, people: set[int], event_people: set[int]
) -> int | None:
    """How well ``mention`` fits ``event``; None when it cannot be the same."""
    if event.mode and mention.mode and event.mode != mention.mode:
        return None
    shared = len(event_people & people)
    if event_people and people and not shared:
        return None
    if event.date and mention.date:
        if not dates_agree(event.date, mention.date):
            return None
        return 10 + 2 * shared + (1 if event.date == mention.date else 0)
    # one side undated: only the same people make it the same interaction
    return 5 + shared if shared else None
