"""Whole pages: several stories on one page, HTML metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilat import Extractor, read_documents
from bilat.clean import clean
from bilat.document import Document

DIGEST = "\n\n".join([
    "NEWS IN BRIEF",
    "Kenya and Uganda review border trade",
    "Trade turnover between Kenya and Uganda reached $1.2 billion in 2022, officials in "
    "Nairobi said on Monday.",
    "Storm hits the coast of Turkey",
    "Heavy rain flooded the Turkish port of Izmir on Sunday. Exports worth $40 million "
    "were delayed.",
    "Chile and Peru hold consultations",
    "Deputy foreign ministers of Chile and Peru held political consultations in Lima on "
    "Tuesday.",
]) + "\n"


def test_facts_do_not_leak_between_stories(extractor: Extractor) -> None:
    record = extractor.extract_one(Document("digest", DIGEST, published="2023-03-15"))
    facts = [(f.kind, sorted(f.countries), f.value) for f in record.facts]
    assert facts == [("trade_turnover", ["KEN", "UGA"], 1.2e9)]
    events = sorted((e.type, tuple(e.countries)) for e in record.events)
    # the Kenya-Uganda headline tells an act its text never restates: it speaks for it
    assert events == [("CONSULT", ("CHL", "PER")), ("CONSULT", ("KEN", "UGA"))]


PAGE_WITH_LISTS = "\n\n".join([
    "Latest news",
    "Norway and Iceland sign fisheries accord",
    "Tunisia recalls its envoy from Libya",
    "Uruguay, Paraguay Ministers Meet In Montevideo",
    "The foreign ministers of Uruguay and Paraguay met in Montevideo on Monday to "
    "discuss river navigation.",
    "Related stories",
    "Chile expels two Bolivian diplomats",
]) + "\n"


#: a related list under the story, then page furniture the cleaner reads as prose
PAGE_WITH_FOOTER = "\n\n".join([
    "Latest news",
    "Norway and Iceland sign fisheries accord",
    "Uruguay, Paraguay Ministers Meet In Montevideo",
    "The foreign ministers of Uruguay and Paraguay met in Montevideo on Monday to "
    "discuss river navigation.",
    "Share this story: Facebook  X  Email",
    "MORE STORIES",
    "Lesotho's lowland dam project gets new contractor",
    "Ghana, Togo agree to harmonise port fees",
    "Join the discussion. Comments are moderated by our editors.",
    "We use cookies to ensure that we give you the best experience on our website.",
]) + "\n"
#: a bulleted related list whose items are long enough to read as prose
PAGE_WITH_BULLETS = "\n\n".join([
    "The foreign ministers of Uruguay and Paraguay met in Montevideo on Monday to "
    "discuss river navigation.",
    "Read also:",
    "\u00bb Vice Minister of Chile takes part in the meeting of the Andean group in Lima "
    "with his Bolivian counterpart on trade",
    ">> Lesotho and Namibia sign a water accord",
]) + "\n"


@pytest.mark.parametrize(
    "text, expected",
    [
        # under "MORE STORIES": the headlines; above the story a list heading does not
        # take the story's own title along; "Share this story:" is furniture
        (PAGE_WITH_FOOTER, [
            ("Latest news", "noise"),
            ("Norway and Iceland sign fisheries accord", "title"),
            ("Uruguay, Paraguay Ministers Meet In Montevideo", "title"),
            ("The foreign ministers of Uruguay and Paraguay met", "body"),
            ("Share this story:", "noise"),
            ("MORE STORIES", "noise"),
            ("Lesotho's lowland dam", "noise"),
            ("Ghana, Togo agree", "noise"),
            ("Join the discussion", "body"),
            ("We use cookies", "noise"),  # a cookie notice is furniture
        ]),
        # bulleted items are headlines however long they run; the list ends with them
        (PAGE_WITH_BULLETS, [
            ("The foreign ministers", "body"),
            ("Read also:", "noise"),
            ("\u00bb Vice Minister of Chile", "noise"),
            (">> Lesotho and Namibia", "noise"),
        ]),
    ],
)
def test_lines_under_a_list_heading_are_other_stories(
    text: str, expected: list[tuple[str, str]]
) -> None:
    cleaned = clean(Document("page", text))
    kinds = [(text[b.start : b.end], b.kind) for b in cleaned.blocks]
    assert len(kinds) == len(expected)
    for (line, kind), (opening, want) in zip(kinds, expected, strict=True):
        assert line.startswith(opening) and kind == want, (line, kind, want)


@pytest.mark.parametrize(
    "line, kind",
    [
        ("Niger and Chad close border markets", "title"),
        # a heading or a related headline that ends in a short tag in brackets
        ("9606TH MEETING (AM)", "title"),
        ("Peru and Chile will hold their joint cabinet in Arequipa (2023)", "title"),
        ("Visit of the Foreign Minister to Oman (March 03-05, 2024)", "title"),
        ("The ministers met in Lima on Monday (local time).", "body"),
    ],
)
def test_a_headline_is_a_title(line: str, kind: str) -> None:
    cleaned = clean(Document("page", line + "\n"))
    assert [b.kind for b in cleaned.blocks] == [kind]


#: a site's menu rows around a headline and its byline
PAGE_WITH_MENUS = "\n\n".join([
    "The Andean Courier",
    "Home | Peru | World | Business | Sport | Opinion",
    "Ecuadorian troops fire across the border near Zarumilla; Lima summons Ecuadorian envoy",
    "Staff Reporter | Lima Desk",
    "Peruvian border guards said Ecuadorian soldiers opened fire on a patrol on Tuesday.",
    "Share: Facebook | X | WhatsApp",
    "About us | Terms | Privacy | Cookie settings",
]) + "\n"


@pytest.mark.parametrize(
    "text, expected",
    [
        # menu rows are furniture; a byline of two items and a headline are not
        (PAGE_WITH_MENUS, [
            ("The Andean Courier", "title"),
            ("Home | Peru", "noise"),
            ("Ecuadorian troops fire", "title"),
            ("Staff Reporter | Lima Desk", "title"),
            ("Peruvian border guards", "body"),
            ("Share: Facebook", "noise"),
            ("About us | Terms", "noise"),
        ]),
    ],
)
def test_menu_rows_are_furniture(text: str, expected: list[tuple[str, str]]) -> None:
    cleaned = clean(Document("page", text))
    kinds = [(text[b.start : b.end], b.kind) for b in cleaned.blocks]
    assert len(kinds) == len(expected)
    for (line, kind), (opening, want) in zip(kinds, expected, strict=True):
        assert line.startswith(opening) and kind == want, (line, kind, want)


@pytest.mark.parametrize(
    "text, expected",
    [
        # headlines above and below the story are other stories: only its own counts
        (PAGE_WITH_LISTS, [("CONSULT", ("PRY", "URY"))]),
        # a page that is only a headline: the headline is the story
        ("Chile Expels Two Bolivian Diplomats\n", [("SANCTION", ("BOL", "CHL"))]),
        # a headline its story restates gives no second event
        ("Chile expels two Bolivian diplomats\n\nChile on Monday expelled two Bolivian "
         "diplomats for interfering in its elections.\n", [("SANCTION", ("BOL", "CHL"))]),
    ],
)
def test_headlines_speak_only_for_their_story(
    extractor: Extractor, text: str, expected: list[tuple[str, tuple[str, ...]]]
) -> None:
    record = extractor.extract_one(Document("page", text, published="2024-09-10"))
    assert sorted((e.type, tuple(e.countries)) for e in record.events) == expected


def test_html_metadata_gives_the_publication_date(extractor: Extractor, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        """<html><head><title>Ministers meet</title>
        <meta property="article:published_time" content="2022-11-08T10:00:00Z">
        </head><body><nav>Home | World | Sport</nav><article>
        <h1>Ghana and Togo hold talks</h1>
        <p>The foreign ministers of Ghana and Togo held talks in Accra on Monday about
        security along their common border and new trade routes between the two countries.</p>
        <p>They agreed to meet again in Lome next year to review progress on the border
        posts and on the joint customs office that both governments plan to open.</p>
        </article><footer>Copyright 2022</footer></body></html>""",
        encoding="utf-8",
    )
    docs = [d for d in read_documents([page]) if isinstance(d, Document)]
    assert len(docs) == 1
    record = extractor.extract_one(docs[0])
    assert record.published == "2022-11-08"
    consult = [e for e in record.events if e.type == "CONSULT" and e.status == "occurred"]
    assert consult and consult[0].countries == ["GHA", "TGO"]
    assert consult[0].date == "2022-11-07"
    text = docs[0].text
    assert all(text[e.evidence.start : e.evidence.end] == e.evidence.text for e in record.events)


# A diplomatic story on a page whose related-stories list holds a sports headline, and a
# sports story: the domain is decided by the story's own sentences, not by one line.
_VISIT = (
    "WINDHOEK, May 9 - The President of Namibia received the visiting Foreign Minister of "
    "Chile in Windhoek on Tuesday. The two sides discussed trade in copper and lithium. "
    "The Chilean minister also met the Speaker of the National Assembly. Namibia and Chile "
    "agreed to open direct flights next year."
)
_SPORTS = (
    "WINDHOEK, May 9 - Namibia beat Chile 2-1 in a friendly match at the national stadium "
    "on Tuesday. The coach praised his squad after the final whistle. Both goals came in "
    "the second half. Chile will meet Namibia again in the cup next month."
)


@pytest.mark.parametrize(
    "text, expected",
    [
        (_VISIT, True),
        (_VISIT + "\n\nRead also\n\nNational football team coach names squad for cup "
         "qualifiers\n\nShare this article", True),
        ("Related: Brave Warriors coach names squad for the regional cup\n\n" + _VISIT, True),
        (_SPORTS, False),
        (_SPORTS + "\n\nRead also\n\nNamibia and Chile open embassies", False),
        # a match report padded with line-ups: few of its lines use the domain's words
        (_SPORTS + "".join(f"\n\nLine-up {i}: 1. Amadhila, 2. Hanamub, 3. Kamatuka, "
                           "4. Shalulile, 5. Ketjijere." for i in range(12)), False),
    ],
)
def test_one_sports_line_does_not_silence_a_page(
    extractor: Extractor, text: str, expected: bool
) -> None:
    record = extractor.extract_one(Document("page", text, published="2023-05-10"))
    pair = [e for e in record.events if sorted(e.countries) == ["CHL", "NAM"]]
    assert bool(pair) is expected


#: a digest whose items each open with their own dateline, between star separators
DIGEST_WITH_DATELINES = "\n\n".join([
    "ANDEAN BRIEFS: Tuesday roundup",
    "QUITO, Ecuador \u2013 The National Assembly on Monday approved a new water law after a "
    "long debate. The opposition abstained.",
    "* * *",
    "LIMA, Peru \u2013 President Maria Soto and Bolivia's President Luis Arce held talks at "
    "the Government Palace on Monday on the new border bridge and joint patrols against "
    "smuggling. Arce was also received by Prime Minister Rafael Vega before returning to "
    "La Paz.",
    "* * *",
    "BOGOTA, Colombia \u2013 The national football team beat Ireland 2-0 in a friendly on "
    "Monday.",
    "MORE BRIEFS",
    "Chile, Argentina sign mining accord",
]) + "\n"


def test_digest_items_are_told_from_their_own_datelines(extractor: Extractor) -> None:
    # each item is a story of its own (no football match, no related headline), told
    # from its own dateline: the officials it names without a country are Peru's, not
    # Ecuador's, and the patrols the talks were about are no act of their own
    record = extractor.extract_one(
        Document("digest", DIGEST_WITH_DATELINES, published="2024-05-14")
    )
    assert sorted((e.type, tuple(e.countries), e.mode) for e in record.events) == [
        ("CONSULT", ("BOL", "PER"), "meeting"), ("CONSULT", ("BOL", "PER"), "meeting"),
    ]
