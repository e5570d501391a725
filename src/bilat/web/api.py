"""The JSON API (``/api``): the query commands' answers over HTTP.

Every list takes the filters of its command (``bilat events``, ``dyads``,
``people``, ``facts``, ``planned``), ``limit`` (at most
:data:`~bilat.web.params.MAX_LIMIT`) and ``offset``, and answers
``{"total"?, "offset", "limit", "more", "items"}``, or with ``format=csv`` the
CSV of the command's ``--format csv`` for the same rows. Countries are given by
name, demonym or code. Unknown ids answer 404, bad parameters 422, both as JSON
``{"error": message, ...}``.

``POST /api/documents`` (ingest one posted article, answer its record) is only
routed when the app has a token, and requires it as a bearer token.
"""

from __future__ import annotations

import csv
import hmac
import io
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Body, Header, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from bilat.commands.query import (
    DYAD_CSV,
    EVENT_CSV,
    FACT_CSV,
    PLANNED_CSV,
    _event_csv_rows,
    _planned_rows,
    _series,
)
from bilat.gazetteer import load_gazetteer
from bilat.record import EVENT_TYPES, FACT_KINDS
from bilat.store.query import (
    DyadFilter,
    EventFilter,
    FactFilter,
    FactView,
    PersonFilter,
    PersonView,
    iter_facts,
    iter_people,
)
from bilat.store.views import (
    events_of_person,
    get_document,
    get_event,
    get_person,
)
from bilat.web import params
from bilat.web.app import ReaderDep, SessionDep
from bilat.web.params import (
    DEFAULT_LIMIT,
    CountryQ,
    KindQ,
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

router = APIRouter(prefix="/api", tags=["knowledge base"])
write_router = APIRouter(prefix="/api", tags=["writing (only with BILAT_TOKEN)"])

T = TypeVar("T")
FormatQ = Annotated[Literal["json", "csv"], Query(description="json (default) or csv.")]


def csv_response(header: list[str], rows: Iterable[list[Any]], name: str) -> Response:
    """Rows as CSV, as the CLI writes them (empty cell for None)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


def listing(items: list[dict[str, Any]], *, offset: int, limit: int, more: bool,
            total: int | None = None) -> JSONResponse:
    """A page of a list (answered as is: the items are plain JSON already)."""
    body: dict[str, Any] = {"offset": offset, "limit": limit, "more": more, "items": items}
    if total is not None:
        body = {"total": total, **body}
    return JSONResponse(body)


def window(items: Iterator[T], offset: int, limit: int) -> tuple[list[T], bool]:
    """Items ``offset`` to ``offset + limit`` and whether more follow."""
    taken = list(islice(items, offset, offset + limit + 1))
    return taken[:limit], len(taken) > limit


def not_found(what: str) -> HTTPException:
    return HTTPException(404, f"no {what}")


# --- events ---------------------------------------------------------------------------


@router.get("/events", summary="Events, newest first, with their reports")
def events(
    read: ReaderDep,
    country: CountryQ = None,
    partner: PartnerQ = None,
    type: TypeQ = None,
    mode: ModeQ = None,
    status: StatusQ = None,
    since: SinceQ = None,
    until: UntilQ = None,
    person: PersonQ = None,
    topic: TopicQ = None,
    limit: LimitQ = DEFAULT_LIMIT,
    offset: OffsetQ = 0,
    mentions: Annotated[bool, Query(description="Each event's reports and evidence.")] = True,
    format: FormatQ = "json",
) -> Any:
    """The filters of `bilat events`; `total` counts every match."""
    f = params.event_filter(country, partner, type, mode, status, since, until, person, topic)
    page = read.events(f, limit=limit, offset=offset, mentions=mentions or format == "csv")
    if format == "csv":
        return csv_response(EVENT_CSV, _event_csv_rows(page.events), "events")
    return listing([e.to_dict() for e in page.events], offset=offset, limit=limit,
                   more=offset + len(page.events) < page.total, total=page.total)


@router.get("/events/{event_id}", summary="One event with every report and its evidence")
def event(session: SessionDep, event_id: int) -> dict[str, Any]:
    found = get_event(session, event_id)
    if found is None:
        raise not_found(f"event {event_id}")
    return found.to_dict()


# --- dyads ----------------------------------------------------------------------------


@router.get("/dyads", summary="Pairs of countries ranked by number of events")
def dyads_api(
    read: ReaderDep,
    country: CountryQ = None,
    partner: PartnerQ = None,
    since: SinceQ = None,
    until: UntilQ = None,
    planned: Annotated[bool, Query(description="Count planned events too.")] = False,
    limit: LimitQ = DEFAULT_LIMIT,
    offset: OffsetQ = 0,
    format: FormatQ = "json",
) -> Any:
    """The filters of `bilat dyads`: with `country`, its partners."""
    iso_a = params.country("country", country)
    iso_b = params.country("partner", partner)
    params.pair(iso_a, iso_b)
    ranked = read.dyads(DyadFilter(
        country=iso_a, partner=iso_b, since=params.date_bound("since", since),
        until=params.date_bound("until", until), planned=planned,
    ))
    rows = ranked[offset:offset + limit]
    if format == "csv":
        return csv_response(DYAD_CSV, (
            [d.country, d.partner, d.n_events, d.last_contact, f"{d.score:.2f}",
             ";".join(f"{t}:{s:.3f}" for t, s in d.shares.items()),
             ";".join(f"{t}:{n}" for t, n in d.types), _series(d, sep=";")]
            for d in rows
        ), "dyads")
    return listing([d.to_dict() for d in rows], offset=offset, limit=limit,
                   more=offset + len(rows) < len(ranked), total=len(ranked))


# --- countries ------------------------------------------------------------------------


def country_or_404(code: str) -> str:
    iso3 = load_gazetteer().resolve(code) if len(code) <= params.MAX_TEXT else None
    if iso3 is None:
        raise not_found(f"country {code!r}")
    return iso3


@router.get("/countries/{code}", summary="A country: partners, months, topics, figures")
def country_api(read: ReaderDep, code: str) -> dict[str, Any]:
    """`code`: a name, demonym, ISO3 or ISO2 code."""
    iso3 = country_or_404(code)
    return {
        "country": iso3,
        "name": load_gazetteer().name(iso3),
        "partners": [d.to_dict() for d in read.dyads(DyadFilter(country=iso3))],
        "monthly": [{"month": m, "type": t, "n_events": n}
                    for m, t, n in read.monthly_types(iso3)],
        "topics": dict(read.topic_counts(iso3)),
        "figures": [x.to_dict() for x in iter_facts(read.session, FactFilter(country=iso3),
                                                    limit=params.MAX_LIMIT)],
    }


# --- people ---------------------------------------------------------------------------


@router.get("/people", summary="People, by number of events")
def people(
    session: SessionDep,
    country: CountryQ = None,
    name: PersonQ = None,
    limit: LimitQ = DEFAULT_LIMIT,
    offset: OffsetQ = 0,
    format: FormatQ = "json",
) -> Any:
    """The filters of `bilat people`: a country, part of any spelling of a name."""
    f = PersonFilter(country=params.country("country", country), name=params.text("name", name))
    rows, more = window(iter_people(session, f, limit=offset + limit + 1), offset, limit)
    if format == "csv":
        return csv_response(PEOPLE_CSV, (_person_row(p) for p in rows), "people")
    return listing([p.to_dict() for p in rows], offset=offset, limit=limit, more=more)


PEOPLE_CSV = ["person_id", "name", "country", "n_events", "spellings", "titles"]


def _person_row(p: PersonView) -> list[Any]:
    titles = "; ".join(f"{t.title} ({', '.join(t.seen)})" if t.seen else t.title
                       for t in p.titles)
    return [p.id, p.name, p.country, p.n_events, "; ".join(p.names), titles]


@router.get("/people/{person_id}", summary="One person: spellings, titles, events")
def person(session: SessionDep, person_id: int) -> dict[str, Any]:
    found = get_person(session, person_id)
    if found is None:
        raise not_found(f"person {person_id}")
    return {**found.to_dict(),
            "events": [e.to_dict() for e in events_of_person(session, person_id,
                                                             limit=params.MAX_LIMIT)]}


# --- facts and planned events ---------------------------------------------------------


def _fact_row(x: FactView) -> list[Any]:
    return [x.id, x.kind, x.country_a, x.country_b, x.dyad, x.to_dict()["value"], x.unit,
            x.period, x.doc, x.published, x.start, x.end, x.text]


@router.get("/facts", summary="Figures per dyad as time series")
def facts(
    session: SessionDep,
    country: CountryQ = None,
    partner: PartnerQ = None,
    kind: KindQ = None,
    limit: LimitQ = DEFAULT_LIMIT,
    offset: OffsetQ = 0,
    format: FormatQ = "json",
) -> Any:
    """The filters of `bilat facts`."""
    iso_a = params.country("country", country)
    iso_b = params.country("partner", partner)
    params.pair(iso_a, iso_b)
    f = FactFilter(country=iso_a, partner=iso_b,
                   kind=params.choice("kind", kind, FACT_KINDS, upper=False))
    rows, more = window(iter_facts(session, f, limit=offset + limit + 1), offset, limit)
    if format == "csv":
        return csv_response(FACT_CSV, (_fact_row(x) for x in rows), "facts")
    return listing([x.to_dict() for x in rows], offset=offset, limit=limit, more=more)


@router.get("/planned", summary="Planned events and whether they took place")
def planned(
    read: ReaderDep,
    country: CountryQ = None,
    partner: PartnerQ = None,
    type: TypeQ = None,
    outstanding: Annotated[bool, Query(description="Only plans not yet followed.")] = False,
    limit: LimitQ = DEFAULT_LIMIT,
    offset: OffsetQ = 0,
    format: FormatQ = "json",
) -> Any:
    """The filters of `bilat planned`."""
    iso_a = params.country("country", country)
    iso_b = params.country("partner", partner)
    params.pair(iso_a, iso_b)
    f = EventFilter(country=iso_a, partner=iso_b, status="planned",
                    type=params.choice("type", type, EVENT_TYPES, upper=True),
                    fulfilled=False if outstanding else None)
    page = read.events(f, limit=limit, offset=offset, mentions=format == "json")
    if format == "csv":
        return csv_response(PLANNED_CSV, _planned_rows(page.events), "planned")
    return listing([e.to_dict() for e in page.events], offset=offset, limit=limit,
                   more=offset + len(page.events) < page.total, total=page.total)


# --- documents, network, counts -------------------------------------------------------


@router.get("/documents/{doc:path}", summary="One document: text, metadata, spans")
def document(session: SessionDep, doc: str) -> dict[str, Any]:
    found = get_document(session, doc) if len(doc) <= 512 else None
    if found is None:
        raise not_found(f"document {doc!r}")
    return found.to_dict()


@router.get("/network", summary="Countries linked by their occurred events")
def network(
    read: ReaderDep,
    type: TypeQ = None,
    since: SinceQ = None,
    until: UntilQ = None,
    limit: LimitQ = 200,
) -> dict[str, Any]:
    edges = read.network(
        params.choice("type", type, EVENT_TYPES, upper=True),
        params.date_bound("since", since), params.date_bound("until", until), limit,
    )
    return {"edges": [e.to_dict() for e in edges]}


@router.get("/stats", summary="How much the knowledge base holds")
def stats(read: ReaderDep) -> dict[str, int]:
    return read.counts().to_dict()


# --- writing --------------------------------------------------------------------------


class PostedDocument(BaseModel):
    """An article to ingest."""

    text: str = Field(min_length=1, max_length=1_000_000)
    id: str | None = Field(default=None, max_length=200, pattern=r"^[\w.:-]{1,200}$")
    title: str | None = Field(default=None, max_length=1000)
    published: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    url: str | None = Field(default=None, max_length=2000)


def _extractor(request: Request) -> Any:
    """The app's extractor, loaded on the first post (spaCy takes seconds)."""
    with request.app.state.write_lock:
        loaded = getattr(request.app.state, "extractor", None)
        if loaded is None:
            from bilat import Extractor, Options

            loaded = Extractor(Options())
            request.app.state.extractor = loaded
        return loaded


def _authorised(request: Request, authorization: str | None) -> None:
    expected: str = request.app.state.token
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode("utf-8"), expected.encode("utf-8")
    ):
        raise HTTPException(401, "a valid bearer token is required",
                            headers={"WWW-Authenticate": "Bearer"})


@write_router.post("/documents", summary="Ingest one article (bearer token required)")
def post_document(
    request: Request,
    posted: Annotated[PostedDocument, Body()],
    authorization: Annotated[str | None, Header()] = None,
) -> JSONResponse:
    """Extract the article, store it, and answer its record (201)."""
    _authorised(request, authorization)
    import hashlib

    from bilat.document import Document
    from bilat.store.writer import DocumentWriter

    doc_id = posted.id or "posted-" + hashlib.sha256(posted.text.encode()).hexdigest()[:16]
    document = Document(id=doc_id, text=posted.text, source="api", title=posted.title,
                        published=posted.published, url=posted.url)
    extractor = _extractor(request)
    with request.app.state.write_lock:  # one article at a time through the pipeline
        record = extractor.extract_one(document)
        result = DocumentWriter(request.app.state.store).write(document, record)
        request.app.state.cache.clear()
        request.app.state.answers.clear()
    return JSONResponse({"outcome": result.outcome, "record": record.to_dict()},
                        status_code=201)
