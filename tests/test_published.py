"""The publication date read from a whole page: timestamp lines in every usual form,
wherever the page prints them, the article's own date over the site's, and a year-less
dateline completed by a full date elsewhere on the page. Page snippets are invented."""

from __future__ import annotations

import pytest

from bilat import Extractor
from bilat.clean import clean
from bilat.document import Document
from bilat.timex import find_dates, weekday_of_yearless

_BODY = (
    "The two foreign ministers met on Tuesday to discuss trade, energy and the situation "
    "in the region, and agreed to hold the next round of consultations later this year."
)

PAGES = [
    # an agency name, a short month name and a clock time on one line under the headline
    (
        "NORDIC WIRE\nHome | Chile | World | Money | Sport | Video | Nordic Wire Plus\n\n"
        "Chile and Norway to widen salmon research\n\n"
        "NORDIC WIRE - Mar 3, 2019 - 09:40 | World\n\nShare  Tweet\n\n" + _BODY,
        "2019-03-03",
    ),
    # an ISO timestamp after source and editor names; the dateline has no year
    (
        "Andes Daily | news\n\nPeru, Bolivia sign border accord\n\n"
        "Source: Andes Daily    Editor: Rosa Quispe    2022-09-08 18:02:44\n\n"
        "LIMA, Sept 8 (Andes Daily) -- " + _BODY,
        "2022-09-08",
    ),
    # numeric day-first dates with dots, a published and an update stamp
    (
        "Balkan Courier\n\nSerbia recalls envoy from Montenegro\n\n"
        "Petar Ilic   |03.11.2021 - Update : 04.11.2021\n\nBELGRADE\n\n" + _BODY,
        "2021-11-03",
    ),
    # the stamp at the foot of the page completes the year-less dateline
    (
        "Lusophone Wire\n\nAngola receives new envoys\n\n"
        "Luanda, 9 Mar (LW) - " + _BODY + "\n\n(LW)\nab/cd\n\nLast updated 09/03/2017 - 11:20\n"
        "Share   Print\n",
        "2017-03-09",
    ),
    # a "Published:" line at the very end of a page without any other date
    (
        "THE MORNING STAR\nGhana's leading daily\n\nGhana, Togo discuss border trade\n\n"
        "By Staff Reporter, Accra\n\n" + _BODY + "\n\n" + _BODY
        + "\n\nPublished: October 2, 2015\n",
        "2015-10-02",
    ),
    # the site's date of today in its header, the article's own date under the headline
    (
        "Nile Review\nHome  Egypt  World  Business\nThursday 14 Mar 2024\n\n"
        "Egypt and Sudan talk water\n\nNile Review , Wednesday 13 Mar 2024\n\n" + _BODY,
        "2024-03-13",
    ),
    # "Posted on" in the middle of the head, words before the date
    (
        "Caspian Post\n\nKazakhstan and Iran open rail link\n\n"
        "Posted on 17 May 2020 by Aliya N.\n\n" + _BODY,
        "2020-05-17",
    ),
    # a year-less dateline and a stamp in US order after it
    (
        "Pacific Tribune\n\nFiji, Tonga agree on fisheries\n\n"
        "SUVA, Aug 2 (PT) - " + _BODY + "\n\nUpdated: 08/02/2016 3:10 PM\n",
        "2016-08-02",
    ),
    # the stamp is a day later than the year-less dateline: the dateline's day, its year
    (
        "Pacific Tribune\n\nFiji, Tonga agree on fisheries\n\n"
        "SUVA, Dec 31 (PT) - " + _BODY + "\n\nLast updated: 2018-01-01 00:40\n",
        "2017-12-31",
    ),
    # an update stamp alone is not the publication date
    (
        "Steppe Review\n\n. Last Updated: 05/14/2019\n\nMongolia and Japan talk\n\n" + _BODY,
        None,
    ),
    # ... nor does it date a dateline of long before it
    (
        "Pacific Tribune\n\nSUVA, Aug 2 (PT) - " + _BODY + "\n\nUpdated: 11/20/2016 3:10 PM\n",
        "XXXX-08-02",
    ),
    # an update and a publication stamp on one line: the publication's
    (
        "Andes Post\n\nPeru and Chile talk\n\nUpdated: 06 May 2021 | Published: 04 May 2021\n\n"
        + _BODY,
        "2021-05-04",
    ),
    # a headline that opens with the word "Date" is no stamp
    (
        "Andes Post\n\nDate set for Peru-Chile talks: March 5, 2024\n\n" + _BODY,
        None,
    ),
    # no year anywhere: the dateline alone
    ("Baltic Wire\n\nRIGA, May 6. /BW/. " + _BODY, "XXXX-05-06"),
    # a photo caption's date in the body is not the publication date
    (
        "Asia Post\n\nVietnam, Laos sign deal\n\n" + _BODY
        + "\n\nPhoto: The ministers in Hanoi on June 2, 2011. (Asia Post)\n\n" + _BODY,
        None,
    ),
    # a slashed date both orders read: the page writes its dates day first in words
    (
        "Sahel Wire\n\nNiamey - 04/03/2022 a 10:15 GMT\n\n" + _BODY
        + " The talks follow the meeting of 12 January and the summit of 28 February.",
        "2022-03-04",
    ),
    # ... or month first
    (
        "Gulf Courier\n\nPosted 04/03/2022 10:15 AM\n\n" + _BODY
        + " The talks follow the meeting of January 12 and the summit of February 28.",
        "2022-04-03",
    ),
    # dotted dates stay day first whatever the words do
    (
        "Balkan Wire\n\n04.03.2022, 10:15\n\n" + _BODY
        + " The talks follow the meeting of January 12 and the summit of February 28.",
        "2022-03-04",
    ),
    # a stamp in the middle of a row of bars under the headline
    (
        "Gulf Ledger\nHome | Markets | World | Opinion\n\nDates and oil: Oman, Yemen sign deal\n\n"
        "AGENCIES | Published March 4, 2021 | Updated about 2 hours ago\n\n" + _BODY,
        "2021-03-04",
    ),
    # a slashed stamp read in the order of the same date written in words above it
    (
        "Sahel Post\nFriday, July 9, 2021\n\nNiger and Chad reopen border post\n\n"
        "Staff and agencies | 09/07/2021 - 10:15 WAT\n\n" + _BODY,
        "2021-07-09",
    ),
    # a dateline opening a long headline: the date line under it still dates the page
    (
        "Pacific Wire\n\nSuva (Pacific Wire) - Fiji steps up fisheries ties with Tonga and "
        "Samoa; more patrol boats for the northern atolls\n\n"
        "Monday, 14 March 2022 10:20 FJT | 1.204 Views\n\nSuva (Pacific Wire) - " + _BODY,
        "2022-03-14",
    ),
    # a date line below a standfirst that reads as a paragraph
    (
        "Baltic Review\n\nOPINION\n\nLatvia and Lithuania: thirty years of a quiet border\n"
        "What the two capitals learnt from the railway dispute is worth more than the railway "
        "itself, and both know it.\n\nBy Ilze Ozola\n7 May 2021 · 6 min read\n\n" + _BODY,
        "2021-05-07",
    ),
    # a byline that carries the stamp on its own line, spaced with no-break spaces
    (
        "Lagos Ledger\n\nGhana, Togo agree on joint border patrols\n\n"
        "By Kwame Mensah\u00a0\u00a0\u00a0March 14, 2024   5 min read\n\n" + _BODY,
        "2024-03-14",
    ),
]


@pytest.mark.parametrize("text, expected", PAGES)
def test_published_from_page(text: str, expected: str | None) -> None:
    assert clean(Document("p", text)).published == expected


def test_published_given_wins() -> None:
    text = "Asia Post\n\nPublished: 2 May 2010\n\n" + _BODY
    assert clean(Document("p", text, published="2011-01-01")).published == "2011-01-01"


def test_long_line_of_digits_is_fast() -> None:
    text = "Published: " + "1." * 200_000 + "\n\n" + "1/" * 200_000 + "\n" + _BODY
    assert clean(Document("p", text)).published is None


@pytest.mark.parametrize(
    "text, expected",
    [
        # the lead's weekday is the day of the year-less dateline: other weekdays from it
        (
            "LISBON, March 9. /PW/. The Portuguese foreign minister told parliament on "
            "Thursday that no visit to Angola was planned.\n\nHe said that he had spoken by "
            "phone with his Angolan counterpart on Monday.",
            {("CONSULT", "XXXX-03-06")},
        ),
        # a lead naming two weekdays gives no anchor
        (
            "LISBON, March 9. /PW/. The Portuguese foreign minister said on Thursday that "
            "the talks of Tuesday had gone well.\n\nHe said that he had spoken by phone with "
            "his Angolan counterpart on Monday.",
            {("CONSULT", None)},
        ),
    ],
)
def test_weekday_of_yearless_dateline(
    extractor: Extractor, text: str, expected: set[tuple[str, str | None]]
) -> None:
    record = extractor.extract_one(Document("p", text))
    assert record.published == "XXXX-03-09"
    assert {(e.type, e.date) for e in record.events if e.type == "CONSULT"} == expected


@pytest.mark.parametrize(
    "phrase, pub_weekday, future, expected",
    [
        ("on Tuesday", 2, False, "XXXX-06-17"),  # published on a Wednesday
        ("on Wednesday", 2, False, "XXXX-06-18"),
        ("last Wednesday", 2, False, "XXXX-06-11"),
        ("on Friday", 2, True, "XXXX-06-20"),
        ("on Friday", None, False, None),
    ],
)
def test_weekday_of_yearless(
    phrase: str, pub_weekday: int | None, future: bool, expected: str | None
) -> None:
    (mention,) = [d for d in find_dates(phrase) if d.kind == "weekday"]
    assert weekday_of_yearless(mention, "XXXX-06-18", pub_weekday, future) == expected
