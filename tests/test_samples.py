"""The bundled samples as a table: each article's core gold events and facts
must be found (type and countries; kind, countries, unit and value)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bilat import Extractor
from bilat.document import Document
from tests.conftest import SAMPLES

GOLD = [json.loads(line) for line in (SAMPLES / "gold.jsonl").read_text("utf-8").splitlines()
        if line.strip()]
# Known misses, tracked here so that a fix shows up as an XPASS: (doc, what)
KNOWN_GAPS: set[str] = set()


def _text(doc: str) -> str:
    return (SAMPLES / "news" / f"{doc}.txt").read_text(encoding="utf-8")


def _key(e: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    return e["type"], tuple(sorted(e["countries"]))


@pytest.fixture(scope="module")
def records(extractor: Extractor) -> dict[str, dict[str, Any]]:
    docs = [Document(g["doc"], _text(g["doc"])) for g in GOLD]
    return {r.doc: r.to_dict() for r in extractor.extract(docs)}


NEGATIVE = [g["doc"] for g in GOLD if not g["events"] and not g["facts"]]
POSITIVE = [g for g in GOLD if g["events"]]


@pytest.mark.parametrize("doc", NEGATIVE)
def test_no_events_on_non_diplomatic_news(records: dict[str, dict[str, Any]], doc: str) -> None:
    assert records[doc]["events"] == []
    assert records[doc]["facts"] == []


def test_sample_recall(records: dict[str, dict[str, Any]]) -> None:
    """Share of core sample events found: a floor, raised as rules improve."""
    found = total = 0
    for g in POSITIVE:
        predicted = [_key(e) for e in records[g["doc"]]["events"]]
        for e in g["events"]:
            if e.get("optional"):
                continue
            total += 1
            if _key(e) in predicted:
                predicted.remove(_key(e))
                found += 1
    assert total > 50
    assert found / total >= 0.90, f"found {found} of {total} core sample events"


def test_every_evidence_quotes_the_text(records: dict[str, dict[str, Any]]) -> None:
    for doc, rec in records.items():
        text = _text(doc)
        for item in rec["events"] + rec["facts"]:
            ev = item["evidence"]
            assert text[ev["start"] : ev["end"]] == ev["text"] and ev["text"].strip()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Azerbaijan's Foreign Minister Elmar Mammadyarov talked with his Belarusian "
         "counterpart Vladimir Makei by phone on May 13.", ("CONSULT", "phone", ("AZE", "BLR"))),
        ("Kenya and Ethiopia signed a memorandum of understanding on energy in Nairobi.",
         ("SUPPORT", None, ("ETH", "KEN"))),
        ("Estonia expelled a Russian diplomat on Thursday.", ("SANCTION", None, ("EST", "RUS"))),
        ("Nepal summoned the Indian ambassador over the border row.",
         ("ACCUSE", None, ("IND", "NPL"))),
        ("The Japanese and Philippine air forces began a joint exercise in Luzon.",
         ("COOPERATE", None, ("JPN", "PHL"))),
        ("Turkey donated 420 tonnes of flour to Kenya.", ("AID", None, ("KEN", "TUR"))),
        ("The Chilean president will pay a state visit to Peru next month.",
         ("CONSULT", "visit", ("CHL", "PER"))),
    ],
)
def test_one_sentence_events(
    extractor: Extractor, text: str, expected: tuple[str, str | None, tuple[str, ...]]
) -> None:
    record = extractor.extract_one(Document("t", text)).to_dict()
    got = [(e["type"], e["mode"], tuple(e["countries"])) for e in record["events"]]
    assert expected in got, got


@pytest.mark.parametrize(
    "text, expected",
    [
        # a courtesy call is a meeting, not a request
        ("India's envoy Rahul Menon called on Prime Minister Farida Akter of Bangladesh "
         "at her office on Tuesday.", ("CONSULT", ("BGD", "IND"))),
        # a list of countries at one gathering is one multilateral event
        ("Foreign ministers of Argentina, Brazil, Paraguay and Uruguay gathered in "
         "Asuncion on Tuesday for a summit.", ("CONSULT", ("ARG", "BRA", "PRY", "URY"))),
        # goods handed over make an aid event only with an amount
        ("Japan's ambassador handed over 12,000 tonnes of rice to Ghana on Monday.",
         ("AID", ("GHA", "JPN"))),
    ],
)
def test_rule_cases(
    extractor: Extractor, text: str, expected: tuple[str, tuple[str, ...]]
) -> None:
    record = extractor.extract_one(Document("t", text)).to_dict()
    assert expected in [(e["type"], tuple(e["countries"])) for e in record["events"]]


@pytest.mark.parametrize(
    "text, unexpected",
    [
        ("Kyrgyzstan urged Tajikistan to withdraw its troops from the border.", "RETREAT"),
        ("The consignment was received by Somalia's minister and Qatar's ambassador.",
         "CONSULT"),
        ("Uzbekistan's minister handed over a letter to the Kazakh ambassador.", "AID"),
    ],
)
def test_rule_non_events(extractor: Extractor, text: str, unexpected: str) -> None:
    record = extractor.extract_one(Document("t", text)).to_dict()
    assert unexpected not in [e["type"] for e in record["events"]]


@pytest.mark.parametrize(
    "text",
    [
        "Brazil will meet Argentina in the World Cup qualifier in Buenos Aires on Tuesday. "
        "The Brazilian coach said his players were ready.",
        "Iranian film director Asghar Farhadi received an award at the festival in Cannes, "
        "France.",
        "France beat Germany 2-1 in the final on Sunday after a fast attack.",
        "Oil prices rose after Saudi Arabia and Russia signalled output cuts; Brent crude "
        "traded at $85 a barrel.",
        "Heavy rain hit Pakistan and India on Monday, killing 40 people.",
    ],
)
def test_no_event_in_non_diplomatic_text(extractor: Extractor, text: str) -> None:
    record = extractor.extract_one(Document("t", text, published="2023-05-01")).to_dict()
    assert record["events"] == [], record["events"]


@pytest.mark.parametrize(
    "text, countries, names",
    [
        ("US Assistant Secretary of State Victoria Nuland met Ukrainian Foreign Minister "
         "Dmytro Kuleba in Kyiv on Monday.", ["UKR", "USA"], ["Victoria Nuland", "Dmytro Kuleba"]),
        ("Douglas Hurd of Britain held talks with French minister Roland Dumas in Paris.",
         ["FRA", "GBR"], ["Douglas Hurd", "Roland Dumas"]),
    ],
)
def test_capitals_inside_names(
    extractor: Extractor, text: str, countries: list[str], names: list[str]
) -> None:
    record = extractor.extract_one(Document("t", text, published="2023-05-01"))
    assert [e.countries for e in record.events] == [countries]
    assert [p.name for p in record.events[0].participants] == names


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Morocco recalled its ambassador to Algeria for consultations.",
         [("SANCTION", ("DZA", "MAR"))]),
        ("Russian President Vladimir Putin held talks with his Turkish counterpart Recep "
         "Tayyip Erdogan in Sochi on Monday.", [("CONSULT", ("RUS", "TUR"))]),
        ("Exports from Vietnam to the Philippines rose to $3.2 billion in the first half of "
         "2023.", []),
    ],
)
def test_exact_event_lists(
    extractor: Extractor, text: str, expected: list[tuple[str, tuple[str, ...]]]
) -> None:
    record = extractor.extract_one(Document("t", text, published="2023-09-14")).to_dict()
    assert [(e["type"], tuple(e["countries"])) for e in record["events"]] == expected
