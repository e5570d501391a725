"""``bilat export``: the knowledge base as RECORD JSON Lines, CSV, Parquet or PLOVER.

Exit codes as everywhere in the CLI: 0 done (an empty store gives empty
outputs and says so), 2 for a fatal error (no store, unwritable output).
"""

from __future__ import annotations

import os
import sys
import textwrap
from collections.abc import Callable
from contextlib import ExitStack
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console

from bilat.commands.output import print_error

EXIT_OK, EXIT_FATAL = 0, 2


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    plover = "plover"


HELP = """Export the knowledge base.

\b
Formats:
  jsonl    one RECORD.md record per stored document, rebuilt from its stored
           mentions and facts (extra fields: key, event_id, n_sources); -o FILE
  csv      -o names a DIRECTORY (created) holding four tables:
           events.csv, mentions.csv, participants.csv, facts.csv
  parquet  the same four tables as .parquet files in the -o DIRECTORY
  plover   PLOVER JSON Lines, one record per merged event: id, date,
           date_precision (day, month, year), date_source (text, published),
           actor, recipient, event, mode, context, quad_code, event_loc,
           event_text, text_info, cite_info, coder, story_ids, bilat. A
           partial date is its first day (2019-06 -> 2019-06-01, precision
           month); only an undated event, or a plan (dated when announced),
           takes the publication date (date_source published). A planned
           cooperative event is AGREE, topics become PLOVER contexts; -o FILE
For jsonl and plover, -o - writes to stdout.
"""


def _epilog() -> str:
    from bilat.store.export import TABLES

    lines = ["\b", "Table columns (csv, parquet):"]
    for name, columns in TABLES.items():
        lines.extend(textwrap.wrap(
            ", ".join(c.name for c in columns), width=76,
            initial_indent=f"  {name}: ", subsequent_indent="    ",
        ))
    lines.append("\b")
    lines.append(
        "Lists (countries, topics, participants) are list columns in Parquet and joined "
        "with ';' in CSV, as in every CSV bilat writes (facts of kind exports, supply and "
        "aid keep their from;to order). date is the TIMEX date; date_start its first day "
        "(a date) and date_precision day, month or year. evidence_start and evidence_end "
        "are character offsets into the document text, evidence_text the text between "
        "them. An empty CSV cell is a null. Every column: docs/export.md."
    )
    return "\n".join(lines)


def _fail(err: Console, message: str) -> typer.Exit:
    print_error(err, message)
    return typer.Exit(EXIT_FATAL)


def export(
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", case_sensitive=False, help="Output format."),
    ],
    output: Annotated[
        Path,
        typer.Option("-o", "--output", help="Output file (jsonl, plover) or directory "
                     "(csv, parquet)."),
    ],
    db: Annotated[
        str | None,
        typer.Option("--db", help="Database URL or SQLite path (default: $BILAT_DB or bilat.db)."),
    ] = None,
) -> None:
    from bilat.errors import BilatError
    from bilat.store import NoStoreError, open_existing_store
    from bilat.store.export import (
        TableFormat,
        export_jsonl,
        export_plover,
        export_tables,
        store_counts,
    )

    err = Console(stderr=True)
    to_stdout = str(output) == "-"
    if to_stdout and fmt in (ExportFormat.csv, ExportFormat.parquet):
        raise _fail(err, f"--format {fmt.value} writes a directory of tables: -o needs a path")
    try:
        store = open_existing_store(db)
    except NoStoreError as exc:
        raise _fail(err, f"{exc} (create it with `bilat ingest`)") from None
    except BilatError as exc:
        raise _fail(err, str(exc)) from None
    try:
        counts = store_counts(store)
        if fmt in (ExportFormat.csv, ExportFormat.parquet):
            table_format: TableFormat = "csv" if fmt is ExportFormat.csv else "parquet"
            rows = export_tables(store, output, table_format)
            summary = ", ".join(f"{name}.{fmt.value} {n}" for name, n in rows.items())
            done = f"wrote {output}/: {summary} rows"
        else:
            write = export_jsonl if fmt is ExportFormat.jsonl else export_plover
            what = "records" if fmt is ExportFormat.jsonl else "PLOVER events"
            n = _write_file(output, to_stdout, lambda fh: write(store, fh), err)
            done = f"wrote {n} {what} to {'stdout' if to_stdout else output}"
    except BilatError as exc:
        raise _fail(err, str(exc)) from None
    finally:
        store.close()
    if counts["documents"] == 0:
        err.print(f"the store {store.url} is empty: the outputs are empty", highlight=False,
                  soft_wrap=True)
    err.print(done, highlight=False, soft_wrap=True)


def _write_file(
    output: Path, to_stdout: bool, write: Callable[[TextIO], int], err: Console
) -> int:
    """Write through ``write`` to stdout or to ``output`` (via a temporary file
    moved into place when complete)."""
    if to_stdout:
        try:
            return write(sys.stdout)
        except BrokenPipeError:  # `bilat export ... -o - | head`: the reader is done
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(EXIT_OK) from None
    if output.is_dir():
        raise _fail(err, f"cannot write {output}: it is a directory")
    part = output.with_name(f".{output.name}.part")
    with ExitStack() as stack:
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            fh = stack.enter_context(part.open("w", encoding="utf-8"))
        except OSError as exc:
            raise _fail(err, f"cannot write {output}: {exc.strerror or exc}") from None
        try:
            n = write(fh)
        except BaseException:
            stack.close()
            part.unlink(missing_ok=True)
            raise
    try:
        part.replace(output)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise _fail(err, f"cannot write {output}: {exc.strerror or exc}") from None
    return n


def register(app: typer.Typer) -> None:
    """Add ``bilat export`` to ``app``."""
    app.command("export", help=HELP, epilog=_epilog())(export)
