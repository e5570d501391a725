"""Invariance (issue 6): the same story told with other countries and people, other typography,
or its background paragraphs in another order gives the same events (type, countries mapped
through the swap, status, date).

Run on the bundled sample news and, when present, on the development documents in
``../shared/eval/dev/docs`` (read at run time, never copied). For each corpus and edit the share
of events kept (the official measure: same events / the larger count, over the documents the
edit changes) must reach its floor in ``tests/probes/baseline.json`` (pinned at what the
extractor reaches; the lead raises them).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bilat import Extractor
from bilat.document import Document
from tests.conftest import SAMPLES, SHARED
from tests.probing import BASELINE
from tests.variants import EDITS, kept, named_countries, swap_countries

CORPORA = {"samples": SAMPLES / "news", "dev": SHARED / "eval" / "dev" / "docs"}
FLOORS: dict[str, float] = json.loads(BASELINE.read_text("utf-8")).get("invariance", {})

Shares = dict[str, tuple[int, int, int]]  # edit -> (kept, total, documents changed)


def invariance(extractor: Extractor, folder: Path) -> Shares:
    """For each edit: events kept, events compared, documents the edit changed."""
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}
    original = {r.doc: r.to_dict() for r in extractor.extract(
        Document(doc, text) for doc, text in texts.items())}
    out: Shares = {}
    for name, edit in EDITS.items():
        edited: dict[str, tuple[str, dict[str, str]]] = {}
        for doc, text in texts.items():
            people = [p["name"] for e in original[doc]["events"] for p in e["participants"]]
            new, mapping = edit(text, people)
            if new != text:
                edited[doc] = (new, mapping)
        records = {r.doc: r.to_dict() for r in extractor.extract(
            Document(doc, new) for doc, (new, _) in edited.items())}
        same = total = 0
        for doc, (_, mapping) in edited.items():
            k, n = kept(original[doc]["events"], records[doc]["events"], mapping)
            same, total = same + k, total + n
        out[name] = (same, total, len(edited))
    return out


@pytest.fixture(scope="module")
def shares(extractor: Extractor) -> dict[str, Shares]:
    return {c: invariance(extractor, d) for c, d in CORPORA.items() if d.is_dir()}


@pytest.mark.parametrize("corpus", list(CORPORA))
@pytest.mark.parametrize("edit", list(EDITS))
def test_events_kept_under_edit(shares: dict[str, Shares], corpus: str, edit: str) -> None:
    if corpus not in shares:
        pytest.skip(f"no {CORPORA[corpus]} here")
    same, total, docs = shares[corpus][edit]
    assert docs > 0 and total > 0, f"the {edit} edit changed no document with events"
    floor = FLOORS[f"{corpus}.{edit}"]
    assert same / total >= floor, f"{corpus}/{edit}: {same} of {total} events kept < {floor}"


# -- the edits themselves ---------------------------------------------------------------------
@pytest.mark.parametrize("edit, text, expected", [
    ("backtick", "Kazakhstan's and Peru’s ministers", "Kazakhstan`s and Peru`s ministers"),
    ("curly", 'He said "yes" at Chile\'s embassy',
     "He said \u201cyes\u201d at Chile\u2019s embassy"),
    ("nodiacritics", "Talks in São Tomé and Bogotá", "Talks in Sao Tome and Bogota"),
    ("capsdateline", "Havana, Dec 20 (ACN) Talks.", "HAVANA, DEC 20 (ACN) Talks."),
    ("capsdateline", "Bishkek, Kyrgyzstan, May 28. Shots.", "BISHKEK, KYRGYZSTAN, MAY 28. Shots."),
    ("capsdateline", "No dateline, May 28 here.", "No dateline, May 28 here."),
    ("capsdateline", "Text.\n\nSan Jose, 3 June - Talks.", "Text.\n\nSAN JOSE, 3 JUNE - Talks."),
    ("reorder", "Title\n\n" + "L" * 130 + "\n\nA.\n\nB.\n\nC.", "Title\n\n" + "L" * 130
     + "\n\nC.\n\nB.\n\nA.\n"),
])
def test_typography_edit(edit: str, text: str, expected: str) -> None:
    assert EDITS[edit](text, [])[0] == expected


@pytest.mark.parametrize("text, people, expected, mapping", [
    ("Azerbaijani FM Elmar Rzayev met Turkey's envoy in Baku.", ["Elmar Rzayev"],
     "Chilean FM Maria Ferreira met Peru's envoy in Santiago.", {"AZE": "CHL", "TUR": "PER"}),
    ("Chile's president hosted Kazakhs in Santiago.", [],
     "Peru's president hosted Uruguayans in Lima.", {"CHL": "PER", "KAZ": "URY"}),
    ("Latin America and the European Union met Ghana.", [],
     "Latin America and the European Union met Chile.", {"GHA": "CHL"}),
])
def test_swap(text: str, people: list[str], expected: str, mapping: dict[str, str]) -> None:
    assert swap_countries(text, people) == (expected, mapping)
    assert not set(named_countries(expected)) & set(mapping)


def test_kept_maps_countries() -> None:
    a: list[dict[str, Any]] = [{"type": "CONSULT", "countries": ["AZE", "TUR"],
                                "status": "occurred", "date": "2020-01-02"}]
    b = [{**a[0], "countries": ["CHL", "PER"]}]
    assert kept(a, b, {"AZE": "CHL", "TUR": "PER"}) == (1, 1)
    assert kept(a, b, {}) == (0, 1)
    assert kept(a, [*b, {**b[0], "status": "planned"}], {"AZE": "CHL", "TUR": "PER"}) == (1, 2)
