"""Query commands over the knowledge base: events, dyads, people, facts, planned.

Each command reads the store named by ``--db`` (default: ``$BILAT_DB`` or
``bilat.db``) through :mod:`bilat.store.query` and writes a Rich table (the
default), JSON Lines or CSV to stdout. Exit codes: 0 when the query ran (an
empty store or no match included), 2 for bad arguments (an unknown country,
a malformed date), a store that does not exist, or a database error.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console

from bilat.errors import BilatError
from bilat.gazetteer import load_gazetteer
from bilat.record import CONSULT_MODES, EVENT_TYPES, FACT_KINDS, STATUSES, TOPICS

if TYPE_CHECKING:  # the store (SQLAlchemy) is imported when a command runs
    from rich.table import Table
    from sqlalchemy.orm import Session

    from bilat.store.query import DyadView, EventView, PersonView

EXIT_OK, EXIT_FATAL = 0, 2
#: rows in a table unless --limit says otherwise (jsonl and csv: all)
TABLE_LIMIT = 50
#: months of the score series a dyads table shows
TABLE_MONTHS = 6

T = TypeVar("T")


class Format(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


# --- argument checks (a bad value is a usage error: exit 2, naming the option) ---------


def _hint(param: typer.CallbackParam) -> str:
    return "/".join(param.opts) if param.opts else str(param.name)


def _country(param: typer.CallbackParam, value: str | None) -> str | None:
    if value is None:
        return None
    iso3 = load_gazetteer().resolve(value)
    if iso3 is None:
        raise typer.BadParameter(
            f"unknown country {value!r} (give a name, or an ISO 3166 alpha-3 or alpha-2 code)",
            param_hint=_hint(param),
        )
    return iso3


def _choice(choices: Iterable[str], upper: bool) -> Callable[[typer.CallbackParam, str | None],
                                                            str | None]:
    allowed = tuple(choices)

    def check(param: typer.CallbackParam, value: str | None) -> str | None:
        if value is None:
            return None
        norm = value.strip().upper() if upper else value.strip().lower()
        if norm not in allowed:
            raise typer.BadParameter(
                f"{value!r} is not one of {', '.join(allowed)}", param_hint=_hint(param)
            )
        return norm

    return check


def _date(param: typer.CallbackParam, value: str | None) -> str | None:
    if value is None:
        return None
    from bilat.store.query import check_date

    try:
        return check_date(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint=_hint(param)) from None


DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database URL or SQLite path (default: $BILAT_DB or bilat.db)."),
]
FormatOption = Annotated[
    Format, typer.Option("--format", case_sensitive=False, help="Output format.")
]
LimitOption = Annotated[
    int | None,
    typer.Option("--limit", min=1,
                 help=f"Rows at most (default: {TABLE_LIMIT} for a table, all for jsonl/csv)."),
]
CountryOption = Annotated[
    str | None,
    typer.Option("--country", callback=_country,
                 help="A country: name, demonym, ISO3 or ISO2 code (Azerbaijan, AZE, AZ)."),
]
PartnerOption = Annotated[
    str | None,
    typer.Option("--partner", callback=_country,
                 help="Only what --country shares with this country (name or code)."),
]


# --- store and output plumbing ---------------------------------------------------------


def _err() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


@contextmanager
def _session(db: str | None) -> Iterator[Session]:
    """A session on an existing, non-empty store; friendly exits otherwise."""
    from bilat.store.query import NoStoreError, is_empty, open_existing_store

    err = _err()
    try:
        store = open_existing_store(db)
    except NoStoreError as exc:
        where = f" --db {db}" if db else ""
        err.print(
            f"No knowledge base at {exc.where} yet: create it with `bilat ingest PATHS{where}`."
        )
        raise typer.Exit(EXIT_FATAL) from None
    except BilatError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(EXIT_FATAL) from None
    try:
        with store.session() as session:
            if is_empty(session):
                err.print(
                    f"The knowledge base at {store.url} is empty: "
                    "add documents with `bilat ingest PATHS`."
                )
                raise typer.Exit(EXIT_OK)
            yield session
    except BilatError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(EXIT_FATAL) from None
    except BrokenPipeError:
        # the reader went away (`bilat events --format jsonl | head`): stop quietly
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        raise typer.Exit(EXIT_OK) from None
    finally:
        store.close()


def _console() -> Console:
    return Console(width=None if sys.stdout.isatty() else 160, highlight=False)


def _write_jsonl(items: Iterable[dict[str, Any]]) -> None:
    out = sys.stdout
    for item in items:
        out.write(json.dumps(item, ensure_ascii=False) + "\n")
    out.flush()


def _write_csv(header: list[str], rows: Iterable[list[Any]]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    sys.stdout.flush()


def _table(title: str, columns: list[str]) -> Table:
    from rich.table import Table

    table = Table(title=title)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _print_table(table: Table, shown: int, more: bool, what: str, limit: int) -> None:
    console = _console()
    if not shown:
        console.print(f"No {what} match.")
        return
    console.print(table)
    if more:
        console.print(
            f"[dim]showing the first {limit} {what}; more match "
            "(raise --limit, or use --format jsonl/csv for all)[/dim]"
        )


def _take(items: Iterator[T], limit: int) -> tuple[list[T], bool]:
    """The first ``limit`` items, and whether there were more."""
    taken: list[T] = []
    for item in items:
        if len(taken) == limit:
            return taken, True
        taken.append(item)
    return taken, False


def _fetch_limit(fmt: Format, limit: int | None) -> int | None:
    """How many rows to ask for: one more than shown for a table (to tell the
    user more match), else the --limit as given."""
    if fmt is Format.table:
        return (limit or TABLE_LIMIT) + 1
    return limit


def _join(items: Iterable[str], sep: str = "; ") -> str:
    return sep.join(items)


#: how every CSV joins a list in one cell (the same as ``bilat export --format csv``)
LIST_SEP = ";"


def _names(e: EventView) -> list[str]:
    return [p.name for p in e.participants]


def _value(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


# --- events ----------------------------------------------------------------------------


def _participants(e: EventView) -> str:
    return _join(p.name for p in e.participants)


def _status(e: EventView) -> str:
    if e.status == "planned" and e.fulfilled_by is not None:
        return f"planned, done #{e.fulfilled_by.id}"
    return e.status


EVENT_CSV = [
    "event_id", "date", "type", "mode", "status", "countries", "location", "participants",
    "topics", "n_sources", "fulfilled_by", "doc", "published", "evidence_start",
    "evidence_end", "evidence_text",
]


def _event_csv_rows(events: Iterable[EventView]) -> Iterator[list[Any]]:
    """One row per event and source document."""
    for e in events:
        head = [
            e.id, e.date, e.type, e.mode, e.status, _join(e.countries, LIST_SEP), e.location,
            _join(_names(e), LIST_SEP), _join(e.topics, LIST_SEP), e.n_sources,
            e.fulfilled_by.id if e.fulfilled_by else None,
        ]
        for m in e.mentions or [None]:
            if m is None:
                yield [*head, None, None, None, None, None]
            else:
                yield [*head, m.doc, m.published, m.start, m.end, m.text]


def events(
    country: CountryOption = None,
    partner: PartnerOption = None,
    type_: Annotated[
        str | None,
        typer.Option("--type", callback=_choice(EVENT_TYPES, upper=True),
                     help="PLOVER type: " + ", ".join(EVENT_TYPES) + "."),
    ] = None,
    mode: Annotated[
        str | None,
        typer.Option("--mode", callback=_choice(CONSULT_MODES, upper=False),
                     help="CONSULT mode: " + ", ".join(CONSULT_MODES) + "."),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option("--status", callback=_choice(STATUSES, upper=False),
                     help="occurred or planned."),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", callback=_date, help="From this date on (YYYY[-MM[-DD]])."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--until", callback=_date,
                     help="Up to the end of this date or period (YYYY[-MM[-DD]])."),
    ] = None,
    person: Annotated[
        str | None,
        typer.Option("--person", help="A participant, by any spelling seen (part of a name)."),
    ] = None,
    topic: Annotated[
        str | None,
        typer.Option("--topic", callback=_choice(TOPICS, upper=False),
                     help="Topic: " + ", ".join(TOPICS) + "."),
    ] = None,
    fmt: FormatOption = Format.table,
    limit: LimitOption = None,
    db: DbOption = None,
) -> None:
    """List events, newest first, with how many documents report each.

    Each event: date, type, mode, status, countries, location, participants,
    topics and the number of source documents; jsonl and csv add every report
    (document id, evidence text and offsets); csv has one row per report and
    joins lists (countries, participants, topics) with ';'.
    Dates filter on the start of an event's date: --until 2023-03 keeps
    2023-03-31, --since 2023-03 drops an event dated only 2023.
    """
    if country and partner and country == partner:
        raise typer.BadParameter("--partner must differ from --country", param_hint="--partner")
    from bilat.store.query import EventFilter, iter_events

    f = EventFilter(country=country, partner=partner, type=type_, mode=mode, status=status,
                    since=since, until=until, person=person, topic=topic)
    with _session(db) as session:
        found = iter_events(session, f, limit=_fetch_limit(fmt, limit),
                            mentions=fmt is not Format.table)
        if fmt is Format.jsonl:
            _write_jsonl(e.to_dict() for e in found)
        elif fmt is Format.csv:
            _write_csv(EVENT_CSV, _event_csv_rows(found))
        else:
            shown = limit or TABLE_LIMIT
            rows, more = _take(found, shown)
            table = _table("Events", ["id", "date", "type", "mode", "status", "countries",
                                      "location", "participants", "topics", "sources"])
            for e in rows:
                table.add_row(
                    str(e.id), e.date or "", e.type, e.mode or "", _status(e),
                    "-".join(e.countries), e.location or "", _participants(e),
                    ", ".join(e.topics), str(e.n_sources),
                )
            _print_table(table, len(rows), more, "events", shown)


# --- dyads -----------------------------------------------------------------------------


def _series(d: DyadView, months: int | None = None, sep: str = " ") -> str:
    points = d.monthly[-months:] if months else d.monthly
    return sep.join(f"{m}:{s:+.1f}" for m, s in points)


def _shares(d: DyadView, sep: str = ", ") -> str:
    return sep.join(f"{t} {s:.0%}" for t, s in d.shares.items())


DYAD_CSV = ["country", "partner", "n_events", "last_contact", "score", "type_shares",
            "type_counts", "monthly_scores"]


def dyads_command(
    country: CountryOption = None,
    partner: PartnerOption = None,
    since: Annotated[
        str | None, typer.Option("--since", callback=_date, help="Events from this date on.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", callback=_date, help="Events up to this date.")
    ] = None,
    planned: Annotated[
        bool, typer.Option("--planned", help="Count planned events too (never scored).")
    ] = False,
    fmt: FormatOption = Format.table,
    limit: LimitOption = None,
    db: DbOption = None,
) -> None:
    """Rank partners by number of events, with a cooperation score per month.

    With --country, its partners; without, every pair of countries (a
    multilateral event counts for each pair). Each: number of events, last
    contact, share of each type, and the sum of the PLOVER weights of its
    occurred events (bilat/data/plover_scale.json: cooperation positive,
    conflict negative), in total and per month (the table shows the last
    months; jsonl/csv the whole series).
    """
    if country and partner and country == partner:
        raise typer.BadParameter("--partner must differ from --country", param_hint="--partner")
    from bilat.store.query import DyadFilter, dyads

    f = DyadFilter(country=country, partner=partner, since=since, until=until, planned=planned)
    with _session(db) as session:
        fetched = dyads(session, f, limit=_fetch_limit(fmt, limit))
        if fmt is Format.jsonl:
            _write_jsonl(d.to_dict() for d in fetched)
        elif fmt is Format.csv:
            _write_csv(DYAD_CSV, (
                [d.country, d.partner, d.n_events, d.last_contact, f"{d.score:.2f}",
                 ";".join(f"{t}:{s:.3f}" for t, s in d.shares.items()),
                 ";".join(f"{t}:{n}" for t, n in d.types), _series(d, sep=";")]
                for d in fetched
            ))
        else:
            shown = limit or TABLE_LIMIT
            rows, more = _take(iter(fetched), shown)
            first = "country" if country else "dyad"
            table = _table("Dyads", [first, "partner", "events", "last contact", "types",
                                     "score", f"score by month (last {TABLE_MONTHS})"])
            for d in rows:
                table.add_row(d.country, d.partner, str(d.n_events), d.last_contact or "",
                              _shares(d), f"{d.score:+.1f}", _series(d, TABLE_MONTHS))
            _print_table(table, len(rows), more, "dyads", shown)


# --- people ----------------------------------------------------------------------------


def _titles(p: PersonView, sep: str = "; ") -> str:
    return _join((f"{t.title} ({', '.join(t.seen)})" if t.seen else t.title
                  for t in p.titles), sep)


def people(
    country: CountryOption = None,
    name: Annotated[
        str | None, typer.Option("--name", help="Part of any spelling of the name.")
    ] = None,
    fmt: FormatOption = Format.table,
    limit: LimitOption = None,
    db: DbOption = None,
) -> None:
    """List people by number of events, with every spelling and title seen.

    Each person: country, number of events, every spelling of the name seen,
    and the titles with the dates they were seen.
    """
    from bilat.store.query import PersonFilter, iter_people

    f = PersonFilter(country=country, name=name)
    with _session(db) as session:
        found = iter_people(session, f, limit=_fetch_limit(fmt, limit))
        if fmt is Format.jsonl:
            _write_jsonl(p.to_dict() for p in found)
        elif fmt is Format.csv:
            _write_csv(["person_id", "name", "country", "n_events", "names", "titles"], (
                [p.id, p.name, p.country, p.n_events, _join(p.names, LIST_SEP),
                 _titles(p, LIST_SEP)]
                for p in found
            ))
        else:
            shown = limit or TABLE_LIMIT
            rows, more = _take(found, shown)
            table = _table("People", ["name", "country", "events", "spellings", "titles"])
            for p in rows:
                table.add_row(p.name, p.country or "", str(p.n_events), _join(p.names),
                              _titles(p))
            _print_table(table, len(rows), more, "people", shown)


# --- facts -----------------------------------------------------------------------------

FACT_CSV = ["fact_id", "kind", "country_a", "country_b", "direction", "value", "unit",
            "period", "doc", "published", "evidence_start", "evidence_end", "evidence_text"]


def facts(
    country: CountryOption = None,
    partner: PartnerOption = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", callback=_choice(FACT_KINDS, upper=False),
                     help="Fact kind: " + ", ".join(FACT_KINDS) + "."),
    ] = None,
    fmt: FormatOption = Format.table,
    limit: LimitOption = None,
    db: DbOption = None,
) -> None:
    """List figures per dyad as time series.

    Each figure: kind, direction (A->B for exports, supply and aid), value,
    unit, period and source document, ordered by dyad, kind, direction and
    period.
    """
    if country and partner and country == partner:
        raise typer.BadParameter("--partner must differ from --country", param_hint="--partner")
    from bilat.store.query import FactFilter, iter_facts

    f = FactFilter(country=country, partner=partner, kind=kind)
    with _session(db) as session:
        found = iter_facts(session, f, limit=_fetch_limit(fmt, limit))
        if fmt is Format.jsonl:
            _write_jsonl(x.to_dict() for x in found)
        elif fmt is Format.csv:
            _write_csv(FACT_CSV, (
                [x.id, x.kind, x.country_a, x.country_b, x.dyad, x.to_dict()["value"], x.unit,
                 x.period, x.doc, x.published, x.start, x.end, x.text]
                for x in found
            ))
        else:
            shown = limit or TABLE_LIMIT
            rows, more = _take(found, shown)
            table = _table("Facts", ["dyad", "kind", "value", "unit", "period", "doc"])
            for x in rows:
                table.add_row(x.dyad, x.kind, _value(x.value), x.unit, x.period or "", x.doc)
            _print_table(table, len(rows), more, "facts", shown)


# --- planned ---------------------------------------------------------------------------

PLANNED_CSV = ["event_id", "date", "type", "mode", "countries", "location", "participants",
               "topics", "n_sources", "announced", "fulfilled", "fulfilled_by",
               "fulfilled_date"]


def _planned_rows(found: Iterable[EventView]) -> Iterator[list[Any]]:
    for e in found:
        done = e.fulfilled_by
        yield [e.id, e.date, e.type, e.mode, _join(e.countries, LIST_SEP), e.location,
               _join(_names(e), LIST_SEP), _join(e.topics, LIST_SEP), e.n_sources, e.announced,
               "yes" if done else "no", done.id if done else None, done.date if done else None]


def planned(
    outstanding: Annotated[
        bool, typer.Option("--outstanding", help="Only plans not yet followed by the event.")
    ] = False,
    country: CountryOption = None,
    partner: PartnerOption = None,
    fmt: FormatOption = Format.table,
    limit: LimitOption = None,
    db: DbOption = None,
) -> None:
    """List planned events and whether they took place.

    Each plan: date, type, countries, when it was first reported, and the
    event that fulfilled it (id and date), if any.
    """
    if country and partner and country == partner:
        raise typer.BadParameter("--partner must differ from --country", param_hint="--partner")
    from bilat.store.query import PlannedFilter, iter_planned

    f = PlannedFilter(country=country, partner=partner, outstanding=outstanding)
    with _session(db) as session:
        found = iter_planned(session, f, limit=_fetch_limit(fmt, limit),
                             mentions=fmt is Format.jsonl)
        if fmt is Format.jsonl:
            _write_jsonl(e.to_dict() for e in found)
        elif fmt is Format.csv:
            _write_csv(PLANNED_CSV, _planned_rows(found))
        else:
            shown = limit or TABLE_LIMIT
            rows, more = _take(found, shown)
            table = _table("Planned events", ["id", "date", "type", "mode", "countries",
                                              "location", "announced", "fulfilled by"])
            for e in rows:
                done = e.fulfilled_by
                table.add_row(
                    str(e.id), e.date or "", e.type, e.mode or "", "-".join(e.countries),
                    e.location or "", e.announced or "",
                    f"#{done.id} ({done.date or 'undated'})" if done else "not yet",
                )
            _print_table(table, len(rows), more, "planned events", shown)


def register(app: typer.Typer) -> None:
    """Add the query commands to ``app``."""
    app.command("events")(events)
    app.command("dyads")(dyads_command)
    app.command("people")(people)
    app.command("facts")(facts)
    app.command("planned")(planned)
