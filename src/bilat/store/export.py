"""Exporting the knowledge base: RECORD JSON Lines, flat tables, PLOVER.

- :func:`export_jsonl`: one record per stored document, in the shape of
  ``shared/spec/RECORD.md``, rebuilt from the stored mentions (a mention is
  the event as one document reports it) and facts, in the order extraction
  produced them. Extra fields: ``title``, ``source``, ``url`` (as ``bilat
  extract`` writes them), ``key`` (the document's identity in the store: its
  path relative to the folder given, its URL, or ``file.jsonl#id``), and per
  event ``trigger``, ``event_id`` (the merged event the mention belongs to)
  and ``n_sources``. Extraction warnings are not stored, so not exported.
- :func:`export_tables`: the four flat tables of :data:`TABLES` (events,
  mentions, participants, facts) as CSV or Parquet files in one directory.
  Lists (countries, topics, participants) are list columns in Parquet and
  joined with ``;`` in CSV (a directed fact keeps its ``from;to`` order);
  ``date_start`` is a date (the first day of ``date``, with
  ``date_precision``); in CSV an empty cell is a null.
- :func:`export_plover`: PLOVER JSON Lines, one record per *merged* event,
  with the field names of the PLOVER specification (OEDA, PLOVER manual
  v0.7b1, chapter "JSON Data Fields": ``id date source recipient event mode
  context quad_code event_loc event_text text_info cite_info coder``), see
  :func:`plover_record`. bilat's own reading of the event is kept beside them
  in a ``bilat`` object, and ``story_ids`` lists every source document.

Nothing holds the whole store in memory: documents and events are read a page
at a time (keyset paging), table rows with ``yield_per``, and Parquet files
are written a record batch at a time. Each export reads one consistent
snapshot of the store (``REPEATABLE READ`` on PostgreSQL, one read
transaction on SQLite), so a concurrent ``bilat ingest`` cannot tear it.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import metadata
from itertools import groupby, islice
from pathlib import Path
from typing import Any, Literal, TextIO

from sqlalchemy import Row, Select, func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import InstrumentedAttribute, Session

from bilat.errors import DataError, StoreError
from bilat.record import TOPICS
from bilat.resources import load_json
from bilat.store.db import Store, error_text
from bilat.store.models import (
    DocumentRow,
    EventRow,
    FactRow,
    MentionParticipantRow,
    MentionRow,
    PersonRow,
)
from bilat.store.order import participant_key, report_key

PAGE_SIZE = 200
"""Documents (JSON Lines) or events (PLOVER) read per query."""
BATCH_ROWS = 5000
"""Table rows fetched per round trip and written per Parquet record batch."""

TableFormat = Literal["csv", "parquet"]
TABLE_FORMATS: tuple[TableFormat, ...] = ("csv", "parquet")

_TIMEX_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class ExportError(StoreError):
    """An export could not be written (output path, disk)."""


# -- reading ---------------------------------------------------------------------


@contextmanager
def _snapshot(store: Store) -> Iterator[Session]:
    """A read-only session over one consistent snapshot of the store."""
    try:
        with store.engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                conn.execution_options(isolation_level="REPEATABLE READ")
            # SQLite: the engine opens the transaction (BEGIN) before the first
            # SELECT (store/db.py), so the session reads one snapshot
            with Session(bind=conn) as session:
                yield session
            conn.rollback()
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read the store: {error_text(exc)}") from exc


def _pages(
    session: Session, stmt: Select[Any], key: InstrumentedAttribute[int], size: int = PAGE_SIZE
) -> Iterator[Sequence[Row[Any]]]:
    """Rows of ``stmt`` a page at a time, by increasing ``key`` (keyset paging:
    no OFFSET, no open cursor between pages). ``stmt`` selects ``key`` first."""
    last: int | None = None
    while True:
        page = stmt if last is None else stmt.where(key > last)
        rows = session.execute(page.order_by(key).limit(size)).all()
        if not rows:
            return
        yield rows
        if len(rows) < size:
            return
        last = rows[-1][0]


def _stream(session: Session, stmt: Select[Any], batch: int) -> Iterator[Row[Any]]:
    """Rows of ``stmt`` fetched ``batch`` at a time (a server-side cursor on
    PostgreSQL)."""
    yield from session.execute(stmt.execution_options(yield_per=batch))


def _countries(key: str) -> list[str]:
    return [c for c in key.split("-") if c]


def _topics(stored: str) -> list[str]:
    """Stored topics (comma-joined) in the order of the RECORD topic list."""
    present = {t for t in stored.split(",") if t}
    return [t for t in TOPICS if t in present] + sorted(present - set(TOPICS))


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _fact_countries(a: str, b: str) -> list[str]:
    return [a] if a == b else [a, b]


def store_counts(store: Store) -> dict[str, int]:
    """How many documents, events, mentions and facts the store holds."""
    try:
        with store.session() as session:
            return {
                name: int(session.scalar(select(func.count()).select_from(model)) or 0)
                for name, model in (
                    ("documents", DocumentRow),
                    ("events", EventRow),
                    ("mentions", MentionRow),
                    ("facts", FactRow),
                )
            }
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read the store: {error_text(exc)}") from exc


# -- RECORD JSON Lines -----------------------------------------------------------


def iter_records(store: Store, *, page_size: int = PAGE_SIZE) -> Iterator[dict[str, Any]]:
    """One RECORD.md record per stored document, in storage order, reading
    ``page_size`` documents at a time."""
    with _snapshot(store) as session:
        docs = select(
            DocumentRow.id, DocumentRow.doc, DocumentRow.published, DocumentRow.title,
            DocumentRow.source, DocumentRow.url, DocumentRow.doc_key,
        )
        for page in _pages(session, docs, DocumentRow.id, page_size):
            ids = [d.id for d in page]
            events = _document_events(session, ids)
            facts = _document_facts(session, ids)
            for d in page:
                yield {
                    "doc": d.doc,
                    "published": d.published,
                    "title": d.title,
                    "source": d.source,
                    "url": d.url,
                    "key": d.doc_key,
                    "events": events.get(d.id, []),
                    "facts": facts.get(d.id, []),
                }


def _document_events(session: Session, doc_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    people: dict[int, list[dict[str, Any]]] = defaultdict(list)
    participants = (
        select(
            MentionParticipantRow.mention_id, MentionParticipantRow.name,
            MentionParticipantRow.title, MentionParticipantRow.country,
            MentionParticipantRow.aliases, MentionRow.countries_key,
        )
        .join(MentionRow, MentionRow.id == MentionParticipantRow.mention_id)
        .where(MentionRow.document_id.in_(doc_ids))
        .order_by(MentionParticipantRow.mention_id, MentionParticipantRow.position,
                  MentionParticipantRow.id)
    )
    for p in session.execute(participants):
        person: dict[str, Any] = {"name": p.name, "title": p.title, "country": p.country}
        if p.aliases:
            person["aliases"] = p.aliases.split("|")
        people[p.mention_id].append(person)
        person["_countries"] = p.countries_key
    for named in people.values():  # by role, then name (bilat.store.order)
        named.sort(key=lambda q: participant_key(
            q["country"], q["name"], q["title"], _countries(q["_countries"])))
        for q in named:
            del q["_countries"]
    mentions = (
        select(
            MentionRow.id, MentionRow.document_id, MentionRow.event_id, MentionRow.type,
            MentionRow.mode, MentionRow.status, MentionRow.date, MentionRow.location,
            MentionRow.countries_key, MentionRow.topics, MentionRow.evidence_start,
            MentionRow.evidence_end, MentionRow.evidence_text, MentionRow.trigger,
            EventRow.n_sources,
        )
        .join(EventRow, EventRow.id == MentionRow.event_id)
        .where(MentionRow.document_id.in_(doc_ids))
        .order_by(MentionRow.document_id, MentionRow.id)
    )
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for m in session.execute(mentions):
        out[m.document_id].append({
            "type": m.type,
            "mode": m.mode if m.type == "CONSULT" else None,
            "status": m.status,
            "countries": _countries(m.countries_key),
            "date": m.date,
            "location": m.location,
            "participants": people.get(m.id, []),
            "topics": _topics(m.topics),
            "evidence": {"start": m.evidence_start, "end": m.evidence_end,
                         "text": m.evidence_text},
            "trigger": m.trigger,
            "event_id": m.event_id,
            "n_sources": m.n_sources,
        })
    return out


def _document_facts(session: Session, doc_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    facts = (
        select(
            FactRow.document_id, FactRow.kind, FactRow.country_a, FactRow.country_b,
            FactRow.value, FactRow.unit, FactRow.period, FactRow.evidence_start,
            FactRow.evidence_end, FactRow.evidence_text,
        )
        .where(FactRow.document_id.in_(doc_ids))
        .order_by(FactRow.document_id, FactRow.position, FactRow.id)
    )
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for f in session.execute(facts):
        out[f.document_id].append({
            "kind": f.kind,
            "countries": _fact_countries(f.country_a, f.country_b),
            "value": _number(f.value),
            "unit": f.unit,
            "period": f.period,
            "evidence": {"start": f.evidence_start, "end": f.evidence_end,
                         "text": f.evidence_text},
        })
    return out


def _write_lines(items: Iterable[dict[str, Any]], fh: TextIO) -> int:
    n = 0
    try:
        for item in items:
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
            n += 1
        fh.flush()
    except BrokenPipeError:
        raise  # the reader went away (a pipe into `head`): the caller decides
    except OSError as exc:
        raise ExportError(f"cannot write the export: {exc}") from exc
    return n


def export_jsonl(store: Store, fh: TextIO, *, page_size: int = PAGE_SIZE) -> int:
    """Write one RECORD.md line per stored document to ``fh``; return how many."""
    return _write_lines(iter_records(store, page_size=page_size), fh)


# -- flat tables -----------------------------------------------------------------

ColumnType = Literal["int64", "float64", "string", "list", "date"]
"""``list``: a list of strings (Parquet ``list<string>``; in CSV the items
joined with :data:`LIST_SEPARATOR`); ``date``: a calendar day (Parquet
``date32``; in CSV ``YYYY-MM-DD``)."""

LIST_SEPARATOR = ";"
"""How every CSV bilat writes joins a list in one cell (countries, topics,
participants): ``AZE;GEO``. A directed fact's countries keep their order
(``from;to``)."""


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: ColumnType
    nullable: bool
    doc: str


def _c(name: str, type_: ColumnType, doc: str, nullable: bool = False) -> Column:
    return Column(name, type_, nullable, doc)


_EVIDENCE = (
    _c("evidence_start", "int64", "evidence span start (character offset into the document)"),
    _c("evidence_end", "int64", "evidence span end"),
    _c("evidence_text", "string", "the document text from evidence_start to evidence_end"),
)

TABLES: dict[str, tuple[Column, ...]] = {
    "events": (
        _c("event_id", "int64", "merged event id"),
        _c("type", "string", "PLOVER type"),
        _c("mode", "string", "CONSULT mode", nullable=True),
        _c("status", "string", "occurred or planned"),
        _c("date", "string", "TIMEX date (the most precise its sources give)", nullable=True),
        _c("date_start", "date", "the first day of date, when its year is known",
           nullable=True),
        _c("date_precision", "string", "day, month or year (of date_start)", nullable=True),
        _c("location", "string", "where it took place", nullable=True),
        _c("countries", "list", "ISO3 codes, sorted"),
        _c("topics", "list", "topics of all its mentions, in the RECORD.md order"),
        _c("participants", "list", "names of its participants, by their country's place "
           "among countries, then name"),
        _c("n_sources", "int64", "documents that report it"),
        _c("fulfilled_by_id", "int64", "for a planned event: the event that fulfilled it",
           nullable=True),
    ),
    "mentions": (
        _c("mention_id", "int64", "mention id (one event as one document reports it)"),
        _c("event_id", "int64", "the merged event (events.event_id)"),
        _c("doc", "string", "document id"),
        _c("published", "string", "publication date of the document", nullable=True),
        _c("type", "string", "PLOVER type"),
        _c("mode", "string", "CONSULT mode", nullable=True),
        _c("status", "string", "occurred or planned"),
        _c("date", "string", "TIMEX date", nullable=True),
        _c("date_start", "date", "the first day of date, when its year is known",
           nullable=True),
        _c("date_precision", "string", "day, month or year (of date_start)", nullable=True),
        _c("location", "string", "where it took place", nullable=True),
        _c("countries", "list", "ISO3 codes, sorted"),
        _c("topics", "list", "topics, in the RECORD.md order"),
        _c("trigger", "string", "trigger word", nullable=True),
        *_EVIDENCE,
    ),
    "participants": (
        _c("mention_id", "int64", "the mention (mentions.mention_id)"),
        _c("event_id", "int64", "its merged event"),
        _c("doc", "string", "document id"),
        _c("person_id", "int64", "resolved person, shared across documents"),
        _c("name", "string", "name as written"),
        _c("title", "string", "title as written", nullable=True),
        _c("country", "string", "ISO3 code", nullable=True),
    ),
    "facts": (
        _c("fact_id", "int64", "fact id"),
        _c("doc", "string", "document id"),
        _c("published", "string", "publication date of the document", nullable=True),
        _c("kind", "string", "trade_turnover, exports, supply, investment or aid"),
        _c("countries", "list", "ISO3 codes (exports, supply, aid: from, to; else sorted)"),
        _c("value", "float64", "the number in plain units"),
        _c("unit", "string", "ISO 4217 code or physical unit"),
        _c("period", "string", "TIMEX period", nullable=True),
        *_EVIDENCE,
    ),
}
"""The tables of :func:`export_tables`, their columns and types, in order."""


def describe_tables() -> str:
    """The table layout in words, for help texts."""
    return "\n".join(
        f"{name}: " + ", ".join(c.name for c in columns) for name, columns in TABLES.items()
    )


def _date_columns(timex: str | None) -> tuple[date | None, str | None]:
    day, precision = plover_date(timex)
    return (date.fromisoformat(day) if day else None), precision


def _event_participants(session: Session, rows: Sequence[Row[Any]]) -> dict[int, list[str]]:
    """The names of each event's participants (each person once, by the
    fullest name seen), by role then name (:mod:`bilat.store.order`)."""
    ids = [r.id for r in rows]
    found: dict[int, dict[int, tuple[str, str | None]]] = defaultdict(dict)
    for event_id, person_id, name, country in session.execute(
        select(MentionRow.event_id, PersonRow.id, PersonRow.name, PersonRow.country)
        .join(MentionParticipantRow, MentionParticipantRow.mention_id == MentionRow.id)
        .join(PersonRow, PersonRow.id == MentionParticipantRow.person_id)
        .where(MentionRow.event_id.in_(ids))
    ).tuples():
        found[event_id][person_id] = (name, country)
    out: dict[int, list[str]] = {}
    for r in rows:
        countries = _countries(r.countries_key)
        people = sorted(found[r.id].values(),
                        key=lambda nc: participant_key(nc[1], nc[0], None, countries))
        out[r.id] = [name for name, _ in people]
    return out


def _event_rows(session: Session, batch: int) -> Iterator[tuple[Any, ...]]:
    stmt = select(
        EventRow.id, EventRow.type, EventRow.mode, EventRow.status, EventRow.date,
        EventRow.location, EventRow.countries_key, EventRow.topics, EventRow.n_sources,
        EventRow.fulfilled_by_id,
    )
    for rows in _pages(session, stmt, EventRow.id, batch):
        people = _event_participants(session, rows)
        for r in rows:
            yield (r.id, r.type, r.mode, r.status, r.date, *_date_columns(r.date), r.location,
                   _countries(r.countries_key), _topics(r.topics), people[r.id], r.n_sources,
                   r.fulfilled_by_id)


def _mention_rows(session: Session, batch: int) -> Iterator[tuple[Any, ...]]:
    stmt = (
        select(
            MentionRow.id, MentionRow.event_id, DocumentRow.doc, DocumentRow.published,
            MentionRow.type, MentionRow.mode, MentionRow.status, MentionRow.date,
            MentionRow.location, MentionRow.countries_key, MentionRow.topics,
            MentionRow.trigger, MentionRow.evidence_start, MentionRow.evidence_end,
            MentionRow.evidence_text,
        )
        .join(DocumentRow, DocumentRow.id == MentionRow.document_id)
        .order_by(MentionRow.id)
    )
    for r in _stream(session, stmt, batch):
        yield (r.id, r.event_id, r.doc, r.published, r.type, r.mode, r.status, r.date,
               *_date_columns(r.date), r.location, _countries(r.countries_key),
               _topics(r.topics), r.trigger,
               r.evidence_start, r.evidence_end, r.evidence_text)


def _participant_rows(session: Session, batch: int) -> Iterator[tuple[Any, ...]]:
    """Participants by mention, each mention's by role, then name (bilat.store.order)."""
    stmt = (
        select(
            MentionParticipantRow.mention_id, MentionRow.event_id, DocumentRow.doc,
            MentionParticipantRow.person_id, MentionParticipantRow.name,
            MentionParticipantRow.title, MentionParticipantRow.country, MentionRow.countries_key,
        )
        .join(MentionRow, MentionRow.id == MentionParticipantRow.mention_id)
        .join(DocumentRow, DocumentRow.id == MentionRow.document_id)
        .order_by(MentionParticipantRow.mention_id, MentionParticipantRow.position,
                  MentionParticipantRow.id)
    )
    for _, group in groupby(_stream(session, stmt, batch), key=lambda r: r.mention_id):
        rows = list(group)
        countries = _countries(rows[0].countries_key)
        rows.sort(key=lambda r: participant_key(r.country, r.name, r.title, countries))
        for r in rows:
            yield tuple(r)[:-1]


def _fact_rows(session: Session, batch: int) -> Iterator[tuple[Any, ...]]:
    stmt = (
        select(
            FactRow.id, DocumentRow.doc, DocumentRow.published, FactRow.kind,
            FactRow.country_a, FactRow.country_b, FactRow.value, FactRow.unit, FactRow.period,
            FactRow.evidence_start, FactRow.evidence_end, FactRow.evidence_text,
        )
        .join(DocumentRow, DocumentRow.id == FactRow.document_id)
        .order_by(FactRow.document_id, FactRow.position, FactRow.id)
    )
    for r in _stream(session, stmt, batch):
        yield (r.id, r.doc, r.published, r.kind,
               _fact_countries(r.country_a, r.country_b), float(r.value), r.unit,
               r.period, r.evidence_start, r.evidence_end, r.evidence_text)


_ROWS: dict[str, Callable[[Session, int], Iterator[tuple[Any, ...]]]] = {
    "events": _event_rows,
    "mentions": _mention_rows,
    "participants": _participant_rows,
    "facts": _fact_rows,
}


def _csv_cell(value: Any) -> Any:
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _write_csv(
    path: Path, columns: tuple[Column, ...], rows: Iterator[tuple[Any, ...]], _batch_rows: int
) -> int:
    n = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([c.name for c in columns])
        for row in rows:
            writer.writerow([_csv_cell(v) for v in row])
            n += 1
    return n


def _write_parquet(
    path: Path, columns: tuple[Column, ...], rows: Iterator[tuple[Any, ...]], batch_rows: int
) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"int64": pa.int64(), "float64": pa.float64(), "string": pa.string(),
             "list": pa.list_(pa.string()), "date": pa.date32()}
    schema = pa.schema([pa.field(c.name, types[c.type], nullable=c.nullable) for c in columns])
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        while batch := list(islice(rows, batch_rows)):
            arrays = [
                pa.array([row[i] for row in batch], type=field.type)
                for i, field in enumerate(schema)
            ]
            writer.write_batch(pa.RecordBatch.from_arrays(arrays, schema=schema))
            n += len(batch)
    return n


def _prepare_directory(directory: Path) -> None:
    if directory.exists() and not directory.is_dir():
        raise ExportError(f"{directory} exists and is not a directory")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot create directory {directory}: {exc.strerror or exc}") from exc


def export_tables(
    store: Store, directory: Path | str, fmt: TableFormat, *, batch_rows: int = BATCH_ROWS
) -> dict[str, int]:
    """Write the :data:`TABLES` as ``<name>.csv`` or ``<name>.parquet`` files
    into ``directory`` (created; files there are replaced). Return the rows
    written per table. Rows are fetched, and Parquet record batches written,
    ``batch_rows`` at a time; each file is written under a temporary name and
    moved into place when complete."""
    if fmt not in TABLE_FORMATS:
        raise ExportError(f"unknown table format {fmt!r} (one of: {', '.join(TABLE_FORMATS)})")
    directory = Path(directory)
    _prepare_directory(directory)
    write = _write_csv if fmt == "csv" else _write_parquet
    counts: dict[str, int] = {}
    with _snapshot(store) as session:
        for name, columns in TABLES.items():
            final = directory / f"{name}.{fmt}"
            part = directory / f".{name}.{fmt}.part"
            try:
                counts[name] = write(part, columns, _ROWS[name](session, batch_rows), batch_rows)
                os.replace(part, final)
            except OSError as exc:
                part.unlink(missing_ok=True)
                raise ExportError(f"cannot write {final}: {exc.strerror or exc}") from exc
            except BaseException:
                part.unlink(missing_ok=True)
                raise
    return counts


# -- PLOVER ----------------------------------------------------------------------


@dataclass(frozen=True)
class PloverMapping:
    """bilat to PLOVER, from ``bilat/data/plover_contexts.json``."""

    contexts: frozenset[str]
    topics: dict[str, tuple[str, ...]]
    planned: str
    planned_as_agree: frozenset[str]
    consult_modes: dict[str, str | None]
    quad_codes: dict[str, int]


@cache
def plover_mapping() -> PloverMapping:
    data = load_json("plover_contexts.json")
    try:
        mapping = PloverMapping(
            contexts=frozenset(data["contexts"]),
            topics={t: tuple(cs) for t, cs in data["topics"].items()},
            planned=str(data["planned"]),
            planned_as_agree=frozenset(data["planned_as_agree"]),
            consult_modes=dict(data["consult_modes"]),
            quad_codes={k: int(v) for k, v in data["quad_codes"].items()},
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DataError(f"plover_contexts.json is malformed: {exc!r}") from exc
    unknown = {c for cs in mapping.topics.values() for c in cs} | {mapping.planned}
    unknown -= mapping.contexts
    if unknown:
        raise DataError(f"plover_contexts.json maps to unknown contexts: {sorted(unknown)}")
    return mapping


def _coder() -> str:
    try:
        return f"bilat {metadata.version('bilat')}"
    except metadata.PackageNotFoundError:
        return "bilat"


def plover_date(timex: str | None) -> tuple[str | None, str | None]:
    """A TIMEX date as PLOVER's ``YYYY-MM-DD`` and its precision: a month or a
    year gives its first day (``2019-06`` -> ``(2019-06-01, month)``); an
    unknown year (``XXXX-06-10``) or no date gives ``(None, None)``."""
    if not timex:
        return None, None
    match = _TIMEX_DATE.fullmatch(timex)
    if match is None:
        return None, None
    year, month, day = match.groups()
    precision = "day" if day else "month" if month else "year"
    return f"{year}-{month or '01'}-{day or '01'}", precision


def _first_named(
    evidence: str, participants: list[dict[str, Any]], countries: list[str]
) -> str | None:
    """The country of the participant the evidence names first (by the place of
    the name, else of its last word, in the text; then by role and name), else
    the first country."""
    if not participants:
        return countries[0] if countries else None

    def place(p: dict[str, Any]) -> int:
        for needle in (p["name"], p["name"].split()[-1] if p["name"].split() else ""):
            at = evidence.find(needle) if needle else -1
            if at >= 0:
                return at
        return len(evidence)

    first = min(participants, key=lambda p: (
        place(p), participant_key(p["country"], p["name"], p["title"], countries)))
    country: str | None = first["country"]
    return country


def plover_record(
    event: Row[Any], mentions: Sequence[Row[Any]], people: Sequence[Row[Any]],
    mapping: PloverMapping | None = None,
) -> dict[str, Any]:
    """The PLOVER record of one merged event.

    - ``id``: ``bilat-<event id>``.
    - ``date`` (PLOVER wants ``YYYY-MM-DD``) never moves an event in time:
      the event's own date when the text gives one, a partial date as its
      first day (``2019-06`` -> ``2019-06-01``), with ``date_precision``
      (``day``, ``month``, ``year``) and ``date_source: "text"``. Only an
      event the text gives no date with a known year takes the publication
      date of its first source, with ``date_source: "published"``; a planned
      event is dated when it was announced (PLOVER codes the announcement), so
      its date is the publication's too. With neither, ``date``,
      ``date_precision`` and ``date_source`` are null. bilat's own TIMEX value
      stays in ``bilat.date``.
    - ``actor`` / ``recipient``: lists of actor objects (``code`` = ISO3,
      ``actor_text`` and ``office`` = the first participant of that country
      by role and name). The actor is the country of the participant the
      first report names first (else the first country); the recipients are
      the other countries. (POLECAT's name ``actor``; the PLOVER 0.7 draft manual
      calls it ``source``.)
    - ``event``: ``[type]``; a planned cooperative event (``planned_as_agree``)
      is ``AGREE``, as PLOVER codes all announced future cooperation.
    - ``mode``: CONSULT modes mapped to PLOVER's (video -> phone, an in-person
      meeting -> null); none for other categories.
    - ``context``: the contexts of the event's topics, plus ``future`` for a
      planned event.
    - ``event_text``, ``text_info`` (``start``/``end`` offsets into the document
      text) and ``cite_info`` (``citation`` = document id, ``url``, ``title``,
      ``publication``) come from the first report (the earliest published,
      see :mod:`bilat.store.order`); ``story_ids`` lists the documents of all
      reports in that order. The actor is the country of the participant the
      first report's evidence names first (by the place of the name in it);
      ``bilat.participants`` is ordered by role (actor, then recipients),
      then name.
    """
    m = mapping or plover_mapping()
    countries = _countries(event.countries_key)
    topics = _topics(event.topics)
    participants: list[dict[str, Any]] = []
    seen: set[int] = set()
    for p in people:
        if p.person_id not in seen:
            seen.add(p.person_id)
            participants.append({"name": p.name, "title": p.title, "country": p.country})
    first = mentions[0] if mentions else None
    actor = _first_named(
        first.evidence_text if first is not None else "",
        [p for p in participants if p["country"] in countries],
        countries,
    )
    participants.sort(
        key=lambda p: participant_key(p["country"], p["name"], p["title"], countries, actor)
    )

    def actor_object(code: str) -> dict[str, Any]:
        named = next((p for p in participants if p["country"] == code), None)
        return {
            "code": code,
            "actor_text": named["name"] if named else None,
            "office": named["title"] if named else None,
        }

    planned = event.status == "planned"
    category = "AGREE" if planned and event.type in m.planned_as_agree else event.type
    mode = m.consult_modes.get(event.mode) if category == "CONSULT" and event.mode else None
    contexts: list[str] = []
    for topic in topics:
        contexts.extend(c for c in m.topics.get(topic, ()) if c not in contexts)
    if planned and m.planned not in contexts:
        contexts.append(m.planned)
    published = first.published if first is not None else None
    day, precision, date_source = None, None, None
    if not planned:
        day, precision = plover_date(event.date)
        date_source = "text" if day else None
    if day is None:
        day, precision = plover_date(published)
        date_source = "published" if day else None
    return {
        "id": f"bilat-{event.id}",
        "date": day,
        "date_precision": precision,
        "date_source": date_source,
        # POLECAT's name; the PLOVER 0.7 draft manual calls this list "source"
        "actor": [actor_object(actor)] if actor else [],
        "recipient": [actor_object(c) for c in countries if c != actor],
        "event": [category],
        "mode": mode,
        "context": contexts,
        "quad_code": m.quad_codes.get(category),
        "event_loc": {"name": event.location} if event.location else None,
        "event_text": [first.evidence_text] if first is not None else [],
        "text_info": (
            {"start": first.evidence_start, "end": first.evidence_end}
            if first is not None else None
        ),
        "cite_info": (
            {"citation": first.doc, "url": first.url, "title": first.title,
             "publication": first.outlet}
            if first is not None else None
        ),
        "coder": _coder(),
        "story_ids": list(dict.fromkeys(x.doc for x in mentions)),
        "bilat": {
            "event_id": event.id,
            "type": event.type,
            "mode": event.mode,
            "status": event.status,
            "date": event.date,
            "location": event.location,
            "countries": countries,
            "topics": topics,
            "participants": participants,
            "n_sources": event.n_sources,
            "fulfilled_by": event.fulfilled_by_id,
        },
    }


def iter_plover(store: Store, *, page_size: int = PAGE_SIZE) -> Iterator[dict[str, Any]]:
    """One PLOVER record per merged event, in storage order, reading
    ``page_size`` events at a time."""
    mapping = plover_mapping()
    with _snapshot(store) as session:
        events = select(
            EventRow.id, EventRow.type, EventRow.mode, EventRow.status, EventRow.date,
            EventRow.location, EventRow.countries_key, EventRow.topics, EventRow.n_sources,
            EventRow.fulfilled_by_id,
        )
        for page in _pages(session, events, EventRow.id, page_size):
            ids = [e.id for e in page]
            mentions: dict[int, list[Row[Any]]] = defaultdict(list)
            stmt = (
                select(
                    MentionRow.event_id, MentionRow.evidence_start, MentionRow.evidence_end,
                    MentionRow.evidence_text, DocumentRow.doc, DocumentRow.published,
                    DocumentRow.url, DocumentRow.title, DocumentRow.outlet,
                    DocumentRow.doc_key, MentionRow.id.label("mention_id"),
                )
                .join(DocumentRow, DocumentRow.id == MentionRow.document_id)
                .where(MentionRow.event_id.in_(ids))
            )
            # reports earliest first, by a key of what they say (bilat.store.order)
            for row in sorted(session.execute(stmt), key=lambda r: report_key(
                    r.published, r.doc_key, r.mention_id)):
                mentions[row.event_id].append(row)
            people: dict[int, list[Row[Any]]] = defaultdict(list)
            who = (
                select(
                    MentionRow.event_id, MentionParticipantRow.person_id,
                    MentionParticipantRow.name, MentionParticipantRow.title,
                    MentionParticipantRow.country, DocumentRow.published, DocumentRow.doc_key,
                    MentionRow.id.label("mention_id"), MentionParticipantRow.position,
                    MentionParticipantRow.id.label("row_id"),
                )
                .join(MentionRow, MentionRow.id == MentionParticipantRow.mention_id)
                .join(DocumentRow, DocumentRow.id == MentionRow.document_id)
                .where(MentionRow.event_id.in_(ids))
            )
            for person in sorted(session.execute(who), key=lambda r: (
                    report_key(r.published, r.doc_key, r.mention_id), r.position, r.row_id)):
                people[person.event_id].append(person)
            for event in page:
                yield plover_record(event, mentions[event.id], people[event.id], mapping)


def export_plover(store: Store, fh: TextIO, *, page_size: int = PAGE_SIZE) -> int:
    """Write one PLOVER JSON line per merged event to ``fh``; return how many."""
    return _write_lines(iter_plover(store, page_size=page_size), fh)


__all__ = [
    "BATCH_ROWS",
    "LIST_SEPARATOR",
    "PAGE_SIZE",
    "TABLES",
    "TABLE_FORMATS",
    "Column",
    "ExportError",
    "PloverMapping",
    "describe_tables",
    "export_jsonl",
    "export_plover",
    "export_tables",
    "iter_plover",
    "iter_records",
    "plover_date",
    "plover_mapping",
    "plover_record",
    "store_counts",
]
