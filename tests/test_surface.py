"""The surface of unseen news: typography, country-name forms, mentions that are
not the country, datelines. Probe sentences invented for these tests."""

from __future__ import annotations

import pytest

from bilat import Extractor
from bilat.clean import clean
from bilat.clean.dateline import find_dateline
from bilat.clean.normalize import normalize
from bilat.document import Document
from bilat.extract.analysis import analyse
from bilat.gazetteer import load_gazetteer

PUBLISHED = "2024-03-06"


def _events(extractor: Extractor, text: str, published: str | None = PUBLISHED) -> list[tuple]:
    record = extractor.extract_one(Document("probe", text, published=published))
    for e in record.events:
        assert text[e.evidence.start : e.evidence.end] == e.evidence.text
    return sorted((e.type, tuple(e.countries), e.status, e.date) for e in record.events)


# -- (a) typography ------------------------------------------------------------------------

_PLAIN = (
    "Kenya's Foreign Minister met Uganda's Foreign Minister in Nairobi on Monday. "
    'They signed a memorandum on "border trade" - a first step.'
)


@pytest.mark.parametrize(
    "variant",
    [
        _PLAIN.replace("'s", "`s"),
        _PLAIN.replace("'s", "\u2019s"),
        _PLAIN.replace("'s", "\u2032s"),
        _PLAIN.replace('"border trade"', "\u201cborder trade\u201d"),
        _PLAIN.replace(" - ", " \u2014 "),
        _PLAIN.replace(" - ", " -- "),
        _PLAIN.replace(" ", "\u00a0"),
        _PLAIN.replace("Foreign Minister met", "Foreign\u2009Minister met"),
        _PLAIN.replace("Kenya's", "Kenya\u200b's"),
        "\ufeff" + _PLAIN,
    ],
)
def test_typography_gives_the_same_events(extractor: Extractor, variant: str) -> None:
    expected = _events(extractor, _PLAIN)
    assert expected  # the plain sentence itself is understood
    assert _events(extractor, variant) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Kazakhstan`s Ambassador met the Foreign Minister of Peru in Lima on Monday.",
        "Mevlüt Çavuşoğlu of Türkiye met the Ambassador of Peru on Monday.",
        "The President of C\u00f4te d\u2019Ivoire received the Ambassador of Peru on Monday.",
    ],
)
def test_evidence_and_names_quote_the_text_as_read(extractor: Extractor, text: str) -> None:
    record = extractor.extract_one(Document("probe", text, published=PUBLISHED))
    assert record.events
    for e in record.events:
        assert text[e.evidence.start : e.evidence.end] == e.evidence.text
        for p in e.participants:
            assert p.name in text


@pytest.mark.parametrize(
    "text",
    ["Kazakhstan`s \u201ctalks\u201d \u2014 C\u00f4te d\u2019Ivoire, \u0141\u00f3d\u017a\u00a0x",
     "plain ascii text", "", "\u00e6\u00df\u2026 \U0001f600"],
)
def test_normalize_keeps_length(text: str) -> None:
    assert len(normalize(text)) == len(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kazakhstan`s", "Kazakhstan's"),
        ("\u201cquote\u201d", '"quote"'),
        ("a \u2013 b \u2014 c", "a - b - c"),
        ("C\u00f4te d\u2019Ivoire", "Cote d'Ivoire"),
        ("T\u00fcrkiye S\u00e3o Tom\u00e9", "Turkiye Sao Tome"),
        ("x\u00a0y\u202fz", "x y z"),
        ("Kazakh\u00adstan\u200b's", "Kazakh-stan 's"),
        ("\u00c6gir", "\u00c6gir"),  # no one-letter plain form: kept
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


# -- (b) country-name forms ----------------------------------------------------------------


@pytest.mark.parametrize(
    "form, iso3",
    [
        ("Cote d'Ivoire", "CIV"), ("Ivory Coast", "CIV"), ("Turkiye", "TUR"),
        ("Sao Tome and Principe", "STP"), ("Burma", "MMR"), ("Swaziland", "SWZ"),
        ("Eswatini", "SWZ"), ("Czechia", "CZE"), ("Czech Republic", "CZE"),
        ("Kirghizia", "KGZ"), ("Byelorussia", "BLR"), ("Holy See", "VAT"),
        ("Republic of Korea", "KOR"), ("DPRK", "PRK"), ("Zaire", "COD"),
        ("Upper Volta", "BFA"), ("Dahomey", "BEN"), ("East Timor", "TLS"),
        ("Democratic Republic of Congo", "COD"), ("Republic of Congo", "COG"),
        ("Guinea Bissau", "GNB"), ("Lao PDR", "LAO"), ("Moldavia", "MDA"),
        ("Macedonia", "MKD"),
    ],
)
def test_other_and_older_names(extractor: Extractor, form: str, iso3: str) -> None:
    found = load_gazetteer().lookup(form)
    assert found is not None and found[0] == iso3
    text = f"The President of {form} received the Ambassador of Peru on Monday."
    assert _events(extractor, text) == [
        ("CONSULT", tuple(sorted([iso3, "PER"])), "occurred", "2024-03-04")
    ]


# -- (c) a country form inside a larger proper name is not the country ------------------------


@pytest.mark.parametrize(
    "text, absent",
    [
        ("Vietnam, the Philippines and South China Sea coastguards held talks on Monday.", "CHN"),
        ("The Gulf of Guinea Commission met the Foreign Minister of Peru on Monday.", "GIN"),
        ("Congo River authorities met the Foreign Minister of Peru on Monday.", "COG"),
        ("The Lake Chad Basin Commission met the Ambassador of Chile on Monday.", "TCD"),
        ("Sea of Japan fishermen met the Foreign Minister of Peru on Monday.", "JPN"),
        ("Latin America envoys met the Foreign Minister of Peru on Monday.", "USA"),
        ("Northern Ireland officials met the Foreign Minister of Peru on Monday.", "IRL"),
        ("Inner Mongolia officials met the Foreign Minister of Peru on Monday.", "MNG"),
        ("The Governor of New Mexico met the Ambassador of Chile on Monday.", "MEX"),
        ("Georgia Governor Brian Kemp met the Ambassador of Japan in Atlanta on Monday.", "GEO"),
        ("Michael Jordan visited Paris and met the Ambassador of Kenya on Monday.", "JOR"),
        ("Chad Smith met the Ambassador of Peru in Lima on Monday.", "TCD"),
    ],
)
def test_larger_names_are_not_the_country(extractor: Extractor, text: str, absent: str) -> None:
    doc = extractor.nlp(normalize(text))
    roles = {m.iso3: m.role for s in analyse(doc, 0, 0, 0, -1) for m in s.mentions}
    assert roles[absent] == "nonactor"
    for _type, countries, _status, _date in _events(extractor, text):
        assert absent not in countries


@pytest.mark.parametrize(
    "text, countries",
    [
        ("The President of Niger met the President of Nigeria on Monday.", ("NER", "NGA")),
        ("The President of the Dominican Republic met the Prime Minister of Dominica on Monday.",
         ("DMA", "DOM")),
        ("Jordan's King met the President of Chad in Amman on Monday.", ("JOR", "TCD")),
        ("Georgia's President met the Ambassador of Japan in Tbilisi on Monday.", ("GEO", "JPN")),
        ("The Bank of China signed a loan agreement with Kenya on Monday.", ("CHN", "KEN")),
        ("Kazakh President met the Chinese Foreign Minister on Monday.", ("CHN", "KAZ")),
        ("Uganda Lieutenant General Ali Musa met the Ambassador of Chile on Monday.",
         ("CHL", "UGA")),
        ("U.S.-China talks were held in Beijing on Monday.", ("CHN", "USA")),
        ("The U.K./Kenya trade talks were held in Nairobi on Monday.", ("GBR", "KEN")),
        # an ambassador acts for the country he represents: the meeting is Iran-Chile
        ("Iran Ambassador to Peru Ali Musa met the Foreign Minister of Chile on Monday.",
         ("IRN", "CHL", "PER")),
    ],
)
def test_countries_stay_countries(
    extractor: Extractor, text: str, countries: tuple[str, ...]
) -> None:
    doc = extractor.nlp(normalize(text))
    mentions = [m for s in analyse(doc, 0, 0, 0, -1) for m in s.mentions]
    assert {m.iso3 for m in mentions if m.role != "nonactor"} == set(countries)
    found = {c for _t, cs, _s, _d in _events(extractor, text) for c in cs}
    assert found >= set(countries[:2])


# -- (d) datelines and publication dates -----------------------------------------------------

_BODY = "Armenia's Foreign Minister met the Ambassador of France on March 4."


@pytest.mark.parametrize(
    "dateline, published",
    [
        ("YEREVAN, March 5, 2024 (Armenpress) - ", "2024-03-05"),
        ("YEREVAN, MARCH 5, ARMENPRESS. ", "XXXX-03-05"),
        ("Yerevan, March 5, ARKA - ", "XXXX-03-05"),
        ("YEREVAN, March 5 (Reuters) - ", "XXXX-03-05"),
        ("YEREVAN, March 5 \u2014 ", "XXXX-03-05"),
        ("YEREVAN, 5 March 2024 /Armenpress/. ", "2024-03-05"),
        ("YEREVAN, March 5. /ARKA/. ", "XXXX-03-05"),
        ("Yerevan, 05.03.2024 (News.am) - ", "2024-03-05"),
        ("YEREVAN, Armenia, Tuesday, March 5, 2024 -- ", "2024-03-05"),
        ("YEREVAN, Mar. 5 (ARKA): ", "XXXX-03-05"),
        ("Yerevan, 2024-03-05 (Armenpress) - ", "2024-03-05"),
        ("Yerevan [Armenia], March 5 (ARKA): ", "XXXX-03-05"),
        ("Yerevan, 5 March, Arminfo - ", "XXXX-03-05"),
        ("March 5, 2024 - ", "2024-03-05"),
        ("YEREVAN, February 29 - ", "XXXX-02-29"),
    ],
)
def test_dateline_gives_published(dateline: str, published: str) -> None:
    text = dateline + _BODY
    cleaned = clean(Document("probe", text))
    assert cleaned.published == published
    assert cleaned.dateline == (0, len(dateline))


@pytest.mark.parametrize(
    "text, end",
    [
        ("YEREVAN (Armenpress) -- Armenia's minister", len("YEREVAN (Armenpress) -- ")),
        ("YEREVAN /ARKA/ - Armenia's minister", len("YEREVAN /ARKA/ - ")),
        ("YEREVAN. ARMENPRESS - Armenia's minister", len("YEREVAN. ARMENPRESS - ")),
        ("LIMA, Peru -- Peru's minister", len("LIMA, Peru -- ")),
        ("(Reuters) - Peru's minister", len("(Reuters) - ")),
        ("Dar es Salaam, 5 March (Daily News) - The minister", len(
            "Dar es Salaam, 5 March (Daily News) - ")),
        # two places, the field's and the desk's
        ("KIDAL / BAMAKO: Two Malian soldiers", len("KIDAL / BAMAKO: ")),
        ("ARICA/SANTIAGO - Chile's minister", len("ARICA/SANTIAGO - ")),
    ],
)
def test_dateline_without_date(text: str, end: int) -> None:
    found = find_dateline(normalize(text))
    assert found is not None and found.end == end


@pytest.mark.parametrize(
    "text",
    [
        "Kenya and Uganda held talks in Nairobi on March 5.",
        "On March 5, the ministers of Kenya and Uganda met.",
        "Tuesday, March 5, the ministers met.",
        "US President Joe Biden (D) said the talks went well.",
        "Baku, Azerbaijan's capital, hosted the talks.",
        "March 5 marks the anniversary of the treaty.",
        "MEA Secretary (East) Priya Rao met the Ambassador of Peru.",
        "Yerevan, 31.02.2024 (Armenpress) - The minister",
        "A" * 50_000,
        "(" + "A" * 50_000,
        "1" * 50_000,
    ],
)
def test_not_a_dateline(text: str) -> None:
    assert find_dateline(normalize(text)) is None


def test_dateline_on_its_own_line() -> None:
    text = "Ministers meet\n\nYEREVAN, March 5, 2024 (Armenpress)\n\n" + _BODY
    assert clean(Document("probe", text)).published == "2024-03-05"


_CAPTION = ("The Peruvian foreign minister shakes hands with her Chilean counterpart at the "
            "palace in Lima, March 4, 2024. - Agency photo")
_FOLLOW = "For the latest news, follow us on our channels."


@pytest.mark.parametrize(
    "lead, dateline",
    [
        ([_CAPTION, _FOLLOW], "LIMA, March 5 - "),  # short lines above the dateline
        ([_CAPTION], "LIMA, March 5 - "),
        ([_CAPTION + " " + "The ministers spoke at length. " * 12], None),  # a real paragraph
        ([_FOLLOW, _FOLLOW, _FOLLOW], None),  # too many lines before it
    ],
)
def test_dateline_after_short_lead_lines(lead: list[str], dateline: str | None) -> None:
    text = "\n\n".join([*lead, "LIMA, March 5 - " + _BODY])
    cleaned = clean(Document("probe", text))
    found = cleaned.text[cleaned.dateline[0]:cleaned.dateline[1]] if cleaned.dateline else None
    assert found == dateline


def test_dateline_year_resolves_event_dates(extractor: Extractor) -> None:
    text = "YEREVAN, January 5, 2024 (Armenpress) - " + _BODY.replace("March 4", "December 28")
    events = _events(extractor, text, published=None)
    assert [d for _t, _c, _s, d in events] == ["2023-12-28"]


@pytest.mark.parametrize(
    "stamp, published",
    [
        ("Published: 05.03.2024 14:22", "2024-03-05"),
        ("2024/03/05 14:22", "2024-03-05"),
        ("03/25/2024 | 10:22am", "2024-03-25"),
        ("25/03/2024", "2024-03-25"),
        ("2024-03-05T10:22:00+05:00", "2024-03-05"),
        ("5.3.2024", "2024-03-05"),
        ("5 MARCH 2024", "2024-03-05"),
        ("MARCH 5, 2024 | 10:22", "2024-03-05"),
        ("Tuesday, 5 March, 2024 - 14:22", "2024-03-05"),
        ("1 / 2", None),
        ("31.02.2024", None),
    ],
)
def test_timestamp_line_gives_published(stamp: str, published: str | None) -> None:
    text = f"Ministers meet\n\n{stamp}\n\nThe ministers of Chile and Peru met in Lima on Monday."
    assert clean(Document("probe", text)).published == published


@pytest.mark.parametrize(
    "text, events",
    [
        ("Turkey met Kenya on Monday: chefs roasted the bird in the oven with stuffing.", 0),
        ("The Foreign Minister of Turkey met the Kenyan Ambassador on Monday to discuss a "
         "factory that makes ovens.", 1),
    ],
)
def test_turkey_the_bird(extractor: Extractor, text: str, events: int) -> None:
    assert len(_events(extractor, text)) == events


def _retype(text: str) -> str:
    """The same story in other typography: backtick and curly apostrophes, curly quotes,
    em dashes for spaced hyphens, no diacritics, no-break spaces after full stops."""
    import re
    import unicodedata

    text = re.sub(r"(\w)'(s\b)", "\\1`\\2", text)
    text = re.sub(r"(\w)'(t\b)", "\\1\u2019\\2", text)
    text = re.sub(r'"([^"\n]{1,400})"', "\u201c\\1\u201d", text)
    text = text.replace(" - ", " \u2014 ").replace(". ", ".\u00a0")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def test_sample_pages_in_other_typography(extractor: Extractor) -> None:
    from tests.conftest import SAMPLES

    kept = total = 0
    for path in sorted((SAMPLES / "news").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        before = _events(extractor, text, published=None)
        after = _events(extractor, _retype(text), published=None)
        total += max(len(before), len(after))
        kept += len(set(before) & set(after))
    assert total and kept == total


@pytest.mark.parametrize(
    ("text, sentences"),
    [
        # an abbreviated scale and its full stop inside a figure end no sentence
        ("Azerbaijan provided 150,5 mln. cubic meters of gas, Russia 20,3 mln. cubic meters.",
         1),
        ("Exports reached $1,2 bln. in the first half, officials in Baku said.", 1),
        # ... but a capital after them does start one
        ("Trade reached 575,05 mln. Officials of Kenya and Uganda met on Monday.", 2),
        ("The deal is worth $5 bn. The ministers met in Lima on Monday.", 2),
    ],
)
def test_figures_stay_in_one_sentence(extractor: Extractor, text: str, sentences: int) -> None:
    assert len(list(extractor.nlp(text).sents)) == sentences
