"""``bilat watch``: follow feeds into the store (issue 8)."""

from __future__ import annotations

import signal
from types import FrameType
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from bilat.commands.output import print_error, print_note
from bilat.options import DEFAULT_MODEL

EXIT_OK, EXIT_SOME_FAILED, EXIT_FATAL = 0, 1, 2


def _stop_on_sigterm(_signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def register(app: typer.Typer) -> None:
    """Add the commands of this module to ``app``."""

    @app.command()
    def watch(
        feeds: Annotated[
            list[str],
            typer.Argument(help="RSS or Atom feed URLs (http:// or https://).",
                           show_default=False),
        ],
        interval: Annotated[
            float, typer.Option("--interval", min=1.0, help="Seconds between polls.")
        ] = 300.0,
        db: Annotated[
            str | None,
            typer.Option("--db", help="Database URL or SQLite path "
                                      "(default: $BILAT_DB or bilat.db)."),
        ] = None,
        once: Annotated[bool, typer.Option("--once", help="Poll once, then stop.")] = False,
        max_polls: Annotated[
            int | None, typer.Option("--max-polls", min=1, help="Stop after this many polls.")
        ] = None,
        timeout: Annotated[
            float, typer.Option("--timeout", min=0.1,
                                help="Seconds to wait for a connection or for data.")
        ] = 20.0,
        retries: Annotated[
            int, typer.Option("--retries", min=0, max=10,
                              help="Retries after a timeout, a lost connection or a 5xx.")
        ] = 3,
        backoff: Annotated[
            float, typer.Option("--backoff", min=0.0,
                                help="Seconds before the first retry (then doubled).")
        ] = 1.0,
        model: Annotated[
            str, typer.Option("--model", help="Any installed spaCy pipeline, by name or path.")
        ] = DEFAULT_MODEL,
    ) -> None:
        """Poll feeds, fetch each new article page and ingest it, never twice.

        Runs until Ctrl-C (or SIGTERM) unless --once or --max-polls is given.
        """
        from bilat.errors import BilatError, IngestNotice
        from bilat.extract import Extractor
        from bilat.follow import ArticleStored, FeedChecked, Fetcher, FetchOptions, Watcher
        from bilat.follow.watcher import PollReport, WatchEvent
        from bilat.ingest.remote import url_scheme
        from bilat.options import Options
        from bilat.store import open_store

        err = Console(stderr=True)
        bad = [feed for feed in feeds if url_scheme(feed) not in ("http", "https")]
        if bad:
            print_error(err, f"{bad[0]}: not an http:// or https:// feed URL (to read a "
                             "saved feed file, use `bilat ingest FILE`)")
            raise typer.Exit(EXIT_FATAL)
        polls = 1 if once else max_polls
        try:
            store = open_store(db)
            extractor = Extractor(Options(model=model))
        except BilatError as exc:
            print_error(err, exc)
            raise typer.Exit(EXIT_FATAL) from None

        def on_event(event: WatchEvent) -> None:
            if isinstance(event, FeedChecked):
                entries = f"{event.entries} entr{'y' if event.entries == 1 else 'ies'}"
                what = "not modified" if event.not_modified else f"{entries}, {event.new} new"
                err.print(Text(f"feed {event.url}: {what}", style="dim"), soft_wrap=True)
            elif isinstance(event, ArticleStored):
                result = event.result
                err.print(Text(f"{result.outcome} {event.url} ({result.events} events, "
                               f"{result.facts} facts)"), soft_wrap=True, highlight=False)
            elif isinstance(event, IngestNotice):
                print_note(err, event)
            else:
                print_error(err, event)

        failed = False

        def on_poll(report: PollReport) -> None:
            nonlocal failed
            failed = failed or bool(report.errors)
            err.print(Text(report.summary(), style="bold"), soft_wrap=True, highlight=False)

        previous = signal.signal(signal.SIGTERM, _stop_on_sigterm)
        fetcher = Fetcher(FetchOptions(timeout=timeout, retries=retries, backoff=backoff))
        watcher = Watcher(store, extractor, fetcher, on_event)
        try:
            watcher.run(feeds, interval, polls, on_poll)
        except KeyboardInterrupt:
            err.print(f"stopped after {watcher.polls} poll(s); what was stored stays stored",
                      highlight=False)
            return
        except BilatError as exc:
            print_error(err, exc)
            raise typer.Exit(EXIT_FATAL) from None
        finally:
            signal.signal(signal.SIGTERM, previous)
            fetcher.close()
            store.close()
        if failed:
            raise typer.Exit(EXIT_SOME_FAILED)
