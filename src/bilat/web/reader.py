"""The app's reads: the store's query functions on one request's session, the
aggregates among them (counts, dyad rankings, a country's months and topics,
the network, the store's totals) kept in the app's cache under the store's
write generation (:mod:`bilat.web.cache`). Rows themselves are read fresh
(whole answers may be kept by :class:`bilat.web.cache.ResponseCache`)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TypeVar

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

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Reader:
    session: Session
    cache: TTLCache
    #: the store's write generation this request reads at (None: unknown)
    generation: Hashable | None = None

    def _kept(self, key: tuple[Hashable, ...], make: Callable[[], T]) -> T:
        return self.cache.get((self.generation, *key), make)

    def events(self, f: EventFilter, *, limit: int, offset: int = 0,
               mentions: bool = False) -> EventPage:
        n = self._kept(("count", f), lambda: count_events(self.session, f))
        return page_events(self.session, f, limit=limit, offset=offset, mentions=mentions,
                           count=n)

    def dyads(self, f: DyadFilter, limit: int | None = None) -> tuple[DyadView, ...]:
        return self._kept(("dyads", f, limit),
                              lambda: tuple(dyads(self.session, f, limit=limit)))

    def monthly_types(self, iso3: str) -> tuple[tuple[str, str, int], ...]:
        return self._kept(("months", iso3),
                              lambda: tuple(monthly_types(self.session, iso3)))

    def topic_counts(self, iso3: str) -> tuple[tuple[str, int], ...]:
        return self._kept(("topics", iso3), lambda: tuple(topic_counts(self.session, iso3)))

    def network(self, type: str | None, since: str | None, until: str | None,
                limit: int) -> tuple[EdgeView, ...]:
        return self._kept(("network", type, since, until, limit), lambda: tuple(
            network_edges(self.session, type=type, since=since, until=until, limit=limit)))

    def counts(self) -> Counts:
        return self._kept(("counts",), lambda: counts(self.session))
