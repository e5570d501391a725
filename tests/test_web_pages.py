"""The web pages (bilat.web) on a real SQLite store filled by the real
extractor: every page answers, links lead somewhere, markup from articles
shows as text, no page carries an inline script or event handler, the
Content-Security-Policy forbids inline scripts, and the charts are SVG
documents without script. The same queries back the API, tested on both
backends in tests/test_web_api.py."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from fastapi.testclient import TestClient

from bilat.web.app import PAGE_CSP, SVG_CSP, create_app
from tests.webkb import HOSTILE_ID, IMG, SCRIPT, WebKB, sqlite_kb_fixture  # noqa: F401 (fixture)


@pytest.fixture(scope="module")
def kb(sqlite_kb: WebKB) -> WebKB:
    return sqlite_kb


@pytest.fixture(scope="module")
def client(kb: WebKB) -> Iterator[TestClient]:
    with TestClient(create_app(kb.url, token="")) as c:
        yield c


class Page(HTMLParser):
    """What a page holds: links, script elements, event-handler attributes, objects."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.scripts: list[dict[str, str | None]] = []
        self.handlers: list[str] = []
        self.objects: list[str] = []
        self.marks: int = 0
        self.rows: int = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.handlers += [k for k in a if k.lower().startswith("on")]
        if tag == "a" and a.get("href"):
            self.links.append(str(a["href"]))
        elif tag == "script":
            self.scripts.append(a)
        elif tag == "object" and a.get("data"):
            self.objects.append(str(a["data"]))
        elif tag == "mark" and "evidence" in (a.get("class") or ""):
            self.marks += 1
        elif tag == "tr":
            self.rows += 1


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def get_page(client: TestClient, url: str) -> Page:
    r = client.get(url)
    assert r.status_code == 200, (url, r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("text/html")
    assert r.headers["content-security-policy"] == PAGE_CSP
    assert r.headers["x-content-type-options"] == "nosniff"
    page = parse(r.text)
    assert page.scripts == [], f"{url} carries a script element"
    assert page.handlers == [], f"{url} carries event-handler attributes"
    return page


def test_policy_forbids_inline_scripts() -> None:
    directives = dict(d.strip().split(" ", 1) for d in PAGE_CSP.split(";"))
    assert directives["script-src"] == "'self'"
    assert "unsafe" not in PAGE_CSP
    assert "script-src" not in SVG_CSP and "default-src 'none'" in SVG_CSP


def test_overview_links_lead_to_pages(client: TestClient) -> None:
    page = get_page(client, "/")
    internal = sorted({link for link in page.links if link.startswith("/")
                       and not link.startswith("/api") and link != "/docs"})
    kinds = {link.split("/")[1].split("?")[0] for link in internal}
    assert {"countries", "dyads", "events", "people", "network"} <= kinds
    for link in internal:
        target = get_page(client, link)
        for data in target.objects:
            assert client.get(data).status_code == 200, data


def test_country_page_has_partners_charts_and_map(client: TestClient) -> None:
    page = get_page(client, "/countries/AZE")
    assert "/dyads/AZE/GEO" in page.links
    assert {"/charts/countries/AZE/map.svg", "/charts/countries/AZE/months.svg",
            "/charts/countries/AZE/topics.svg"} <= set(page.objects)
    svg = client.get("/charts/countries/AZE/map.svg")
    assert svg.headers["content-type"] == "image/svg+xml"
    assert svg.headers["content-security-policy"] == SVG_CSP
    root = ElementTree.fromstring(svg.text)
    partner = [g for g in root.iter("{http://www.w3.org/2000/svg}g")
               if "ge" in g.get("class", "").split() and "series" in g.get("class", "")]
    assert partner, "Georgia is not shaded on Azerbaijan's map"


@pytest.mark.parametrize("url", [
    "/charts/countries/AZE/map.svg", "/charts/countries/AZE/months.svg",
    "/charts/countries/AZE/topics.svg", "/charts/countries/AZE/figures.svg",
    "/charts/dyads/AUS/FJI/scores.svg", "/charts/dyads/AUS/FJI/figures.svg",
    "/charts/countries/TUV/figures.svg",
])
def test_charts_are_svg_without_script(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 200
    root = ElementTree.fromstring(r.text)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert not list(root.iter("{http://www.w3.org/2000/svg}script"))
    assert len(list(root.iter("{http://www.w3.org/2000/svg}path"))) + len(
        list(root.iter("{http://www.w3.org/2000/svg}rect"))) > 0


def test_dyad_page_timeline_figures_and_plans(client: TestClient) -> None:
    api = client.get("/api/events", params={"country": "AUS", "partner": "FJI",
                                            "status": "occurred"}).json()
    r = client.get("/dyads/AUS/FJI")
    page = get_page(client, "/dyads/AUS/FJI")
    for e in api["items"]:
        assert f"/events/{e['id']}" in page.links
    assert "Planned commitments" in r.text and "Figures" in r.text
    assert "/charts/dyads/AUS/FJI/scores.svg" in page.objects


def test_event_page_highlights_the_evidence(client: TestClient, kb: WebKB) -> None:
    event = client.get("/api/events", params={"country": "AZE", "partner": "GEO",
                                              "type": "CONSULT", "mode": "phone"}).json()
    e = event["items"][0]
    r = client.get(f"/events/{e['id']}")
    page = get_page(client, f"/events/{e['id']}")
    assert page.marks == len(e["mentions"]) >= 1
    evidence = e["mentions"][0]["evidence"]["text"]
    marked = re.search(r'<mark class="evidence">(.*?)</mark>', r.text, re.S)
    assert marked is not None and marked.group(1) == evidence.replace("'", "&#39;").replace(
        '"', "&#34;")


def test_article_markup_shows_as_text(client: TestClient) -> None:
    events = client.get("/api/events", params={"country": "Chile", "partner": "Peru"}).json()
    hostile = [e for e in events["items"] if e["mentions"][0]["doc"] == HOSTILE_ID]
    assert hostile
    for url in (f"/events/{hostile[0]['id']}", f"/documents/{HOSTILE_ID}"):
        r = client.get(url)
        get_page(client, url)
        assert SCRIPT not in r.text and IMG not in r.text
        assert "&lt;script&gt;window.__pwned = 1; alert(1)&lt;/script&gt;" in r.text
        assert "&lt;img src=x onerror=&#34;window.__pwned = 2&#34;&gt;" in r.text


@pytest.mark.parametrize("url, location", [
    ("/search?q=Georgian", "/countries/GEO"),
    ("/search?q=fiji", "/countries/FJI"),
    ("/search?q=Trade", "/events?topic=trade"),
    ("/search?q=", "/"),
    ("/countries/Azerbaijan", "/countries/AZE"),
    ("/dyads/au/Fiji", "/dyads/AUS/FJI"),
])
def test_redirects(client: TestClient, url: str, location: str) -> None:
    r = client.get(url, follow_redirects=False)
    assert r.status_code in (303, 307)
    assert r.headers["location"] == location


def test_search_finds_a_person_and_echoes_safely(client: TestClient) -> None:
    r = client.get("/search", params={"q": "Whitfield"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/people/")
    get_page(client, r.headers["location"])
    r = client.get("/search", params={"q": "<script>alert(1)</script>"})
    assert r.status_code == 200
    assert "<script>alert" not in r.text and "&lt;script&gt;alert(1)" in r.text


@pytest.mark.parametrize("url, status", [
    ("/events/99999999", 404), ("/countries/Narnia", 404), ("/people/99999999", 404),
    ("/dyads/AZE/Azerbaijan", 404), ("/documents/nothing", 404), ("/nowhere", 404),
    ("/events?type=HUG", 422), ("/network?since=someday", 422),
])
def test_errors_are_pages(client: TestClient, url: str, status: int) -> None:
    r = client.get(url)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("text/html")
    assert f"Error {status}" in r.text


def test_events_list_filters_and_pages_without_javascript(client: TestClient) -> None:
    total = client.get("/api/events").json()["total"]
    page = get_page(client, "/events?limit=10")
    assert page.rows == 1 + 10  # header and ten events
    assert any("offset=10" in link for link in page.links)
    last = get_page(client, f"/events?limit=10&offset={total - 3}")
    assert last.rows == 1 + 3
    planned = client.get("/events", params={"status": "planned", "limit": "500"})
    n = client.get("/api/planned").json()["total"]
    assert planned.text.count('<tr class="planned">') == n


def test_network_filters_by_type_and_period(client: TestClient) -> None:
    everything = client.get("/network").text
    accusations = client.get("/network", params={"type": "accuse"}).text
    edges = client.get("/api/network", params={"type": "ACCUSE"}).json()["edges"]
    assert edges
    assert accusations.count('<line class="edge') == len(edges)
    assert everything.count('<line class="edge') > len(edges)
    nodes = {c for e in edges for c in (e["a"], e["b"])}
    assert accusations.count('<circle class="node"') == len(nodes)
    later = client.get("/api/network", params={"since": "2024-01"}).json()["edges"]
    assert 0 < len(later) < everything.count('<line class="edge')


def test_pages_fit_a_phone(client: TestClient) -> None:
    r = client.get("/")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in r.text
    css = client.get("/static/style.css").text
    assert "@media (max-width: 600px)" in css and ".scroll { overflow-x: auto" in css
    assert r.text.count('<div class="scroll">') == r.text.count("<table")


def test_serve_without_a_store_says_how_to_make_one(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from bilat.cli import app

    missing = tmp_path / "none.db"
    result = CliRunner().invoke(app, ["serve", "--db", str(missing)])
    assert result.exit_code == 2
    assert "No knowledge base" in result.output and "bilat ingest" in result.output
    assert not missing.exists()
