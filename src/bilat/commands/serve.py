"""``bilat serve``: the web app and JSON API over the knowledge base."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from bilat.commands.output import print_error
from bilat.errors import BilatError

EXIT_FATAL = 2


def serve(
    db: Annotated[
        str | None,
        typer.Option("--db", help="Database URL or SQLite path (default: $BILAT_DB or bilat.db)."),
    ] = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port.")] = 8000,
    cache_seconds: Annotated[
        float,
        typer.Option("--cache-seconds", min=0,
                     help="How long counts, rankings and whole answers are kept at most; a "
                     "write to the store forgets them at once (0: never kept)."),
    ] = 60.0,
) -> None:
    """Serve the knowledge base: pages for people, JSON for programs.

    Read-only unless BILAT_TOKEN is set: then POST /api/documents ingests an
    article for clients sending `Authorization: Bearer $BILAT_TOKEN`. The API
    docs are at /docs; everything works offline.
    """
    import uvicorn

    from bilat.store.db import NoStoreError
    from bilat.web.app import create_app

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        app = create_app(db, cache_seconds=cache_seconds)
    except NoStoreError as exc:
        where = f" --db {db}" if db else ""
        err.print(
            f"No knowledge base at {exc.where} yet: create it with `bilat ingest PATHS{where}`."
        )
        raise typer.Exit(EXIT_FATAL) from None
    except BilatError as exc:
        print_error(err, exc)
        raise typer.Exit(EXIT_FATAL) from None
    shown = f"[{host}]" if ":" in host else host
    err.print(f"bilat: serving {app.state.store.url} at http://{shown}:{port}/ "
              f"(API docs: http://{shown}:{port}/docs); Ctrl-C stops")
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
