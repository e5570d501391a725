"""The ``bilat`` command line: a thin layer over the library.

Only this module prints and chooses exit codes: 0 when everything went well,
1 when some inputs could not be read (the others are still processed), 2 for
bad usage or a fatal error (an unknown model, an unwritable output).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

from bilat import __version__
from bilat.commands.export import register as register_export
from bilat.commands.follow import register as register_follow
from bilat.commands.inspect import register as register_inspect
from bilat.commands.output import print_error, print_note
from bilat.commands.query import register as register_query
from bilat.commands.scale import register as register_scale
from bilat.commands.serve import register as register_serve
from bilat.document import Document
from bilat.errors import BilatError, DocumentError, IngestError, IngestNotice
from bilat.ingest import read_documents
from bilat.ingest.readers import ReadStats
from bilat.options import DEFAULT_MODEL, Options
from bilat.record import DIRECTED_FACT_KINDS

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn foreign-affairs news into evidence-linked records of bilateral relations.",
)
EXIT_OK, EXIT_SOME_FAILED, EXIT_FATAL = 0, 1, 2


def _version(value: bool) -> None:
    if value:
        typer.echo(f"bilat {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show version.")
    ] = False,
) -> None:
    """bilat command line."""


class _Failures:
    def __init__(self, console: Console) -> None:
        self.console = console
        self.count = 0

    def report(self, error: BilatError) -> None:
        self.count += 1
        print_error(self.console, error)


def _documents(
    paths: list[str], options: Options, failures: _Failures, stats: ReadStats | None = None
) -> Iterator[Document]:
    for item in read_documents(paths, options, stats):
        if isinstance(item, IngestNotice):
            print_note(failures.console, item)
        elif isinstance(item, IngestError):
            failures.report(item)
        else:
            yield item


PathsArg = Annotated[
    list[str],
    typer.Argument(
        help="Files or folders (.txt, .html, .jsonl[.gz], .warc[.gz], .rss, .atom; .xml feeds "
        "when named; other files in a folder are skipped and counted), local or as URLs "
        "(file://, and s3://, gs://, memory:// ... with pip install 'bilat[remote]').",
        show_default=False,
    ),
]
ModelOption = Annotated[
    str, typer.Option("--model", help="Any installed spaCy pipeline, by name or path.")
]
BatchOption = Annotated[int, typer.Option("--batch-size", min=1, max=10_000)]
ProgressOption = Annotated[
    bool | None,
    typer.Option("--progress/--no-progress", help="Progress bar (default: on a terminal)."),
]
WorkersOption = Annotated[
    int,
    typer.Option(
        "--workers", min=1, max=512,
        help="Extract in this many local processes (records come out the same, in order).",
    ),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Extract on the Dask distributed cluster whose scheduler is at this address "
        "(tcp://host:8786); bilat must be installed on its workers.",
    ),
]


class RecordFormat(StrEnum):
    jsonl = "jsonl"
    parquet = "parquet"


FormatOption = Annotated[
    RecordFormat,
    typer.Option(
        "--format", "-f", case_sensitive=False,
        help="jsonl, or parquet: a dataset in the folder -o, partitioned by publication month.",
    ),
]
DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database URL or SQLite path (default: $BILAT_DB or bilat.db)."),
]


def _output_target(output: str | None) -> Path | str | None:
    """Where extract writes: a local path (``file://`` URLs too), a URL for
    fsspec (``s3://bucket/records.jsonl``), or None for stdout."""
    from bilat.ingest.paths import is_url
    from bilat.ingest.remote import file_url_path, url_scheme

    if output is None:
        return None
    if not is_url(output):
        return Path(output)
    if url_scheme(output) == "file":
        return file_url_path(output)
    if url_scheme(output) in ("http", "https"):
        raise IngestError(output, "cannot write records to a web address: give a path, "
                                  "or an object-storage URL (s3://...)")
    return output


@app.command()
def extract(
    paths: PathsArg,
    output: Annotated[
        str | None,
        typer.Option(
            "-o", "--output",
            help="Write JSON Lines here (default: stdout), a path or a URL (s3://...); "
            "the local folder for --format parquet.",
        ),
    ] = None,
    model: ModelOption = DEFAULT_MODEL,
    batch_size: BatchOption = 32,
    progress: ProgressOption = None,
    workers: WorkersOption = 1,
    scheduler: SchedulerOption = None,
    fmt: FormatOption = RecordFormat.jsonl,
) -> None:
    """Extract one record per document (RECORD.md) as JSON Lines (or Parquet)."""
    from bilat.parallel import outcome_source

    err = Console(stderr=True)
    failures = _Failures(err)
    options = Options(model=model, batch_size=batch_size)
    if fmt is RecordFormat.parquet and output is None:
        print_error(err, "--format parquet writes a folder: -o needs a path")
        raise typer.Exit(EXIT_FATAL)
    try:
        target = _output_target(output)
    except BilatError as exc:
        print_error(err, exc)
        raise typer.Exit(EXIT_FATAL) from None
    if fmt is RecordFormat.parquet and isinstance(target, str):
        print_error(err, "--format parquet writes a local folder: give -o a path, then copy "
                         "the folder to object storage")
        raise typer.Exit(EXIT_FATAL)
    try:
        extractor = outcome_source(options, workers, scheduler)
    except BilatError as exc:
        print_error(err, exc)
        raise typer.Exit(EXIT_FATAL) from None
    show = sys.stderr.isatty() if progress is None else progress
    written = failed_docs = 0
    stats = ReadStats()
    with ExitStack() as stack:
        out: TextIO
        sink: Callable[[dict[str, Any]], None]
        if fmt is RecordFormat.parquet and isinstance(target, Path):
            from bilat.dataset import ParquetRecordWriter

            try:
                sink = stack.enter_context(ParquetRecordWriter(target)).write
            except BilatError as exc:
                print_error(err, exc)
                raise typer.Exit(EXIT_FATAL) from None
            out = sys.stdout  # nothing is printed to it
        elif target is None:
            out = sys.stdout
        elif isinstance(target, str):
            from bilat.ingest.remote import open_output

            try:
                out = stack.enter_context(open_output(target))
            except BilatError as exc:
                print_error(err, exc)
                raise typer.Exit(EXIT_FATAL) from None
        else:
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                out = stack.enter_context(target.open("w", encoding="utf-8"))
            except OSError as exc:
                print_error(err, f"cannot write {target}: {exc}")
                raise typer.Exit(EXIT_FATAL) from None
        bar = stack.enter_context(
            Progress(
                SpinnerColumn(), TextColumn("extracting"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[events]} events, {task.fields[facts]} facts"),
                console=err, disable=not show, transient=False,
            )
        )
        task = bar.add_task("extract", total=None, events=0, facts=0)
        events = facts = 0
        try:
            for record in extractor.outcomes(_documents(paths, options, failures, stats)):
                if isinstance(record, DocumentError):
                    failed_docs += 1
                    print_error(err, record)
                    continue
                if fmt is RecordFormat.parquet:
                    sink(record.to_dict())
                else:
                    out.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
                written += 1
                events += len(record.events)
                facts += len(record.facts)
                bar.update(task, advance=1, events=events, facts=facts)
        except BilatError as exc:
            print_error(err, exc)
            raise typer.Exit(EXIT_FATAL) from None
        out.flush()
    if output is not None:
        err.print(f"wrote {written} records to {output}", highlight=False)
    if stats.skipped:
        err.print(f"skipped WARC records: {stats.summary()}", highlight=False)
    if failures.count:
        err.print(f"{failures.count} input(s) could not be read", highlight=False)
    if failed_docs:
        err.print(f"{failed_docs} document(s) failed in extraction", highlight=False)
    if failures.count or failed_docs:
        raise typer.Exit(EXIT_SOME_FAILED)


@app.command()
def ingest(
    paths: PathsArg,
    db: DbOption = None,
    model: ModelOption = DEFAULT_MODEL,
    batch_size: BatchOption = 32,
    progress: ProgressOption = None,
    workers: WorkersOption = 1,
    scheduler: SchedulerOption = None,
    retries: Annotated[
        int | None,
        typer.Option(
            "--retries", min=1, max=1000,
            help="Tries in all when the connection to the database is lost mid-run, "
            "waiting longer each time (default: $BILAT_DB_RETRIES, else 8).",
        ),
    ] = None,
) -> None:
    """Extract documents and store them; unchanged documents are skipped."""
    from bilat.parallel import outcome_source
    from bilat.store import open_store
    from bilat.store.db import RetryPolicy
    from bilat.store.ingest import ingest as run_ingest
    from bilat.store.writer import WriteResult

    err = Console(stderr=True)
    options = Options(model=model, batch_size=batch_size)
    stats = ReadStats()
    try:
        policy = RetryPolicy.from_env(None if retries is None else str(retries))
        store = open_store(db, retry=policy)
        extractor = outcome_source(options, workers, scheduler)
    except BilatError as exc:
        print_error(err, exc)
        raise typer.Exit(EXIT_FATAL) from None
    show = sys.stderr.isatty() if progress is None else progress
    with Progress(
        SpinnerColumn(), TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[status]}"), console=err, disable=not show,
    ) as bar:
        task = bar.add_task("ingest", total=None, status="")
        store.on_retry = lambda notice: print_note(bar.console, notice)

        def on_item(outcome: WriteResult | BilatError) -> None:
            if isinstance(outcome, IngestNotice):
                print_note(bar.console, outcome)
            elif isinstance(outcome, BilatError):
                print_error(bar.console, outcome)
            bar.update(task, advance=1, status=str(getattr(outcome, "doc", "")))

        try:
            report = run_ingest(
                store, read_documents(paths, options, stats), extractor, on_item
            )
        except BilatError as exc:
            print_error(err, exc)
            raise typer.Exit(EXIT_FATAL) from None
        finally:
            store.close()
    err.print(
        f"{store.url}: {report.added} added, {report.replaced} replaced, "
        f"{report.unchanged} unchanged, {report.failed} failed "
        f"({report.events} events, {report.facts} facts written)"
        + (f"; {report.skipped} skipped (files bilat does not read, documents in another "
           "language: see the notes above)" if report.skipped else ""),
        highlight=False,
    )
    if stats.skipped:
        err.print(f"skipped WARC records: {stats.summary()}", highlight=False)
    if report.failed:
        raise typer.Exit(EXIT_SOME_FAILED)


register_export(app)
register_query(app)
register_inspect(app)
register_serve(app)
register_scale(app)
register_follow(app)


def main() -> None:
    """Entry point of the ``bilat`` script."""
    app()


@app.command()
def explain(
    text: Annotated[str, typer.Argument(help="A sentence or two of news.")],
    published: Annotated[
        str | None, typer.Option("--published", help="Publication date (YYYY-MM-DD).")
    ] = None,
    model: ModelOption = DEFAULT_MODEL,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show which trigger patterns matched TEXT, what the frames did, and the events."""
    from bilat.extract import Extractor
    from bilat.extract.explain import explain as explain_text

    err = Console(stderr=True)
    try:
        result = explain_text(Extractor(Options(model=model)), text, published)
    except BilatError as exc:
        print_error(err, exc)
        raise typer.Exit(EXIT_FATAL) from None
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=1))
        return
    out = Console(highlight=False)
    for t in result["triggers"]:
        flag = " (planned)" if t["planned"] else ""
        out.print(f"trigger  {t['text']!r}: {t['label']} {t['strength']} [{t['pattern']}]{flag}",
                  markup=False)
    for t in result["suppressed"]:
        out.print(f"dropped  {t['text']!r}: {t['label']} by frame [{t['frame']}]", markup=False)
    for e in result["record"]["events"]:
        out.print(f"event    {e['type']} {'-'.join(e['countries'])} {e['status']}"
                  f" {e.get('mode') or ''} {e.get('date') or ''}".rstrip(), markup=False)
    for f in result["record"]["facts"]:
        out.print(f"fact     {f['kind']} {'-'.join(f['countries'])} {f['value']} {f['unit']}"
                  f" {f.get('period') or ''}".rstrip(), markup=False)
    if not result["record"]["events"] and not result["record"]["facts"]:
        out.print("no event, no fact", markup=False)


@app.command()
def show(
    records: Annotated[Path, typer.Argument(help="A JSON Lines file written by `bilat extract`.")],
    limit: Annotated[int, typer.Option("--limit", min=1, help="Rows at most.")] = 40,
) -> None:
    """Print the events and facts of a records file as tables."""
    from rich.table import Table

    console = Console(width=None if sys.stdout.isatty() else 150)
    err = Console(stderr=True)
    events = Table(title="Events", show_lines=False)
    for col in ("doc", "type", "mode", "status", "countries", "date", "location", "people"):
        events.add_column(col, overflow="fold")
    facts = Table(title="Facts")
    for col in ("doc", "kind", "countries", "value", "unit", "period"):
        facts.add_column(col, overflow="fold")
    n_docs = n_events = n_facts = 0
    try:
        with records.open(encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    print_error(err, f"{records}:{lineno}: not JSON: {exc}")
                    raise typer.Exit(EXIT_FATAL) from None
                n_docs += 1
                for e in rec.get("events", []):
                    n_events += 1
                    if n_events <= limit:
                        people = ", ".join(p["name"] for p in e.get("participants", []))
                        events.add_row(
                            rec["doc"], e["type"], e.get("mode") or "", e["status"],
                            "-".join(e["countries"]), e.get("date") or "",
                            e.get("location") or "", people,
                        )
                for f in rec.get("facts", []):
                    n_facts += 1
                    if n_facts <= limit:
                        facts.add_row(
                            rec["doc"], f["kind"],
                            ("->" if f["kind"] in DIRECTED_FACT_KINDS else "-").join(
                                f["countries"]
                            ),
                            f"{f['value']:,}", f["unit"], f.get("period") or "",
                        )
    except OSError as exc:
        print_error(err, f"cannot read {records}: {exc}")
        raise typer.Exit(EXIT_FATAL) from None
    console.print(events)
    console.print(facts)
    console.print(f"{n_docs} documents, {n_events} events, {n_facts} facts")
