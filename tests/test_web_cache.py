"""What the web app keeps between requests, and when it must forget it.

The app keeps aggregates and whole answers under the store's write generation
(:mod:`bilat.store.generation`): a write by anybody (here: an ingest through a
store of its own, as `bilat ingest` run beside `bilat serve` would do) must
show on the next request, however long answers are otherwise kept. The
middleware's own rules (what is kept, for how long, within what budget, one
answer made for concurrent misses) are checked on a small ASGI app.
"""

from __future__ import annotations

import asyncio
from collections.abc import Hashable
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from starlette.types import ASGIApp, Receive, Scope, Send

from bilat import Extractor
from bilat.ingest import read_documents
from bilat.store import open_store
from bilat.store.generation import WriteGeneration
from bilat.store.ingest import ingest
from bilat.store.models import DocumentRow
from bilat.web.app import create_app
from bilat.web.cache import AnswerCache, ResponseCache

# invented articles: one meeting, then a second contact of the same pair
FIRST = ("date 2024-05-02\n\nChilean Foreign Minister Tomas Oyarzun met his Peruvian "
         "counterpart Rosa Quispe in Lima on Tuesday to discuss fisheries.\n")
SECOND = ("date 2024-09-10\n\nPeruvian Trade Minister Julio Mendoza travelled to Santiago on "
          "Monday, where he signed a port agreement with Chilean Economy Minister Ana "
          "Riquelme.\n")


def ingest_text(url: str, folder: Path, name: str, text: str, extractor: Extractor) -> None:
    """Store one article through a store of its own (another writer than the app)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    store = open_store(url)
    try:
        report = ingest(store, read_documents([path]), extractor)
    finally:
        store.close()
    assert report.failed == 0 and report.added == 1, report


# --- the generation ---------------------------------------------------------------------


def test_the_generation_changes_when_another_connection_writes(
    store_url: str, tmp_path: Path, extractor: Extractor
) -> None:
    store = open_store(store_url)
    watcher = WriteGeneration(store)
    try:
        assert watcher.tracked
        before = watcher.current()
        assert before is not None
        with store.session() as session:
            session.execute(select(DocumentRow.id)).all()
        if store.dialect == "sqlite":  # PostgreSQL's may move for others' transactions
            assert watcher.current() == before
        ingest_text(store_url, tmp_path / "in", "first", FIRST, extractor)
        assert watcher.current() != before
    finally:
        watcher.close()
        store.close()
    assert watcher.current() is None  # closed: unknown, so nothing is kept on its account


def test_an_in_memory_store_has_no_generation() -> None:
    store = open_store("sqlite:///:memory:")
    try:
        watcher = WriteGeneration(store)
        assert not watcher.tracked and watcher.current() is None
    finally:
        store.close()


# --- the app: kept answers and their invalidation ----------------------------------------


#: requests tried for one during which no other transaction of the cluster commits
_STABLE_TRIES = 5


def test_a_kept_dyad_page_changes_after_an_ingest(
    store_url: str, tmp_path: Path, extractor: Extractor
) -> None:
    ingest_text(store_url, tmp_path / "in", "first", FIRST, extractor)
    app = create_app(store_url, token="", cache_seconds=3600)
    answers: AnswerCache = app.state.answers
    with TestClient(app) as client:
        page = client.get("/dyads/CHL/PER")
        assert page.status_code == 200
        assert "2024-09" not in page.text
        events = client.get("/api/events", params={"country": "CHL", "partner": "PER"}).json()
        summary = client.get("/api/dyads", params={"country": "CHL", "partner": "PER"}).json()
        assert events["total"] >= 1
        assert answers.made == 3  # each answer made once and kept ...
        # ... and answered again from memory while the store's generation stands (on
        # PostgreSQL it is the cluster's snapshot: a background ANALYZE or another
        # database's commit moves it, and then a remade answer is right)
        watcher = app.state.generation
        for _attempt in range(_STABLE_TRIES):
            made, before = answers.made, watcher.current()
            again = client.get("/dyads/CHL/PER")
            if watcher.current() == before:
                break
        else:
            pytest.fail("the store's generation never stood still for one request")
        assert again.text == page.text
        assert answers.made == made
        assert client.get("/api/events", params={"country": "CHL", "partner": "PER"}).json() \
            == events

        ingest_text(store_url, tmp_path / "in", "second", SECOND, extractor)

        after = client.get("/dyads/CHL/PER")
        assert after.status_code == 200
        assert answers.made == made + 1  # made anew: the store was written to
        assert "2024-09-09" in after.text  # the new contact is on the timeline
        newer = client.get("/api/events", params={"country": "CHL", "partner": "PER"}).json()
        assert newer["total"] > events["total"]  # the count kept before is not used
        ranked = client.get("/api/dyads", params={"country": "CHL", "partner": "PER"}).json()
        assert ranked["items"][0]["n_events"] > summary["items"][0]["n_events"]


def test_kept_answers_are_the_answers(store_url: str, tmp_path: Path,
                                      extractor: Extractor) -> None:
    """A kept answer carries what the app's answer did: policy headers, compression."""
    ingest_text(store_url, tmp_path / "in", "first", FIRST, extractor)
    with TestClient(create_app(store_url, token="", cache_seconds=3600)) as client:
        fresh = client.get("/dyads/CHL/PER", headers={"Accept-Encoding": "gzip"})
        kept = client.get("/dyads/CHL/PER", headers={"Accept-Encoding": "gzip"})
        plain = client.get("/dyads/CHL/PER", headers={"Accept-Encoding": "identity"})
        for r in (fresh, kept, plain):
            assert r.status_code == 200
            assert "script-src 'self'" in r.headers["content-security-policy"]
            assert r.headers["x-content-type-options"] == "nosniff"
        assert kept.headers.get("content-encoding") == fresh.headers.get("content-encoding")
        assert "content-encoding" not in plain.headers
        assert kept.text == fresh.text == plain.text
        missing = client.get("/dyads/CHL/XXX")
        assert missing.status_code == 404 and client.get("/dyads/CHL/XXX").status_code == 404


# --- the middleware on a small app ---------------------------------------------------------


class Counting:
    """An ASGI app answering ``/n`` with how many times it was asked (404 elsewhere),
    ``/big`` with ``size`` bytes; ``/slow`` waits until ``entered`` requests came in."""

    def __init__(self) -> None:
        self.calls = 0
        self.entered = 0
        self.size = 10

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.calls += 1
        path = scope["path"]
        if path == "/slow":
            while self.entered < 2:
                await asyncio.sleep(0)
        status = 200 if path in ("/n", "/slow", "/big") else 404
        body = b"x" * self.size if path == "/big" else str(self.calls).encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": body})


def middleware(seconds: float = 60, budget: int = 1000, item_limit: int = 100,
               now: list[float] | None = None,
               generation: list[Hashable | None] | None = None,
               ) -> tuple[Counting, AnswerCache, ResponseCache, list[Hashable | None]]:
    inner = Counting()
    clock = now if now is not None else [0.0]
    gen = generation if generation is not None else [1]
    answers = AnswerCache(seconds, budget=budget, item_limit=item_limit,
                          clock=lambda: clock[0])
    return inner, answers, ResponseCache(inner, generation=lambda: gen[0],
                                         answers=answers), gen


def get(app: ASGIApp, path: str, method: str = "GET",
        headers: dict[str, str] | None = None) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            return await client.request(method, path, headers=headers)
    return asyncio.run(go())


def test_an_answer_is_kept_per_path_query_and_encoding() -> None:
    inner, answers, app, gen = middleware()
    assert get(app, "/n").text == "1"
    assert get(app, "/n").text == "1"  # kept
    assert get(app, "/n?a=1").text == "2"  # another query, another answer
    assert get(app, "/n", headers={"Accept-Encoding": "identity"}).text == "3"
    assert get(app, "/n", method="POST").text == "4"  # only GET is kept
    assert get(app, "/n", method="POST").text == "5"
    assert get(app, "/x").status_code == 404 and get(app, "/x").status_code == 404
    assert inner.calls == 7  # not-found answers are never kept
    assert get(app, "/n").text == "1"
    gen[0] = 2  # the store was written to
    assert get(app, "/n").text == "8"
    assert get(app, "/n").text == "8"
    gen[0] = None  # the generation cannot be read: nothing is kept
    assert get(app, "/n").text == "9" and get(app, "/n").text == "10"
    assert len(answers) == 4


def test_answers_are_kept_for_their_time_and_within_the_budget() -> None:
    now = [100.0]
    inner, answers, app, _ = middleware(seconds=10, budget=25, item_limit=20, now=now)
    assert get(app, "/n").text == "1"
    now[0] += 9
    assert get(app, "/n").text == "1"
    now[0] += 1.5
    assert get(app, "/n").text == "2"  # expired
    inner.size = 15
    get(app, "/big")
    get(app, "/big?again")  # 1 + 15 + 15 bytes over the budget of 25: the oldest go
    assert answers.kept_bytes <= 25 and len(answers) == 1
    assert get(app, "/n").text == "5"  # "/n" was pushed out
    inner.size = 30
    get(app, "/big?large")
    get(app, "/big?large")  # over the item limit: never kept
    assert inner.calls == 7
    _, _, off, _ = middleware(seconds=0)
    assert get(off, "/n").text == "1" and get(off, "/n").text == "2"


def test_concurrent_misses_make_one_answer() -> None:
    inner, _, cache, _ = middleware()

    async def entering(scope: Scope, receive: Receive, send: Send) -> None:
        inner.entered += 1  # then straight into the middleware, up to its first wait
        await cache(scope, receive, send)

    async def both() -> list[str]:
        transport = httpx.ASGITransport(app=entering)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            answers = await asyncio.gather(client.get("/slow"), client.get("/slow"))
        return [a.text for a in answers]

    assert asyncio.run(both()) == ["1", "1"]
    assert inner.calls == 1
