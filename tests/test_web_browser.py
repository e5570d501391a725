"""The web app in a real headless Chromium (Debian's `chromium`, driven by
Playwright; never a browser Playwright downloads), as a user would: open the
overview, follow links to a dyad, a country and an event, see the evidence
highlighted and the charts, map and network drawn, find that an article
carrying a script runs nothing, and that every request stays on the app.
Screenshots of each page go to the test's temporary folder (and, when
``BILAT_SCREENSHOTS`` names a folder, the dyad page's there too, as
``dyad.png``: the README's picture).

Skips only when no Chromium binary is installed (``.ci/run`` installs it).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from tests.webkb import HOSTILE_ID, WebKB, sqlite_kb_fixture  # noqa: F401 (fixture)

CHROMIUM = next((p for p in ("/usr/bin/chromium", shutil.which("chromium") or "")
                 if p and Path(p).exists()), None)
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium binary (apt-get install chromium; .ci/run does)"
)


@pytest.fixture(scope="module")
def kb(sqlite_kb: WebKB) -> WebKB:
    return sqlite_kb


@pytest.fixture(scope="module")
def base_url(kb: WebKB) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port, in a thread."""
    import uvicorn

    from bilat.web.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(kb.url, token=""), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


class Watch:
    """What a page did: console errors, dialogs, requests off the app."""

    def __init__(self, page: Any, base_url: str) -> None:
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.foreign: list[str] = []
        host = urlparse(base_url).netloc
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

        def dialog(d: Any) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", dialog)

        def request(r: Any) -> None:
            url = urlparse(r.url)
            if url.scheme in ("http", "https") and url.netloc != host:
                self.foreign.append(r.url)

        page.on("request", request)


SHAPES = """(sel) => Array.from(document.querySelectorAll(sel)).map(o => {
  const d = o.contentDocument;
  return d && d.querySelector('svg') ? d.querySelectorAll('rect, path, circle').length : -1;
})"""


def _charts_drawn(page: Any, selector: str = "figure.chart object") -> list[int]:
    page.wait_for_function(
        "(sel) => Array.from(document.querySelectorAll(sel)).every("
        "o => o.contentDocument && o.contentDocument.querySelector('svg'))",
        arg=selector, timeout=20_000,
    )
    counts: list[int] = page.evaluate(SHAPES, selector)
    return counts


def test_overview_to_dyad_country_and_event(browser: Any, base_url: str,
                                            tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    watch = Watch(page, base_url)
    page.goto(base_url + "/")
    assert page.locator("table.dyads tbody tr").count() > 0
    page.screenshot(path=str(tmp_path / "overview.png"), full_page=True)

    page.locator("table.dyads a[href^='/dyads/']").first.click()
    page.wait_for_url("**/dyads/**")
    assert page.locator("table.events tbody tr").count() > 0
    drawn = _charts_drawn(page)
    assert drawn and all(n > 0 for n in drawn), drawn
    page.screenshot(path=str(tmp_path / "dyad.png"), full_page=True)
    wanted = os.environ.get("BILAT_SCREENSHOTS")
    if wanted:
        Path(wanted).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(wanted) / "dyad.png"), full_page=True)
    dyad_url = page.url

    page.locator("h1 a[href^='/countries/']").first.click()
    page.wait_for_url("**/countries/**")
    drawn = _charts_drawn(page)
    assert all(n > 0 for n in drawn), drawn
    shaded = page.evaluate(
        "() => document.querySelector(\"object[data$='map.svg']\")"
        ".contentDocument.querySelectorAll('g.country.series').length"
    )
    assert shaded >= 1, "no partner is shaded on the map"
    page.screenshot(path=str(tmp_path / "country.png"), full_page=True)

    page.goto(dyad_url)
    page.locator("table.events a[href^='/events/']").first.click()
    page.wait_for_url("**/events/**")
    mark = page.locator("mark.evidence").first
    assert mark.is_visible()
    assert len(mark.inner_text()) > 10
    background = mark.evaluate("m => getComputedStyle(m).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    page.screenshot(path=str(tmp_path / "event.png"), full_page=True)

    page.goto(base_url + "/network")
    assert page.locator("svg.network circle.node").count() > 1
    assert page.locator("svg.network line.edge").count() > 0
    page.screenshot(path=str(tmp_path / "network.png"), full_page=True)

    assert watch.errors == [] and watch.dialogs == [] and watch.foreign == []
    page.close()


def test_an_article_carrying_a_script_runs_nothing(browser: Any, base_url: str,
                                                   tmp_path: Path) -> None:
    page = browser.new_page()
    watch = Watch(page, base_url)
    found = page.request.get(base_url + "/api/events?country=Chile&partner=Peru").json()
    ids = [e["id"] for e in found["items"] if e["mentions"][0]["doc"] == HOSTILE_ID]
    assert ids
    for url in (f"/events/{ids[0]}", f"/documents/{HOSTILE_ID}"):
        page.goto(base_url + url)
        page.wait_for_load_state("load")
        assert page.evaluate("() => window.__pwned") is None
        assert page.locator("script").count() == 0
        assert page.locator("main img").count() == 0
        assert "<script>window.__pwned = 1; alert(1)</script>" in page.locator(
            "p.text").inner_text()
        page.screenshot(path=str(tmp_path / f"hostile-{url.split('/')[1]}.png"),
                        full_page=True)
    assert watch.dialogs == [] and watch.errors == [] and watch.foreign == []
    page.close()


def test_phone_width_and_no_javascript(browser: Any, base_url: str, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844},
                                  java_script_enabled=False)
    page = context.new_page()
    for url in ("/", "/dyads/AUS/FJI", "/countries/AUS", "/events?limit=20"):
        page.goto(base_url + url)
        assert page.locator("table tbody tr").count() > 0, url
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 390, f"{url} is {width}px wide at phone width"
        page.screenshot(path=str(tmp_path / f"phone{url.replace('/', '-')}.png"))
    context.close()


def test_api_docs_work_offline(browser: Any, base_url: str, tmp_path: Path) -> None:
    page = browser.new_page()
    watch = Watch(page, base_url)
    page.goto(base_url + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    assert page.locator(".swagger-ui .opblock").count() >= 8
    page.screenshot(path=str(tmp_path / "docs.png"), full_page=True)
    assert watch.foreign == [] and watch.errors == []
    page.close()
