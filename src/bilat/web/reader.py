"""The app's reads: the store's query functions on one request's session, the
aggregates among them (counts, dyad rankings, a country's months and topics,
the network, the store's totals) kept a while in the app's cache
(:mod:`bilat.web.cache`). Rows themselves are always read fresh."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from bilat.store.query import DyadFilter, DyadView, EventFilter, dyads
from bilat.store.views import (
    Counts,
    EdgeView,
    EventPage,
    count_events,
    counts,
    monthly_types,
    network_edges,
    page_events,
    topic_counts,
)
from bilat.web.cache import TTLCache


@dataclass(frozen=True, slots=True)
class Reader:
    session: Session
    cache: TTLCache

    def events(self, f: EventFilter, *, limit: int, offset: int = 0,
               mentions: bool = False) -> EventPage:
        n = self.cache.get(("count", f), lambda: count_events(self.session, f))
        return page_events(self.session, f, limit=limit, offset=offset, mentions=mentions,
                           count=n)

    def dyads(self, f: DyadFilter, limit: int | None = None) -> tuple[DyadView, ...]:
        return self.cache.get(("dyads", f, limit),
                              lambda: tuple(dyads(self.session, f, limit=limit)))

    def monthly_types(self, iso3: str) -> tuple[tuple[str, str, int], ...]:
        return self.cache.get(("months", iso3),
                              lambda: tuple(monthly_types(self.session, iso3)))

    def topic_counts(self, iso3: str) -> tuple[tuple[str, int], ...]:
        return self.cache.get(("topics", iso3), lambda: tuple(topic_counts(self.session, iso3)))

    def network(self, type: str | None, since: str | None, until: str | None,
                limit: int) -> tuple[EdgeView, ...]:
        return self.cache.get(("network", type, since, until, limit), lambda: tuple(
            network_edges(self.session, type=type, since=since, until=until, limit=limit)))

    def counts(self) -> Counts:
        return self.cache.get(("counts",), lambda: counts(self.session))
