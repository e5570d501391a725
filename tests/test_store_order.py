"""Same input, same output (issue 9): every list the store gives out is in a
stable order, whatever order the documents were written in. On SQLite and
PostgreSQL (``store_url``); records are written through the real writer."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from bilat.document import Document
from bilat.record import Event, Evidence, Participant, Record
from bilat.store import open_store
from bilat.store.export import export_jsonl, export_plover
from bilat.store.query import EventFilter, iter_events
from bilat.store.writer import DocumentWriter


def _second_url(store_url: str, tmp_path: Path) -> str:
    if store_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'other.db'}"
    from tests.pg import fresh_database

    url = fresh_database()
    assert url is not None
    return url


def _report(key: str, text: str, people: list[tuple[str, str]]) -> tuple[Document, Record]:
    """One document reporting one meeting of Kenya and Uganda on 2023-04-10."""
    document = Document(id=key.split(".")[0], key=key, text=text, published="2023-04-11")
    event = Event(
        type="CONSULT", countries=["KEN", "UGA"], evidence=Evidence.of(text, 0, len(text)),
        mode="meeting", date="2023-04-10", location="Kampala",
        participants=[Participant(name, "Foreign Minister", iso3) for name, iso3 in people],
        topics=["trade", "security"],
    )
    return document, Record(doc=document.id, published="2023-04-11", events=[event])


REPORTS = [
    _report("a.txt", "Uganda's Tom Aliro hosted Kenya's Ann Ode in Kampala.",
            [("Tom Aliro", "UGA"), ("Ann Ode", "KEN")]),
    _report("b.txt", "Kenya's Ann Ode met Uganda's Tom Aliro and Joy Akello in Kampala.",
            [("Ann Ode", "KEN"), ("Tom Aliro", "UGA"), ("Joy Akello", "UGA")]),
]

_IDS = {"id", "event_id", "person_id", "fulfilled_by"}


def _without_ids(value: Any) -> Any:
    """``value`` without the database's own ids (they differ between stores)."""
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k not in _IDS}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


def _outputs(url: str, order: list[int]) -> dict[str, Any]:
    store = open_store(url)
    try:
        writer = DocumentWriter(store)
        for i in order:
            assert writer.write(*REPORTS[i]).outcome == "added"
        with store.session() as session:
            events = [e.to_dict() for e in iter_events(session, EventFilter(), mentions=True)]
        plover, records = io.StringIO(), io.StringIO()
        export_plover(store, plover)
        export_jsonl(store, records)
    finally:
        store.close()
    return {
        "events": _without_ids(events),
        "plover": _without_ids([json.loads(line) for line in plover.getvalue().splitlines()]),
        "records": sorted(
            (_without_ids(json.loads(line)) for line in records.getvalue().splitlines()),
            key=lambda r: r["key"],
        ),
    }


def test_lists_do_not_depend_on_the_order_documents_were_written(
    store_url: str, tmp_path: Path
) -> None:
    forward = _outputs(store_url, [0, 1])
    backward = _outputs(_second_url(store_url, tmp_path), [1, 0])
    (event,) = forward["events"]
    # role (the country's place among the event's countries), then name
    assert [(p["country"], p["name"]) for p in event["participants"]] == [
        ("KEN", "Ann Ode"), ("UGA", "Joy Akello"), ("UGA", "Tom Aliro")]
    assert [m["doc"] for m in event["mentions"]] == ["a", "b"]
    (plover,) = forward["plover"]
    assert plover["story_ids"] == ["a", "b"] and plover["cite_info"]["citation"] == "a"
    assert plover["actor"][0]["code"] == "UGA"  # the first report names Uganda's host first
    assert [p["name"] for p in plover["bilat"]["participants"]] == [
        "Joy Akello", "Tom Aliro", "Ann Ode"]  # actor first, then recipients; by name
    assert forward == backward


def test_a_reports_participants_do_not_depend_on_the_order_extraction_gave(
    store_url: str, tmp_path: Path
) -> None:
    """Extraction may list one event's people in another order from one process
    to the next; what the store gives out does not change with it."""
    document, record = _report("c.txt", "Kenya's Ann Ode met Uganda's Tom Aliro and Joy Akello.",
                               [("Tom Aliro", "UGA"), ("Ann Ode", "KEN"), ("Joy Akello", "UGA")])
    outputs = []
    for url, reverse in ((store_url, False), (_second_url(store_url, tmp_path), True)):
        if reverse:
            record.events[0].participants.reverse()
        store = open_store(url)
        try:
            DocumentWriter(store).write(document, record)
            records, plover = io.StringIO(), io.StringIO()
            export_jsonl(store, records)
            export_plover(store, plover)
        finally:
            store.close()
        outputs.append((_without_ids(json.loads(records.getvalue())),
                        _without_ids(json.loads(plover.getvalue()))))
    (exported, plover_record), again = outputs
    assert [p["name"] for p in exported["events"][0]["participants"]] == [
        "Ann Ode", "Joy Akello", "Tom Aliro"]
    assert plover_record["actor"][0]["code"] == "KEN"  # the text names Ann Ode first
    assert outputs[0] == again
