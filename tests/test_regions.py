"""Provinces, states and regions named without their country (``regions.json``): a place of
their country, only where the text says the name is a region's and only as a whole name."""

from __future__ import annotations

import pytest

from bilat import Extractor
from bilat.extract.analysis import analyse


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Jets bombed hideouts in Helmand province on Sunday.", {"AFG"}),
        ("Troops shelled a village in Borno State on Tuesday.", {"NGA"}),
        ("Rounds hit a checkpoint in the province of Balochistan.", {"PAK"}),
        ("Aid reached flood victims in Khyber Pakhtunkhwa on Thursday.", {"PAK"}),
        # a word of a longer name, a common word with no region noun, an ambiguous name
        ("Leaders of the Great Lakes region met on Monday.", set()),
        ("Delegates stayed at the Rivers Hotel on Monday.", set()),
        ("Drones struck a warehouse in Punjab on Monday.", set()),
        ("The rebels retreated to the North on Monday.", set()),
    ],
)
def test_region_mentions(extractor: Extractor, text: str, expected: set[str]) -> None:
    doc = extractor.nlp(text)
    found = {m.iso3 for s in analyse(doc, 0, 0, 0, 0) for m in s.mentions
             if m.kind == "regions"}
    assert found == expected


@pytest.mark.parametrize(
    "text, role",
    [
        ("Aid reached flood victims in Sindh on Thursday.", "location"),
        ("The envoy handed the letter to Borno State Governor Ali Khan.", "nonactor"),
    ],
)
def test_region_roles(extractor: Extractor, text: str, role: str) -> None:
    """A region is a place; a region before a title names an office of the region, no party."""
    doc = extractor.nlp(text)
    roles = {m.role for s in analyse(doc, 0, 0, 0, 0) for m in s.mentions if m.kind == "regions"}
    assert roles == {role}
