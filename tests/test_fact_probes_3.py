"""Third batch of fact probes: local currencies written as CLDR names them, dollars of
other countries written with the country's letters (``WS$``, ``JM$``), CFA francs of the
two monetary unions, company deals, and a gift told one sentence after the shipment.

Invented for the held-out failures of ``docs/heldout4-failures.md`` and
``docs/blind-docs.md`` in other countries, currencies and wordings than those files.
"""

from __future__ import annotations

import pytest

from bilat import Extractor
from tests.probing import FactKey, assert_amounts, assert_facts

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
    ("Korean steelmaker Posco will buy a 20 percent stake in an Australian lithium miner for "
     "$300 million, one of the biggest foreign investments in the sector.", []),
    ("Brazilian miner Vale invested $500 million in its coal mine in Mozambique in 2021.", []),
    ("Indian carmaker Tata Motors donated $2 million to flood victims in Nepal.", []),
    # a nation's firms in the plural, the state itself or its envoy do make a fact
    ("Japanese ambassador Kenji Sato handed over a grant of $2 million to Laos in 2021.",
     [("aid", ("JPN", "LAO"), 2e6, "USD", "2021")]),
    ("Indian companies invested $500 million in Nepal in 2021.",
     [("investment", ("IND", "NPL"), 5e8, "USD", "2021")]),
    ("China invested $2 billion in Kenya's railways in 2021, one of the largest foreign "
     "investments in the country.",
     [("investment", ("CHN", "KEN"), 2e9, "USD", "2021")]),
    # a state's export-import or development bank lends for its state
    ("India's Exim Bank lent Mozambique $100 million in 2021 for a water project.",
     [("investment", ("IND", "MOZ"), 1e8, "USD", "2021")]),
    ("The Asian Development Bank lent Mongolia $80 million in 2021.", []),
    # -- a gift of goods told in the next sentence is aid ------------------------------------
    ("A ship carrying 8,000 tonnes of wheat from Pakistan arrived in Kabul's dry port on "
     "Monday. The wheat is a gift from the people of Pakistan to Afghanistan.",
     [("aid", ("PAK", "AFG"), 8000, "tonnes", None)]),
    ("Turkey shipped 40,000 tonnes of cement to Georgia in April. The cement was a donation "
     "for the rebuilding of flooded villages.",
     [("aid", ("TUR", "GEO"), 40000, "tonnes", "2022-04")]),
    # the same goods told again, then called a gift: one aid figure
    ("A ship carrying 5,000 tonnes of sugar docked at Port-au-Prince on Friday, the latest "
     "consignment of assistance from Cuba to Haiti. \"Good news: a consignment of 5,000 tonnes "
     "of sugar reached Port-au-Prince today,\" the Cuban embassy in Haiti posted. The sugar is "
     "a gift from the Cuban people.",
     [("aid", ("CUB", "HTI"), 5000, "tonnes", None)]),
    # a sale stays a sale: the next sentence speaks of something else
    ("Kazakhstan shipped 90,000 tonnes of flour to Afghanistan in April. The shipment is a "
     "record for the season.",
     [("supply", ("KAZ", "AFG"), 90000, "tonnes", "2022-04")]),
    ("Kazakhstan shipped 90,000 tonnes of flour to Afghanistan in April. Prices rose. "
     "Traders said so. Kabul also welcomed a gift of school books from Tehran.",
     [("supply", ("KAZ", "AFG"), 90000, "tonnes", "2022-04")]),
    # -- the giver is the subject, not the demonym of those the money is to help --------
    ("Australia will provide A$4 million to help Samoan farmers replant after the cyclone.",
     [("aid", ("AUS", "WSM"), 4e6, "AUD", None)]),
    ("Ireland gave EUR 2 million in March to help Malawian schools rebuild.",
     [("aid", ("IRL", "MWI"), 2e6, "EUR", "2022-03")]),
    # -- goods a government sends in a sentence that tells aid are the aid's worth ------
    ("After the floods, the Government of Uzbekistan sent two aircraft with medicines and "
     "tents worth 900 million soum to Kyrgyzstan.",
     [("aid", ("UZB", "KGZ"), 9e8, "UZS", None)]),
    # goods counted in tonnes, delivered in a sentence that tells them as aid
    ("Two Omani aircraft delivered 60 tonnes of food, blankets and medical supplies to "
     "Beirut on Friday.",
     [("aid", ("OMN", "LBN"), 60, "tonnes", None)]),
    # (a delivery told as no aid stays a supply)
    ("Two Omani ships delivered 60,000 tonnes of urea to Mumbai in April.",
     [("supply", ("OMN", "IND"), 60000, "tonnes", "2022-04")]),
]


@pytest.mark.parametrize(("text, expected"), PROBES)
def test_fact_probe_3(extractor: Extractor, text: str, expected: list[FactKey]) -> None:
    assert_facts(extractor, text, PUB, expected)


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
    assert_amounts(text, expected)
