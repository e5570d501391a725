"""Following feeds (issue 8, ``bilat watch``) against a real HTTP server started
here, on 127.0.0.1, serving feeds and article pages built here (the articles'
text is invented for these tests): new entries are ingested once, an unchanged
feed costs a 304, a restart ingests nothing twice, errors are retried with
backoff, slow answers time out, redirects are followed, malformed feeds are
reported while the other feeds go on, and robots.txt is obeyed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bilat import Extractor
from bilat.errors import FetchError, IngestError
from bilat.follow import (
    ArticleStored,
    FeedChecked,
    Fetcher,
    FetchOptions,
    RobotsDisallowed,
    Watcher,
    WatchEvent,
)
from bilat.follow.watcher import PollReport
from bilat.store import Store, open_store
from bilat.store.models import DocumentRow, SeenArticleRow

# -- the site ------------------------------------------------------------------------------

ARTICLES = {
    "peru-bolivia": (
        "Peru and Bolivia agree to reopen a lake crossing",
        "The foreign ministers of Peru and Bolivia met in La Paz on Monday and agreed to "
        "reopen the ferry crossing on Lake Titicaca that was closed during the floods.",
    ),
    "oman-kenya": (
        "Oman and Kenya sign a port agreement",
        "Oman and Kenya signed an agreement in Nairobi on Tuesday on the joint management "
        "of a container terminal and on training for harbour pilots.",
    ),
    "laos-cambodia": (
        "Laos and Cambodia hold talks on river dams",
        "Officials of Laos and Cambodia held talks in Vientiane on Wednesday on the "
        "release of water from upstream dams during the dry season.",
    ),
    "fiji-samoa": (
        "Fiji and Samoa sign a fisheries accord",
        "Fiji and Samoa signed a fisheries accord in Suva on Thursday, setting shared catch "
        "limits for tuna and a joint patrol of their waters.",
    ),
}

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:site_name" content="Lagoon Dispatch"></head>
<body><nav>World | Business | Sport</nav><article><h1>{title}</h1>
<p>{body}</p>
<p>Both governments said that a committee of experts would meet every three months to
check the progress of the work and report to the ministers before the end of the year.</p>
</article><footer>Lagoon Dispatch, all rights reserved</footer></body></html>"""


def page(slug: str) -> bytes:
    title, body = ARTICLES[slug]
    return PAGE.format(title=title, body=body).encode("utf-8")


def rss(base: str, links: list[tuple[str, str]]) -> bytes:
    """An RSS 2.0 feed: one item per (guid, path)."""
    items = "".join(
        f"<item><title>Story {guid}</title><link>{base}{path}</link><guid>{guid}</guid>"
        f"<pubDate>Mon, 03 Mar 2025 08:00:00 GMT</pubDate>"
        f"<description>A short summary of {guid}.</description></item>"
        for guid, path in links
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Lagoon Dispatch</title><link>{base}/</link>{items}</channel></rss>"
            ).encode()


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None
    #: statuses answered first, one per request, before the normal answer
    failures: list[int] = field(default_factory=list)
    delay: float = 0.0


class Site:
    """A real HTTP server in a thread; ``routes`` may be changed between polls."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                with site.lock:
                    site.requests.append((self.path, dict(self.headers.items())))
                    route = site.routes.get(self.path)
                    failure = route.failures.pop(0) if route and route.failures else None
                if route is None:
                    self._answer(404, b"not here")
                elif failure is not None:
                    self._answer(failure, b"server trouble")
                else:
                    if route.delay:
                        time.sleep(route.delay)
                    if route.location:
                        self._answer(301, b"", {"Location": route.location})
                    elif route.etag and self.headers.get("If-None-Match") == route.etag:
                        self._answer(304, b"", {"ETag": route.etag})
                    else:
                        headers = {"Content-Type": route.content_type}
                        if route.etag:
                            headers["ETag"] = route.etag
                        if route.last_modified:
                            headers["Last-Modified"] = route.last_modified
                        self._answer(200, route.body, headers)

            def _answer(self, status: int, body: bytes,
                        headers: dict[str, str] | None = None) -> None:
                try:
                    self.send_response(status)
                    for name, value in (headers or {}).items():
                        self.send_header(name, value)
                    if status != 304:
                        self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if status != 304:
                        self.wfile.write(body)
                except OSError:  # the client gave up (a timeout): nothing to answer
                    pass

            def log_message(self, format: str, *args: Any) -> None:
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            block_on_close = False

            def handle_error(self, request: Any, client_address: Any) -> None:
                pass

        self.server = Server(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> int:
        with self.lock:
            return sum(1 for p, _ in self.requests if p == path)

    def headers_of(self, path: str) -> list[dict[str, str]]:
        with self.lock:
            return [h for p, h in self.requests if p == path]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site() -> Iterator[Site]:
    served = Site()
    served.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n",
                                         content_type="text/plain")
    for slug in ARTICLES:
        served.routes[f"/news/{slug}"] = Route(page(slug))
    yield served
    served.close()


QUICK = FetchOptions(timeout=2.0, retries=2, backoff=0.01, max_backoff=0.05)


class Run:
    """A Watcher on a store, with what it reported."""

    def __init__(self, store: Store, extractor: Extractor,
                 options: FetchOptions = QUICK) -> None:
        self.events: list[WatchEvent] = []
        self.fetcher = Fetcher(options)
        self.watcher = Watcher(store, extractor, self.fetcher, self.events.append)

    def poll(self, *feeds: str) -> PollReport:
        self.events.clear()
        return self.watcher.poll(list(feeds))

    def errors(self) -> list[IngestError]:
        return [e for e in self.events if isinstance(e, IngestError)]

    def close(self) -> None:
        self.fetcher.close()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path / 'watch.db'}")
    yield opened
    opened.close()


def _documents(store: Store) -> dict[str, str]:
    with store.session() as session:
        rows = session.execute(select(DocumentRow.doc_key, DocumentRow.title)).tuples()
        return {key: title for key, title in rows}


# -- the tests -----------------------------------------------------------------------------


def test_new_entries_once_then_a_304_fetches_nothing(
    site: Site, store: Store, extractor: Extractor
) -> None:
    site.routes["/feed.xml"] = Route(
        rss(site.base, [("g1", "/news/peru-bolivia"), ("g2", "/news/oman-kenya")]),
        content_type="application/rss+xml", etag='"v1"',
        last_modified=formatdate(0, usegmt=True))
    run = Run(store, extractor)
    first = run.poll(site.url("/feed.xml"))
    assert (first.new, first.added, first.failed, first.errors) == (2, 2, 0, [])
    assert _documents(store) == {
        site.url("/news/peru-bolivia"): ARTICLES["peru-bolivia"][0],
        site.url("/news/oman-kenya"): ARTICLES["oman-kenya"][0],
    }
    stored = [e for e in run.events if isinstance(e, ArticleStored)]
    assert [e.result.outcome for e in stored] == ["added", "added"]
    assert stored[0].result.events >= 1  # the page's text was extracted
    second = run.poll(site.url("/feed.xml"))
    run.close()
    assert (second.not_modified, second.new, second.added) == (1, 0, 0)
    assert run.events == [FeedChecked(site.url("/feed.xml"), not_modified=True)]
    conditional = site.headers_of("/feed.xml")[1]
    assert conditional["If-None-Match"] == '"v1"'
    assert conditional["If-Modified-Since"] == formatdate(0, usegmt=True)
    assert site.hits("/news/peru-bolivia") == site.hits("/news/oman-kenya") == 1
    agent = site.headers_of("/news/oman-kenya")[0]["User-Agent"]
    assert agent.startswith("bilat/") and "robots.txt" in agent


def test_a_restart_ingests_nothing_twice(
    site: Site, store_url: str, extractor: Extractor
) -> None:
    feed = site.url("/feed.xml")
    site.routes["/feed.xml"] = Route(rss(site.base, [("g1", "/news/peru-bolivia")]),
                                     etag='"v1"')
    store = open_store(store_url)
    run = Run(store, extractor)
    assert run.poll(feed).added == 1
    run.close()
    store.close()
    # a new process: a new store object, a new watcher; the feed has grown
    site.routes["/feed.xml"] = Route(
        rss(site.base, [("g3", "/news/laos-cambodia"), ("g1", "/news/peru-bolivia")]),
        etag='"v2"')
    store = open_store(store_url)
    run = Run(store, extractor)
    report = run.poll(feed)
    again = run.poll(feed)
    run.close()
    assert (report.new, report.added, again.not_modified) == (1, 1, 1)
    assert site.hits("/news/peru-bolivia") == 1 and site.hits("/news/laos-cambodia") == 1
    assert [h["If-None-Match"] for h in site.headers_of("/feed.xml")[1:]] == ['"v1"', '"v2"']
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(DocumentRow)) == 2
        outcomes = {key: outcome for key, outcome in session.execute(
            select(SeenArticleRow.key, SeenArticleRow.outcome)).tuples()}
    store.close()
    assert outcomes == {"g1": "added", site.url("/news/peru-bolivia"): "added",
                        "g3": "added", site.url("/news/laos-cambodia"): "added"}


def test_server_errors_are_retried_with_backoff(
    site: Site, store: Store, extractor: Extractor
) -> None:
    site.routes["/flaky.xml"] = Route(rss(site.base, [("f1", "/news/fiji-samoa")]),
                                      failures=[500, 503])
    site.routes["/down.xml"] = Route(rss(site.base, []), failures=[502] * 10)
    waits: list[float] = []
    fetcher = Fetcher(FetchOptions(retries=2, backoff=0.01, max_backoff=1.0),
                      sleep=lambda s: waits.append(s) or time.sleep(s))
    events: list[WatchEvent] = []
    watcher = Watcher(store, extractor, fetcher, events.append)
    report = watcher.poll([site.url("/down.xml"), site.url("/flaky.xml")])
    fetcher.close()
    assert site.hits("/flaky.xml") == 3 and site.hits("/down.xml") == 3
    assert waits == [0.01, 0.02, 0.01, 0.02]  # doubled at each retry
    assert (report.feeds_failed, report.added) == (1, 1)
    [error] = [e for e in events if isinstance(e, FetchError)]
    assert error.source == site.url("/down.xml") and error.status == 502 and error.transient
    assert "HTTP 502" in error.problem and "3 attempts" in error.problem


def test_a_slow_page_times_out_and_is_tried_at_the_next_poll(
    site: Site, store: Store, extractor: Extractor
) -> None:
    site.routes["/feed.xml"] = Route(
        rss(site.base, [("s1", "/news/oman-kenya"), ("s2", "/news/fiji-samoa")]), etag='"v1"')
    site.routes["/news/oman-kenya"].delay = 3.0
    run = Run(store, extractor, FetchOptions(timeout=0.3, retries=0))
    report = run.poll(site.url("/feed.xml"))
    assert (report.new, report.added, report.later) == (2, 1, 1)
    [error] = run.errors()
    assert isinstance(error, FetchError) and error.transient
    assert error.source == site.url("/news/oman-kenya") and "timed out" in error.problem
    site.routes["/news/oman-kenya"].delay = 0.0
    again = run.poll(site.url("/feed.xml"))  # the feed's validators were not kept
    run.close()
    assert (again.not_modified, again.new, again.added) == (0, 1, 1)
    assert site.hits("/news/fiji-samoa") == 1


def test_redirects_are_followed(site: Site, store: Store, extractor: Extractor) -> None:
    site.routes["/moved.xml"] = Route(location="/feed.xml")
    site.routes["/feed.xml"] = Route(rss(site.base, [("r1", "/old/laos")]))
    site.routes["/old/laos"] = Route(location=site.url("/news/laos-cambodia"))
    run = Run(store, extractor)
    report = run.poll(site.url("/moved.xml"))
    run.close()
    assert (report.added, report.errors) == (1, [])
    assert list(_documents(store)) == [site.url("/news/laos-cambodia")]
    with store.session() as session:
        keys = set(session.scalars(select(SeenArticleRow.key)))
    assert keys == {"r1", site.url("/old/laos"), site.url("/news/laos-cambodia")}


def test_endless_redirects_are_reported(site: Site, store: Store, extractor: Extractor) -> None:
    site.routes["/a.xml"] = Route(location="/b.xml")
    site.routes["/b.xml"] = Route(location="/a.xml")
    run = Run(store, extractor)
    report = run.poll(site.url("/a.xml"))
    run.close()
    [error] = run.errors()
    assert report.feeds_failed == 1 and "redirects" in error.problem


def test_a_malformed_feed_is_reported_and_the_others_go_on(
    site: Site, store: Store, extractor: Extractor
) -> None:
    site.routes["/broken.xml"] = Route(b"<?xml version='1.0'?><rss><channel><title>Cut sh",
                                       content_type="application/rss+xml")
    site.routes["/page.xml"] = Route(b"<html><body><p>Not a feed at all.</p></body></html>")
    site.routes["/feed.xml"] = Route(rss(site.base, [("m1", "/news/peru-bolivia")]))
    run = Run(store, extractor)
    report = run.poll(site.url("/broken.xml"), site.url("/page.xml"), site.url("/feed.xml"))
    run.close()
    assert (report.feeds, report.feeds_failed, report.added) == (3, 2, 1)
    sources = [e.source for e in run.errors()]
    assert sources == [site.url("/broken.xml"), site.url("/page.xml")]
    assert all("not a readable RSS or Atom feed" in e.problem for e in run.errors())


def test_robots_txt_is_obeyed(site: Site, store: Store, extractor: Extractor) -> None:
    site.routes["/private/fiji"] = Route(page("fiji-samoa"))
    site.routes["/feed.xml"] = Route(rss(site.base, [
        ("p1", "/private/fiji"), ("p2", "/news/oman-kenya"), ("p3", "/news/peru-bolivia")]))
    run = Run(store, extractor)
    report = run.poll(site.url("/feed.xml"))
    again = run.poll(site.url("/feed.xml"))
    run.close()
    assert site.hits("/private/fiji") == 0
    assert site.hits("/robots.txt") == 1  # kept per host
    assert (report.added, report.skipped, again.new) == (2, 1, 0)
    # the second poll heard nothing of the page: it was remembered as not allowed
    assert not [e for e in run.events if isinstance(e, RobotsDisallowed)]
    assert site.url("/private/fiji") not in _documents(store)


def test_robots_notice_names_the_page(site: Site, store: Store, extractor: Extractor) -> None:
    site.routes["/robots.txt"] = Route(b"User-agent: bilat\nDisallow: /\n\nUser-agent: *\n"
                                       b"Allow: /\n", content_type="text/plain")
    site.routes["/feed.xml"] = Route(rss(site.base, [("q1", "/news/oman-kenya")]))
    run = Run(store, extractor)
    run.poll(site.url("/feed.xml"))
    run.close()
    [notice] = [e for e in run.events if isinstance(e, RobotsDisallowed)]
    assert notice.source == site.url("/news/oman-kenya") and "robots.txt" in notice.problem
    assert site.hits("/news/oman-kenya") == 0


def test_a_page_that_is_gone_is_reported_once(
    site: Site, store: Store, extractor: Extractor
) -> None:
    site.routes["/feed.xml"] = Route(rss(site.base, [("x1", "/news/nowhere")]))
    run = Run(store, extractor)
    first = run.poll(site.url("/feed.xml"))
    [error] = run.errors()
    second = run.poll(site.url("/feed.xml"))
    run.close()
    assert isinstance(error, FetchError) and error.status == 404 and not error.transient
    assert (first.failed, second.new, site.hits("/news/nowhere")) == (1, 0, 1)


# -- the command, in a real process --------------------------------------------------------


def _bilat(*args: str) -> list[str]:
    return [sys.executable, "-m", "bilat", "watch", *args]


def test_the_command_polls_reports_and_stops_on_ctrl_c(site: Site, tmp_path: Path) -> None:
    site.routes["/feed.xml"] = Route(
        rss(site.base, [("c1", "/news/fiji-samoa"), ("c2", "/private/secret")]), etag='"c"')
    site.routes["/broken.xml"] = Route(b"<?xml version='1.0'?><rss><channel><title>Half")
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    env = {**os.environ, "COLUMNS": "200"}
    proc = subprocess.Popen(
        _bilat(site.url("/broken.xml"), site.url("/feed.xml"), "--db", db, "--interval", "600",
               "--backoff", "0"),
        stderr=subprocess.PIPE, text=True, env=env,
    )
    assert proc.stderr is not None
    lines: list[str] = []
    for line in proc.stderr:
        lines.append(line)
        if line.startswith("poll 1:"):
            break
    proc.send_signal(signal.SIGINT)  # Ctrl-C while it waits for the next poll
    _, rest = proc.communicate(timeout=120)
    text = "".join(lines) + rest
    assert proc.returncode == 0, text
    assert f"error: {site.url('/broken.xml')}: not a readable RSS or Atom feed" in text
    assert f"added {site.url('/news/fiji-samoa')}" in text
    assert f"note: {site.url('/private/secret')}: not fetched" in text
    assert ("poll 1: 2 feeds (1 failed); 2 new articles: 1 added, 0 replaced, 0 unchanged, "
            "0 failed, 1 skipped") in text
    assert "stopped after 1 poll(s)" in text
    again = subprocess.run(_bilat(site.url("/feed.xml"), "--db", db, "--once"),
                           capture_output=True, text=True, env=env, timeout=300, check=False)
    assert again.returncode == 0, again.stderr
    assert "poll 1: 1 feed (1 not modified); 0 new articles" in again.stderr
    assert site.hits("/news/fiji-samoa") == 1
    bad = subprocess.run(_bilat("feeds/local.xml", "--once"), capture_output=True, text=True,
                         timeout=300, check=False)
    assert bad.returncode == 2 and "not an http:// or https:// feed URL" in bad.stderr


def test_one_page_in_two_entries_and_two_feeds_is_fetched_once(
    site: Site, store: Store, extractor: Extractor
) -> None:
    site.routes["/a.xml"] = Route(rss(site.base, [("d1", "/news/fiji-samoa"),
                                                  ("d2", "/news/fiji-samoa")]))
    site.routes["/b.xml"] = Route(rss(site.base, [("d3", "/news/fiji-samoa")]))
    run = Run(store, extractor)
    report = run.poll(site.url("/a.xml"), site.url("/b.xml"))
    run.close()
    assert (report.new, report.added, site.hits("/news/fiji-samoa")) == (1, 1, 1)


def test_a_host_that_refuses_connections_is_retried_and_reported(
    site: Site, store: Store, extractor: Extractor
) -> None:
    import socket

    with socket.socket() as probe:  # a port that nothing listens on once closed
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}/feed.xml"
    site.routes["/feed.xml"] = Route(rss(site.base, [("k1", "/news/oman-kenya")]))
    run = Run(store, extractor)
    report = run.poll(dead, site.url("/feed.xml"))
    run.close()
    [error] = run.errors()
    assert isinstance(error, FetchError) and error.transient and error.source == dead
    assert "connection failed" in error.problem and "3 attempts" in error.problem
    assert (report.feeds_failed, report.added) == (1, 1)


def test_run_polls_as_many_times_as_asked(site: Site, store: Store, extractor: Extractor) -> None:
    site.routes["/feed.xml"] = Route(rss(site.base, [("n1", "/news/laos-cambodia")]),
                                     etag='"n"')
    fetcher = Fetcher(QUICK)
    heard: list[PollReport] = []
    waits: list[float] = []
    reports = Watcher(store, extractor, fetcher).run(
        [site.url("/feed.xml")], interval=30.0, max_polls=3, on_poll=heard.append,
        sleep=waits.append)
    fetcher.close()
    assert heard == reports and [r.number for r in reports] == [1, 2, 3]
    assert [(r.added, r.not_modified) for r in reports] == [(1, 0), (0, 1), (0, 1)]
    assert len(waits) == 2 and all(0 < w <= 30.0 for w in waits)  # none after the last


def test_a_malformed_feed_whose_entries_can_be_read_is_read_with_a_note(
    site: Site, store: Store, extractor: Extractor
) -> None:
    from bilat.follow.watcher import MalformedFeed

    body = rss(site.base, [("b1", "/news/oman-kenya")]).replace(
        b"<title>Story b1</title>", b"<title>Ports & pilots</title>")  # a bare '&'
    site.routes["/feed.xml"] = Route(body)
    run = Run(store, extractor)
    report = run.poll(site.url("/feed.xml"))
    run.close()
    [note] = [e for e in run.events if isinstance(e, MalformedFeed)]
    assert note.source == site.url("/feed.xml") and "malformed feed" in note.problem
    assert (report.feeds_failed, report.added, report.errors) == (0, 1, [])
