"""The evidence at hand (issue 9): ``bilat event``, ``bilat document``,
``bilat documents`` and ``bilat forget``, on SQLite and PostgreSQL
(``store_url``), with real extraction and the real command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from typer.testing import CliRunner

from bilat import Extractor
from bilat.cli import app
from bilat.ingest import read_documents
from bilat.store import open_store
from bilat.store.ingest import ingest
from bilat.store.models import DocumentRow, EventRow, FactRow, PersonRow
from tests.conftest import SAMPLES
from tests.test_store_ingest import assert_consistent

NEWS = SAMPLES / "news"


def _run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def _kb(store_url: str, extractor: Extractor, tmp_path: Path) -> Path:
    """s01 and s19 in folder a/, s19 again (its events merge) in b/."""
    root = tmp_path / "news"
    (root / "a").mkdir(parents=True)
    (root / "b").mkdir()
    for name in ("s01_aze_geo_phone.txt", "s19_esp_mex_planned.txt"):
        shutil.copyfile(NEWS / name, root / "a" / name)
    shutil.copyfile(NEWS / "s19_esp_mex_planned.txt", root / "b" / "s19_esp_mex_planned.txt")
    store = open_store(store_url)
    try:
        report = ingest(store, read_documents([root]), extractor)
        assert (report.added, report.failed) == (3, 0), report.errors
    finally:
        store.close()
    return root


def test_documents_event_and_document(
    store_url: str, extractor: Extractor, tmp_path: Path
) -> None:
    _kb(store_url, extractor, tmp_path)
    listed = [json.loads(line) for line in
              _run("documents", "--format", "jsonl", "--db", store_url).stdout.splitlines()]
    assert [(d["key"], d["doc"]) for d in listed] == [
        ("a/s01_aze_geo_phone.txt", "s01_aze_geo_phone"),
        ("a/s19_esp_mex_planned.txt", "s19_esp_mex_planned"),
        ("b/s19_esp_mex_planned.txt", "s19_esp_mex_planned")]
    assert listed[0]["n_events"] >= 3 and listed[0]["n_facts"] >= 1
    table = _run("documents", "--db", store_url)
    assert table.exit_code == 0 and "a/s01_aze_geo_phone.txt" in table.stdout

    # one document by its id (only one has it), its spans marked
    shown = _run("document", "s01_aze_geo_phone", "--db", store_url)
    assert shown.exit_code == 0, shown.output
    assert "⟦Azerbaijani Foreign Minister Farid Mammadov held a telephone" in shown.stdout
    detail = json.loads(_run("document", "a/s01_aze_geo_phone.txt", "--format", "json",
                             "--db", store_url).stdout)
    assert {s["kind"] for s in detail["spans"]} == {"event", "fact"}
    for span in detail["spans"]:
        assert f"⟧{span['kind'][0].upper()}{span['id']}" in shown.stdout
        assert 0 <= span["start"] < span["end"] <= len(detail["text"])

    # a short id two documents share names neither: the message lists their keys
    both = _run("document", "s19_esp_mex_planned", "--db", store_url)
    assert both.exit_code == 2
    assert "a/s19_esp_mex_planned.txt" in both.output
    assert "b/s19_esp_mex_planned.txt" in both.output

    # an event: every field, each report with its evidence and the cue word marked
    first = next(s for s in detail["spans"] if s["kind"] == "event")
    as_json = json.loads(_run("event", str(first["id"]), "--format", "json", "--db",
                              store_url).stdout)
    assert as_json["id"] == first["id"] and as_json["mentions"]
    text = _run("event", str(first["id"]), "--db", store_url)
    assert text.exit_code == 0, text.output
    assert f"Event {first['id']}: {as_json['type']}" in text.stdout
    assert "s01_aze_geo_phone, published 2023-04-12" in text.stdout
    assert "⟦telephone conversation⟧" in text.stdout
    missing = _run("event", "999999", "--db", store_url)
    assert missing.exit_code == 2 and "no event 999999" in missing.output


def test_forget_removes_a_document_and_only_what_it_alone_supported(
    store_url: str, extractor: Extractor, tmp_path: Path
) -> None:
    root = _kb(store_url, extractor, tmp_path)
    store = open_store(store_url)
    try:
        with store.session() as session:
            counts = {
                "events": session.scalar(select(func.count()).select_from(EventRow)),
                "facts": session.scalar(select(func.count()).select_from(FactRow)),
            }
            merged = session.scalar(select(func.count()).select_from(EventRow).where(
                EventRow.n_sources == 2))
            s01 = session.scalar(select(DocumentRow).where(
                DocumentRow.doc == "s01_aze_geo_phone"))
            s19b = session.scalar(select(DocumentRow).where(
                DocumentRow.doc_key == "b/s19_esp_mex_planned.txt"))
            assert s01 is not None and s19b is not None and merged
            s01_events, s01_facts = s01.n_mentions, s01.n_facts
            gone_facts = s01_facts + s19b.n_facts
    finally:
        store.close()

    # s19 in b/: its events stay (a/ reports them too), with one source fewer
    done = _run("forget", "b/s19_esp_mex_planned.txt", "--db", store_url)
    assert done.exit_code == 0, done.output
    assert "forgot b/s19_esp_mex_planned.txt" in done.output
    assert "0 events only it reported are gone" in done.output
    # s01: its events, facts and people go with it
    done = _run("forget", "s01_aze_geo_phone", "--db", store_url)
    assert done.exit_code == 0, done.output
    assert f"{s01_events} events only it reported are gone" in done.output
    store = open_store(store_url)
    try:
        with store.session() as session:
            assert_consistent(session)
            assert session.scalar(select(func.count()).select_from(EventRow)) == (
                counts["events"] - s01_events)
            assert session.scalar(select(func.count()).select_from(FactRow)) == (
                counts["facts"] - gone_facts)
            assert not session.scalar(select(func.count()).select_from(EventRow).where(
                EventRow.n_sources == 2))
            assert not session.scalar(select(PersonRow.id).where(
                PersonRow.surname_key == "kharadze"))
            assert list(session.scalars(select(DocumentRow.doc_key))) == [
                "a/s19_esp_mex_planned.txt"]
    finally:
        store.close()
    again = _run("forget", "s01_aze_geo_phone", "--db", store_url)
    assert again.exit_code == 2 and "no stored document 's01_aze_geo_phone'" in again.output
    # ingesting the folder again brings both back
    store = open_store(store_url)
    try:
        report = ingest(store, read_documents([root]), extractor)
        assert (report.added, report.unchanged) == (2, 1)
    finally:
        store.close()
