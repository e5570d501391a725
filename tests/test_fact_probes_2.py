"""Second batch of fact probes, invented for the held-out check of issue 6.

Written before any change to the fact extractor, in other countries, currencies,
units and phrasings than ``test_fact_probes.py``. First look, before any fix:
77 of 85 passed (0.91), the honest held-out estimate. After the fixes: 85 of 85.
A second batch (``PROBES_B``), written after those fixes and before any rule for
it: 45 of 49 at first look (0.92). Together, first look: 122 of 134 (0.91).

Each sentence (or pair of sentences) is read as an article published on the row's
date; the expected facts are (kind, countries, value, unit, period) as RECORD.md
defines them. Targets, forecasts and hopes, changes, shares, a country's trade
with the world, company deals, prices, casualties and aid of organisations that
are no state expect no fact.
"""

from __future__ import annotations

import pytest

from bilat import Extractor
from tests.probing import FactKey, assert_amounts, assert_facts, fact_keys

PUB = "2023-09-14"

PROBES: list[tuple[str, str, list[FactKey]]] = [
    # -- trade turnover: "between X and Y", "X-Y trade", demonyms, local currencies ----------
    ("Trade between Kazakhstan and Kyrgyzstan reached 450 billion tenge in January-August.",
     PUB, [("trade_turnover", ("KAZ", "KGZ"), 4.5e11, "KZT", "2023-01/2023-08")]),
    ("Kazakh-Uzbek trade turnover stood at $4.2 bln in 2022.",
     PUB, [("trade_turnover", ("KAZ", "UZB"), 4.2e9, "USD", "2022")]),
    ("Indonesia-Malaysia trade was worth nearly $20 billion last year.",
     PUB, [("trade_turnover", ("IDN", "MYS"), 2e10, "USD", "2022")]),
    ("Turnover of goods between Azerbaijan and Georgia totalled over 1 billion dollars in the "
     "first half of 2022.",
     PUB, [("trade_turnover", ("AZE", "GEO"), 1e9, "USD", "2022-01/2022-06")]),
    ("The two-way trade between Ethiopia and Djibouti came to about 2.5 billion birr in the "
     "first quarter.",
     PUB, [("trade_turnover", ("DJI", "ETH"), 2.5e9, "ETB", "2023-01/2023-03")]),
    ("Armenia and Iran traded goods worth $700 million in 2022.",
     PUB, [("trade_turnover", ("ARM", "IRN"), 7e8, "USD", "2022")]),
    ("Trade between Japan and China reached 43 trillion yen in 2022.",
     PUB, [("trade_turnover", ("CHN", "JPN"), 4.3e13, "JPY", "2022")]),
    ("Trade between Georgia and Armenia exceeded one and a half billion dollars in 2022.",
     PUB, [("trade_turnover", ("ARM", "GEO"), 1.5e9, "USD", "2022")]),
    ("Trade between Italy and Algeria was worth over €15 billion in 2022.",
     PUB, [("trade_turnover", ("DZA", "ITA"), 1.5e10, "EUR", "2022")]),
    ("In Q1 2023 trade between Poland and Lithuania reached €1.9 bln.",
     PUB, [("trade_turnover", ("LTU", "POL"), 1.9e9, "EUR", "2023-01/2023-03")]),
    ("Trade between Sri Lanka and the Maldives rose to $400 million so far this year.",
     PUB, [("trade_turnover", ("LKA", "MDV"), 4e8, "USD", "2023-01/2023-09")]),
    ("Trade between Uzbekistan and Kyrgyzstan reached 12 trillion soums in 2022.",
     PUB, [("trade_turnover", ("KGZ", "UZB"), 1.2e13, "UZS", "2022")]),
    ("Mongolia-China trade reached $16 billion in 2022.",
     PUB, [("trade_turnover", ("CHN", "MNG"), 1.6e10, "USD", "2022")]),
    ("Turkish-Iraqi trade reached $24 billion in 2022.",
     PUB, [("trade_turnover", ("IRQ", "TUR"), 2.4e10, "USD", "2022")]),
    ("Trade between Chile and Ecuador topped a billion dollars in 2022.",
     PUB, [("trade_turnover", ("CHL", "ECU"), 1e9, "USD", "2022")]),
    ("Trade between Peru and Bolivia was up 12% at $1.5 billion in 2022.",
     PUB, [("trade_turnover", ("BOL", "PER"), 1.5e9, "USD", "2022")]),
    ("Trade between Slovenia and Croatia reached €6 billion last year.",
     "2024-02-01", [("trade_turnover", ("HRV", "SVN"), 6e9, "EUR", "2023")]),
    ("The trade volume between Cambodia and Thailand amounted to 9.3 billion U.S. dollars "
     "in 2022.",
     PUB, [("trade_turnover", ("KHM", "THA"), 9.3e9, "USD", "2022")]),
    # -- exports and imports, told from either side ------------------------------------------
    ("Swiss exports to India totalled CHF 1.8 billion in 2022.",
     PUB, [("exports", ("CHE", "IND"), 1.8e9, "CHF", "2022")]),
    ("India's imports from Switzerland were valued at $17 billion in 2022.",
     PUB, [("exports", ("CHE", "IND"), 1.7e10, "USD", "2022")]),
    ("Egypt's imports from China amounted to $14.4 billion in 2022, while its exports to China "
     "reached $1.8 billion.",
     PUB, [("exports", ("CHN", "EGY"), 1.44e10, "USD", "2022"),
           ("exports", ("EGY", "CHN"), 1.8e9, "USD", "2022")]),
    ("China exported goods worth 130 billion yuan to Vietnam in the first quarter of 2023 and "
     "imported 70 billion yuan of Vietnamese goods.",
     PUB, [("exports", ("CHN", "VNM"), 1.3e11, "CNY", "2023-01/2023-03"),
           ("exports", ("VNM", "CHN"), 7e10, "CNY", "2023-01/2023-03")]),
    ("Germany bought 120 billion rubles worth of Russian goods in 2021.",
     PUB, [("exports", ("RUS", "DEU"), 1.2e11, "RUB", "2021")]),
    ("Nepal's exports to India stood at Rs 1,200 crore in the first five months.",
     PUB, [("exports", ("NPL", "IND"), 1.2e10, "NPR", "2023-01/2023-05")]),
    ("Kyrgyz exports to Kazakhstan increased 15 percent to $600 million in January-May.",
     PUB, [("exports", ("KGZ", "KAZ"), 6e8, "USD", "2023-01/2023-05")]),
    ("Exports from Ukraine to Poland totalled three billion euros in 2021.",
     PUB, [("exports", ("UKR", "POL"), 3e9, "EUR", "2021")]),
    ("Uzbekistan's imports from Turkey were $2-2.5 billion in 2022.",
     PUB, [("exports", ("TUR", "UZB"), 2e9, "USD", "2022")]),
    ("Belarus exported 320 mln US dollars worth of goods to Uzbekistan in January-July 2023.",
     PUB, [("exports", ("BLR", "UZB"), 3.2e8, "USD", "2023-01/2023-07")]),
    ("Hungary's exports to Serbia reached €2 billion last year.",
     "2024-03-10", [("exports", ("HUN", "SRB"), 2e9, "EUR", "2023")]),
    ("Kazakhstan's exports to Russia reached 2.5 trillion tenge in 2022.",
     PUB, [("exports", ("KAZ", "RUS"), 2.5e12, "KZT", "2022")]),
    ("Imports of Turkish goods into Iraq totalled $13 billion in 2022.",
     PUB, [("exports", ("TUR", "IRQ"), 1.3e10, "USD", "2022")]),
    ("Iraq's purchases of Iranian electricity reached $1.5 billion in 2021.",
     PUB, [("exports", ("IRN", "IRQ"), 1.5e9, "USD", "2021")]),
    ("Georgia imported $1.8 billion worth of goods from Russia in 2022, while exporting "
     "$650 million.",
     PUB, [("exports", ("RUS", "GEO"), 1.8e9, "USD", "2022"),
           ("exports", ("GEO", "RUS"), 6.5e8, "USD", "2022")]),
    ("Exports from Argentina to Brazil totalled 12.4 bln dollars between January and July.",
     PUB, [("exports", ("ARG", "BRA"), 1.24e10, "USD", "2023-01/2023-07")]),
    ("During the first half, Kenyan exports to Uganda rose to 45 billion shillings.",
     PUB, [("exports", ("KEN", "UGA"), 4.5e10, "KES", "2023-01/2023-06")]),
    ("Exports from Uzbekistan to Afghanistan reached $800 million last year.",
     "2024-01-20", [("exports", ("UZB", "AFG"), 8e8, "USD", "2023")]),
    ("Imports from Russia into Kazakhstan totalled $17bn in 2022, while Kazakh exports to "
     "Russia were $8.8bn.",
     PUB, [("exports", ("RUS", "KAZ"), 1.7e10, "USD", "2022"),
           ("exports", ("KAZ", "RUS"), 8.8e9, "USD", "2022")]),
    ("Exports from Turkey to Iraq were $13.7 billion and imports from Iraq $1.5 billion "
     "in 2022.",
     PUB, [("exports", ("TUR", "IRQ"), 1.37e10, "USD", "2022"),
           ("exports", ("IRQ", "TUR"), 1.5e9, "USD", "2022")]),
    # -- several figures in one sentence ------------------------------------------------------
    ("Trade between Spain and Morocco reached €20 billion in 2022: Spanish exports were "
     "€12 billion and imports from Morocco €8 billion.",
     PUB, [("trade_turnover", ("ESP", "MAR"), 2e10, "EUR", "2022"),
           ("exports", ("ESP", "MAR"), 1.2e10, "EUR", "2022"),
           ("exports", ("MAR", "ESP"), 8e9, "EUR", "2022")]),
    # -- supply in physical units -------------------------------------------------------------
    ("Brazil imported 3.5 million tonnes of fertiliser from Russia in January-June.",
     PUB, [("supply", ("RUS", "BRA"), 3.5e6, "tonnes", "2023-01/2023-06")]),
    ("Russian fertiliser shipments to Brazil were about 4 million tons last year.",
     PUB, [("supply", ("RUS", "BRA"), 4e6, "tonnes", "2022")]),
    ("Thailand sold 5,000 tonnes of rice to Ethiopia.",
     PUB, [("supply", ("THA", "ETH"), 5000, "tonnes", None)]),
    ("Uzbekistan exported 1 million tonnes of flour to Afghanistan in 2022.",
     PUB, [("supply", ("UZB", "AFG"), 1e6, "tonnes", "2022")]),
    ("Indian tea exports to Iran fell to 22 million kg in January-June.",
     PUB, [("supply", ("IND", "IRN"), 2.2e7, "kilograms", "2023-01/2023-06")]),
    ("Turkmen gas deliveries to China came to 30 bcm last year.",
     PUB, [("supply", ("TKM", "CHN"), 3e10, "cubic metres", "2022")]),
    ("Exports of Brazilian soybeans to China hit 54 million tonnes in 2022.",
     PUB, [("supply", ("BRA", "CHN"), 5.4e7, "tonnes", "2022")]),
    ("The Philippines bought 3 million tonnes of Vietnamese rice last year.",
     PUB, [("supply", ("VNM", "PHL"), 3e6, "tonnes", "2022")]),
    # -- investment stocks and flows, loans -------------------------------------------------
    ("Indian investment in Sri Lanka crossed $2 billion, the High Commission said.",
     PUB, [("investment", ("IND", "LKA"), 2e9, "USD", None)]),
    ("Turkish companies have invested $13 billion in Azerbaijan.",
     PUB, [("investment", ("AZE", "TUR"), 1.3e10, "USD", None)]),
    ("Foreign direct investment from the UAE into Egypt reached $5.6 billion in fiscal year "
     "2021.",
     PUB, [("investment", ("ARE", "EGY"), 5.6e9, "USD", "2021")]),
    ("Chinese FDI stock in Cambodia stands at about $10 billion.",
     PUB, [("investment", ("CHN", "KHM"), 1e10, "USD", None)]),
    ("China lent Zambia $1 billion in 2017 for a new airport.",
     PUB, [("investment", ("CHN", "ZMB"), 1e9, "USD", "2017")]),
    ("Kuwait granted Morocco a soft loan of 10 million Kuwaiti dinars in 2020.",
     PUB, [("investment", ("KWT", "MAR"), 1e7, "KWD", "2020")]),
    ("India announced a $1 billion line of credit for Mongolia in 2015.",
     PUB, [("investment", ("IND", "MNG"), 1e9, "USD", "2015")]),
    ("Korean investment in Uzbekistan amounted to $1.2 billion in the first half of 2023.",
     PUB, [("investment", ("KOR", "UZB"), 1.2e9, "USD", "2023-01/2023-06")]),
    ("Chinese investments in Kazakhstan's economy since 2005 have exceeded $24 billion.",
     PUB, [("investment", ("CHN", "KAZ"), 2.4e10, "USD", None)]),
    ("Over the past decade, Chinese investment in Pakistan has totalled $25 billion.",
     PUB, [("investment", ("CHN", "PAK"), 2.5e10, "USD", None)]),
    # -- aid, grants (money and goods) -----------------------------------------------------
    ("Norway provided 2 billion kroner in humanitarian aid to Afghanistan in 2022.",
     PUB, [("aid", ("NOR", "AFG"), 2e9, "NOK", "2022")]),
    ("South Korea delivered 5,000 tonnes of rice as food aid to Ethiopia.",
     PUB, [("aid", ("KOR", "ETH"), 5000, "tonnes", None)]),
    ("Ireland's aid to Malawi amounted to 15 million euros last year.",
     PUB, [("aid", ("IRL", "MWI"), 1.5e7, "EUR", "2022")]),
    ("Qatar handed a grant of $25 million to Lebanon's army.",
     PUB, [("aid", ("QAT", "LBN"), 2.5e7, "USD", None)]),
    ("India gave Rs 50 lakh to the Maldives for flood relief.",
     PUB, [("aid", ("IND", "MDV"), 5e6, "INR", None)]),
    ("Uzbekistan sent 1,000 tonnes of flour to Afghanistan as humanitarian aid.",
     PUB, [("aid", ("UZB", "AFG"), 1000, "tonnes", None)]),
    ("Japan's assistance to Cambodia since 1992 totals $3 billion.",
     PUB, [("aid", ("JPN", "KHM"), 3e9, "USD", None)]),
    ("Japanese ODA to Bangladesh reached 300 billion yen in fiscal year 2022.",
     PUB, [("aid", ("JPN", "BGD"), 3e11, "JPY", "2022")]),
    ("Italy granted Tunisia €100 million in budget support in 2023.",
     PUB, [("aid", ("ITA", "TUN"), 1e8, "EUR", "2023")]),
    ("Japan donated 500 million yen to Mongolia for winter relief.",
     PUB, [("aid", ("JPN", "MNG"), 5e8, "JPY", None)]),
    # -- the countries in the previous sentence ---------------------------------------------
    ("The foreign ministers of Ghana and Togo met in Accra on Monday. Trade between the two "
     "countries reached $500 million last year.",
     PUB, [("trade_turnover", ("GHA", "TGO"), 5e8, "USD", "2022")]),
    ("The President of Mongolia received the Ambassador of Kazakhstan on Tuesday. Bilateral "
     "trade totalled $600 million in 2022.",
     PUB, [("trade_turnover", ("KAZ", "MNG"), 6e8, "USD", "2022")]),
    # -- negatives: targets, changes, shares, world trade, companies, prices, casualties -----
    ("Kazakhstan and Uzbekistan aim to raise trade to $10 billion by 2030.", PUB, []),
    ("Vietnam and Thailand agreed to bring bilateral trade to $25 billion in a balanced "
     "manner.", PUB, []),
    ("Russia and Belarus want their trade to reach 5 trillion rubles within five years.",
     PUB, []),
    ("India and the UAE set a goal of $100 billion in non-oil trade by 2030.", PUB, []),
    ("Chinese exports to Russia grew by $20 billion in 2022.", PUB, []),
    ("Trade between Egypt and Sudan increased by 300 million dollars year on year.", PUB, []),
    ("Kazakhstan's foreign trade turnover reached $134 billion in 2022.", PUB, []),
    ("Vietnam's exports hit $371 billion last year, with the US and China the largest "
     "markets.", PUB, []),
    ("Samsung invested $2 billion in a new plant in Vietnam, Korean media said.", PUB, []),
    ("India's Adani Group bought an Israeli port for $1.2 billion.", PUB, []),
    ("Russian Urals crude traded at $60 a barrel in India.", PUB, []),
    ("Wheat prices in Egypt rose to 12,000 Egyptian pounds a tonne as Russian supplies "
     "slowed.", PUB, []),
    ("Ukraine said Russia had lost 300 tanks and 2,000 vehicles since the attack began.",
     PUB, []),
    ("Floods in Pakistan caused $30 billion in damage, India's minister said.", PUB, []),
    ("The World Bank approved a $500 million loan to Kenya.", PUB, []),
    ("The EU sent €50 million in aid to Syria, France's foreign minister said.", PUB, []),
]


# A second look, written after the first fixes and before any rule for it: other
# outlets' forms of codes and scales ("USD 2.4 billion", "KZT 500 bn", "mln tonnes"),
# figures split over clauses, aid in goods, directions told from the receiving side.
# First look: 45 of 49 passed (0.92). After the fixes: 48 of 49 (one marked xfail).
PROBES_B: list[tuple[str, str, list[FactKey]] | object] = [
    # a loan agreed is a figure agreed (RECORD.md: achieved or agreed), told with "lend";
    # investment countries are sorted
    ("South Korea agreed to lend Ghana $400 million for a new port.",
     PUB, [("investment", ("GHA", "KOR"), 4e8, "USD", None)]),
    # a figure inside a condition is no fact
    ("If exports from Peru to Bolivia rose to $900 million, the corridor would pay for "
     "itself.", PUB, []),
    ("Unless trade between Chile and Peru reaches $5 billion, the fund will close.", PUB, []),
    ("Bilateral trade between Qatar and Turkey reached USD 2.4 billion in 2022.",
     PUB, [("trade_turnover", ("QAT", "TUR"), 2.4e9, "USD", "2022")]),
    ("Trade turnover between Azerbaijan and Uzbekistan amounted to US$ 350.5 million in "
     "January\u2013September 2023.",
     "2023-10-20", [("trade_turnover", ("AZE", "UZB"), 3.505e8, "USD", "2023-01/2023-09")]),
    ("Trade between the UAE and India hit 85 billion USD in 2022.",
     PUB, [("trade_turnover", ("ARE", "IND"), 8.5e10, "USD", "2022")]),
    ("Trade between the UAE and Oman reached Dh50 billion last year.",
     "2024-01-10", [("trade_turnover", ("ARE", "OMN"), 5e10, "AED", "2023")]),
    ("Saudi exports to Egypt reached SR 30 billion in 2022.",
     PUB, [("exports", ("SAU", "EGY"), 3e10, "SAR", "2022")]),
    ("Exports from Kazakhstan to China amounted to KZT 500 bn in the first quarter.",
     PUB, [("exports", ("KAZ", "CHN"), 5e11, "KZT", "2023-01/2023-03")]),
    ("Russia's exports to Mongolia totalled RUB 30 bln in H1 2023.",
     PUB, [("exports", ("RUS", "MNG"), 3e10, "RUB", "2023-01/2023-06")]),
    ("Kazakhstan exported 1.1 mln tonnes of wheat to Tajikistan over the January-April "
     "period.",
     PUB, [("supply", ("KAZ", "TJK"), 1.1e6, "tonnes", "2023-01/2023-04")]),
    ("Uzbekistan imported 850 thousand tonnes of Kazakh flour in 2022.",
     PUB, [("supply", ("KAZ", "UZB"), 8.5e5, "tonnes", "2022")]),
    ("In the first seven months of this year, trade between Belarus and Russia exceeded "
     "$28 billion.",
     PUB, [("trade_turnover", ("BLR", "RUS"), 2.8e10, "USD", "2023-01/2023-07")]),
    ("For the whole of 2022, trade between Laos and China came to $5.7 billion.",
     PUB, [("trade_turnover", ("CHN", "LAO"), 5.7e9, "USD", "2022")]),
    ("As of the end of 2022, Korean investment in Vietnam stood at $85 billion.",
     PUB, [("investment", ("KOR", "VNM"), 8.5e10, "USD", "2022")]),
    ("Trade between Kenya and Uganda was $1.2 billion in 2022, with Kenya exporting goods "
     "worth $900 million.",
     PUB, [("trade_turnover", ("KEN", "UGA"), 1.2e9, "USD", "2022"),
           ("exports", ("KEN", "UGA"), 9e8, "USD", "2022")]),
    ("Of the $3.1 billion in trade between Vietnam and Laos last year, Vietnamese exports "
     "accounted for $2 billion.",
     PUB, [("trade_turnover", ("LAO", "VNM"), 3.1e9, "USD", "2022"),
           ("exports", ("VNM", "LAO"), 2e9, "USD", "2022")]),
    ("Tajikistan's trade with China reached $1.9 billion in 2022, the customs service said.",
     PUB, [("trade_turnover", ("CHN", "TJK"), 1.9e9, "USD", "2022")]),
    ("Japan gave 2,000 tonnes of rice to Haiti as food aid in 2021.",
     PUB, [("aid", ("JPN", "HTI"), 2000, "tonnes", "2021")]),
    ("Saudi Arabia donated 1,000 tonnes of dates to Yemen.",
     PUB, [("aid", ("SAU", "YEM"), 1000, "tonnes", None)]),
    ("Kazakhstan provided 5,000 tonnes of flour as humanitarian assistance to Kyrgyzstan.",
     PUB, [("aid", ("KAZ", "KGZ"), 5000, "tonnes", None)]),
    ("Switzerland allocated CHF 10 million in humanitarian aid for Lebanon.",
     PUB, [("aid", ("CHE", "LBN"), 1e7, "CHF", None)]),
    ("China has provided Cambodia with grants worth 2 billion yuan since 2018.",
     PUB, [("aid", ("CHN", "KHM"), 2e9, "CNY", None)]),
    ("Turkey sent 30 tonnes of medical supplies to Azerbaijan as a gift.",
     PUB, [("aid", ("TUR", "AZE"), 30, "tonnes", None)]),
    ("Russia delivered 200,000 tonnes of wheat to Eritrea free of charge.",
     PUB, [("aid", ("RUS", "ERI"), 2e5, "tonnes", None)]),
    ("Egypt bought 240,000 tonnes of Russian wheat in a tender.",
     PUB, [("supply", ("RUS", "EGY"), 2.4e5, "tonnes", None)]),
    ("India's exports to the UAE were worth $31 billion, while imports from the UAE stood at "
     "$53 billion in 2022.",
     PUB, [("exports", ("IND", "ARE"), 3.1e10, "USD", "2022"),
           ("exports", ("ARE", "IND"), 5.3e10, "USD", "2022")]),
    ("Imports to Armenia from Georgia totalled $200 million in 2022.",
     PUB, [("exports", ("GEO", "ARM"), 2e8, "USD", "2022")]),
    ("Israel's imports from Turkey were $7 billion last year.",
     "2024-02-01", [("exports", ("TUR", "ISR"), 7e9, "USD", "2023")]),
    ("Exports to China by Australia reached A$170 billion in 2022.",
     PUB, [("exports", ("AUS", "CHN"), 1.7e11, "AUD", "2022")]),
    ("Bangladesh's purchases from India amounted to $14 billion in fiscal 2022.",
     PUB, [("exports", ("IND", "BGD"), 1.4e10, "USD", "2022")]),
    ("Uzbekistan sold Turkmenistan goods worth $300 million last year.",
     PUB, [("exports", ("UZB", "TKM"), 3e8, "USD", "2022")]),
    ("Hungary took out a €1 billion loan from China in 2019.",
     PUB, [("investment", ("CHN", "HUN"), 1e9, "EUR", "2019")]),
    ("China's outstanding loans to Sri Lanka stood at $7.4 billion.",
     PUB, [("investment", ("CHN", "LKA"), 7.4e9, "USD", None)]),
    ("Indonesian firms invested Rp 1 trillion in Timor-Leste.",
     PUB, [("investment", ("IDN", "TLS"), 1e12, "IDR", None)]),
    ("Azerbaijan has invested about $20 billion in the Georgian economy.",
     PUB, [("investment", ("AZE", "GEO"), 2e10, "USD", None)]),
    ("Chinese direct investment in Serbia in 2022 was €1.2 billion.",
     PUB, [("investment", ("CHN", "SRB"), 1.2e9, "EUR", "2022")]),
    ("The Vietnamese president met his Lao counterpart in Hanoi on Monday. Two-way trade "
     "rose to $1.7 billion last year, the leaders noted.",
     PUB, [("trade_turnover", ("LAO", "VNM"), 1.7e9, "USD", "2022")]),
    ("The Chilean foreign minister arrived in Lima on Monday for talks with her Peruvian "
     "counterpart. Exports to Peru reached $2 billion last year, she said.",
     PUB, [("exports", ("CHL", "PER"), 2e9, "USD", "2022")]),
    # -- negatives ----------------------------------------------------------------------
    ("Turkey's exports rose 13% to $254 billion in 2022, with Germany its top market.",
     PUB, []),
    ("Uzbekistan and Turkmenistan plan to boost trade to $1 billion.", PUB, []),
    ("Trade between Chad and Niger has the potential to reach $1 billion.", PUB, []),
    ("Egypt and Sudan seek $5 billion in trade by 2025.", PUB, []),
    ("Gas from Russia costs Armenia $165 per 1,000 cubic metres.", PUB, []),
    ("The war has cost Ukraine $400 billion, Poland's prime minister said.", PUB, []),
    ("Some 5 million tonnes of grain left Ukrainian ports in August, Turkey said.", PUB, []),
    ("Russia has spent $100 billion on the war in Ukraine, Estonia's intelligence said.",
     PUB, []),
    pytest.param(
        "China's Huawei donated $2 million to schools in Kenya.", PUB, [],
        marks=pytest.mark.xfail(strict=True, reason="a company known by its name alone, "
                                "owned by a country, reads like a state agency ('Japan's "
                                "JICA gave'); telling them apart needs a register of firms")),
    ("India and Nepal agreed to raise bilateral trade to $15 billion within five years.",
     PUB, []),
    ("Korea's Hyundai Motor invested $1.5 billion in its Indian plant.", PUB, []),
    ("The Asian Development Bank lent Mongolia $100 million.", PUB, []),
    ("Trade between France and Germany could fall by €10 billion this year.", PUB, []),
]


# A figure whose subject is "it", standing for the two countries' trade named in the
# sentence before (no trade word of its own); currency symbols in letters. Each group
# written before its rule: first look 0 of 3 and 0 of 4 positives passed, the negatives
# passed.
PROBES_C: list[tuple[str, str, list[FactKey]]] = [
    ("The foreign ministers of Peru and Bolivia reviewed bilateral trade. Last year it "
     "reached $1.4 billion.",
     "2024-03-02", [("trade_turnover", ("BOL", "PER"), 1.4e9, "USD", "2023")]),
    ("Talks in Nairobi focused on trade between Kenya and Uganda. In 2023 it amounted to "
     "$900 million, officials said.",
     "2024-05-20", [("trade_turnover", ("KEN", "UGA"), 9e8, "USD", "2023")]),
    ("Trade between Vietnam and Cambodia has grown steadily. It totalled $2.8 billion in "
     "the first nine months, the ministry said.",
     "2023-10-12", [("trade_turnover", ("KHM", "VNM"), 2.8e9, "USD", "2023-01/2023-09")]),
    # currency symbols written as letters (CLDR's local symbols), read by the countries
    # of the figure: no country of the figure uses the symbol, no figure
    ("South Africa's exports to Botswana reached R41 billion in 2023.",
     "2024-03-02", [("exports", ("ZAF", "BWA"), 4.1e10, "ZAR", "2023")]),
    ("Trade between Zambia and Malawi totalled K3.5 billion last year.",
     "2024-03-02", [("trade_turnover", ("MWI", "ZMB"), 3.5e9, "ZMW", "2023")]),
    ("Botswana's exports to Namibia reached P2.1 billion in 2023.",
     "2024-03-02", [("exports", ("BWA", "NAM"), 2.1e9, "BWP", "2023")]),
    ("Trade between Guatemala and Honduras reached Q9 billion in 2023.",
     "2024-03-02", [("trade_turnover", ("GTM", "HND"), 9e9, "GTQ", "2023")]),
    ("Trade between France and Germany reached R41 billion in 2023.",
     "2024-03-02", []),
    ("Kenya and Uganda signed an accord on the R2 motorway.", "2024-03-02", []),
    # a list of figures with scale abbreviations ending in a full stop ("mln."), as the CIS
    # wires write them: one sentence, one figure per supplier
    ("Among Georgia's other suppliers in May, Azerbaijan provided 150,5 mln. cubic meters "
     "of gas, Russia 20,3 mln. cubic meters and Iran 5,2 mln. cubic meters.",
     "2024-06-20", [("supply", ("AZE", "GEO"), 1.505e8, "cubic metres", "2024-05"),
                    ("supply", ("RUS", "GEO"), 2.03e7, "cubic metres", "2024-05"),
                    ("supply", ("IRN", "GEO"), 5.2e6, "cubic metres", "2024-05")]),
    # a bare name that both countries of a pair in no order use: the name's default
    ("Trade between Belarus and Russia reached 900 billion rubles in 2023.",
     "2024-03-02", [("trade_turnover", ("BLR", "RUS"), 9e11, "RUB", "2023")]),
    # no trade word before: "it" is something else
    ("Finland and Norway opened a new border crossing. It cost $40 million.",
     "2024-03-02", []),
    # the figure is a target, not a result
    ("The presidents discussed trade between Chile and Ecuador. It should reach $2 billion "
     "by 2027, they said.",
     "2024-03-02", []),
    # "it" governs a verb that is no measure of trade
    ("The leaders discussed trade between Ghana and Togo. It will be financed by a "
     "$50 million loan from the African Development Bank.",
     "2024-03-02", []),
]

# Periods as other outlets write them, one trade figure each (Chile and Peru, published
# 2023-09-14). Written after the fixes above; the first row was found while trying
# forms by hand, the others are fresh. First look: 18 of 20 (0.90). After: 20 of 20.
PERIOD_PROBES: list[tuple[str, str | None]] = [
    ("Trade between Chile and Peru reached $5 billion in the January-June period of 2022.",
     "2022-01/2022-06"),
    ("Exports from Chile to Peru in January-March of 2022 amounted to $1 billion.",
     "2022-01/2022-03"),
    ("Trade between Chile and Peru was $5 billion over January-July of last year.",
     "2022-01/2022-07"),
    ("Trade between Chile and Peru reached $5 billion in the first quarter of 2022, compared "
     "with the same period last year.",
     "2022-01/2022-03"),
    ("Trade between Chile and Peru reached $5 billion in the first six months.",
     "2023-01/2023-06"),
    ("Between January and March 2022, trade between Chile and Peru stood at $5 billion.",
     "2022-01/2022-03"),
    ("Trade between Chile and Peru reached $5 billion in the second half of 2022.",
     "2022-07/2022-12"),
    ("In the first four months, trade between Chile and Peru reached $2 billion.",
     "2023-01/2023-04"),
    ("Trade between Chile and Peru amounted to $5 billion in the period from January to June 2022.",
     "2022-01/2022-06"),
    ("In the period January-June 2022, trade between Chile and Peru amounted to $5 billion.",
     "2022-01/2022-06"),
    ("In the nine months ended September 2022, trade between Chile and Peru reached $5 billion.",
     "2022-01/2022-09"),
    ("Trade between Chile and Peru for January-October 2022 came to $5 billion.",
     "2022-01/2022-10"),
    ("In the first half of last year, trade between Chile and Peru reached $5 billion.",
     "2022-01/2022-06"),
    ("Trade between Chile and Peru hit $5 billion in the fourth quarter of 2022.",
     "2022-10/2022-12"),
    ("In July 2023 trade between Chile and Peru reached $500 million.",
     "2023-07"),
    ("Trade between Chile and Peru reached $500 million in July this year.",
     "2023-07"),
    ("Trade between Chile and Peru reached $5 billion in the first 7 months of 2023.",
     "2023-01/2023-07"),
    ("Over the past five years trade between Chile and Peru totalled $25 billion.",
     None),
    ("Trade between Chile and Peru reached $5 billion in the last financial year.",
     None),
    ("Trade between Chile and Peru reached $5 billion in January-August 2023 year-on-year.",
     "2023-01/2023-08"),
]


@pytest.mark.parametrize(("text, published, expected"), PROBES)
def test_fact_probe_2(
    extractor: Extractor, text: str, published: str, expected: list[FactKey]
) -> None:
    assert_facts(extractor, text, published, expected)


@pytest.mark.parametrize(("text, published, expected"), PROBES_B)
def test_fact_probe_2b(
    extractor: Extractor, text: str, published: str, expected: list[FactKey]
) -> None:
    assert_facts(extractor, text, published, expected)


@pytest.mark.parametrize(("text, published, expected"), PROBES_C)
def test_fact_probe_2c(
    extractor: Extractor, text: str, published: str, expected: list[FactKey]
) -> None:
    assert_facts(extractor, text, published, expected)


@pytest.mark.parametrize(("text, period"), PERIOD_PROBES)
def test_fact_probe_2_period(extractor: Extractor, text: str, period: str | None) -> None:
    assert [k[4] for k in fact_keys(extractor, text, PUB)] == [period]


def test_many_periods_in_one_line() -> None:
    """A line of a thousand periods keeps each one's own anchor ("a year earlier" is the
    year before the one just named), read with sorted spans, not pair by pair."""
    from bilat.timex import find_periods

    text = "in 2019 and a year earlier, in 2021 and a year earlier; " * 500
    values = [p.value for p in find_periods(text, PUB)]
    assert values == ["2019", "2018", "2021", "2020"] * 500


@pytest.mark.parametrize(
    ("text, expected"),
    [
        ("Rs 1.5 lakh crore", [(1.5e12, "INR")]),
        ("Rs 5 thousand crore", [(5e10, "INR")]),
        ("1,5 milliard euros", [(1.5e9, "EUR")]),
        ("Sh5 billion", [(5e9, "KES")]),
        ("Shs 30 billion", [(3e10, "UGX")]),
        ("Rmb4bn", [(4e9, "CNY")]),
        ("Dh50 billion", [(5e10, "AED")]),
        ("SR 30 billion", [(3e10, "SAR")]),
        ("QR1 billion", [(1e9, "QAR")]),
        ("LE 5 billion", [(5e9, "EGP")]),
        ("$5 million b", [(5e6, "USD")]),  # a letter after the scale is no second scale
        # numbers in words: tens and units, hundreds
        ("worth twenty-five million US dollars", [(2.5e7, "USD")]),
        ("a grant of two hundred million Japanese yen", [(2e8, "JPY")]),
        ("some forty two million euros", [(4.2e7, "EUR")]),
        ("one hundred fifty million dollars", [(1.5e8, "USD")]),
        ("half a billion dollars", [(5e8, "USD")]),
        ("a million dollars", [(1e6, "USD")]),
        ("KD members", []),
    ],
)
def test_amount_forms_2(text: str, expected: list[tuple[float, str]]) -> None:
    """Codes, scales and compound scales of other outlets (found by trying forms by
    hand after the probes above)."""
    assert_amounts(text, expected)
