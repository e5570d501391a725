"""A small time-bounded cache of the app's aggregates (counts, dyad summaries,
chart data), one per app.

Aggregates over a large store (a busy dyad's tens of thousands of events, the
whole network) cost far more than a page of rows; the knowledge base changes
by batches, so the app keeps each aggregate for ``seconds`` (``bilat serve
--cache-seconds``; 0 turns the cache off) and forgets everything when it
writes itself (``POST /api/documents``). Keys are the store's frozen filter
dataclasses and plain values, never raw request text.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class TTLCache:
    """At most ``size`` values, each kept ``seconds``, least recently used out first."""

    def __init__(self, seconds: float, size: int = 2048,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.size = size
        self.clock = clock
        self._items: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        """The value kept for ``key``, else ``make()`` (kept from now on)."""
        if self.seconds <= 0:
            return make()
        now = self.clock()
        with self._lock:
            hit = self._items.get(key)
            if hit is not None and hit[0] > now:
                self._items.move_to_end(key)
                value: T = hit[1]
                return value
        made = make()
        with self._lock:
            self._items[key] = (now + self.seconds, made)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return made

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
