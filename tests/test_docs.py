"""The documentation says what the outputs hold (issue 9): every export column,
every PLOVER field and every CSV header is documented, and the record contract
ships with the project."""

from __future__ import annotations

import re

from bilat.commands.query import DYAD_CSV, EVENT_CSV, FACT_CSV, PLANNED_CSV
from bilat.record import EVENT_TYPES, FACT_KINDS, TOPICS
from bilat.store.export import TABLES, plover_record
from tests.conftest import ROOT

DOCS = ROOT / "docs"


def _section(text: str, heading: str) -> str:
    start = text.index(heading)
    following = re.search(r"^#{2,3} ", text[start + len(heading):], re.MULTILINE)
    return text[start: start + len(heading) + following.start()] if following else text[start:]


def test_every_table_column_is_documented_with_its_type() -> None:
    text = (DOCS / "export.md").read_text(encoding="utf-8")
    types = {"int64": "integer", "float64": "number", "string": "text", "list": "list of text",
             "date": "date"}
    for name, columns in TABLES.items():
        section = _section(text, f"### `{name}`")
        documented = re.findall(r"^\| `(\w+)` \| ([\w ]+) \|", section, re.MULTILINE)
        assert documented == [(c.name, types[c.type]) for c in columns], name


def test_every_plover_field_is_documented() -> None:
    from collections import namedtuple

    event = namedtuple("event", "id type mode status date location countries_key topics "
                                "n_sources fulfilled_by_id")(1, "CONSULT", "phone", "occurred",
                                                             "2023-05", None, "KEN-UGA", "", 1,
                                                             None)
    record = plover_record(event, [], [])
    section = _section((DOCS / "export.md").read_text(encoding="utf-8"),
                       "## `bilat export --format plover`")
    documented = re.findall(r"^\| `(\w+)` \|", section, re.MULTILINE)
    assert documented == list(record), documented
    assert (record["date"], record["date_precision"], record["date_source"]) == (
        "2023-05-01", "month", "text")


def test_every_query_csv_header_is_documented() -> None:
    text = " ".join((DOCS / "export.md").read_text(encoding="utf-8").split())
    for header in (EVENT_CSV, DYAD_CSV, FACT_CSV, PLANNED_CSV,
                   ["person_id", "name", "country", "n_events", "names", "titles"]):
        assert ", ".join(header) in text, header


def test_the_record_contract_ships_in_the_projects_own_words() -> None:
    text = (DOCS / "record.md").read_text(encoding="utf-8")
    for field in ("doc", "published", "events", "facts", "type", "mode", "status", "countries",
                  "date", "location", "participants", "topics", "evidence", "kind", "value",
                  "unit", "period"):
        assert f"`{field}`" in text, field
    assert " ".join(EVENT_TYPES) in text and " ".join(TOPICS) in text
    assert all(f"`{kind}`" in text for kind in FACT_KINDS)
    shared = ROOT.parent / "shared" / "spec" / "RECORD.md"
    if shared.exists():  # written anew, not copied: no run of 8 words in common

        def words(t: str) -> str:  # code (field names, value lists) aside
            return " ".join(re.sub(r"`[^`]*`", " ", t).split()).lower()

        theirs, ours = words(shared.read_text(encoding="utf-8")), words(text).split(" ")
        copied = [" ".join(ours[i:i + 8]) for i in range(len(ours) - 8)
                  if " ".join(ours[i:i + 8]) in theirs]
        assert not copied, copied[:3]


def test_readme_says_how_to_run_bilat() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = _section(readme, "## Quick start")
    assert ".venv/bin/bilat" in quick and ". .venv/bin/activate" in quick
    for step in ("bilat ingest", "bilat events", "bilat export"):
        assert step in quick, step
    assert "docs/record.md" in readme and "docs/export.md" in readme
