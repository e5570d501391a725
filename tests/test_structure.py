"""Decisions taken on linguistic structure, one table each: who takes part (the
parse's roles), what the trigger's frame does to it, and the typography that must
not matter. Sentences invented for these tests."""

from __future__ import annotations

import pytest

from bilat import Extractor
from bilat.clean.normalize import unshout
from bilat.document import Document

PUBLISHED = "2024-06-14"


def _events(extractor: Extractor, text: str) -> set[tuple[str, tuple[str, ...], str]]:
    record = extractor.extract_one(Document("t", text, published=PUBLISHED))
    return {(e.type, tuple(e.countries), e.status) for e in record.events}


@pytest.mark.parametrize(
    "text, expected",
    [
        # objects of the prepositions that name the other party
        ("Norway imposed sanctions on Myanmar on Tuesday.", ("SANCTION", ("MMR", "NOR"))),
        ("Senegal called on Gambia to reopen the ferry crossing.", ("REQUEST", ("GMB", "SEN"))),
        ("Ethiopian jets struck targets in Eritrea overnight.", ("ASSAULT", ("ERI", "ETH"))),
        # an ambassador acts for the country he represents, not the host
        ("The Ambassador of Ghana to Japan met the Foreign Minister of Korea in Seoul.",
         ("CONSULT", ("GHA", "KOR"))),
        # coordinated lists keep every country
        ("Navies of Chile, Peru, Ecuador and Colombia held joint drills off Callao.",
         ("COOPERATE", ("CHL", "COL", "ECU", "PER"))),
        # one country's drills are a show of force, joint ones cooperation
        ("Venezuela staged military drills near its border with Colombia.",
         ("MOBILIZE", ("COL", "VEN"))),
    ],
)
def test_countries_from_roles(extractor: Extractor, text: str,
                              expected: tuple[str, tuple[str, ...]]) -> None:
    found = {(t, cs) for t, cs, _ in _events(extractor, text)}
    assert expected in found, found


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mongolia and Kazakhstan signed a transit accord in Astana.",
         {("SUPPORT", ("KAZ", "MNG"), "occurred")}),
        ("Mongolia and Kazakhstan did not sign the transit accord.", set()),
        ("Mongolia denied holding talks with Kazakhstan.",
         {("REJECT", ("KAZ", "MNG"), "occurred")}),  # a denial, but no talks
        ("Mongolia and Kazakhstan could meet in Astana, diplomats said.", set()),
        ("Mongolia and Kazakhstan will hold talks in Astana next week.",
         {("CONSULT", ("KAZ", "MNG"), "planned")}),
        ("The Mongolian president plans to visit Kazakhstan in July.",
         {("CONSULT", ("KAZ", "MNG"), "planned")}),
        ("Mongolia urged Kazakhstan to withdraw its new export duties.",
         {("REQUEST", ("KAZ", "MNG"), "occurred")}),
        # a decree signed at home is no agreement: the type is what it orders
        ("The Mongolian president signed a decree banning coal exports to Kazakhstan.",
         {("SANCTION", ("KAZ", "MNG"), "occurred")}),
        ("Kazakhstan rejected Mongolia's proposal to hold talks on water.",
         {("REJECT", ("KAZ", "MNG"), "occurred")}),
    ],
)
def test_frames_decide(extractor: Extractor, text: str,
                       expected: set[tuple[str, tuple[str, ...], str]]) -> None:
    assert _events(extractor, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("HANOI, MAY 3 - VIETNAM AND LAOS SIGNED A RAIL AGREEMENT ON FRIDAY, THE USA SAID.",
         "Hanoi, May 3 - Vietnam and Laos signed a rail agreement on Friday, the USA said."),
        ("Vietnam and Laos signed a rail agreement.", "Vietnam and Laos signed a rail agreement."),
        ("NATO UN EU", "NATO UN EU"),
        # headlines in title case: acronyms, place names and the calendar kept
        ("Vietnam Signs Rail Agreement With Laos On Friday",
         "Vietnam signs rail agreement with Laos on Friday"),
        ("Laos, Vietnam Ask UNESCO To Review Heritage Listing",
         "Laos, Vietnam ask UNESCO to review heritage listing"),
        # prose full of names and titles has a word in lower case: left alone
        ("Vietnamese President Tran Minh received the Ambassador of Laos in Hanoi",
         "Vietnamese President Tran Minh received the Ambassador of Laos in Hanoi"),
        # a sentence of names and titles with a short verb ends with a full stop
        ("Vietnamese President Tran Minh Met Lao Premier Sonexay Siphandone In Vientiane.",
         "Vietnamese President Tran Minh Met Lao Premier Sonexay Siphandone In Vientiane."),
        # too few words to tell
        ("Vietnam Laos Rail", "Vietnam Laos Rail"),
    ],
)
def test_unshout_keeps_offsets(text: str, expected: str) -> None:
    names = frozenset({"hanoi", "vietnam", "laos", "vietnamese"})
    assert unshout(text, names) == expected
    assert len(unshout(text, names)) == len(text)


def test_lines_in_capitals_give_events(extractor: Extractor) -> None:
    text = "HANOI, MAY 3 - VIETNAM AND LAOS SIGNED A RAIL AGREEMENT ON FRIDAY."
    assert ("SUPPORT", ("LAO", "VNM")) in {(t, c) for t, c, _ in _events(extractor, text)}


def test_story_group_and_home_country(extractor: Extractor) -> None:
    text = (
        "ASTANA, June 12 - Foreign Minister Arman Sultanov held talks with the Foreign "
        "Minister of Mongolia on Wednesday.\n\n"
        "Kazakhstan, Mongolia and Kyrgyzstan discussed water sharing. "
        "The three countries agreed to set up a working group."
    )
    events = _events(extractor, text)
    # an official named without a country, in a story told from Astana, is of Kazakhstan
    assert ("CONSULT", ("KAZ", "MNG"), "occurred") in events
    assert ("AGREE", ("KAZ", "KGZ", "MNG"), "occurred") in events


def test_briefs_page_paragraphs_are_stories(extractor: Extractor) -> None:
    """A briefs page: each paragraph opens with its topic in capitals and is a story
    of its own, so a country of one brief is no partner in another."""
    text = (
        "News in brief\n\n"
        "NORWAY Fishermen in Tromso held a meeting on quotas yesterday.\n\n"
        "CHILE's senate approved the budget after a long session.\n\n"
        "PERU-BOLIVIA The foreign ministers of Peru and Bolivia held talks in La Paz.\n\n"
        "KENYA Heavy rains flooded roads in Nairobi on Sunday.\n"
    )
    events = _events(extractor, text)
    assert ("CONSULT", ("BOL", "PER"), "occurred") in events
    assert all(set(cs) <= {"BOL", "PER"} for _t, cs, _s in events), events


def test_a_briefs_kicker_is_not_part_of_its_first_sentence(extractor: Extractor) -> None:
    """"CHILE-PERU The Bolivian minister met ...": the kicker labels the brief; its
    countries are not parties of the brief's first sentence."""
    text = (
        "World briefs\n\n"
        "CHILE-PERU A senior Bolivian diplomat told the foreign minister of Peru that La Paz "
        "backs the talks.\n\n"
        "NORWAY Fishermen in Tromso held a meeting on quotas yesterday.\n\n"
        "KENYA Heavy rains flooded roads in Nairobi on Sunday.\n"
    )
    events = _events(extractor, text)
    assert ("CONSULT", ("BOL", "PER"), "occurred") in events
    assert all("CHL" not in cs for _t, cs, _s in events), events


def test_a_roster_of_envoys_gives_one_meeting_each(extractor: Extractor) -> None:
    """Several envoys received at once, their countries given by the list of names in
    the next sentences; the host is the country the story is told from."""
    text = (
        "WINDHOEK, June 3 (NAMPA) - Four new ambassadors presented their credentials to the "
        "President at State House on Tuesday. After the ceremony the envoys held talks with "
        "the head of state. The new envoys are Ines Costa of Portugal, Lars Berg from Norway, "
        "Ana Silva of Brazil and Hiro Sato from Japan."
    )
    record = extractor.extract_one(Document("t", text, published="2025-06-04"))
    pairs = sorted(tuple(e.countries) for e in record.events if e.type == "CONSULT")
    assert pairs == [("BRA", "NAM"), ("JPN", "NAM"), ("NAM", "NOR"), ("NAM", "PRT")], pairs
    people = {p.name: p.country for e in record.events for p in e.participants}
    assert people.get("Lars Berg") == "NOR", people


def test_an_official_named_without_country_is_of_the_home_country(
    extractor: Extractor,
) -> None:
    """"The Prime Minister received a call from X, and a letter from Y": the call is
    between X and the country the story is told from, not between X and Y."""
    text = (
        "LIMA, May 2 (Andina) - The Prime Minister received a telephone call from Spanish "
        "Prime Minister Luis Ortega, and a letter from the Mexican President."
    )
    events = _events(extractor, text)
    assert ("CONSULT", ("ESP", "PER"), "occurred") in events
    assert ("CONSULT", ("ESP", "MEX"), "occurred") not in events, events


def test_each_side_s_protest_is_its_own_event(extractor: Extractor) -> None:
    """A headline's summons, the story's summons by an office of the home country and the
    other side's condemnation: two ACCUSE events, one by each side."""
    text = (
        "Two Malian soldiers killed near the border; ministry summons Nigerien envoy\n\n"
        "GAO / BAMAKO: Two Malian soldiers were killed on Tuesday when Nigerien troops opened "
        "fire on a patrol near the border.\n\n"
        "The Foreign Ministry on Wednesday summoned the Nigerien ambassador and handed him a "
        "protest note over the incident.\n\n"
        "In Niamey, the Nigerien Foreign Ministry condemned what it called attacks by the "
        "Malian army on border villages."
    )
    record = extractor.extract_one(Document("t", text, published="2023-05-18"))
    accuse = [e for e in record.events if e.type == "ACCUSE"]
    assert len(accuse) == 2, [(e.evidence.text if e.evidence else "") for e in accuse]


def test_a_name_after_a_long_title_ending_in_an_office(extractor: Extractor) -> None:
    """The model reads "... Department of the Foreign Ministry Nadia Okafor" as one
    organisation; a name after an office that ends a title is a person."""
    text = (
        "The first political consultations between Ghana and Chile were held in Accra. "
        "The delegation of Chile was led by Head of the African Department of the Foreign "
        "Ministry Nadia Okafor, and the Ghanaian delegation by Director of the Americas "
        "Division of the Foreign Ministry Kwame Mensah."
    )
    record = extractor.extract_one(Document("t", text, published=PUBLISHED))
    names = {p.name: p.country for e in record.events for p in e.participants}
    assert names.get("Nadia Okafor") == "CHL", names
