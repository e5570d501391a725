"""bilat export: the knowledge base out again as RECORD JSON Lines, CSV, Parquet
and PLOVER, on real SQLite and PostgreSQL stores (``store_url``), no mocks."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import typer
from typer.testing import CliRunner

from bilat.cli import app as bilat_app
from bilat.commands.export import register
from bilat.extract import Extractor
from bilat.ingest import read_documents
from bilat.record import EVENT_TYPES, TOPICS
from bilat.store import Store, open_store
from bilat.store.export import (
    TABLES,
    TableFormat,
    export_jsonl,
    export_plover,
    export_tables,
    iter_plover,
    plover_date,
    plover_mapping,
)
from bilat.store.ingest import ingest
from bilat.store.order import participant_key
from tests.conftest import SAMPLES
from tests.scoring import official_scorer

NEWS = SAMPLES / "news"
FILES = (
    "s01_aze_geo_phone.txt",     # phone call, AGREE, a fact
    "s03_ken_tur_aid.txt",       # AID, directed aid facts, an XXXX date
    "s08_jpn_phl_exercise.txt",  # COOPERATE, a planned visit (CONSULT)
    "s09_aus_fji_visit.txt",     # a visit, a planned grant agreement (SUPPORT)
    "s13_kaz_weather.txt",       # no events at all
    "s19_esp_mex_planned.txt",   # planned visit, planned SUPPORT, planned meeting, 3 facts
)
COPY = "s19_copy"  # s19's text under another name: its events merge with s19's
PLOVER_FIELDS = {
    "id", "date", "date_precision", "date_source", "actor", "recipient", "event", "mode",
    "context", "quad_code", "event_loc", "event_text", "text_info", "cite_info",
}
RECORD_EVENT_FIELDS = {
    "type", "mode", "status", "countries", "date", "location", "participants", "topics",
    "evidence",
}
RECORD_FACT_FIELDS = {"kind", "countries", "value", "unit", "period", "evidence"}


score = official_scorer()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("news")
    for name in FILES:
        shutil.copyfile(NEWS / name, root / name)
    shutil.copyfile(NEWS / "s19_esp_mex_planned.txt", root / f"{COPY}.txt")
    return root


def _paths(corpus: Path) -> list[Path]:
    return sorted(corpus.glob("*.txt"))


@pytest.fixture(scope="module")
def extracted(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """The direct output of `bilat extract` on the corpus, by document id."""
    out = tmp_path_factory.mktemp("direct") / "direct.jsonl"
    result = CliRunner().invoke(bilat_app, ["extract", *map(str, _paths(corpus)), "-o", str(out)])
    assert result.exit_code == 0, result.output
    records: dict[str, dict[str, Any]] = score.load(str(out))
    assert len(records) == len(FILES) + 1
    return records


@pytest.fixture
def store(store_url: str, extractor: Extractor, corpus: Path) -> Iterator[Store]:
    kb = open_store(store_url)
    report = ingest(kb, read_documents(_paths(corpus)), extractor)
    assert (report.added, report.failed) == (len(FILES) + 1, 0), report.errors
    yield kb
    kb.close()


@pytest.fixture
def texts(corpus: Path) -> dict[str, str]:
    """Document texts as the scorer reads them."""
    out = {}
    for path in _paths(corpus):
        with open(path, encoding="utf-8", newline="") as fh:
            out[path.stem] = fh.read()
    return out


def _jsonl(store: Store, **kwargs: Any) -> list[dict[str, Any]]:
    buf = io.StringIO()
    n = export_jsonl(store, buf, **kwargs)
    lines = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert n == len(lines)
    return lines


def _plover(store: Store, **kwargs: Any) -> list[dict[str, Any]]:
    buf = io.StringIO()
    n = export_plover(store, buf, **kwargs)
    lines = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert n == len(lines)
    return lines


def _without_extras(record: dict[str, Any]) -> dict[str, Any]:
    """A record without the fields that are not part of extraction's output."""
    out = {k: v for k, v in record.items() if k not in ("warnings", "key")}
    out["events"] = [
        {k: v for k, v in e.items() if k not in ("event_id", "n_sources")}
        for e in record["events"]
    ]
    for e in out["events"]:  # the store gives participants by role, then name
        e["participants"] = sorted(e["participants"], key=lambda p, e=e: participant_key(
            p["country"], p["name"], p["title"], e["countries"]))
    return out


# -- JSON Lines ---------------------------------------------------------------------


def test_jsonl_round_trip_equals_direct_extraction(
    store: Store, extracted: dict[str, dict[str, Any]], corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "kb.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        n = export_jsonl(store, fh)
    exported: dict[str, dict[str, Any]] = score.load(str(out))
    assert n == len(exported) == len(extracted)
    assert list(exported) == list(extracted)  # storage order is input order

    # the official scorer finds the two outputs identical ...
    report = score.score(extracted, exported)
    for part in ("events", "facts", "participants", "topics"):
        assert (report[part]["fp"], report[part]["fn"]) == (0, 0), (part, report[part])
    assert report["events"]["tp"] == sum(len(r["events"]) for r in extracted.values()) > 10
    assert report["facts"]["tp"] == sum(len(r["facts"]) for r in extracted.values()) > 4
    for attr in ("date", "mode", "status", "location", "period", "published"):
        assert report[attr]["accuracy"] in (None, 1.0), (attr, report[attr])
    evidence = score.check_evidence(exported, str(corpus))
    assert evidence["bad"] == 0 and evidence["checked"] == report["events"]["tp"] + report[
        "facts"]["tp"]

    # ... and so is every field, evidence included, extras aside
    for doc, direct in extracted.items():
        record = exported[doc]
        assert _without_extras(record) == _without_extras(direct), doc
        for event in record["events"]:
            assert event.keys() >= RECORD_EVENT_FIELDS
            assert isinstance(event["event_id"], int) and event["n_sources"] >= 1
        for fact in record["facts"]:
            assert set(fact) == RECORD_FACT_FIELDS


def test_jsonl_links_mentions_to_merged_events(store: Store) -> None:
    records = {r["doc"]: r for r in _jsonl(store)}
    original, copy = records["s19_esp_mex_planned"], records[COPY]
    assert len(original["events"]) == len(copy["events"]) >= 3
    for a, b in zip(original["events"], copy["events"], strict=True):
        assert a["event_id"] == b["event_id"]  # the same interaction, two sources
        assert a["n_sources"] == b["n_sources"] == 2
    assert all(e["n_sources"] == 1 for e in records["s01_aze_geo_phone"]["events"])
    assert records["s13_kaz_weather"]["events"] == []


def test_jsonl_pages_give_the_same_export(store: Store) -> None:
    assert _jsonl(store, page_size=2) == _jsonl(store) == _jsonl(store, page_size=1)


# -- tables -------------------------------------------------------------------------


def _expected_rows(records: list[dict[str, Any]]) -> dict[str, int]:
    mentions = [e for r in records for e in r["events"]]
    return {
        "events": len({e["event_id"] for e in mentions}),
        "mentions": len(mentions),
        "participants": sum(len(e["participants"]) for e in mentions),
        "facts": sum(len(r["facts"]) for r in records),
    }


def _read_table(path: Path, fmt: str) -> tuple[list[str], list[dict[str, Any]]]:
    if fmt == "csv":
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            rows = list(reader)
            return list(reader.fieldnames or []), rows
    table = pq.read_table(path)
    return table.column_names, table.to_pylist()


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_tables_have_the_documented_columns_and_all_rows(
    store: Store, tmp_path: Path, texts: dict[str, str], fmt: TableFormat
) -> None:
    records = _jsonl(store)
    expected = _expected_rows(records)
    assert expected["events"] < expected["mentions"]  # s19 and its copy share events
    directory = tmp_path / "out" / "tables"  # created, parents too
    counts = export_tables(store, directory, fmt, batch_rows=3)
    assert counts == expected
    assert sorted(p.name for p in directory.iterdir()) == sorted(f"{t}.{fmt}" for t in TABLES)
    tables = {}
    for name, columns in TABLES.items():
        header, rows = _read_table(directory / f"{name}.{fmt}", fmt)
        assert header == [c.name for c in columns]
        assert len(rows) == expected[name]
        tables[name] = rows

    # every mention row quotes its document; countries are a list (';' in CSV)
    for row in tables["mentions"]:
        start, end = int(row["evidence_start"]), int(row["evidence_end"])
        assert texts[row["doc"]][start:end] == row["evidence_text"]
        if fmt == "csv":
            assert re.fullmatch(r"[A-Z]{3}(;[A-Z]{3})+", row["countries"])
        assert all(re.fullmatch(r"[A-Z]{3}", c) for c in _items(row["countries"]))
    # facts keep their direction and value
    facts = {
        (r["doc"], r["kind"], tuple(_items(r["countries"])), float(r["value"]), r["unit"],
         int(r["evidence_start"]))
        for r in tables["facts"]
    }
    for record in records:
        for f in record["facts"]:
            key = (record["doc"], f["kind"], tuple(f["countries"]), float(f["value"]),
                   f["unit"], f["evidence"]["start"])
            assert key in facts
    assert any(r["kind"] == "aid" and _items(r["countries"]) == ["TUR", "KEN"]
               for r in tables["facts"])
    # the merged events of s19 have two sources
    merged = {int(r["event_id"]) for r in tables["mentions"] if r["doc"] == COPY}
    assert merged and all(
        int(r["n_sources"]) == 2 for r in tables["events"] if int(r["event_id"]) in merged
    )
    assert {r["doc"] for r in tables["participants"]} <= set(texts)


def _items(cell: str | list[str]) -> list[str]:
    """A list cell: a list in Parquet, ';'-joined in CSV."""
    return cell if isinstance(cell, list) else cell.split(";") if cell else []


def test_parquet_schemas_are_explicit(store: Store, tmp_path: Path) -> None:
    export_tables(store, tmp_path, "parquet")
    for name, columns in TABLES.items():
        schema = pq.read_schema(tmp_path / f"{name}.parquet")
        for column in columns:
            field = schema.field(column.name)
            assert field.type == {"int64": pa.int64(), "float64": pa.float64(),
                                  "string": pa.string(), "list": pa.list_(pa.string()),
                                  "date": pa.date32()}[column.type], (name, column.name)
            assert field.nullable == column.nullable
    assert pq.read_schema(tmp_path / "facts.parquet").field("value").type == pa.float64()
    assert pq.read_schema(tmp_path / "mentions.parquet").field("evidence_start").type == (
        pa.int64())


# -- PLOVER -------------------------------------------------------------------------


def test_plover_records_have_the_plover_fields(store: Store, texts: dict[str, str]) -> None:
    records = _plover(store)
    n_events = _expected_rows(_jsonl(store))["events"]
    assert len(records) == n_events
    assert len({r["id"] for r in records}) == n_events
    known = set(plover_mapping().contexts)
    for r in records:
        assert r.keys() >= PLOVER_FIELDS, r
        assert r["date"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"])
        assert len(r["event"]) == 1 and r["event"][0] in EVENT_TYPES
        assert r["quad_code"] in (1, 2, 3, 4)
        actors = r["actor"] + r["recipient"]
        assert len(r["actor"]) == 1 and r["recipient"]
        assert sorted(a["code"] for a in actors) == r["bilat"]["countries"]
        assert all(re.fullmatch(r"[A-Z]{3}", a["code"]) for a in actors)
        assert set(r["context"]) <= known
        # the offsets quote the document the record cites
        doc = r["cite_info"]["citation"]
        start, end = r["text_info"]["start"], r["text_info"]["end"]
        assert texts[doc][start:end] == r["event_text"][0] != ""
        assert r["story_ids"][0] == doc
    merged = [r for r in records if len(r["story_ids"]) > 1]
    # in storage order: the corpus is ingested in file-name order, the copy first
    assert merged and all(r["story_ids"] == [COPY, "s19_esp_mex_planned"] for r in merged)


def test_plover_codes_planned_cooperation_as_agree(store: Store) -> None:
    records = _plover(store)
    planned = [r for r in records if r["bilat"]["status"] == "planned"]
    assert {"CONSULT", "SUPPORT"} <= {r["bilat"]["type"] for r in planned}
    for r in planned:
        assert r["event"] == ["AGREE"], r["bilat"]
        assert r["mode"] is None and r["quad_code"] == 1
        assert "future" in r["context"]
    occurred = [r for r in records if r["bilat"]["status"] == "occurred"]
    assert occurred and all(r["event"] == [r["bilat"]["type"]] for r in occurred)
    assert all("future" not in r["context"] for r in occurred)
    phone = [r for r in occurred if r["bilat"]["mode"] == "phone"]
    assert phone and all(r["event"] == ["CONSULT"] and r["mode"] == "phone" for r in phone)


def test_plover_contexts_come_from_the_topics(store: Store) -> None:
    mapping = plover_mapping()
    assert set(mapping.topics) == set(TOPICS)
    assert mapping.topics["trade"] == ("economic",)
    assert mapping.topics["defense"] == ("military",)
    assert mapping.topics["health"] == ("disease",)
    records = _plover(store)
    with_topics = [r for r in records if r["bilat"]["topics"]]
    assert len(with_topics) >= 5
    for r in records:
        expected: list[str] = []
        for topic in r["bilat"]["topics"]:
            expected += [c for c in mapping.topics[topic] if c not in expected]
        if r["bilat"]["status"] == "planned":
            expected.append("future")
        assert r["context"] == expected
    # an AID event from s03, whose topics include health
    aid = next(r for r in records if r["bilat"]["type"] == "AID" and "KEN" in r["bilat"][
        "countries"])
    assert aid["actor"][0]["code"] in ("KEN", "TUR")
    if "health" in aid["bilat"]["topics"]:
        assert "disease" in aid["context"]


def test_plover_pages_give_the_same_export(store: Store) -> None:
    assert list(iter_plover(store, page_size=2)) == _plover(store)


# -- the command --------------------------------------------------------------------


@pytest.fixture
def cli() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        """test app"""

    register(app)
    return app


def test_command_writes_every_format(
    cli: typer.Typer, store: Store, store_url: str, tmp_path: Path
) -> None:
    runner = CliRunner()
    out = tmp_path / "records.jsonl"
    result = runner.invoke(cli, ["export", "--format", "jsonl", "-o", str(out), "--db", store_url])
    assert result.exit_code == 0, result.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(FILES) + 1
    assert f"wrote {len(FILES) + 1} records" in result.stderr
    assert not list(tmp_path.glob(".*.part"))

    result = runner.invoke(cli, ["export", "-f", "PLOVER", "-o", "-", "--db", store_url])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines == _plover(store)

    for fmt in ("csv", "parquet"):
        target = tmp_path / f"{fmt}-dir"
        result = runner.invoke(cli, ["export", "--format", fmt, "-o", str(target),
                                     "--db", store_url])
        assert result.exit_code == 0, result.output
        assert sorted(p.name for p in target.iterdir()) == sorted(f"{t}.{fmt}" for t in TABLES)


def test_command_help_documents_the_tables(cli: typer.Typer) -> None:
    result = CliRunner().invoke(cli, ["export", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for name in ("events.csv", "mentions.csv", "participants.csv", "facts.csv", "DIRECTORY"):
        assert name in result.stdout
    assert "evidence_start" in result.stdout and "joined with ';'" in result.stdout
    for field in ("actor", "recipient", "date_precision", "date_source"):
        assert field in result.stdout
    assert "date, source," not in result.stdout


def test_command_rejects_an_unknown_format(cli: typer.Typer, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["export", "--format", "xml", "-o", str(tmp_path / "x")])
    assert result.exit_code == 2
    assert "xml" in result.output and "jsonl" in result.output
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize("fmt", ["jsonl", "plover", "csv", "parquet"])
def test_command_reports_an_unwritable_output(
    cli: typer.Typer, store: Store, store_url: str, tmp_path: Path, fmt: str
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory\n", encoding="utf-8")
    target = blocker / "inside" if fmt in ("jsonl", "plover") else blocker
    result = CliRunner().invoke(cli, ["export", "-f", fmt, "-o", str(target), "--db", store_url])
    assert result.exit_code == 2, result.output
    assert "error:" in result.stderr and str(blocker) in result.stderr
    assert blocker.read_text(encoding="utf-8") == "not a directory\n"


def test_command_on_an_empty_store_writes_empty_outputs(
    cli: typer.Typer, store_url: str, tmp_path: Path
) -> None:
    open_store(store_url).close()  # a store with the schema and nothing in it
    runner = CliRunner()
    for fmt in ("jsonl", "plover"):
        out = tmp_path / f"empty.{fmt}"
        result = runner.invoke(cli, ["export", "-f", fmt, "-o", str(out), "--db", store_url])
        assert result.exit_code == 0, result.output
        assert out.read_text(encoding="utf-8") == ""
        assert "empty" in result.stderr
    for fmt in ("csv", "parquet"):
        target = tmp_path / fmt
        result = runner.invoke(cli, ["export", "-f", fmt, "-o", str(target), "--db", store_url])
        assert result.exit_code == 0, result.output
        assert "empty" in result.stderr
        for name, columns in TABLES.items():
            header, rows = _read_table(target / f"{name}.{fmt}", fmt)
            assert header == [c.name for c in columns] and rows == []


def test_command_does_not_create_a_missing_store(cli: typer.Typer, tmp_path: Path) -> None:
    db = tmp_path / "nowhere" / "kb.db"
    result = CliRunner().invoke(cli, ["export", "-f", "jsonl", "-o", str(tmp_path / "o.jsonl"),
                                      "--db", str(db)])
    assert result.exit_code == 2
    assert "no knowledge base" in result.stderr
    assert not db.exists() and not (tmp_path / "o.jsonl").exists()


# -- PLOVER dates never move an event in time (issue 9) ------------------------------


@pytest.mark.parametrize(
    ("timex", "expected"),
    [
        ("2019-06-13", ("2019-06-13", "day")),
        ("2019-06", ("2019-06-01", "month")),
        ("2019", ("2019-01-01", "year")),
        ("XXXX-06-13", (None, None)),
        (None, (None, None)),
        ("", (None, None)),
    ],
)
def test_plover_date_is_the_first_day_with_its_precision(
    timex: str | None, expected: tuple[str | None, str | None]
) -> None:
    assert plover_date(timex) == expected


BACKGROUND = """Kenya and Uganda deepen defence ties

14 March 2023 08:00

NAIROBI, March 14. Kenyan Defence Minister Ann Ode met Ugandan Defence Minister Tom Aliro \
in Nairobi on March 13 to review joint border patrols.

In June 2019, Kenya and Uganda signed a defence cooperation plan in Kampala.
"""


def test_plover_keeps_a_background_events_own_date(
    store_url: str, extractor: Extractor, tmp_path: Path
) -> None:
    (tmp_path / "ken_uga.txt").write_text(BACKGROUND, encoding="utf-8")
    kb = open_store(store_url)
    try:
        report = ingest(kb, read_documents([tmp_path]), extractor)
        assert report.added == 1, report.errors
        records = {r["bilat"]["type"]: r for r in _plover(kb)}
    finally:
        kb.close()
    signed = records["SUPPORT"]
    assert signed["bilat"]["date"] == "2019-06"
    assert (signed["date"], signed["date_precision"], signed["date_source"]) == (
        "2019-06-01", "month", "text")  # not the article's 2023-03-14
    met = records["CONSULT"]
    assert (met["date"], met["date_precision"], met["date_source"]) == (
        "2023-03-13", "day", "text")


def test_plover_dates_say_where_they_come_from(store: Store) -> None:
    records = _plover(store)
    published = {r["doc"]: r["published"] for r in _jsonl(store)}
    sources = set()
    for r in records:
        own = r["bilat"]["date"]
        first = published[r["cite_info"]["citation"]]
        sources.add(r["date_source"])
        if r["bilat"]["status"] == "occurred" and own and not own.startswith("XXXX"):
            assert (r["date"], r["date_precision"]) == plover_date(own), r["bilat"]
            assert r["date_source"] == "text"
        elif first and not first.startswith("XXXX"):
            assert (r["date"], r["date_precision"]) == plover_date(first), r["bilat"]
            assert r["date_source"] == "published"
        else:
            assert r["date"] is r["date_precision"] is r["date_source"] is None
    assert {"text", "published"} <= sources


# -- lists stay lists, one form in every CSV (issue 9) -------------------------------


def test_lists_are_lists_in_parquet_and_one_form_in_every_csv(
    store: Store, tmp_path: Path
) -> None:
    export_tables(store, tmp_path / "pq", "parquet")
    export_tables(store, tmp_path / "csv", "csv")
    events = pq.read_table(tmp_path / "pq" / "events.parquet").to_pylist()
    with (tmp_path / "csv" / "events.csv").open(encoding="utf-8", newline="") as fh:
        events_csv = list(csv.DictReader(fh))
    assert len(events) == len(events_csv)
    for row, flat in zip(events, events_csv, strict=True):
        assert row["countries"] == sorted(row["countries"]) and len(row["countries"]) >= 2
        for column in ("countries", "topics", "participants"):
            assert isinstance(row[column], list)
            assert flat[column] == ";".join(row[column])
        if row["date"] and not row["date"].startswith("XXXX"):
            assert (row["date_start"].isoformat(), row["date_precision"]) == plover_date(
                row["date"])
            assert flat["date_start"] == row["date_start"].isoformat()
        else:
            assert row["date_start"] is None and flat["date_start"] == ""
    assert any(row["participants"] for row in events)
    assert any(row["date_precision"] == "day" for row in events)
    # `bilat events --format csv` writes its lists the same way
    runner = CliRunner()
    url = store.engine.url.render_as_string(hide_password=False)
    result = runner.invoke(bilat_app, ["events", "--format", "csv", "--db", url])
    assert result.exit_code == 0, result.output
    listed = list(csv.DictReader(io.StringIO(result.stdout)))
    by_id = {row["event_id"]: row for row in events_csv}
    for row in listed:
        exported = by_id[row["event_id"]]
        assert row["countries"] == exported["countries"]
        assert row["topics"] == exported["topics"]
        assert row["participants"] == exported["participants"]
