"""Ingesting into the knowledge base, on SQLite and PostgreSQL (``store_url``).

Real extraction (the session ``extractor``), real files written into
``tmp_path``, a real database; the command line through a real process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from bilat import Extractor
from bilat.ingest import read_documents
from bilat.store import Store, open_store
from bilat.store.ingest import IngestReport, ingest
from bilat.store.models import (
    Base,
    DocumentRow,
    EventCountryRow,
    EventDyadRow,
    EventRow,
    FactRow,
    MentionParticipantRow,
    MentionRow,
    PersonNameRow,
    PersonRow,
    PersonTitleRow,
)


def _article(text: str) -> str:
    """A plain-text article: one line per paragraph, paragraphs apart by a blank line."""
    paragraphs = textwrap.dedent(text).strip().split("\n\n")
    return "\n\n".join(" ".join(p.split("\n")) for p in paragraphs) + "\n"


# Wire-style articles. Each is extracted for real; the comments say what the
# extractor finds in them (the tests check it again before relying on it).
ARTICLES = {
    # CONSULT meeting AZE-GEO 2023-04-10, Elmar Mammadyarov (AZE) and Ilia Darchiashvili (GEO)
    "m1_trend_baku_talks": _article("""
        Azerbaijani and Georgian foreign ministers hold talks in Baku

        11 April 2023 12:05

        BAKU, April 11. Azerbaijani Foreign Minister Elmar Mammadyarov met with Georgian Foreign
        Minister Ilia Darchiashvili in Baku on April 10, the press service of the Azerbaijani
        Foreign Ministry said.

        The ministers discussed the East-West transport corridor, the Baku-Tbilisi-Kars railway
        and joint energy projects.
        """),
    # the same meeting in other words, from the other side; only Darchiashvili is named
    "m2_tbilisi_wire_baku": _article("""
        Darchiashvili discusses transit and energy in Baku

        April 11, 2023

        TBILISI - Georgia's top diplomat Ilia Darchiashvili held a meeting with his Azerbaijani
        counterpart in the Azerbaijani capital on April 10, the Georgian Foreign Ministry reported
        on Tuesday.

        According to the ministry, the two sides talked about cargo traffic along the Middle
        Corridor and the supply of electricity to Georgia.
        """),
    # the same two ministers meet again two months later: CONSULT meeting 2023-06-15
    "m3_trend_tbilisi_june": _article("""
        Foreign ministers of Azerbaijan and Georgia meet again in Tbilisi

        16 June 2023 09:30

        TBILISI, June 16. Foreign Minister of Azerbaijan Mammadyarov met with Georgian Foreign
        Minister Ilia Darchiashvili in Tbilisi on June 15, the Azerbaijani Foreign Ministry said.

        The ministers reviewed the work of the intergovernmental commission.
        """),
    # CONSULT phone ARM-AZE 2023-05-02, "Mamedyarov" (AZE)
    "m4_apa_phone_mamedyarov": _article("""
        Azerbaijani FM, Armenian counterpart talk by phone

        3 May 2023 16:20

        BAKU - Azerbaijani Foreign Minister Mamedyarov spoke by phone with Armenian Foreign
        Minister Ararat Mirzoyan on May 2, the Azerbaijani Foreign Ministry said.

        The two ministers discussed the next round of talks on a peace treaty.
        """),
    # AID JPN-GHA 2023-03-13 and an aid fact of 12,000 tonnes
    "x1_accra_rice": _article("""
        Japan hands over rice to Ghana

        14 March 2023 08:00

        ACCRA - Japan's Ambassador to Ghana Takeshi Onoda on Monday handed over 12,000 tonnes of
        rice to Ghana's Ministry of Food and Agriculture as part of Japan's food aid programme.
        """),
    # a planned CONSULT visit KAZ-UZB in 2024-07, announced 2024-06-20
    "p1_kazinform_announce": _article("""
        Kazakh foreign minister to visit Uzbekistan next month

        20 June 2024 10:15

        ASTANA. KAZINFORM - Kazakh Foreign Minister Murat Nurlanov will pay an official visit to
        Uzbekistan next month, the Kazakh Foreign Ministry said on Thursday.

        During the visit, the sides are expected to discuss water management on transboundary
        rivers and new transit routes.
        """),
    # the visit itself: CONSULT visit KAZ-UZB occurred 2024-07-15
    "p2_uza_visit_report": _article("""
        Kazakh foreign minister holds talks in Tashkent

        16 July 2024 18:40

        TASHKENT - Kazakh Foreign Minister Murat Nurlanov paid an official visit to Tashkent on
        July 15, where he held talks with Uzbek Foreign Minister Bakhtiyor Saidov, the Uzbek
        Foreign Ministry said.

        The ministers discussed water management, trade and the construction of new border
        crossings.
        """),
    # a planned CONSULT visit CHL-PER in 2024-10 that no article reports as done
    "p3_andina_announce": _article("""
        Chilean foreign minister expected in Lima in October

        2 September 2024 11:00

        LIMA - Chilean Foreign Minister Alberto van Klaveren Soto is expected to pay an official
        visit to Peru in October, Peru's Foreign Ministry announced on Monday.

        The visit will focus on border cooperation, fisheries and the Pacific Alliance.
        """),
}

# New versions of two articles, for the "changed file" test.
CHANGED = {
    # now a phone call ten days later: no longer the Baku meeting
    "m2_tbilisi_wire_baku": _article("""
        Darchiashvili and Azerbaijani counterpart speak by phone

        April 21, 2023

        TBILISI - Georgia's top diplomat Ilia Darchiashvili held a telephone conversation with
        his Azerbaijani counterpart on April 20, the Georgian Foreign Ministry reported on Friday.

        The ministers exchanged views on the security situation in the South Caucasus.
        """),
    # now a different story altogether: SUPPORT KEN-TUR and a trade figure
    "x1_accra_rice": _article("""
        Kenya and Turkey sign defence cooperation deal

        14 March 2023 08:00

        ANKARA - Turkish Foreign Minister Ali Demir and his Kenyan counterpart Grace Wanjiru
        signed an agreement on defence cooperation in Ankara on March 13. Trade between Turkey
        and Kenya reached 300 million dollars in 2022, the ministry said.
        """),
    # the Kazakh minister only phoned: the July visit is no longer reported
    "p2_uza_visit_report": _article("""
        Kazakh and Uzbek foreign ministers talk by phone

        16 July 2024 18:40

        TASHKENT - Kazakh Foreign Minister Murat Nurlanov held a telephone conversation with
        Uzbek Foreign Minister Bakhtiyor Saidov on July 15, the Uzbek Foreign Ministry said.
        """),
}


# --- helpers ------------------------------------------------------------------


def write_articles(folder: Path, *names: str, texts: dict[str, str] = ARTICLES) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names:
        path = folder / f"{name}.txt"
        path.write_text(texts[name], encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    opened = open_store(store_url)
    yield opened
    opened.close()


def run_ingest(store: Store, extractor: Extractor, *paths: Path) -> IngestReport:
    report = ingest(store, read_documents(list(paths)), extractor)
    assert report.failed == 0, report.errors
    return report


def table_counts(session: Session) -> dict[str, int]:
    return {
        table.name: session.scalar(select(func.count()).select_from(table)) or 0
        for table in Base.metadata.sorted_tables
        if table.name != "alembic_version"
    }


def pairs(session: Session, query: Select[tuple[str, str]]) -> dict[str, str]:
    return {key: value for key, value in session.execute(query).tuples()}


def doc_id(session: Session, key: str) -> int:
    found = session.scalar(select(DocumentRow.id).where(DocumentRow.doc == key))
    assert found is not None, f"document {key} is not stored"
    return found


def events_of(session: Session, key: str) -> list[EventRow]:
    """The events a document reports, by date."""
    return list(
        session.scalars(
            select(EventRow)
            .join(MentionRow, MentionRow.event_id == EventRow.id)
            .join(DocumentRow, DocumentRow.id == MentionRow.document_id)
            .where(DocumentRow.doc == key)
            .order_by(EventRow.date_sort, EventRow.id)
        )
    )


def one_event(session: Session, key: str, type_: str, countries: str) -> EventRow:
    found = [e for e in events_of(session, key) if (e.type, e.countries_key) == (type_, countries)]
    assert len(found) == 1, (key, type_, countries, [(e.type, e.countries_key) for e in found])
    return found[0]


def mentions_of_event(session: Session, event_id: int) -> list[tuple[str, MentionRow]]:
    rows = session.execute(
        select(DocumentRow.doc, MentionRow)
        .join(DocumentRow, DocumentRow.id == MentionRow.document_id)
        .where(MentionRow.event_id == event_id)
        .order_by(DocumentRow.doc)
    )
    return [(key, mention) for key, mention in rows.tuples()]


def assert_consistent(session: Session) -> None:
    """What must hold of any store between documents."""
    for doc in session.scalars(select(DocumentRow)):
        n_mentions = session.scalar(
            select(func.count()).select_from(MentionRow).where(MentionRow.document_id == doc.id))
        n_facts = session.scalar(
            select(func.count()).select_from(FactRow).where(FactRow.document_id == doc.id))
        assert (doc.n_mentions, doc.n_facts) == (n_mentions, n_facts), doc.doc
    for event in session.scalars(select(EventRow)):
        sources = session.scalar(
            select(func.count(func.distinct(MentionRow.document_id)))
            .where(MentionRow.event_id == event.id))
        assert sources, f"event {event.id} has no mention"
        assert event.n_sources == sources, event.id
        countries = sorted(session.scalars(
            select(EventCountryRow.iso3).where(EventCountryRow.event_id == event.id)))
        assert "-".join(countries) == event.countries_key
        # the pair table holds every pair of the event's countries, in step with it
        dyads = set(session.execute(
            select(EventDyadRow.a, EventDyadRow.b, EventDyadRow.date_sort, EventDyadRow.type,
                   EventDyadRow.status).where(EventDyadRow.event_id == event.id)).tuples())
        assert dyads == {
            (x, y, event.date_sort, event.type, event.status)
            for i, x in enumerate(countries) for y in countries[i + 1:]
        }, event.id
    for text, mention in session.execute(
        select(DocumentRow.text, MentionRow)
        .join(DocumentRow, DocumentRow.id == MentionRow.document_id)
    ).tuples():
        assert text[mention.evidence_start:mention.evidence_end] == mention.evidence_text


# --- idempotency and replacement ----------------------------------------------


def test_ingesting_twice_adds_nothing(store: Store, extractor: Extractor, tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "news", *ARTICLES)
    first = run_ingest(store, extractor, *paths)
    assert (first.added, first.replaced, first.unchanged) == (len(ARTICLES), 0, 0)
    with store.session() as session:
        before = table_counts(session)
        hashes = pairs(session, select(DocumentRow.doc, DocumentRow.content_hash))
        assert_consistent(session)
    assert before["documents"] == len(ARTICLES)
    assert before["events"] > 0 and before["mentions"] >= before["events"]

    second = run_ingest(store, extractor, *paths)
    assert (second.added, second.replaced, second.unchanged) == (0, 0, len(ARTICLES))
    assert (second.events, second.facts) == (0, 0)
    with store.session() as session:
        assert table_counts(session) == before
        assert pairs(session, select(DocumentRow.doc, DocumentRow.content_hash)) == hashes


def test_changed_file_replaces_its_records_and_new_file_adds_its_own(
    store: Store, extractor: Extractor, tmp_path: Path
) -> None:
    news = tmp_path / "news"
    paths = write_articles(news, "m1_trend_baku_talks", "m2_tbilisi_wire_baku", "x1_accra_rice")
    run_ingest(store, extractor, *paths)
    with store.session() as session:
        meeting = one_event(session, "m1_trend_baku_talks", "CONSULT", "AZE-GEO")
        assert meeting.n_sources == 2
        one_event(session, "x1_accra_rice", "AID", "GHA-JPN")
        x1 = doc_id(session, "x1_accra_rice")
        old_m2 = set(session.scalars(select(MentionRow.evidence_text).where(
            MentionRow.document_id == doc_id(session, "m2_tbilisi_wire_baku"))))
        assert any("held a meeting" in text for text in old_m2)
        old_facts = list(session.scalars(select(FactRow.evidence_text).where(
            FactRow.document_id == x1)))
        assert any("12,000 tonnes" in text for text in old_facts)
        assert session.scalar(select(PersonRow.id).where(PersonRow.surname_key == "onoda"))

    write_articles(news, "m2_tbilisi_wire_baku", "x1_accra_rice", texts=CHANGED)
    paths += write_articles(news, "m3_trend_tbilisi_june")
    report = run_ingest(store, extractor, *paths)
    assert (report.added, report.replaced, report.unchanged) == (1, 2, 1)

    with store.session() as session:
        assert_consistent(session)
        assert session.scalar(select(func.count()).select_from(DocumentRow)) == 4
        # the Baku meeting is now reported by m1 alone
        still = session.get(EventRow, meeting.id)
        assert still is not None and still.n_sources == 1
        assert [k for k, _ in mentions_of_event(session, meeting.id)] == ["m1_trend_baku_talks"]
        # m2's old mention is gone, its new one is a phone call of its own
        m2 = doc_id(session, "m2_tbilisi_wire_baku")
        texts = set(session.scalars(select(MentionRow.evidence_text).where(
            MentionRow.document_id == m2)))
        assert not texts & old_m2
        (call,) = events_of(session, "m2_tbilisi_wire_baku")
        assert (call.type, call.mode, call.date, call.n_sources) == (
            "CONSULT", "phone", "2023-04-20", 1)
        # the rice handover was reported by x1 alone: the event, its countries and
        # its fact are gone; x1 now has its own event and fact
        # (ids are compared by content: SQLite hands a freed id out again)
        assert not session.scalar(select(func.count()).select_from(EventRow).where(
            EventRow.countries_key == "GHA-JPN"))
        assert not session.scalar(select(func.count()).select_from(EventCountryRow).where(
            EventCountryRow.iso3 == "GHA"))
        assert [(e.type, e.countries_key) for e in events_of(session, "x1_accra_rice")] == [
            ("SUPPORT", "KEN-TUR")]
        facts = list(session.scalars(select(FactRow).where(FactRow.document_id == x1)))
        assert [(f.kind, f.country_a, f.country_b) for f in facts] == [
            ("trade_turnover", "KEN", "TUR")]
        assert not {f.evidence_text for f in facts} & set(old_facts)
        # nothing of the old x1 is left: no title seen in it, no person only it named
        titles = set(session.scalars(select(PersonTitleRow.title).where(
            PersonTitleRow.document_id == x1)))
        assert titles and not any("Ghana" in t for t in titles)
        assert not session.scalar(select(func.count()).select_from(PersonRow).where(
            PersonRow.surname_key == "onoda"))
        assert not session.scalar(select(func.count()).select_from(PersonNameRow).where(
            PersonNameRow.name == "Takeshi Onoda"))
        # the new file added its own meeting, a separate event
        (june,) = events_of(session, "m3_trend_tbilisi_june")
        assert june.id != meeting.id and june.date == "2023-06-15"


# --- merging across sources ---------------------------------------------------


def test_one_meeting_in_two_articles_is_one_event(
    store: Store, extractor: Extractor, tmp_path: Path
) -> None:
    keys = ("m1_trend_baku_talks", "m2_tbilisi_wire_baku")
    run_ingest(store, extractor, *write_articles(tmp_path, *keys))
    with store.session() as session:
        assert_consistent(session)
        events = list(session.scalars(select(EventRow)))
        assert len(events) == 1
        (event,) = events
        assert (event.type, event.mode, event.status, event.date, event.countries_key) == (
            "CONSULT", "meeting", "occurred", "2023-04-10", "AZE-GEO")
        assert event.n_sources == 2
        assert event.location == "Baku"
        mentions = mentions_of_event(session, event.id)
        assert [k for k, _ in mentions] == list(keys)
        texts = {k: session.scalar(select(DocumentRow.text).where(DocumentRow.doc == k))
                 for k in keys}
        for key, mention in mentions:
            assert mention.evidence_text == texts[key][mention.evidence_start:mention.evidence_end]
            assert mention.evidence_text in ARTICLES[key]
        assert "met with" in mentions[0][1].evidence_text
        assert "held a meeting" in mentions[1][1].evidence_text
        # the shared participant is one person; the Azerbaijani minister is named once
        people = {
            k: set(session.scalars(select(MentionParticipantRow.person_id).where(
                MentionParticipantRow.mention_id == m.id)))
            for k, m in mentions
        }
        shared = people[keys[0]] & people[keys[1]]
        assert len(shared) == 1
        (person,) = (session.get(PersonRow, pid) for pid in shared)
        assert person is not None and person.name == "Ilia Darchiashvili"


def test_two_meetings_of_one_pair_on_different_dates_stay_two(
    store: Store, extractor: Extractor, tmp_path: Path
) -> None:
    run_ingest(store, extractor, *write_articles(
        tmp_path, "m1_trend_baku_talks", "m3_trend_tbilisi_june"))
    with store.session() as session:
        assert_consistent(session)
        events = list(session.scalars(select(EventRow).order_by(EventRow.date_sort)))
        assert [(e.type, e.mode, e.countries_key, e.date, e.n_sources) for e in events] == [
            ("CONSULT", "meeting", "AZE-GEO", "2023-04-10", 1),
            ("CONSULT", "meeting", "AZE-GEO", "2023-06-15", 1),
        ]
        # the same two ministers took part in both
        for event in events:
            names = set(session.scalars(
                select(PersonRow.name)
                .join(MentionParticipantRow, MentionParticipantRow.person_id == PersonRow.id)
                .join(MentionRow, MentionRow.id == MentionParticipantRow.mention_id)
                .where(MentionRow.event_id == event.id)))
            assert names == {"Elmar Mammadyarov", "Ilia Darchiashvili"}


def test_spellings_of_one_minister_are_one_person(
    store: Store, extractor: Extractor, tmp_path: Path
) -> None:
    keys = ("m4_apa_phone_mamedyarov", "m3_trend_tbilisi_june", "m1_trend_baku_talks")
    run_ingest(store, extractor, *write_articles(tmp_path, *keys))
    with store.session() as session:
        assert_consistent(session)
        people = list(session.scalars(select(PersonRow).where(PersonRow.country == "AZE")))
        assert len(people) == 1, [p.name for p in people]
        (person,) = people
        assert person.name == "Elmar Mammadyarov"  # the fullest spelling
        names = set(session.scalars(select(PersonNameRow.name).where(
            PersonNameRow.person_id == person.id)))
        assert names == {"Mamedyarov", "Mammadyarov", "Elmar Mammadyarov"}
        titles = set(session.execute(
            select(PersonTitleRow.title, PersonTitleRow.seen)
            .where(PersonTitleRow.person_id == person.id)).tuples())
        # a title is seen when an article reports it: its publication date
        assert titles == {
            ("Azerbaijani Foreign Minister", "2023-05-03"),
            ("Foreign Minister of Azerbaijan", "2023-06-16"),
            ("Azerbaijani Foreign Minister", "2023-04-11"),
        }
        # every document's mention of him points to that one person
        spelled = pairs(session, (
            select(DocumentRow.doc, MentionParticipantRow.name)
            .join(MentionRow, MentionRow.id == MentionParticipantRow.mention_id)
            .join(DocumentRow, DocumentRow.id == MentionRow.document_id)
            .where(MentionParticipantRow.person_id == person.id)))
        assert spelled == {
            "m4_apa_phone_mamedyarov": "Mamedyarov",
            "m3_trend_tbilisi_june": "Mammadyarov",
            "m1_trend_baku_talks": "Elmar Mammadyarov",
        }


# --- planned events -----------------------------------------------------------


@pytest.mark.parametrize("order", ["announcement_first", "report_first"])
def test_plan_points_to_the_visit_that_fulfilled_it(
    store: Store, extractor: Extractor, tmp_path: Path, order: str
) -> None:
    announce, report, other = write_articles(
        tmp_path, "p1_kazinform_announce", "p2_uza_visit_report", "p3_andina_announce")
    if order == "announcement_first":
        run_ingest(store, extractor, announce, other)
        with store.session() as session:
            plan = one_event(session, "p1_kazinform_announce", "CONSULT", "KAZ-UZB")
            assert plan.fulfilled_by_id is None  # nothing reported it yet
        run_ingest(store, extractor, report)
    else:  # a late-ingested announcement still finds the visit
        run_ingest(store, extractor, report)
        run_ingest(store, extractor, announce, other)
    with store.session() as session:
        assert_consistent(session)
        plan = one_event(session, "p1_kazinform_announce", "CONSULT", "KAZ-UZB")
        visit = one_event(session, "p2_uza_visit_report", "CONSULT", "KAZ-UZB")
        assert (plan.status, plan.mode, plan.date) == ("planned", "visit", "2024-07")
        assert (visit.status, visit.mode, visit.date) == ("occurred", "visit", "2024-07-15")
        assert plan.id != visit.id
        assert plan.fulfilled_by_id == visit.id
        assert visit.fulfilled_by_id is None
        # announced, never reported: still outstanding
        chile = one_event(session, "p3_andina_announce", "CONSULT", "CHL-PER")
        assert (chile.status, chile.date, chile.fulfilled_by_id) == ("planned", "2024-10", None)
        outstanding = set(session.scalars(select(EventRow.id).where(
            EventRow.status == "planned", EventRow.fulfilled_by_id.is_(None))))
        assert outstanding == {chile.id}


def test_plan_is_outstanding_again_when_its_report_changes(
    store: Store, extractor: Extractor, tmp_path: Path
) -> None:
    news = tmp_path / "news"
    paths = write_articles(news, "p1_kazinform_announce", "p2_uza_visit_report")
    run_ingest(store, extractor, *paths)
    with store.session() as session:
        plan = one_event(session, "p1_kazinform_announce", "CONSULT", "KAZ-UZB")
        assert plan.fulfilled_by_id is not None
    write_articles(news, "p2_uza_visit_report", texts=CHANGED)  # only a phone call now
    report = run_ingest(store, extractor, *paths)
    assert (report.replaced, report.unchanged) == (1, 1)
    with store.session() as session:
        assert_consistent(session)
        (call,) = events_of(session, "p2_uza_visit_report")
        assert (call.mode, call.status) == ("phone", "occurred")
        plan = one_event(session, "p1_kazinform_announce", "CONSULT", "KAZ-UZB")
        assert plan.fulfilled_by_id is None
    write_articles(news, "p2_uza_visit_report")  # the visit is back
    run_ingest(store, extractor, *paths)
    with store.session() as session:
        assert_consistent(session)
        plan = one_event(session, "p1_kazinform_announce", "CONSULT", "KAZ-UZB")
        visit = one_event(session, "p2_uza_visit_report", "CONSULT", "KAZ-UZB")
        assert plan.fulfilled_by_id == visit.id


# --- the command line -----------------------------------------------------------


def bilat(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "400"}  # rich wraps at 80 columns on a pipe otherwise
    env.pop("BILAT_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "bilat", *args],
        capture_output=True, text=True, timeout=300, check=False, env=env,
    )


def test_cli_ingest_shows_progress_and_skips_unchanged_documents(
    store_url: str, tmp_path: Path
) -> None:
    news = tmp_path / "news"
    write_articles(news, "m1_trend_baku_talks", "m2_tbilisi_wire_baku", "p3_andina_announce")
    proc = bilat("ingest", str(news), "--db", store_url, "--progress", "--batch-size", "2")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "ingesting" in proc.stderr and "3/" in proc.stderr  # the progress bar
    assert "3 added, 0 replaced, 0 unchanged, 0 failed" in proc.stderr
    store = open_store(store_url)
    try:
        with store.session() as session:
            assert_consistent(session)
            counts = table_counts(session)
            assert counts["documents"] == 3 and counts["events"] == 2  # one merged meeting
    finally:
        store.close()

    again = bilat("ingest", str(news), "--db", store_url, "--no-progress")
    assert again.returncode == 0, again.stderr
    assert "0 added, 0 replaced, 3 unchanged, 0 failed" in again.stderr
    assert "ingesting" not in again.stderr
    store = open_store(store_url)
    try:
        with store.session() as session:
            assert table_counts(session) == counts
    finally:
        store.close()


def test_cli_ingest_goes_on_past_a_bad_file(store_url: str, tmp_path: Path) -> None:
    news = tmp_path / "news"
    write_articles(news, "m1_trend_baku_talks", "x1_accra_rice")
    (news / "b_corrupt.txt").write_bytes(b"\x00\x01\x02\xff\xfe binary junk \x00" * 20)
    proc = bilat("ingest", str(news), "--db", store_url, "--no-progress")
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "b_corrupt.txt" in errors[0], proc.stderr
    assert "2 added, 0 replaced, 0 unchanged, 1 failed" in proc.stderr
    store = open_store(store_url)
    try:
        with store.session() as session:
            assert set(session.scalars(select(DocumentRow.doc))) == {
                "m1_trend_baku_talks", "x1_accra_rice"}
            assert_consistent(session)
    finally:
        store.close()


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("postgresql+psycopg://x@127.0.0.1:1/x", "cannot reach the database"),
        ("sqlite:///{tmp}/not-a-folder/sub/bilat.db", "cannot"),
        ("nosuchdb://somewhere/x", "cannot use database"),
    ],
    ids=["unreachable-server", "path-under-a-file", "unknown-dialect"],
)
def test_cli_ingest_with_an_unusable_database_fails_in_one_line(
    tmp_path: Path, url: str, problem: str
) -> None:
    news = tmp_path / "news"
    write_articles(news, "m1_trend_baku_talks")
    (tmp_path / "not-a-folder").write_text("a file, not a folder\n", encoding="utf-8")
    url = url.replace("{tmp}", str(tmp_path))
    proc = bilat("ingest", str(news), "--db", url)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("error: ") and problem in lines[0], lines[0]
