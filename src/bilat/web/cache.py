"""What the app keeps between requests: aggregates (counts, dyad summaries,
chart data) and whole answers, keyed on the store's write generation.

Aggregates over a large store (a busy dyad's tens of thousands of events, the
whole network) cost far more than a page of rows, and a page or a chart costs
more again to render. The knowledge base changes by batches, so the app keeps
both, each under the generation it was computed at
(:mod:`bilat.store.generation`): any write to the store, by the app or by
another process, changes the generation, and nothing kept before it is used
again. Values are also kept at most ``seconds`` (``bilat serve
--cache-seconds``; 0 turns caching off). Keys are the generation, the store's
frozen filter dataclasses and plain values, or a request's path and query,
never raw request bodies.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar

from starlette.types import ASGIApp, Message, Receive, Scope, Send

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


#: the generation a request was answered under, in the ASGI scope's state
GENERATION_KEY = "bilat_generation"


@dataclass(frozen=True, slots=True)
class _Kept:
    expires: float
    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes


class AnswerCache:
    """Whole answers (status, headers, body), at most ``budget`` bytes of bodies,
    each kept ``seconds``, least recently used out first."""

    def __init__(self, seconds: float, *, budget: int = 64 * 1024 * 1024,
                 item_limit: int = 4 * 1024 * 1024,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.budget = budget
        self.item_limit = item_limit
        self.clock = clock
        #: answers made and kept so far (a count, for the curious and the tests)
        self.made = 0
        self._items: OrderedDict[Hashable, _Kept] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    @property
    def kept_bytes(self) -> int:
        return self._bytes

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0

    def get(self, key: Hashable) -> _Kept | None:
        with self._lock:
            hit = self._items.get(key)
            if hit is None:
                return None
            if hit.expires <= self.clock():
                del self._items[key]
                self._bytes -= len(hit.body)
                return None
            self._items.move_to_end(key)
            return hit

    def put(self, key: Hashable, kept: _Kept) -> None:
        if len(kept.body) > self.item_limit:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)
            self._items[key] = kept
            self._bytes += len(kept.body)
            self.made += 1
            while self._bytes > self.budget and self._items:
                _, gone = self._items.popitem(last=False)
                self._bytes -= len(gone.body)


class ResponseCache:
    """Whole answers to GET requests, kept under the store's write generation.

    An ASGI middleware (outermost: what it keeps is the final answer, headers,
    compression and all). A GET whose path, query and gzip acceptance were
    answered 200 under the current generation, less than ``answers.seconds``
    ago, is answered again from ``answers`` without reaching the app; a write to
    the store changes the generation, so nothing kept before it is used again.
    Requests for an answer that is being made wait for it instead of making it
    again. Static files (``/static``) pass through. The generation read for a
    request is left in its scope's state (:data:`GENERATION_KEY`) for the
    app's own cache of aggregates.
    """

    def __init__(self, app: ASGIApp, *, generation: Callable[[], Hashable | None],
                 answers: AnswerCache) -> None:
        self.app = app
        self.generation = generation
        self.answers = answers
        #: answers being made (event loop only), so that concurrent misses wait for one
        self._running: dict[Hashable, asyncio.Event] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        generation = self.generation()
        scope.setdefault("state", {})[GENERATION_KEY] = generation
        path: str = scope.get("path", "")
        if (scope.get("method") != "GET" or generation is None or self.answers.seconds <= 0
                or path.startswith("/static/")):
            await self.app(scope, receive, send)
            return
        gzip = any(name == b"accept-encoding" and b"gzip" in value
                   for name, value in scope.get("headers", []))
        key = (generation, path, scope.get("query_string", b""), gzip)
        hit = self.answers.get(key)
        if hit is None and key in self._running:
            # the same answer is being made: wait for it rather than make it twice
            await self._running[key].wait()
            hit = self.answers.get(key)
        if hit is not None:
            await send({"type": "http.response.start", "status": hit.status,
                        "headers": list(hit.headers)})
            await send({"type": "http.response.body", "body": hit.body})
            return
        running = self._running.setdefault(key, asyncio.Event())
        try:
            await self._answer(key, scope, receive, send)
        finally:
            if self._running.get(key) is running:
                del self._running[key]
            running.set()

    async def _answer(self, key: Hashable, scope: Scope, receive: Receive, send: Send) -> None:
        """The app's answer, kept when it may be."""
        started = self.answers.clock()
        status = 0
        headers: tuple[tuple[bytes, bytes], ...] = ()
        chunks: list[bytes] = []
        size = 0
        keep = True

        async def capture(message: Message) -> None:
            nonlocal status, headers, size, keep
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers = tuple((bytes(k), bytes(v)) for k, v in message.get("headers", []))
                keep = status == 200 and not any(
                    k.lower() == b"set-cookie"
                    or (k.lower() == b"cache-control" and b"no-store" in v)
                    for k, v in headers)
            elif message["type"] == "http.response.body" and keep:
                body = bytes(message.get("body", b""))
                size += len(body)
                if size > self.answers.item_limit:
                    keep, chunks[:] = False, []
                else:
                    chunks.append(body)
                if not message.get("more_body", False) and keep:
                    self.answers.put(key, _Kept(started + self.answers.seconds, status,
                                                headers, b"".join(chunks)))
            await send(message)

        await self.app(scope, receive, capture)
