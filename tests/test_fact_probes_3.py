"""Third batch of fact probes: local currencies written as CLDR names them, dollars of
other countries written with the country's letters (``WS$``, ``JM$``), CFA francs of the
two monetary unions, company deals, and a gift told one sentence after the shipment.

Invented for the held-out failures of ``docs/heldout4-failures.md`` and
``docs/blind-docs.md`` in other countries, currencies and wordings than those files.
"""

from __future__ import annotations

import pytest

from bilat import Extractor
from bilat.extract.amounts import find_amounts
from tests.test_fact_probes import FactKey, _keys

PUB = "2022-05-20"

PROBES: list[tuple[str, list[FactKey]]] = [
    # -- dollars with the country's letters before the sign ---------------------------------
    ("Samoa's exports to American Samoa reached WS$35 million in 2021.",
     [("exports", ("WSM", "ASM"), 3.5e7, "WST", "2021")]),
    ("Jamaica exported goods worth JM$4.2 billion to Haiti in 2021.",
     [("exports", ("JAM", "HTI"), 4.2e9, "JMD", "2021")]),
    ("Trade between Belize and Guatemala reached BZ$310 million in 2021.",
     [("trade_turnover", ("BLZ", "GTM"), 3.1e8, "BZD", "2021")]),
    # -- local currencies by their CLDR names ------------------------------------------------
    ("Ecuador's imports from Peru totalled 800 million soles in 2021.",
     [("exports", ("PER", "ECU"), 8e8, "PEN", "2021")]),
    ("Trade between Paraguay and Brazil reached 9 trillion Paraguayan guaranis in 2021.",
     [("trade_turnover", ("BRA", "PRY"), 9e12, "PYG", "2021")]),
    # -- CFA francs: Central African between CEMAC states, West African between UEMOA ones --
    ("Trade between Chad and the Central African Republic reached 30 billion CFA francs "
     "in 2021.",
     [("trade_turnover", ("CAF", "TCD"), 3e10, "XAF", "2021")]),
    ("Mali's exports to Senegal amounted to 120 billion CFA francs in 2021.",
     [("exports", ("MLI", "SEN"), 1.2e11, "XOF", "2021")]),
    ("Congo exported timber worth 18 billion CFA francs to Gabon in 2021.",
     [("exports", ("COG", "GAB"), 1.8e10, "XAF", "2021")]),
    # -- a deal between firms is no fact of two countries ------------------------------------
    ("Mitsui & Co. has agreed to buy a 30 percent stake in a Ghanaian solar developer for "
     "150 million dollars.", []),
    ("Norwegian group Equinor will acquire a 25% stake in an Argentine wind farm operator "
     "for $90 million.", []),
    # -- a gift of goods told in the next sentence is aid ------------------------------------
    ("A ship carrying 8,000 tonnes of wheat from Pakistan arrived in Kabul's dry port on "
     "Monday. The wheat is a gift from the people of Pakistan to Afghanistan.",
     [("aid", ("PAK", "AFG"), 8000, "tonnes", None)]),
]


@pytest.mark.parametrize(("text, expected"), PROBES)
def test_fact_probe_3(extractor: Extractor, text: str, expected: list[FactKey]) -> None:
    want = sorted((k, c, round(float(v), 2), u, p) for k, c, v, u, p in expected)
    assert _keys(extractor, text, PUB) == want


@pytest.mark.parametrize(
    ("text, expected"),
    [
        ("a loan of WS$12 million", [(1.2e7, "WST")]),
        ("worth SI$40 million", [(4e7, "SBD")]),
        ("TT$2.5 billion in goods", [(2.5e9, "TTD")]),
        ("some 90 million soles", [(9e7, "PEN")]),
        ("2 million pa'anga", [(2e6, "TOP")]),
        ("2 million pa\u2019anga", [(2e6, "TOP")]),
        ("3 billion Salvadoran colones", [(3e9, "SVC")]),
        ("40 million lempiras", [(4e7, "HNL")]),
        ("4 million South Korean won", [(4e6, "KRW")]),
        # a common English word that also ends a currency's name is not read as one
        ("sold 3 million marks of the brand", []),
    ],
)
def test_cldr_currency_forms(text: str, expected: list[tuple[float, str]]) -> None:
    found = find_amounts(text)
    assert [a.unit for a in found] == [u for _, u in expected]
    assert [a.value for a in found] == pytest.approx([v for v, _ in expected])
