"""The HTTP API (bilat.web) on a real store: the bundled samples (and one
article carrying markup) ingested by the real extractor into SQLite and
PostgreSQL, queried through FastAPI's TestClient.

Answers are checked against the store's own query functions (the oracle the
query commands use), so the API and `bilat events/dyads/...` cannot drift
apart: same filters, same order, same rows, every page of a listing together
giving the whole listing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from bilat import Extractor
from bilat.commands.query import DYAD_CSV, EVENT_CSV, FACT_CSV, PLANNED_CSV
from bilat.store import open_store
from bilat.store.query import (
    DyadFilter,
    EventFilter,
    FactFilter,
    PersonFilter,
    PlannedFilter,
    dyads,
    iter_events,
    iter_facts,
    iter_people,
    iter_planned,
    open_existing_store,
)
from bilat.web.app import MAX_BODY, create_app
from tests.webkb import HOSTILE_ID, SCRIPT, WebKB, load_kb, sqlite_kb_fixture  # noqa: F401 (fixture)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def kb(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
       extractor: Extractor) -> WebKB:
    """The corpus ingested once per backend for the module."""
    if request.param == "sqlite":
        kb: WebKB = request.getfixturevalue("sqlite_kb")
        return kb
    from tests.pg import fresh_database

    url = fresh_database()
    if url is None:
        pytest.skip("no PostgreSQL server could be started here")
    folder = tmp_path_factory.mktemp("webkb-pg")
    return load_kb(url, extractor, folder / "articles")


@pytest.fixture(scope="module")
def client(kb: WebKB) -> Iterator[TestClient]:
    with TestClient(create_app(kb.url, token="")) as c:
        yield c


@pytest.fixture
def session(kb: WebKB) -> Iterator[Any]:
    store = open_existing_store(kb.url)
    try:
        with store.session() as s:
            yield s
    finally:
        store.close()


def _all_pages(client: TestClient, path: str, query: dict[str, str], size: int) -> list[Any]:
    """Every item of a listing, read ``size`` at a time."""
    items: list[Any] = []
    offset = 0
    while True:
        r = client.get(path, params={**query, "limit": str(size), "offset": str(offset)})
        assert r.status_code == 200, r.text
        body = r.json()
        items += body["items"]
        assert len(body["items"]) <= size
        if not body["more"]:
            return items
        offset += size


# --- events ---------------------------------------------------------------------------

EVENT_QUERIES = [
    ({}, EventFilter()),
    ({"country": "Azerbaijan"}, EventFilter(country="AZE")),
    ({"country": "Azerbaijani", "partner": "GE"}, EventFilter(country="AZE", partner="GEO")),
    ({"country": "aus", "partner": "Fiji", "status": "occurred"},
     EventFilter(country="AUS", partner="FJI", status="occurred")),
    ({"type": "consult", "mode": "PHONE"}, EventFilter(type="CONSULT", mode="phone")),
    ({"since": "2023-07", "until": "2024"}, EventFilter(since="2023-07", until="2024")),
    ({"status": "planned"}, EventFilter(status="planned")),
    ({"topic": "trade"}, EventFilter(topic="trade")),
    ({"person": "Whitfield"}, EventFilter(person="Whitfield")),
    # a dyad with a type, or with dates, is counted on the pair's index alone
    ({"country": "KGZ", "partner": "TJK", "type": "accuse"},
     EventFilter(country="KGZ", partner="TJK", type="ACCUSE")),
    ({"country": "TJK", "partner": "KGZ"}, EventFilter(country="TJK", partner="KGZ")),
    ({"country": "AUS", "partner": "FJI", "since": "2024-02", "until": "2024-02-06"},
     EventFilter(country="AUS", partner="FJI", since="2024-02", until="2024-02-06")),
    ({"country": "ESP", "partner": "MEX", "status": "planned", "mode": "visit"},
     EventFilter(country="ESP", partner="MEX", status="planned", mode="visit")),
]


@pytest.mark.parametrize("query, f", EVENT_QUERIES)
def test_events_pages_make_the_cli_listing(
    client: TestClient, session: Any, query: dict[str, str], f: EventFilter
) -> None:
    expected = [e.to_dict() for e in iter_events(session, f, mentions=True)]
    assert expected or query.get("person"), f"the samples hold no event for {query}"
    first = client.get("/api/events", params={**query, "limit": "3"}).json()
    assert first["total"] == len(expected)
    assert first["more"] == (len(expected) > 3)
    assert _all_pages(client, "/api/events", query, 3) == expected


def test_event_by_id_has_every_mention_with_its_evidence(
    client: TestClient, kb: WebKB, session: Any
) -> None:
    some = next(iter_events(session, EventFilter(country="AZE", partner="GEO"), mentions=True))
    body = client.get(f"/api/events/{some.id}").json()
    assert body == some.to_dict()
    assert body["mentions"]
    for m in body["mentions"]:
        ev = m["evidence"]
        assert kb.texts[m["doc"]][ev["start"]:ev["end"]] == ev["text"]


def test_document_has_text_metadata_and_spans(client: TestClient, kb: WebKB) -> None:
    body = client.get(f"/api/documents/{HOSTILE_ID}").json()
    assert body["text"] == kb.texts[HOSTILE_ID]
    assert body["published"] == "2024-05-02"
    assert body["events"], "the hostile article should yield events"
    for span in body["events"] + body["facts"]:
        ev = span["evidence"]
        assert body["text"][ev["start"]:ev["end"]] == ev["text"]
    assert any(SCRIPT in s["evidence"]["text"] for s in body["events"])


# --- dyads, countries, people, facts, planned -------------------------------------------


@pytest.mark.parametrize("query, f", [
    ({}, DyadFilter()),
    ({"country": "Australian"}, DyadFilter(country="AUS")),
    ({"country": "KZ", "partner": "Uzbekistan"}, DyadFilter(country="KAZ", partner="UZB")),
    ({"since": "2024", "planned": "true"}, DyadFilter(since="2024", planned=True)),
])
def test_dyads_match_the_cli(client: TestClient, session: Any, query: dict[str, str],
                             f: DyadFilter) -> None:
    expected = [d.to_dict() for d in dyads(session, f)]
    assert expected
    assert _all_pages(client, "/api/dyads", query, 4) == expected
    assert client.get("/api/dyads", params=query).json()["total"] == len(expected)


def test_country_by_name_code_or_demonym(client: TestClient, session: Any) -> None:
    bodies = [client.get(f"/api/countries/{c}").json() for c in ("AZE", "az", "Azerbaijani")]
    assert bodies[0] == bodies[1] == bodies[2]
    body = bodies[0]
    assert body["country"] == "AZE" and body["name"] == "Azerbaijan"
    assert body["partners"] == [d.to_dict() for d in dyads(session, DyadFilter(country="AZE"))]
    dated = [e for e in iter_events(session, EventFilter(country="AZE", status="occurred"))
             if e.date and len(e.date) >= 7 and not e.date.startswith("X")]
    assert sum(m["n_events"] for m in body["monthly"]) == len(dated)
    assert body["figures"] == [
        x.to_dict() for x in iter_facts(session, FactFilter(country="AZE"))
    ]
    assert sum(body["topics"].values()) >= len(body["topics"]) > 0


@pytest.mark.parametrize("path, query, oracle", [
    ("/api/people", {}, lambda s: iter_people(s, PersonFilter())),
    ("/api/people", {"country": "Australia"}, lambda s: iter_people(s, PersonFilter("AUS"))),
    ("/api/people", {"name": "mammadov"},
     lambda s: iter_people(s, PersonFilter(name="mammadov"))),
    ("/api/facts", {}, lambda s: iter_facts(s, FactFilter())),
    ("/api/facts", {"country": "Kazakhstan", "kind": "exports"},
     lambda s: iter_facts(s, FactFilter(country="KAZ", kind="exports"))),
    ("/api/planned", {}, lambda s: iter_planned(s, PlannedFilter(), mentions=True)),
    ("/api/planned", {"outstanding": "true", "country": "Spain"},
     lambda s: iter_planned(s, PlannedFilter(country="ESP", outstanding=True), mentions=True)),
])
def test_lists_match_the_cli(client: TestClient, session: Any, path: str,
                             query: dict[str, str], oracle: Any) -> None:
    expected = [x.to_dict() for x in oracle(session)]
    assert expected
    assert _all_pages(client, path, query, 5) == expected


def test_person_by_id_with_events(client: TestClient, session: Any) -> None:
    top = next(iter_people(session, PersonFilter()))
    body = client.get(f"/api/people/{top.id}").json()
    assert body["name"] == top.name and body["names"] == list(top.names)
    assert len(body["events"]) == top.n_events
    for e in body["events"]:
        assert top.id in {p["person_id"] for p in e["participants"]}


# --- CSV ------------------------------------------------------------------------------


@pytest.mark.parametrize("path, header", [
    ("/api/events?country=AZE", EVENT_CSV),
    ("/api/dyads", DYAD_CSV),
    ("/api/facts", FACT_CSV),
    ("/api/planned", PLANNED_CSV),
    ("/api/people", ["person_id", "name", "country", "n_events", "spellings", "titles"]),
])
def test_every_list_has_csv(client: TestClient, path: str, header: list[str]) -> None:
    sep = "&" if "?" in path else "?"
    r = client.get(f"{path}{sep}format=csv&limit=20")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0] == header
    assert len(rows) > 1
    assert all(len(row) == len(header) for row in rows)


def test_events_csv_has_one_row_per_report(client: TestClient) -> None:
    listing = client.get("/api/events", params={"country": "AZE"}).json()
    rows = list(csv.DictReader(io.StringIO(
        client.get("/api/events", params={"country": "AZE", "format": "csv"}).text)))
    assert len(rows) == sum(max(1, len(e["mentions"])) for e in listing["items"])
    assert {int(r["event_id"]) for r in rows} == {e["id"] for e in listing["items"]}


# --- errors ---------------------------------------------------------------------------


@pytest.mark.parametrize("url, parameter", [
    ("/api/events?country=Narnia", "country"),
    ("/api/events?country=AZE&partner=Azerbaijan", "partner"),
    ("/api/events?type=HUG", "type"),
    ("/api/events?mode=telepathy", "mode"),
    ("/api/events?status=maybe", "status"),
    ("/api/events?since=2023-13", "since"),
    ("/api/events?until=yesterday", "until"),
    ("/api/events?topic=gossip", "topic"),
    ("/api/events?limit=0", "limit"),
    ("/api/events?limit=501", "limit"),
    ("/api/events?offset=-1", "offset"),
    ("/api/events?format=xml", "format"),
    ("/api/events?person=" + "x" * 201, "person"),
    ("/api/dyads?since=20233", "since"),
    ("/api/facts?kind=gdp", "kind"),
    ("/api/people?country=Atlantis", "country"),
    ("/api/planned?type=nothing", "type"),
    ("/api/network?type=nothing", "type"),
    ("/api/events/abc", "event_id"),
])
def test_bad_parameters_are_422_json(client: TestClient, url: str, parameter: str) -> None:
    r = client.get(url)
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["status"] == 422 and parameter in body["error"]


@pytest.mark.parametrize("url", [
    "/api/events/99999999", "/api/documents/no-such-document", "/api/countries/Narnia",
    "/api/people/99999999", "/api/nothing-here",
])
def test_unknown_ids_are_404_json(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/json")
    assert r.json()["error"]


def test_openapi_schema_and_offline_docs(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/dyads", "/api/countries/{code}",
            "/api/people", "/api/facts", "/api/planned", "/api/documents/{doc}"} <= set(
        schema["paths"])
    assert "post" not in schema["paths"].get("/api/documents", {})
    page = client.get("/docs")
    assert page.status_code == 200
    assert "http" not in page.text.replace('"/', "")  # no absolute URL: nothing from a CDN
    for asset in ("/static/swagger/swagger-ui-bundle.js", "/static/swagger/swagger-ui.css",
                  "/static/docs.js"):
        assert client.get(asset).status_code == 200, asset
    assert "script-src 'self'" in page.headers["content-security-policy"]


# --- writing --------------------------------------------------------------------------


def test_read_only_without_a_token(client: TestClient) -> None:
    r = client.post("/api/documents", json={"text": "Chile and Peru met."})
    assert r.status_code in (404, 405)


@pytest.fixture
def writable(tmp_path: Path, extractor: Extractor) -> Iterator[TestClient]:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    open_store(url).close()
    app = create_app(url, token="correct horse battery staple")
    app.state.extractor = extractor  # the session's, instead of loading spaCy again
    with TestClient(app) as c:
        yield c


ARTICLE = {
    "id": "posted-1",
    "published": "2024-03-05",
    "text": "date 2024-03-05\n\nUruguayan Foreign Minister Ana Berreta met her Paraguayan "
            "counterpart Luis Gamarra in Asuncion on Monday to discuss river transport.\n",
}


@pytest.mark.parametrize("headers", [
    {}, {"Authorization": "Bearer wrong"}, {"Authorization": "correct horse battery staple"},
    {"Authorization": "Basic correct horse battery staple"},
])
def test_posting_needs_the_bearer_token(writable: TestClient, headers: dict[str, str]) -> None:
    r = writable.post("/api/documents", json=ARTICLE, headers=headers)
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"


def test_posting_with_the_token_ingests(writable: TestClient) -> None:
    auth = {"Authorization": "Bearer correct horse battery staple"}
    assert writable.get("/api/events", params={"country": "Uruguay"}).json()["total"] == 0
    r = writable.post("/api/documents", json=ARTICLE, headers=auth)
    assert r.status_code == 201, r.text
    record = r.json()["record"]
    assert record["doc"] == "posted-1"
    assert {tuple(e["countries"]) for e in record["events"]} == {("PRY", "URY")}
    stored = writable.get("/api/documents/posted-1").json()
    assert stored["text"] == ARTICLE["text"]
    # the count kept before the post was forgotten when the app wrote
    assert writable.get("/api/events", params={"country": "Uruguay"}).json()["total"] >= 1
    again = writable.post("/api/documents", json=ARTICLE, headers=auth)
    assert again.json()["outcome"] == "unchanged"


def test_bodies_are_bounded(writable: TestClient) -> None:
    auth = {"Authorization": "Bearer correct horse battery staple"}
    big = {"text": "x" * (MAX_BODY + 10)}
    r = writable.post("/api/documents", json=big, headers=auth)
    assert r.status_code == 413
    assert "body" in r.json()["error"]


def test_cache_keeps_values_for_their_time_only() -> None:
    from bilat.web.cache import TTLCache

    now = [100.0]
    made: list[int] = []

    def make() -> int:
        made.append(1)
        return len(made)

    cache = TTLCache(10, size=2, clock=lambda: now[0])
    assert cache.get("a", make) == 1
    assert cache.get("a", make) == 1  # kept
    now[0] += 10.5
    assert cache.get("a", make) == 2  # expired, made again
    cache.get("b", make)
    cache.get("c", make)  # over size: "a", the least recently used, goes
    assert cache.get("a", make) == 5
    cache.clear()
    assert cache.get("b", make) == 6
    off = TTLCache(0)
    assert off.get("x", make) == 7 and off.get("x", make) == 8
