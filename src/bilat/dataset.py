"""Records as a Parquet dataset partitioned by publication month.

``bilat extract ... --format parquet -o DIR`` writes ``DIR/month=YYYY-MM/part-0.parquet``
(``month=unknown`` for records without a month), a Hive-partitioned dataset that
pyarrow, DuckDB, Spark or Dask read as one table, for runs too large for one JSON
Lines file. Each record is one row with the fields of RECORD.md, events and facts
as nested lists. Rows are buffered per month and written a row group at a time,
so memory does not grow with the run.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import TracebackType
from typing import Any

import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.parquet as pq

from bilat.errors import BilatError

ROWS_PER_GROUP = 1000
UNKNOWN_MONTH = "unknown"
PART_FILE = "part-0.parquet"
_MONTH = re.compile(r"(\d{4})-(\d{2})")


class DatasetError(BilatError):
    """The Parquet dataset could not be written or read."""


def _evidence() -> pa.DataType:
    return pa.struct([("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())])


def record_schema() -> pa.Schema:
    """The Arrow schema of one record row (``month`` is the partition column)."""
    strings = pa.list_(pa.string())
    participant = pa.struct([
        ("name", pa.string()), ("title", pa.string()), ("country", pa.string()),
        ("aliases", strings),
    ])
    event = pa.struct([
        ("type", pa.string()), ("mode", pa.string()), ("status", pa.string()),
        ("countries", strings), ("date", pa.string()), ("location", pa.string()),
        ("participants", pa.list_(participant)), ("topics", strings),
        ("evidence", _evidence()), ("trigger", pa.string()),
    ])
    fact = pa.struct([
        ("kind", pa.string()), ("countries", strings), ("value", pa.float64()),
        ("unit", pa.string()), ("period", pa.string()), ("evidence", _evidence()),
    ])
    return pa.schema([
        ("doc", pa.string()), ("published", pa.string()), ("title", pa.string()),
        ("source", pa.string()), ("url", pa.string()), ("events", pa.list_(event)),
        ("facts", pa.list_(fact)), ("warnings", strings),
    ])


def month_of(published: str | None) -> str:
    """``"2024-05"`` for a record published in May 2024, else ``"unknown"``."""
    m = _MONTH.match(published or "")
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{m.group(1)}-{m.group(2)}"
    return UNKNOWN_MONTH


class ParquetRecordWriter:
    """Writes record dicts (``Record.to_dict()``) into a month-partitioned dataset."""

    def __init__(self, directory: Path | str, rows_per_group: int = ROWS_PER_GROUP) -> None:
        self.directory = Path(directory)
        self.rows_per_group = rows_per_group
        self.schema = record_schema()
        self.written = 0
        self._buffers: dict[str, list[dict[str, Any]]] = {}
        self._writers: dict[str, pq.ParquetWriter] = {}
        if self.directory.exists() and not self.directory.is_dir():
            raise DatasetError(f"{self.directory} exists and is not a directory")
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            for stale in self.directory.glob(f"month=*/{PART_FILE}"):
                stale.unlink()  # a dataset of an earlier run is replaced
        except OSError as exc:
            raise DatasetError(f"cannot prepare {self.directory}: {exc.strerror or exc}") from exc

    def write(self, record: dict[str, Any]) -> None:
        month = month_of(record.get("published"))
        buffer = self._buffers.setdefault(month, [])
        buffer.append(record)
        if len(buffer) >= self.rows_per_group:
            self._flush(month)

    def _flush(self, month: str) -> None:
        rows = self._buffers.pop(month, [])
        if not rows:
            return
        try:
            table = pa.Table.from_pylist(rows, schema=self.schema)
            writer = self._writers.get(month)
            if writer is None:
                folder = self.directory / f"month={month}"
                folder.mkdir(exist_ok=True)
                writer = pq.ParquetWriter(str(folder / PART_FILE), self.schema)
                self._writers[month] = writer
            writer.write_table(table)
        except (OSError, pa.ArrowException) as exc:
            raise DatasetError(f"cannot write {self.directory} ({month}): {exc}") from exc
        self.written += len(rows)

    def close(self) -> None:
        try:
            for month in list(self._buffers):
                self._flush(month)
        finally:
            for writer in self._writers.values():
                writer.close()
            self._writers.clear()

    def __enter__(self) -> ParquetRecordWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _json_shape(row: dict[str, Any]) -> dict[str, Any]:
    """A row read back in the shape ``Record.to_dict()`` writes."""
    row.pop("month", None)
    for event in row.get("events") or []:
        for person in event.get("participants") or []:
            if not person.get("aliases"):
                person.pop("aliases", None)
    for fact in row.get("facts") or []:
        value = fact.get("value")
        if isinstance(value, float) and value.is_integer():
            fact["value"] = int(value)
    if not row.get("warnings"):
        row.pop("warnings", None)
    return row


def read_records(directory: Path | str, month: str | None = None) -> list[dict[str, Any]]:
    """The records of a dataset (of one ``month`` if given), month by month, each
    month in the order written, in the shape of ``Record.to_dict()``."""
    try:
        partitioning = pads.partitioning(pa.schema([("month", pa.string())]), flavor="hive")
        dataset = pads.dataset(str(directory), format="parquet", partitioning=partitioning)
        expression = (pads.field("month") == month) if month is not None else None
        table = dataset.to_table(filter=expression)
    except (OSError, pa.ArrowException) as exc:
        raise DatasetError(f"cannot read {directory}: {exc}") from exc
    return [_json_shape(row) for row in table.to_pylist()]


__all__ = ["DatasetError", "ParquetRecordWriter", "month_of", "read_records", "record_schema"]
