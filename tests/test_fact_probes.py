"""Probe sentences for fact extraction, invented for these tests.

Each sentence is read as a one-sentence article published on 2023-09-14 (unless
the row gives another date); the expected facts are (kind, countries, value,
unit, period) as RECORD.md defines them. Negative rows (targets, forecasts,
company deals, a country's trade with the world, market prices, differences)
expect no fact at all.
"""

from __future__ import annotations

import pytest

from bilat import Extractor
from bilat.extract.amounts import find_amounts
from bilat.timex import find_periods
from tests.probing import FactKey, assert_facts, fact_keys

PUB = "2023-09-14"

PROBES: list[tuple[str, list[FactKey]]] = [
    # -- exports and imports, both directions -----------------------------------------------
    ("Peru's imports from South Korea rose to $2.3 billion in 2022.",
     [("exports", ("KOR", "PER"), 2.3e9, "USD", "2022")]),
    ("Korean exports to Peru climbed to $1.1 billion last year, the ministry said.",
     [("exports", ("KOR", "PER"), 1.1e9, "USD", "2022")]),
    ("Vietnam exported goods worth $850 million to Chile in the first half of 2023.",
     [("exports", ("VNM", "CHL"), 8.5e8, "USD", "2023-01/2023-06")]),
    ("Chile imported $400 million worth of goods from Vietnam in January-March.",
     [("exports", ("VNM", "CHL"), 4e8, "USD", "2023-01/2023-03")]),
    ("Exports from Ghana to India totalled 1.2 billion dollars in 2021.",
     [("exports", ("GHA", "IND"), 1.2e9, "USD", "2021")]),
    ("India's exports to Ghana amounted to $600 mln in the first nine months of 2020.",
     [("exports", ("IND", "GHA"), 6e8, "USD", "2020-01/2020-09")]),
    ("Norwegian imports of Polish goods reached €2 billion in 2021.",
     [("exports", ("POL", "NOR"), 2e9, "EUR", "2021")]),
    ("Imports from Japan to Kenya stood at ¥45 billion in fiscal 2022.",
     [("exports", ("JPN", "KEN"), 45e9, "JPY", "2022")]),
    ("In FY2021, Indian exports to Nepal reached $7 billion.",
     [("exports", ("IND", "NPL"), 7e9, "USD", "2021")]),
    ("Morocco bought Spanish goods worth 9bn euros in 2022, while Spain imported "
     "Moroccan products worth 8.2bn euros.",
     [("exports", ("ESP", "MAR"), 9e9, "EUR", "2022"),
      ("exports", ("MAR", "ESP"), 8.2e9, "EUR", "2022")]),
    ("Uruguay's beef exports to China earned $1.5bn in January-June.",
     [("exports", ("URY", "CHN"), 1.5e9, "USD", "2023-01/2023-06")]),
    ("Thai shipments to Myanmar were valued at 30 billion baht in 2022.",
     [("exports", ("THA", "MMR"), 30e9, "THB", "2022")]),
    # -- trade turnover -------------------------------------------------------------------
    ("Trade turnover between Uzbekistan and Turkey reached $3.1 billion in 2022, of which "
     "Turkish exports made up $2 billion.",
     [("trade_turnover", ("TUR", "UZB"), 3.1e9, "USD", "2022"),
      ("exports", ("TUR", "UZB"), 2e9, "USD", "2022")]),
    ("Bilateral trade between Egypt and Brazil stood at two billion dollars last year.",
     [("trade_turnover", ("BRA", "EGY"), 2e9, "USD", "2022")]),
    ("The volume of trade between Serbia and Hungary amounted to 4.5 bn euros in 2021-2022.",
     [("trade_turnover", ("HUN", "SRB"), 4.5e9, "EUR", "2021-01/2022-12")]),
    ("Mutual trade of Mongolia and Kazakhstan totalled 560 mln US dollars from January "
     "to August 2023.",
     [("trade_turnover", ("KAZ", "MNG"), 5.6e8, "USD", "2023-01/2023-08")]),
    ("In the second quarter of 2023, trade between Thailand and Laos was worth 14 billion baht.",
     [("trade_turnover", ("LAO", "THA"), 14e9, "THB", "2023-04/2023-06")]),
    ("Trade between Nigeria and Ghana hit ₦500 billion in the first half of the year.",
     [("trade_turnover", ("GHA", "NGA"), 5e11, "NGN", "2023-01/2023-06")]),
    ("Georgia's trade with Armenia grew by 12% to $870 million in 2022.",
     [("trade_turnover", ("ARM", "GEO"), 8.7e8, "USD", "2022")]),
    ("Trade between Canada and Mexico reached C$40 billion ($29 billion) in 2022.",
     [("trade_turnover", ("CAN", "MEX"), 40e9, "CAD", "2022")]),
    ("Trade between Russia and China reached 1.2 trillion yuan, or about $170 billion, "
     "in 2022.",
     [("trade_turnover", ("CHN", "RUS"), 1.2e12, "CNY", "2022")]),
    ("Trade between Chile and Argentina was worth about seven billion dollars in 2019.",
     [("trade_turnover", ("ARG", "CHL"), 7e9, "USD", "2019")]),
    ("Trade between Britain and Ireland came to £85bn in the previous year.",
     [("trade_turnover", ("GBR", "IRL"), 85e9, "GBP", "2022")]),
    ("Trade turnover between Belarus and Kazakhstan amounted to $1 billion in 2021, including "
     "Belarusian exports of $700 million and imports of $300 million.",
     [("trade_turnover", ("BLR", "KAZ"), 1e9, "USD", "2021"),
      ("exports", ("BLR", "KAZ"), 7e8, "USD", "2021"),
      ("exports", ("KAZ", "BLR"), 3e8, "USD", "2021")]),
    ("Trade between Peru and Ecuador amounted to $2 billion in the January-September period.",
     [("trade_turnover", ("ECU", "PER"), 2e9, "USD", "2023-01/2023-09")]),
    ("In the first 11 months of 2022, trade between Jordan and Iraq rose to $1.6 billion.",
     [("trade_turnover", ("IRQ", "JOR"), 1.6e9, "USD", "2022-01/2022-11")]),
    ("Bilateral trade between Tunisia and Algeria was $1.2 billion in H1 2023.",
     [("trade_turnover", ("DZA", "TUN"), 1.2e9, "USD", "2023-01/2023-06")]),
    ("Trade between Portugal and Brazil was 3.4 billion euros in the first quarter.",
     [("trade_turnover", ("BRA", "PRT"), 3.4e9, "EUR", "2023-01/2023-03")]),
    ("Trade between Kuwait and Oman reached KWD 300 million in 2020.",
     [("trade_turnover", ("KWT", "OMN"), 3e8, "KWD", "2020")]),
    # -- supply (physical units, trade) ---------------------------------------------------
    ("Kazakhstan delivered 1.2 million tonnes of wheat to Afghanistan in 2022.",
     [("supply", ("KAZ", "AFG"), 1.2e6, "tonnes", "2022")]),
    ("Russia supplied 15 billion cubic metres of gas to Turkey in the first nine months of 2021.",
     [("supply", ("RUS", "TUR"), 15e9, "cubic metres", "2021-01/2021-09")]),
    ("Iraq shipped 4 million barrels of crude to Jordan last year.",
     [("supply", ("IRQ", "JOR"), 4e6, "barrels", "2022")]),
    ("Ukraine's grain exports to Egypt reached 3 million tons in January-June.",
     [("supply", ("UKR", "EGY"), 3e6, "tonnes", "2023-01/2023-06")]),
    ("Egypt imported 500,000 tonnes of wheat from Romania in 2020.",
     [("supply", ("ROU", "EGY"), 5e5, "tonnes", "2020")]),
    ("Norway sold 2.1 bcm of gas to Germany in the first quarter of 2023.",
     [("supply", ("NOR", "DEU"), 2.1e9, "cubic metres", "2023-01/2023-03")]),
    # -- investment -----------------------------------------------------------------------
    ("Japanese investment in Vietnam totalled $4.5 billion in 2022.",
     [("investment", ("JPN", "VNM"), 4.5e9, "USD", "2022")]),
    ("Saudi Arabia has invested 2 billion riyals in Jordan's energy sector.",
     [("investment", ("JOR", "SAU"), 2e9, "SAR", None)]),
    ("China granted Laos a loan of 500 million yuan in 2019.",
     [("investment", ("CHN", "LAO"), 5e8, "CNY", "2019")]),
    ("Korea and Uzbekistan set up a joint fund with capital of $500 million.",
     [("investment", ("KOR", "UZB"), 5e8, "USD", None)]),
    # -- aid (money or goods) -------------------------------------------------------------
    ("Japan provided a grant of 3 billion yen to Sri Lanka.",
     [("aid", ("JPN", "LKA"), 3e9, "JPY", None)]),
    ("Germany donated €20 million to Moldova for energy support.",
     [("aid", ("DEU", "MDA"), 2e7, "EUR", None)]),
    ("China handed over 1,000 tonnes of donated rice to Nepal.",
     [("aid", ("CHN", "NPL"), 1000, "tonnes", None)]),
    ("Britain allocated £40 million in humanitarian aid to Sudan in 2021.",
     [("aid", ("GBR", "SDN"), 4e7, "GBP", "2021")]),
    ("Russia sent 25 tonnes of humanitarian aid to Syria.",
     [("aid", ("RUS", "SYR"), 25, "tonnes", None)]),
    ("India gifted 200,000 doses of vaccine to Bangladesh.",
     [("aid", ("IND", "BGD"), 2e5, "doses", None)]),
    ("Turkey sent medical supplies worth $2 million to Libya as a donation.",
     [("aid", ("TUR", "LBY"), 2e6, "USD", None)]),
    ("Kuwait provided a grant of KWD 10 million to Jordan.",
     [("aid", ("KWT", "JOR"), 1e7, "KWD", None)]),
    ("Poland gave Ukraine humanitarian assistance worth 80 million zlotys.",
     [("aid", ("POL", "UKR"), 8e7, "PLN", None)]),
    ("Russia donated 5 billion rubles to Kyrgyzstan for school construction.",
     [("aid", ("RUS", "KGZ"), 5e9, "RUB", None)]),
    ("Vietnam received 2,000 tonnes of rice as a gift from Thailand.",
     [("aid", ("THA", "VNM"), 2000, "tonnes", None)]),
    # -- more phrasings: ODA, credit lines, receivers, lists, comparisons ---------------------
    ("Japan's ODA to Myanmar totalled 190 billion yen in fiscal 2019.",
     [("aid", ("JPN", "MMR"), 1.9e11, "JPY", "2019")]),
    ("Saudi Arabia extended a $3 billion credit line to Pakistan in 2021.",
     [("investment", ("PAK", "SAU"), 3e9, "USD", "2021")]),
    ("Moldova will receive 40 million euros (about $43 million) from Romania for its power "
     "grid.",
     [("aid", ("ROU", "MDA"), 4e7, "EUR", None)]),
    ("During March of 2021 the Kingdom received some 90,000 barrels of Iraqi oil, Jordan's "
     "minister said.",
     [("supply", ("IRQ", "JOR"), 9e4, "barrels", "2021-03")]),
    ("Bangladesh received 50,000 tonnes of rice from Myanmar under a government-to-government "
     "deal.",
     [("supply", ("MMR", "BGD"), 5e4, "tonnes", None)]),
    ("Exports to India accounted for $3.4 billion, while imports from India totalled "
     "$1.1 billion, the Sri Lankan central bank said.",
     [("exports", ("LKA", "IND"), 3.4e9, "USD", None),
      ("exports", ("IND", "LKA"), 1.1e9, "USD", None)]),
    ("Bilateral trade between Oman and India reached $7.5bn in 2021, up from $5.9bn "
     "a year earlier.",
     [("trade_turnover", ("IND", "OMN"), 7.5e9, "USD", "2021"),
      ("trade_turnover", ("IND", "OMN"), 5.9e9, "USD", "2020")]),
    ("Among Egypt's suppliers in May, Russia provided 2.1 million tonnes of wheat, "
     "Ukraine 900,000 tonnes and France 300,000 tonnes.",
     [("supply", ("RUS", "EGY"), 2.1e6, "tonnes", "2023-05"),
      ("supply", ("UKR", "EGY"), 9e5, "tonnes", "2023-05"),
      ("supply", ("FRA", "EGY"), 3e5, "tonnes", "2023-05")]),
    ("Wheat imports by Tunisia from Canada took 600 thousand tonnes in the first nine months.",
     [("supply", ("CAN", "TUN"), 6e5, "tonnes", "2023-01/2023-09")]),
    ("Another $2 billion in Japanese-funded support is being channelled to Ukraine.",
     [("aid", ("JPN", "UKR"), 2e9, "USD", None)]),
    ("The Ministry of Health took delivery of 5,000 doses of vaccine donated by the Government "
     "of the People's Republic of China, the Nepalese minister said.",
     [("aid", ("CHN", "NPL"), 5000, "doses", None)]),
    ("Trade between Finland and Estonia came to 4.2 billion euros, with an Estonian surplus "
     "of 300 million euros.",
     [("trade_turnover", ("EST", "FIN"), 4.2e9, "EUR", None)]),
    ("Trade between Sweden and Norway rose by 300 million euros in 2022.", []),
    ("Pakistan's exports to Afghanistan reached Rs 250 billion in 2022.",
     [("exports", ("PAK", "AFG"), 2.5e11, "PKR", "2022")]),
    ("Australia and Vietnam saw two-way trade of A$25 billion in 2022.",
     [("trade_turnover", ("AUS", "VNM"), 25e9, "AUD", "2022")]),
    ("Kazakhstan sold grain worth $850 mln to Uzbekistan in 9M2022.",
     [("exports", ("KAZ", "UZB"), 8.5e8, "USD", "2022-01/2022-09")]),
    ("Oman's crude shipments to China averaged 800,000 barrels per day in 2022.", []),
    ("Last year, India exported goods worth $2.5 billion to Bangladesh and imported goods "
     "worth $1 billion.",
     [("exports", ("IND", "BGD"), 2.5e9, "USD", "2022"),
      ("exports", ("BGD", "IND"), 1e9, "USD", "2022")]),
    ("U.S. goods imports from China totaled $452 billion in 2019.",
     [("exports", ("CHN", "USA"), 452e9, "USD", "2019")]),
    ("The amount of humanitarian aid provided by Turkey to Syria reached $40 billion.",
     [("aid", ("TUR", "SYR"), 40e9, "USD", None)]),
    ("The US trade deficit with China was $345 billion in 2019.", []),
    ("Kenya's earnings from cross-border trade with Tanzania came to about $90 million in 2021.",
     [("exports", ("KEN", "TZA"), 9e7, "USD", "2021")]),
    ("Russian-Chinese trade grew by 35.8% to $146.9 billion in 2021.",
     [("trade_turnover", ("CHN", "RUS"), 146.9e9, "USD", "2021")]),
    ("In 2022, the trade turnover between Iran and Turkey amounted to $6.4 billion, of which "
     "Iran's exports to Turkey were $3.5 billion.",
     [("trade_turnover", ("IRN", "TUR"), 6.4e9, "USD", "2022"),
      ("exports", ("IRN", "TUR"), 3.5e9, "USD", "2022")]),
    ("Pakistan imported 2.5 million tonnes of Russian oil, paying in Chinese yuan.",
     [("supply", ("RUS", "PAK"), 2.5e6, "tonnes", None)]),
    ("Trade between the EU and China reached €850 billion in 2022, the Chinese ambassador "
     "said after meeting Germany's envoy.", []),
    ("China shipped goods worth $3 billion to Nigeria in 2021.",
     [("exports", ("CHN", "NGA"), 3e9, "USD", "2021")]),
    ("Kuwait is sending 40 tonnes of relief goods to Sudan.",
     [("aid", ("KWT", "SDN"), 40, "tonnes", None)]),
    ("Chinese investment in Kenya reached $6 billion by the end of 2022.",
     [("investment", ("CHN", "KEN"), 6e9, "USD", "2022")]),
    ("Vietnam shipped 35,000 MT of rice to the Philippines in March.",
     [("supply", ("VNM", "PHL"), 35000, "tonnes", "2023-03")]),
    ("Trade between Chile and Brazil will reach $15 billion by 2026.", []),
    ("Through the humanitarian corridor, Ukraine delivered 30,000 tonnes of wheat to Egypt "
     "under a commercial contract.",
     [("supply", ("UKR", "EGY"), 3e4, "tonnes", None)]),
    # -- negatives: targets, forecasts, hopes, company deals, world trade, markets --------
    ("Russia and India aim to raise trade to $30 billion by 2025.", []),
    ("Trade between Brazil and Nigeria could reach $5 billion next year.", []),
    ("Kenya and Tanzania hope to double bilateral trade to $2 billion.", []),
    ("Vietnam and Cambodia set a target of $20 billion in bilateral trade.", []),
    ("Trade between Poland and Ukraine is expected to exceed €10 billion this year.", []),
    ("Indonesia's foreign trade reached $480 billion in 2022, an Australian diplomat said.", []),
    ("Chile's total exports rose to $98 billion in 2022, with China the largest buyer.", []),
    ("Qatar's LNG exports reached 80 million tonnes in 2022, with Japan and South Korea the "
     "main buyers.", []),
    ("Indian exports to Africa rose to $40 billion in 2022, with Nigeria the largest buyer.", []),
    ("Brent crude rose to $90 per barrel after Saudi Arabia and Russia extended cuts.", []),
    ("Saudi Aramco signed a $10 billion deal with China's Norinco to build a refinery in "
     "China.", []),
    ("A Korean company, Hanwha, signed a $1 billion deal to build a plant in Poland.", []),
    ("Oil prices rose to $85 a barrel as Saudi Arabia and Russia extended output cuts.", []),
    ("Exports from Kenya to Uganda rose by $56 million compared to 2021.", []),
    ("The leaders of Mexico and Peru discussed ways to bring trade to $10 billion.", []),
    ("Egypt's wheat imports are forecast at 12 million tonnes, Russia remaining the main "
     "supplier.", []),
]


@pytest.mark.parametrize(("text, expected"), PROBES)
def test_fact_probe(extractor: Extractor, text: str, expected: list[FactKey]) -> None:
    assert_facts(extractor, text, PUB, expected)


@pytest.mark.parametrize(
    ("text, published, expected"),
    [
        ("Trade between Austria and Slovakia grew to €9 billion last year.", "2021-02-03",
         [("trade_turnover", ("AUT", "SVK"), 9e9, "EUR", "2020")]),
        ("Exports from Sweden to Finland were SEK 50 billion in January-February this year.",
         "2020-04-01", [("exports", ("SWE", "FIN"), 50e9, "SEK", "2020-01/2020-02")]),
        ("Trade between Chile and Peru in January-March 2020 amounted to $5 million, up 10% "
         "compared to the same period of 2019.", "2021-03-01",
         [("trade_turnover", ("CHL", "PER"), 5e6, "USD", "2020-01/2020-03")]),
        ("Trade between Chile and Peru amounted to $5 million, 10 percent more than in 2019.",
         "2021-03-01", [("trade_turnover", ("CHL", "PER"), 5e6, "USD", None)]),
        ("Exports from Chile to Peru reached $5 million against $4 million a year earlier.",
         "2021-03-01", [("exports", ("CHL", "PER"), 5e6, "USD", None),
                        ("exports", ("CHL", "PER"), 4e6, "USD", None)]),
        ("Since the beginning of the year, trade between Latvia and Lithuania reached "
         "€3 billion.", "2022-06-20",
         [("trade_turnover", ("LTU", "LVA"), 3e9, "EUR", "2022-01/2022-06")]),
    ],
)
def test_fact_probe_relative_periods(
    extractor: Extractor, text: str, published: str, expected: list[FactKey]
) -> None:
    assert_facts(extractor, text, published, expected)


@pytest.mark.parametrize(
    ("text, expected"),
    [
        ("trade grew to $5.0bn.", [(5e9, "USD", False)]),
        ("a grant of Rs 500 crore", [(5e9, "INR", False)]),
        ("Nu. 2 billion", [(2e9, "BTN", False)]),
        ("575,05 mln. cubic meters of gas", [(5.7505e8, "cubic metres", False)]),
        ("some 3 609,89 mln. cubic metres", [(3.60989e9, "cubic metres", False)]),
        ("worth two hundred million Japanese Yen", [(2e8, "JPY", False)]),
        ("Seven billion dollars", [(7e9, "USD", False)]),
        ("2.1 bcm of gas", [(2.1e9, "cubic metres", False)]),
        ("Tk3,463cr", [(3.463e10, "BDT", False)]),
        ("$10-12 billion", [(1e10, "USD", False)]),
        ("10,000 barrels per day", [(1e4, "barrels", True)]),
        ("crude at $85 a barrel", [(85, "USD", True)]),
        ("€925m ($1bn; £694m)", [(9.25e8, "EUR", False), (1e9, "USD", False),
                                 (6.94e8, "GBP", False)]),
        ("C$40 billion", [(4e10, "CAD", False)]),
        ("₦500 billion", [(5e11, "NGN", False)]),
        ("80 million zlotys", [(8e7, "PLN", False)]),
        ("KWD 10 million", [(1e7, "KWD", False)]),
        ("286 bln Belarusian rubles", [(2.86e11, "BYN", False)]),
        ("3.88mn tonnes", [(3.88e6, "tonnes", False)]),
        ("1 200 000 tonnes", [(1.2e6, "tonnes", False)]),
        ("0 tonnes", []),
        ("$300m and $5M", [(3e8, "USD", False), (5e6, "USD", False)]),
        ("ALL the TOP 10 countries", []),
        # a compound amount of the CIS wires: one value, the smaller scale added
        ("made up $2 bln 415 mln in 2023", [(2.415e9, "USD", False)]),
        ("totalled 3 bln 7 mln soms", [(3.007e9, "KGS", False)]),
        ("$1.5 billion 20 million", [(1.52e9, "USD", False)]),
        # a larger or equal second scale is no remainder
        ("$2 mln 5 bln", [(2e6, "USD", False)]),
        ("1" * 3000 + " tonnes", []),
        ("$" + "1," * 3000, [(1, "USD", False)]),
    ],
)
def test_amount_forms(text: str, expected: list[tuple[float, str, bool]]) -> None:
    found = find_amounts(text)
    assert [(a.unit, a.rate) for a in found] == [(u, r) for _, u, r in expected]
    assert [a.value for a in found] == pytest.approx([v for v, _, _ in expected])


@pytest.mark.parametrize(
    ("text, published, expected"),
    [
        ("in the first nine months of 2020", "2021-02-01", ["2020-01/2020-09"]),
        ("January-February this year", "2020-04-01", ["2020-01/2020-02"]),
        ("last year", "2023-09-14", ["2022"]),
        ("last year", "XXXX-06-28", [None]),
        ("the first four months of this year", "XXXX-06-28", ["XXXX-01/XXXX-04"]),
        ("between 2009 and 2010", None, ["2009-01/2010-12"]),
        ("in 2021-2022", None, ["2021-01/2022-12"]),
        ("From the end of August of 2019 to the end of September of 2020", None,
         ["2019-08/2020-09"]),
        ("During September of 2020", None, ["2020-09"]),
        ("in 8M23", "2023-10-05", ["2023-01/2023-08"]),
        ("in H1 2023", None, ["2023-01/2023-06"]),
        ("in the first half", "2023-09-14", ["2023-01/2023-06"]),
        ("in the second quarter", "2023-09-14", ["2023-04/2023-06"]),
        ("in Q3 2022", None, ["2022-07/2022-09"]),
        ("in fiscal 2022", None, ["2022"]),
        ("in FY2021", None, ["2021"]),
        ("in the January-September period", "2023-10-01", ["2023-01/2023-09"]),
        ("from January to August 2023", None, ["2023-01/2023-08"]),
        ("in November", "2023-03-01", ["2022-11"]),
        ("in December last year", "2024-03-01", ["2023-12"]),
        ("last month", "2023-01-15", ["2022-12"]),
        ("since 1972", "2021-06-20", []),
        ("the year", "2021-06-20", []),
        ("in 2019 and a year earlier", None, ["2019", "2018"]),
        ("$2022 million in 2,019", None, []),
    ],
)
def test_period_forms(text: str, published: str | None, expected: list[str | None]) -> None:
    assert [p.value for p in find_periods(text, published) if p.kind != "day"] == expected


def test_long_line_of_figures(extractor: Extractor) -> None:
    """A line of hundreds of figures is read amount by amount in bounded clauses."""
    text = "Exports from Chile to Peru reached $5 million in 2021, and " * 300
    keys = fact_keys(extractor, text, PUB)
    assert keys == [("exports", ("CHL", "PER"), 5e6, "USD", "2021")]
