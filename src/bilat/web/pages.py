"""The pages: server-rendered HTML over the same queries as the API.

Every value reaches a page through a Jinja2 template with autoescaping on, so
an article's text, a title or a name shows as text whatever it holds. Tables
need no script; charts and the map are SVG documents drawn on the server
(:mod:`bilat.web.charts`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from bilat.gazetteer import load_gazetteer
from bilat.record import CONSULT_MODES, EVENT_TYPES, STATUSES, TOPICS
from bilat.store.query import (
    DyadFilter,
    EventFilter,
    FactFilter,
    PersonFilter,
    PlannedFilter,
    iter_facts,
    iter_people,
    iter_planned,
)
from bilat.store.views import (
    SpanView,
    events_of_person,
    get_document,
    get_event,
    get_person,
)
from bilat.web import params
from bilat.web.api import country_or_404
from bilat.web.app import ReaderDep, SessionDep, render
from bilat.web.charts import network_svg
from bilat.web.params import (
    CountryQ,
    LimitQ,
    ModeQ,
    OffsetQ,
    PartnerQ,
    PersonQ,
    SinceQ,
    StatusQ,
    TopicQ,
    TypeQ,
    UntilQ,
)

router = APIRouter(include_in_schema=False)
#: characters of a document shown around an evidence span on an event page
CONTEXT = 700
#: events in a dyad's timeline page
TIMELINE = 100


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of a document's text, marked when it is evidence."""

    text: str
    span: SpanView | None = None
    focus: bool = False


def excerpt(text: str, start: int, end: int, context: int = CONTEXT) -> list[Segment]:
    """The evidence ``text[start:end]`` marked, with up to ``context`` characters
    either side (cut at a space where there is one)."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    lo, hi = max(0, start - context), min(len(text), end + context)
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space >= 0 else lo
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space >= 0 else hi
    return [
        Segment(("… " if lo > 0 else "") + text[lo:start]),
        Segment(text[start:end], focus=True),
        Segment(text[end:hi] + (" …" if hi < len(text) else "")),
    ]


def marked(text: str, spans: tuple[SpanView, ...], focus: int | None = None) -> list[Segment]:
    """The whole text with every span marked (overlapping spans joined to the first)."""
    out: list[Segment] = []
    cursor = 0
    for span in spans:
        start, end = max(span.start, cursor), min(span.end, len(text))
        if end <= start:
            continue
        out.append(Segment(text[cursor:start]))
        out.append(Segment(text[start:end], span,
                           focus=span.kind == "event" and span.ref == focus))
        cursor = end
    out.append(Segment(text[cursor:]))
    return out


def page_link(request: Request, **changes: Any) -> str:
    query = dict(request.query_params)
    query.update({k: str(v) for k, v in changes.items()})
    return f"{request.url.path}?{urlencode(query)}"


# --- overview and search --------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, read: ReaderDep) -> HTMLResponse:
    return render(request, "overview.html", {
        "counts": read.counts(),
        "dyads": read.dyads(DyadFilter(), limit=12),
        "latest": read.events(EventFilter(status="occurred"), limit=15).events,
        "topics": TOPICS,
    })


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request, session: SessionDep,
    q: Annotated[str, Query(max_length=params.MAX_TEXT)] = "",
) -> Response:
    """A country opens its page, a topic its events; else the people so named."""
    text = q.strip()
    if not text:
        return RedirectResponse("/", status_code=303)
    iso3 = load_gazetteer().resolve(text)
    if iso3 is not None:
        return RedirectResponse(f"/countries/{iso3}", status_code=303)
    if text.lower() in TOPICS:
        return RedirectResponse(f"/events?{urlencode({'topic': text.lower()})}", status_code=303)
    people = list(iter_people(session, PersonFilter(name=text), limit=50))
    if len(people) == 1:
        return RedirectResponse(f"/people/{people[0].id}", status_code=303)
    return render(request, "search.html", {"q": text, "people": people})


# --- lists ----------------------------------------------------------------------------


@router.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request, read: ReaderDep,
    country: CountryQ = None, partner: PartnerQ = None, type: TypeQ = None,
    mode: ModeQ = None, status: StatusQ = None, since: SinceQ = None, until: UntilQ = None,
    person: PersonQ = None, topic: TopicQ = None, limit: LimitQ = 50, offset: OffsetQ = 0,
) -> HTMLResponse:
    f = params.event_filter(country, partner, type, mode, status, since, until, person, topic)
    page = read.events(f, limit=limit, offset=offset)
    return render(request, "events.html", {
        "f": f, "page": page, "modes": CONSULT_MODES, "statuses": STATUSES, "topics": TOPICS,
        "raw": dict(request.query_params),
        "prev": page_link(request, offset=max(0, offset - limit)) if offset else None,
        "next": page_link(request, offset=offset + limit)
        if offset + limit < page.total else None,
    })


@router.get("/people", response_class=HTMLResponse)
def people_page(
    request: Request, session: SessionDep, country: CountryQ = None, name: PersonQ = None,
) -> HTMLResponse:
    f = PersonFilter(country=params.country("country", country), name=params.text("name", name))
    return render(request, "people.html", {
        "people": list(iter_people(session, f, limit=200)), "name": name or "",
        "country": f.country,
    })


# --- a country, a dyad ----------------------------------------------------------------


@router.get("/countries/{code}", response_class=HTMLResponse)
def country_page(request: Request, read: ReaderDep, code: str) -> Response:
    iso3 = country_or_404(code)
    if code != iso3:
        return RedirectResponse(f"/countries/{iso3}", status_code=307)
    facts = list(iter_facts(read.session, FactFilter(country=iso3), limit=300))
    return render(request, "country.html", {
        "iso3": iso3,
        "partners": read.dyads(DyadFilter(country=iso3)),
        "topics": read.topic_counts(iso3),
        "facts": facts,
        "latest": read.events(EventFilter(country=iso3), limit=20),
    })


@router.get("/dyads/{a}/{b}", response_class=HTMLResponse)
def dyad_page(request: Request, read: ReaderDep, a: str, b: str) -> Response:
    iso_a, iso_b = country_or_404(a), country_or_404(b)
    if iso_a == iso_b:
        raise HTTPException(404, "a dyad needs two different countries")
    if (a, b) != (iso_a, iso_b):
        return RedirectResponse(f"/dyads/{iso_a}/{iso_b}", status_code=307)
    session = read.session
    summary = read.dyads(DyadFilter(country=iso_a, partner=iso_b, planned=True))
    timeline = read.events(EventFilter(country=iso_a, partner=iso_b, status="occurred"),
                           limit=TIMELINE)
    return render(request, "dyad.html", {
        "a": iso_a, "b": iso_b,
        "summary": summary[0] if summary else None,
        "timeline": timeline,
        "facts": list(iter_facts(session, FactFilter(country=iso_a, partner=iso_b),
                                 limit=300)),
        "planned": list(iter_planned(session, PlannedFilter(country=iso_a, partner=iso_b),
                                     limit=100)),
    })


# --- an event, a person, a document ---------------------------------------------------


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, session: SessionDep, event_id: int) -> HTMLResponse:
    event = get_event(session, event_id)
    if event is None:
        raise HTTPException(404, f"no event {event_id}")
    sources = []
    for m in event.mentions:
        doc = get_document(session, m.doc)
        if doc is not None:
            sources.append((m, doc, excerpt(doc.text, m.start, m.end)))
    return render(request, "event.html", {"e": event, "sources": sources})


@router.get("/people/{person_id}", response_class=HTMLResponse)
def person_page(request: Request, session: SessionDep, person_id: int) -> HTMLResponse:
    person = get_person(session, person_id)
    if person is None:
        raise HTTPException(404, f"no person {person_id}")
    return render(request, "person.html", {
        "p": person, "events": events_of_person(session, person_id, limit=200),
    })


@router.get("/documents/{doc:path}", response_class=HTMLResponse)
def document_page(
    request: Request, session: SessionDep, doc: str,
    event: Annotated[int | None, Query(ge=0)] = None,
) -> HTMLResponse:
    found = get_document(session, doc) if len(doc) <= 512 else None
    if found is None:
        raise HTTPException(404, f"no document {doc!r}")
    return render(request, "document.html", {
        "d": found, "segments": marked(found.text, found.spans, event),
    })


# --- the network ----------------------------------------------------------------------


@router.get("/network", response_class=HTMLResponse)
def network_page(
    request: Request, read: ReaderDep,
    type: TypeQ = None, since: SinceQ = None, until: UntilQ = None,
) -> HTMLResponse:
    chosen = params.choice("type", type, EVENT_TYPES, upper=True)
    edges = read.network(chosen, params.date_bound("since", since),
                         params.date_bound("until", until), 150)
    return render(request, "network.html", {
        "edges": edges, "svg": network_svg(edges), "type": chosen or "",
        "since": since or "", "until": until or "",
    })
