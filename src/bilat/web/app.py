"""The web app: one FastAPI application serving the JSON API (``/api``), the
pages, the charts and the static files, over one opened store.

Safety is set here for every response: a Content-Security-Policy that lets
scripts come only from the app itself (no inline script runs), no framing, no
MIME sniffing; request bodies are bounded (:data:`MAX_BODY`); errors are JSON
under ``/api`` and small HTML pages elsewhere. The interactive API docs page
loads Swagger UI from the installed ``swagger_ui_bundle`` package, served by
the app, so it works offline.
"""

from __future__ import annotations

import os
import threading
from collections.abc import AsyncIterator, Hashable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import HTTPException, RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bilat import __version__
from bilat.errors import StoreError
from bilat.gazetteer import load_gazetteer
from bilat.record import EVENT_TYPES
from bilat.store.db import Store, open_existing_store
from bilat.store.generation import WriteGeneration
from bilat.web.cache import GENERATION_KEY, AnswerCache, ResponseCache, TTLCache
from bilat.web.params import BadParameter
from bilat.web.reader import Reader

HERE = Path(__file__).resolve().parent
#: the largest request body accepted (a posted article), in bytes
MAX_BODY = 2 * 1024 * 1024
TOKEN_ENV = "BILAT_TOKEN"
#: how long the app keeps an aggregate (a count, a ranking, chart data) or a whole
#: answer, in seconds, unless the store is written to before (then: not at all)
CACHE_SECONDS = 60.0
#: the most bytes of whole answers the app keeps
RESPONSE_CACHE_BYTES = 64 * 1024 * 1024

#: pages: scripts, styles, images and embedded charts from the app only
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
#: the API docs page: Swagger UI sets style elements of its own
DOCS_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
#: a chart (an SVG document): its own style element, nothing else, no script
SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"


def swagger_dir() -> Path:
    """The Swagger UI files the ``swagger_ui_bundle`` package ships."""
    import swagger_ui_bundle

    return Path(swagger_ui_bundle.swagger_ui_path)


def country_name(iso3: str | None) -> str:
    return load_gazetteer().name(iso3) if iso3 else ""


#: the pages' templates (Jinja2 autoescapes every value); set up once, never changed
templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.globals.update(country_name=country_name, event_types=EVENT_TYPES)


class BodyLimit:
    """Refuses request bodies over ``limit`` bytes (413), declared or streamed."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = self.limit + 1
                if declared > self.limit:
                    await _too_large(send, self.limit)
                    return
        seen = 0

        async def bounded() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise HTTPException(413, f"request body over {self.limit} bytes")
            return message

        await self.app(scope, bounded, send)


class SecurityHeaders:
    """Adds the policy and hardening headers to every response that has none."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = (DOCS_CSP if scope.get("path") == "/docs" else PAGE_CSP).encode()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", csp))
                headers += [(b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"no-referrer"),
                            (b"x-frame-options", b"SAMEORIGIN")]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _too_large(send: Send, limit: int) -> None:
    response = JSONResponse({"error": f"request body over {limit} bytes"}, status_code=413)
    await send({"type": "http.response.start", "status": 413,
                "headers": [(k.encode(), v.encode()) for k, v in response.headers.items()]})
    await send({"type": "http.response.body", "body": response.body})


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def error_page(request: Request, status: int, message: str) -> Response:
    """An error as JSON under /api, else as a small page."""
    if _is_api(request):
        return JSONResponse({"error": message, "status": status}, status_code=status)
    return templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status
    )


def create_app(db: str | None = None, *, token: str | None = None,
               store: Store | None = None, cache_seconds: float = CACHE_SECONDS) -> FastAPI:
    """The app over the store at ``db`` (see :func:`bilat.store.db.resolve_url`).

    ``token`` (default: ``$BILAT_TOKEN``) enables ``POST /api/documents`` for
    clients that send it as a bearer token; without it the app is read-only.
    Aggregates and whole answers to GET requests are kept ``cache_seconds`` at
    most, and never past a write to the store (0: not kept; see
    :mod:`bilat.web.cache`).
    Raises :class:`bilat.store.db.NoStoreError` when there is no store there.
    """
    opened = store if store is not None else open_existing_store(db)
    secret = token if token is not None else os.environ.get(TOKEN_ENV) or None
    generation = WriteGeneration(opened)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        generation.close()
        if store is None:
            opened.close()

    app = FastAPI(
        lifespan=lifespan,
        title="bilat",
        version=__version__,
        description="Bilateral relations extracted from foreign-affairs news: events, "
        "dyads, people, figures and the evidence for each.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = opened
    app.state.token = secret
    app.state.write_lock = threading.Lock()
    app.state.cache = TTLCache(cache_seconds)
    app.state.generation = generation
    app.state.answers = AnswerCache(cache_seconds, budget=RESPONSE_CACHE_BYTES)

    app.add_middleware(GZipMiddleware, minimum_size=2000, compresslevel=5)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, limit=MAX_BODY)
    # outermost: it keeps final answers (headers and compression included)
    app.add_middleware(ResponseCache, generation=generation.current,
                       answers=app.state.answers)

    @app.exception_handler(BadParameter)
    async def bad_parameter(request: Request, exc: BadParameter) -> Response:
        if _is_api(request):
            return JSONResponse({"error": f"{exc.name}: {exc.message}", "parameter": exc.name,
                                 "status": 422},
                                status_code=422)
        return error_page(request, 422, f"{exc.name}: {exc.message}")

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = [
            {"parameter": ".".join(str(p) for p in e.get("loc", ())[1:]) or None,
             "message": str(e.get("msg", ""))}
            for e in exc.errors()
        ]
        message = "; ".join(f"{p['parameter']}: {p['message']}" for p in problems)
        if _is_api(request):
            return JSONResponse({"error": message, "problems": problems, "status": 422},
                                status_code=422)
        return error_page(request, 422, message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        response = error_page(request, exc.status_code, str(exc.detail))
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return error_page(request, 503, f"the knowledge base cannot be read: {exc}")

    app.mount("/static/swagger", StaticFiles(directory=swagger_dir()), name="swagger")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        return templates.TemplateResponse(request, "docs.html", {})

    from bilat.web import api, charts, pages

    app.include_router(api.router)
    if secret:
        app.include_router(api.write_router)
    app.include_router(charts.router)
    app.include_router(pages.router)

    return app


def get_session(request: Request) -> Iterator[Session]:
    """A session on the app's store for one request."""
    opened: Store = request.app.state.store
    with opened.session() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def request_generation(request: Request) -> Hashable | None:
    """The store's write generation read when the request came in (see
    :class:`bilat.web.cache.ResponseCache`), else read now."""
    state = request.scope.get("state") or {}
    if GENERATION_KEY in state:
        return state[GENERATION_KEY]  # type: ignore[no-any-return]
    watcher: WriteGeneration = request.app.state.generation
    return watcher.current()


def get_reader(request: Request, session: SessionDep) -> Reader:
    """The store's queries for one request, aggregates through the app's cache
    under the generation the request reads at."""
    return Reader(session, request.app.state.cache, request_generation(request))


ReaderDep = Annotated[Reader, Depends(get_reader)]


def render(request: Request, template: str, context: dict[str, Any],
           status_code: int = 200) -> HTMLResponse:
    """A page from ``templates/`` (autoescaped: every value is text)."""
    return templates.TemplateResponse(request, template, context, status_code=status_code)
