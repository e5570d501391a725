"""Who takes part (issue 6, held-out groups 3 and 6): private parties, one country on
both sides, places told by a border, and trigger words nested in another event's
arguments. Invented sentences; each row fails without its rule."""

from __future__ import annotations

import pytest

from bilat import Extractor
from bilat.document import Document


def _events(extractor: Extractor, text: str) -> set[tuple[str, tuple[str, ...]]]:
    record = extractor.extract_one(Document("t", text, published="2024-03-20"))
    return {(e.type, tuple(e.countries)) for e in record.events}


@pytest.mark.parametrize(
    ("text, expected"),
    [
        # a private party does not act for its state; a ministry does
        ("A Japanese carmaker signed a supply contract with a Mexican steel firm.", set()),
        ("Kenyan students arrived in Kampala on Friday for a debating contest.", set()),
        ("Peru's mining ministry signed a memorandum with Ecuador on Tuesday.",
         {("SUPPORT", ("ECU", "PER"))}),
        # crowds protest: the non-state subject keeps PROTEST, not the blockade
        ("Lithuanian truck drivers blockaded the border crossing with Belarus to protest "
         "against long queues.", {("PROTEST", ("BLR", "LTU"))}),
        # both sides of one country; the country an envoy is posted to is no party
        ("The Italian prime minister received the Italian ambassador to Brazil in Rome.",
         set()),
        ("The Italian prime minister received the Brazilian ambassador in Rome.",
         {("CONSULT", ("BRA", "ITA"))}),
        # a place told by the border it lies on; force still faces the neighbour
        ("Kenya's president visited a refugee camp near the border with Somalia.", set()),
        ("The Kenyan president visited Somalia on Monday.", {("CONSULT", ("KEN", "SOM"))}),
        ("Russia massed troops near the border with Ukraine.",
         {("MOBILIZE", ("RUS", "UKR"))}),
        # nested trigger words are what the event is about
        ("Georgia rejected Russia's terms for reopening the trade route.",
         {("REJECT", ("GEO", "RUS"))}),
        ("Peru's congress ratified the extradition agreement with Spain.",
         {("SUPPORT", ("ESP", "PER"))}),
        ("South Korea summoned Japan's ambassador after a Japanese cabinet minister "
         "visited the disputed islets.", {("ACCUSE", ("JPN", "KOR"))}),
        # its own actor of another country makes a nested word an event of its own
        ("Kyrgyzstan praised the delivery of Russian humanitarian aid to its southern "
         "regions.", {("SUPPORT", ("KGZ", "RUS")), ("AID", ("KGZ", "RUS"))}),
        ("The Chinese premier visited a car factory in Germany on Monday.",
         {("CONSULT", ("CHN", "DEU"))}),
        # a relative clause on a person that names no one of its own tells no event
        ("The Dutch prime minister, who had drawn criticism over his budget, flew to Warsaw "
         "on Monday and met the Polish president.", {("CONSULT", ("NLD", "POL"))}),
        # the tense of what a meeting is about is not the meeting's
        ("The Uzbek foreign minister received the Polish ambassador on Tuesday to discuss "
         "preparations for the upcoming investment forum.", {("CONSULT", ("POL", "UZB"))}),
        # a city names the other country
        ("Israel launched an air attack on Beirut on Sunday.", {("ASSAULT", ("ISR", "LBN"))}),
        ("Thousands of protesters in Dhaka rallied against India's new citizenship law.",
         {("PROTEST", ("BGD", "IND"))}),
        ("Russian tourists flocked to Antalya this summer.", set()),
        # a guest expected in a foreign city for talks meets its country; a venue does not
        ("The Chilean foreign minister is expected in Lima on Monday for talks with his "
         "counterpart.", {("CONSULT", ("CHL", "PER"))}),
        ("The Armenian foreign minister held talks in Geneva with his counterpart.", set()),
    ],
)
def test_who_takes_part(
    extractor: Extractor, text: str, expected: set[tuple[str, tuple[str, ...]]]
) -> None:
    assert _events(extractor, text) == expected


@pytest.mark.parametrize(
    ("text, expected"),
    [
        # one example of many is no party
        ("Japan is ready to help all countries, including Vietnam, to build power grids.",
         set()),
        ("Japan is ready to help Vietnam to build more resilient power grids.",
         {("AGREE", ("JPN", "VNM"))}),
        # a country inside a discussed question is what is talked about
        ("The foreign ministers of Egypt and Ethiopia discussed whether Sudan should join "
         "the next round of talks.", {("CONSULT", ("EGY", "ETH"))}),
        # "where X, Y and Z meet" tells geography
        ("The river forms the frontier where Laos, Thailand and Myanmar meet.", set()),
        # the act a briefing is about is not the briefing's parties' act
        ("During the meeting, the Kazakh foreign minister briefed the Turkish ambassador "
         "about the latest Kyrgyz border incursions.", {("CONSULT", ("KAZ", "TUR"))}),
        # an act opposed keeps its own parties
        ("Jamaica backs Venezuela every year against the American sanctions on the "
         "Venezuelan people.", {("SANCTION", ("USA", "VEN"))}),
        # an act answering another country's act has that country as the other party
        ("The Colombian president ordered 3,000 troops into a defensive exercise in "
         "reaction to a Venezuelan warship's presence near the islands.",
         {("MOBILIZE", ("COL", "VEN"))}),
        ("Algeria seized the cargo ship in retaliation for the capture of an Algerian "
         "trawler by Spain.", {("COERCE", ("DZA", "ESP"))}),
        # a decision to recall is the recall, and no agreement
        ("In response, Benin decided to recall its ambassador from Niger.",
         {("SANCTION", ("BEN", "NER"))}),
        # the common demonym spellings are countries
        ("Mexico condemned the Ecuadorian raid on its embassy.", {("ACCUSE", ("ECU", "MEX"))}),
    ],
)
def test_content_and_answers(
    extractor: Extractor, text: str, expected: set[tuple[str, tuple[str, ...]]]
) -> None:
    assert _events(extractor, text) == expected
