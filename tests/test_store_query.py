"""Querying the knowledge base (bilat.store.query, bilat events/dyads/people/facts/planned).

Real extraction of bundled samples (plus three short articles written here)
into real databases, SQLite and PostgreSQL; the commands through Typer's
CliRunner on an app the query commands are registered into.

Filters are checked two ways: against anchors (events the samples are known to
hold, and ones that must not come back), and against an oracle, the same
filter applied in Python to the unfiltered listing, so the SQL and its
meaning cannot drift apart.
"""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import typer
from sqlalchemy import text
from typer.testing import CliRunner

from bilat import Extractor
from bilat.commands.query import DYAD_CSV, EVENT_CSV, FACT_CSV, PLANNED_CSV, register
from bilat.extract.people import fold
from bilat.ingest import read_documents
from bilat.record import EVENT_TYPES
from bilat.resources import load_json
from bilat.store import open_store
from bilat.store.ingest import ingest
from bilat.store.query import (
    DyadFilter,
    EventFilter,
    EventView,
    FactFilter,
    PersonFilter,
    PlannedFilter,
    check_date,
    dyads,
    is_empty,
    iter_events,
    iter_facts,
    iter_people,
    iter_planned,
    load_plover_scale,
    open_existing_store,
)
from tests.conftest import SAMPLES

NEWS = SAMPLES / "news"
SAMPLE_FILES = [
    "s01_aze_geo_phone.txt",  # AZE-GEO phone call, AGREE, background meeting; "Mammadov/Mamedov"
    "s02_kaz_uzb_visit.txt",  # KAZ-UZB visit; trade, exports UZB->KAZ, supply
    "s05_arg_bra_mercosur.txt",  # 4-country multilateral meeting
    "s06_est_rus_expel.txt",  # EST-RUS: SANCTION, ACCUSE, THREATEN
    "s07_kgz_tjk_border.txt",  # KGZ-TJK, dates with an unknown year (XXXX-05-27)
    "s19_esp_mex_planned.txt",  # planned visit, planned SUPPORT and meeting
    "s22_tkm_uzb_video.txt",  # TKM-UZB video call, undated planned consultations
    "s24_can_nic_sanctions.txt",  # CAN-NIC: SANCTION 2023 and 2019
]


def _article(body: str) -> str:
    return textwrap.dedent(body).lstrip("\n")


# One phone call reported by two documents, with two spellings of one name
# (the merge across sources gives one event with n_sources 2 and one person);
# a second AZE-GEO trade figure for another year; a plan and its fulfilment.
EXTRA = {
    "m1_aze_blr_phone.txt": _article("""
         date 2020-05-16 By Trend

        Azerbaijani Foreign Minister Elmar Mammadyarov held a telephone conversation with his \
Belarusian counterpart Vladimir Makei on May 13, the Azerbaijani Foreign Ministry said.

        The ministers discussed trade and transport.
        """),
    "m2_aze_blr_phone.txt": _article("""
        Azerbaijan, Belarus discuss cooperation

        16 May 2020 10:15

        BAKU - Azerbaijani Foreign Minister Elmar Mamedyarov and Belarusian Foreign Minister \
Vladimir Makei spoke by phone on Wednesday, discussing trade, transport and the pandemic.
        """),
    "t1_aze_geo_trade.txt": _article("""
        Azerbaijan, Georgia trade grows

        15 February 2024 09:10

        BAKU - Trade turnover between Azerbaijan and Georgia amounted to $1.34 billion in 2021, \
the State Statistics Committee said on Tuesday.
        """),
    # a visit announced, then reported: the plan is fulfilled by the later event
    "p1_prt_ago_plan.txt": _article("""
        Portuguese minister to visit Angola

        10 January 2024 08:30

        LISBON - Portuguese Foreign Minister Joao Cravinho will pay an official visit to Angola \
next month, the Portuguese Foreign Ministry said on Wednesday.
        """),
    "p2_prt_ago_visit.txt": _article("""
        Portugal, Angola sign energy agreement

        20 February 2024 17:05

        LUANDA - Portuguese Foreign Minister Joao Cravinho, on an official visit to Angola, held \
talks with Angolan Foreign Minister Tete Antonio in Luanda on Monday on energy and trade.
        """),
}


@dataclass(frozen=True)
class KB:
    url: str
    texts: dict[str, str]  # doc id -> text as read


def _write_extra(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, body in EXTRA.items():
        path = folder / name
        path.write_text(body, encoding="utf-8")
        paths.append(path)
    return paths


def _load(url: str, extractor: Extractor, folder: Path) -> KB:
    paths = [NEWS / name for name in SAMPLE_FILES] + _write_extra(folder)
    store = open_store(url)
    try:
        report = ingest(store, read_documents(paths), extractor)
    finally:
        store.close()
    assert report.failed == 0 and report.added == len(paths), report
    texts = {}
    for item in read_documents(paths):
        assert not isinstance(item, Exception)
        texts[item.id] = item.text
    return KB(url, texts)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def kb(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
    extractor: Extractor,
) -> KB:
    """The corpus ingested once per backend for the whole module: the shared
    ``store_url`` fixture is per test, and extraction is the slow part. Same
    backends, same fresh databases (tests.pg.fresh_database)."""
    folder = tmp_path_factory.mktemp("kb")
    if request.param == "sqlite":
        url = f"sqlite:///{folder / 'bilat.db'}"
    else:
        from tests.pg import fresh_database

        made = fresh_database()
        if made is None:
            pytest.skip("no PostgreSQL server could be started here")
        url = made
    return _load(url, extractor, folder / "articles")


@pytest.fixture
def session(kb: KB) -> Iterator[Any]:
    store = open_existing_store(kb.url)
    try:
        with store.session() as s:
            yield s
    finally:
        store.close()


def _key(e: EventView) -> tuple[str, str | None, str]:
    return (e.type, e.date, "-".join(e.countries))


def _all_events(session: Any) -> list[EventView]:
    return list(iter_events(session, EventFilter(), mentions=True))


# --- the oracle: EventFilter semantics in plain Python ---------------------------------


def _sortable(e: EventView) -> str | None:
    return e.date.replace("X", "0") if e.date else None


def _within(e: EventView, since: str | None, until: str | None) -> bool:
    ds = _sortable(e)
    if not since and not until:
        return True
    if ds is None or ds < "0001":
        return False
    if since and ds < since:
        return False
    if until:
        end = until + {4: "-99-99", 7: "-99"}.get(len(until), "")
        if ds > end:
            return False
    return True


def _oracle(events: list[EventView], f: EventFilter, spellings: dict[int, set[str]]) -> set[int]:
    def named(person_id: int) -> bool:
        assert f.person is not None
        needle = f.person.lower()
        names = spellings.get(person_id, set())
        if any(needle in n.lower() for n in names):
            return True
        folded = fold(f.person).split()
        return len(folded) == 1 and any(fold(n).split()[-1:] == folded for n in names)

    return {
        e.id for e in events
        if (not f.country or f.country in e.countries)
        and (not f.partner or f.partner in e.countries)
        and (not f.type or e.type == f.type)
        and (not f.mode or e.mode == f.mode)
        and (not f.status or e.status == f.status)
        and (not f.topic or f.topic in e.topics)
        and (not f.person or any(named(p.person_id) for p in e.participants))
        and _within(e, f.since, f.until)
    }


def _spellings(session: Any) -> dict[int, set[str]]:
    return {p.id: set(p.names) for p in iter_people(session, PersonFilter())}


# (filter, anchors that must come back as (type, date, countries), ones that must not)
EVENT_CASES = [
    pytest.param(EventFilter(country="AZE"),
                 {("CONSULT", "2023-04-10", "AZE-GEO"), ("CONSULT", "2020-05-13", "AZE-BLR")},
                 {("SANCTION", "2023-02-09", "EST-RUS")}, id="country"),
    pytest.param(EventFilter(country="AZE", partner="GEO"),
                 {("CONSULT", "2023-04-10", "AZE-GEO"), ("AGREE", "2023-04-10", "AZE-GEO")},
                 {("CONSULT", "2020-05-13", "AZE-BLR")}, id="partner"),
    pytest.param(EventFilter(country="PRY", partner="BRA"),
                 {("CONSULT", "2023-07-04", "ARG-BRA-PRY-URY")},
                 {("CONSULT", "2023-07-04", "ARG-BRA")}, id="partner-multilateral"),
    pytest.param(EventFilter(type="SANCTION"),
                 {("SANCTION", "2023-02-09", "EST-RUS"), ("SANCTION", "2019-06", "CAN-NIC")},
                 {("ACCUSE", "2023-02-09", "EST-RUS")}, id="type"),
    pytest.param(EventFilter(mode="phone"),
                 {("CONSULT", "2023-04-10", "AZE-GEO"), ("CONSULT", "2020-05-13", "AZE-BLR")},
                 {("CONSULT", "2021-04-21", "TKM-UZB")}, id="mode"),
    pytest.param(EventFilter(status="planned"),
                 {("CONSULT", "2024-09", "ESP-MEX"), ("CONSULT", "2024-02", "AGO-PRT")},
                 {("CONSULT", "2024-03-11", "KAZ-UZB"), ("CONSULT", "2024-02-19", "AGO-PRT")},
                 id="status"),
    pytest.param(EventFilter(since="2024-01"),
                 {("CONSULT", "2024-03-11", "KAZ-UZB"), ("CONSULT", "2024-09", "ESP-MEX")},
                 {("CONSULT", "2023-04-10", "AZE-GEO"), ("CONSULT", None, "TKM-UZB")},
                 id="since"),
    pytest.param(EventFilter(until="2021"),
                 {("CONSULT", "2021-04-21", "TKM-UZB"), ("SANCTION", "2019-06", "CAN-NIC")},
                 {("CONSULT", None, "TKM-UZB"), ("CONSULT", "2023-03-02", "AZE-GEO"),
                  ("ASSAULT", "XXXX-05-27", "KGZ-TJK")},
                 id="until-year-inclusive"),
    pytest.param(EventFilter(country="AZE", since="2023-04-10"),
                 {("CONSULT", "2023-04-10", "AZE-GEO"), ("AGREE", "2023-04-10", "AZE-GEO")},
                 {("CONSULT", "2023-03-02", "AZE-GEO")}, id="since-day-inclusive"),
    pytest.param(EventFilter(since="2023-02", until="2023-02"),
                 {("SANCTION", "2023-02-09", "EST-RUS"), ("THREATEN", "2023-02-10", "EST-RUS")},
                 {("SANCTION", "2023-01", "EST-RUS"), ("CONSULT", "2023-03-02", "AZE-GEO")},
                 id="since-until-month"),
    pytest.param(EventFilter(country="EST", until="2023-01-31"),
                 {("SANCTION", "2023-01", "EST-RUS")},
                 {("SANCTION", "2023-02-09", "EST-RUS")}, id="until-day"),
    pytest.param(EventFilter(person="Mamedyarov"),
                 {("CONSULT", "2020-05-13", "AZE-BLR")},
                 {("CONSULT", "2023-04-10", "AZE-GEO")}, id="person-variant-spelling"),
    pytest.param(EventFilter(person="mammadyarov"),
                 {("CONSULT", "2020-05-13", "AZE-BLR")}, set(), id="person-any-case"),
    pytest.param(EventFilter(person="Kharadze"),
                 {("CONSULT", "2023-04-10", "AZE-GEO"), ("CONSULT", "2023-03-02", "AZE-GEO")},
                 {("AGREE", "2023-04-10", "AZE-GEO")}, id="person"),
    pytest.param(EventFilter(topic="security"),
                 {("CONSULT", "2023-04-10", "AZE-GEO")},
                 {("CONSULT", "2020-05-13", "AZE-BLR")}, id="topic"),
    pytest.param(EventFilter(country="UZB", type="CONSULT", since="2024"),
                 {("CONSULT", "2024-03-11", "KAZ-UZB"), ("CONSULT", "2024-03-12", "KAZ-UZB")},
                 {("CONSULT", "2021-04-21", "TKM-UZB"), ("SUPPORT", "2024-03-11", "KAZ-UZB")},
                 id="combined"),
]


@pytest.mark.parametrize(("f", "present", "absent"), EVENT_CASES)
def test_event_filters(
    session: Any, f: EventFilter, present: set[tuple[str, str | None, str]],
    absent: set[tuple[str, str | None, str]],
) -> None:
    everything = _all_events(session)
    found = list(iter_events(session, f))
    keys = {_key(e) for e in found}
    assert present <= keys, keys
    assert not absent & keys, keys
    assert {e.id for e in found} == _oracle(everything, f, _spellings(session))
    assert len({e.id for e in found}) == len(found)  # joins never duplicate an event


def test_events_newest_first_undated_last_and_limited(session: Any) -> None:
    events = _all_events(session)
    dates = [_sortable(e) for e in events]
    dated = [d for d in dates if d is not None]
    assert dated == sorted(dated, reverse=True)
    assert None in dates and dates.index(None) == len(dated)  # undated at the end
    assert [e.id for e in iter_events(session, EventFilter(), limit=3)] == [
        e.id for e in events[:3]
    ]
    assert len(list(iter_events(session, EventFilter(), limit=len(events) + 5))) == len(events)


def test_event_merged_across_sources_has_each_report(session: Any, kb: KB) -> None:
    (call,) = iter_events(session, EventFilter(country="BLR"), mentions=True)
    assert (call.type, call.mode, call.date, call.n_sources) == ("CONSULT", "phone",
                                                                  "2020-05-13", 2)
    assert sorted(m.doc for m in call.mentions) == ["m1_aze_blr_phone", "m2_aze_blr_phone"]
    for m in call.mentions:
        assert kb.texts[m.doc][m.start:m.end] == m.text
    assert {p.name for p in call.participants} == {"Elmar Mammadyarov", "Vladimir Makei"}


# --- dyads -----------------------------------------------------------------------------


def _occurred_with(events: list[EventView], a: str, b: str) -> list[EventView]:
    return [e for e in events if e.status == "occurred" and {a, b} <= set(e.countries)]


def test_dyads_rank_partners_and_score_conflict_negative(session: Any) -> None:
    events = _all_events(session)
    scale = load_plover_scale()
    partners = dyads(session, DyadFilter(country="AZE"))
    assert [d.partner for d in partners] == ["GEO", "BLR"]
    geo = partners[0]
    with_geo = _occurred_with(events, "AZE", "GEO")
    assert geo.country == "AZE" and geo.n_events == len(with_geo) > 1
    assert geo.last_contact == max(e.date or "" for e in with_geo) == "2023-04-10"
    assert dict(geo.types) == {t: sum(e.type == t for e in with_geo) for t in geo.shares}
    assert abs(sum(geo.shares.values()) - 1) < 1e-9
    assert geo.score > 0 and all(s > 0 for _, s in geo.monthly)

    # s06 is a SANCTION story: a conflict dyad scores below zero, every month
    (rus,) = dyads(session, DyadFilter(country="EST"))
    with_rus = _occurred_with(events, "EST", "RUS")
    assert rus.partner == "RUS" and rus.n_events == len(with_rus)
    assert dict(rus.types)["SANCTION"] >= 1
    assert rus.score == pytest.approx(sum(scale.weight(e.type) for e in with_rus))
    assert rus.score < 0 and rus.monthly and all(s < 0 for _, s in rus.monthly)
    months = sorted({e.date[:7] for e in with_rus if e.date and len(e.date) >= 7})
    assert [m for m, _ in rus.monthly] == months and len(months) > 1
    for month, score in rus.monthly:
        assert score == pytest.approx(
            sum(scale.weight(e.type) for e in with_rus if (e.date or "").startswith(month))
        )


def test_dyads_without_country_are_pairs_ranked(session: Any) -> None:
    ranked = dyads(session, DyadFilter())
    assert all(d.country < d.partner for d in ranked)
    counts = [d.n_events for d in ranked]
    assert counts == sorted(counts, reverse=True)
    pairs = {(d.country, d.partner) for d in ranked}
    assert {("AZE", "GEO"), ("EST", "RUS"), ("PRY", "URY")} <= pairs  # multilateral: each pair
    assert [(d.country, d.partner) for d in dyads(session, DyadFilter(), limit=2)] == [
        (d.country, d.partner) for d in ranked[:2]
    ]
    # planned events count only when asked, and are never scored
    plain = {(d.country, d.partner): d for d in ranked}
    with_plans = {(d.country, d.partner): d for d in dyads(session, DyadFilter(planned=True))}
    esp = with_plans[("ESP", "MEX")]
    assert esp.n_events > plain[("ESP", "MEX")].n_events
    assert esp.score == plain[("ESP", "MEX")].score


def test_plover_scale_is_documented_and_ordered() -> None:
    scale = load_plover_scale()
    assert set(scale.weights) == set(EVENT_TYPES)
    cooperative = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
    for event_type, weight in scale.weights.items():
        assert (weight > 0) == (event_type in cooperative), event_type
    conflictual = {t: w for t, w in scale.weights.items() if w < 0}
    assert min(conflictual, key=lambda t: conflictual[t]) == "ASSAULT"
    assert max(conflictual, key=lambda t: conflictual[t]) == "REQUEST"
    doc = " ".join(load_json("plover_scale.json")["_doc"])
    assert "openeventdata/PLOVER" in doc and "Schrodt" in doc


# --- people ----------------------------------------------------------------------------


def test_people_spellings_titles_and_event_counts(session: Any) -> None:
    (elmar,) = iter_people(session, PersonFilter(name="Mamedyarov"))
    assert elmar.country == "AZE" and elmar.n_events == 1
    assert set(elmar.names) == {"Elmar Mammadyarov", "Elmar Mamedyarov"}
    assert [(t.title, t.seen) for t in elmar.titles] == [
        ("Azerbaijani Foreign Minister", ("2020-05-16",))  # seen in the article of that day
    ]
    events = _all_events(session)
    (levan,) = iter_people(session, PersonFilter(country="GEO"))
    assert levan.name == "Levan Kharadze" and levan.titles
    seen = {d for t in levan.titles for d in t.seen}
    assert seen == {"2023-04-12"}  # a title is seen when an article reports it
    # n_events agrees with the events each person takes part in
    people = list(iter_people(session, PersonFilter()))
    for p in people:
        assert p.n_events == sum(
            any(x.person_id == p.id for x in e.participants) for e in events
        ), p.name
    assert [p.n_events for p in people] == sorted((p.n_events for p in people), reverse=True)
    by_country = list(iter_people(session, PersonFilter(country="AZE")))
    assert by_country and all(p.country == "AZE" for p in by_country)


def test_people_keep_every_spelling_of_s01(tmp_path: Path, extractor: Extractor) -> None:
    url = f"sqlite:///{tmp_path / 'bilat.db'}"
    later = tmp_path / "later_aze_geo.txt"
    later.write_text(_article("""
         date 2023-05-20 By Trend

        Azerbaijani Foreign Minister Farid Mamedov met his Georgian counterpart Levan Kharadze \
in Baku on May 18.
        """), encoding="utf-8")
    store = open_store(url)
    try:
        ingest(store, read_documents([NEWS / "s01_aze_geo_phone.txt", later]), extractor)
        with store.session() as s:
            found = list(iter_people(s, PersonFilter(name="Mammadov")))
    finally:
        store.close()
    assert len(found) == 1 and {"Farid Mammadov", "Farid Mamedov"} <= set(found[0].names)


# --- facts -----------------------------------------------------------------------------


def _fact_order(x: Any) -> tuple[Any, ...]:
    return (min(x.country_a, x.country_b), max(x.country_a, x.country_b), x.kind, x.country_a,
            x.period is None, x.period or "")


@pytest.mark.parametrize(
    ("f", "expected"),
    [
        pytest.param(FactFilter(country="AZE"),
                     # by period, not by publication (the 2021 figure was published later)
                     [("trade_turnover", "AZE-GEO", 1.34e9, "USD", "2021"),
                      ("trade_turnover", "AZE-GEO", 1.46e9, "USD", "2022")], id="series"),
        pytest.param(FactFilter(country="KAZ", partner="UZB", kind="exports"),
                     [("exports", "UZB->KAZ", 1.7e9, "USD", "2023")], id="directed"),
        pytest.param(FactFilter(country="UZB", partner="KAZ", kind="supply"),
                     [("supply", "KAZ->UZB", 1.3e6, "tonnes", "2023")], id="partner-either-way"),
        pytest.param(FactFilter(partner="GEO", kind="trade_turnover"),
                     [("trade_turnover", "AZE-GEO", 1.34e9, "USD", "2021"),
                      ("trade_turnover", "AZE-GEO", 1.46e9, "USD", "2022")], id="partner-only"),
        pytest.param(FactFilter(country="EST"), [], id="none"),
    ],
)
def test_facts(session: Any, f: FactFilter, expected: list[tuple[Any, ...]]) -> None:
    found = list(iter_facts(session, f))
    assert [(x.kind, x.dyad, x.value, x.unit, x.period) for x in found] == expected
    for x in found:
        assert x.doc and x.text


def test_facts_are_time_series_per_dyad(session: Any, kb: KB) -> None:
    found = list(iter_facts(session, FactFilter()))
    assert len(found) > 5
    assert found == sorted(found, key=_fact_order)
    kinds = {x.kind for x in iter_facts(session, FactFilter(kind="trade_turnover"))}
    assert kinds == {"trade_turnover"}
    for x in found:
        assert kb.texts[x.doc][x.start:x.end] == x.text


# --- planned ---------------------------------------------------------------------------


def test_planned_and_outstanding(session: Any) -> None:
    events = {e.id: e for e in _all_events(session)}
    plans = list(iter_planned(session, PlannedFilter()))
    assert {p.id for p in plans} == {e.id for e in events.values() if e.status == "planned"}
    assert all(p.announced for p in plans)
    (visit,) = iter_planned(session, PlannedFilter(country="AGO", partner="PRT"))
    assert (visit.type, visit.mode, visit.date, visit.announced) == ("CONSULT", "visit",
                                                                     "2024-02", "2024-01-10")
    assert visit.fulfilled_by is not None
    assert (visit.fulfilled_by.date, visit.fulfilled_by.type) == ("2024-02-19", "CONSULT")
    for p in plans:
        if p.fulfilled_by is not None:
            done = events[p.fulfilled_by.id]
            assert done.status == "occurred"
            assert (done.type, done.date) == (p.fulfilled_by.type, p.fulfilled_by.date)
    outstanding = list(iter_planned(session, PlannedFilter(outstanding=True)))
    assert {p.id for p in outstanding} == {p.id for p in plans if p.fulfilled_by is None}
    assert visit.id not in {p.id for p in outstanding}
    assert ("CONSULT", "2024-09", "ESP-MEX") in {_key(p) for p in outstanding}
    assert ("CONSULT", None, "TKM-UZB") in {
        _key(p) for p in iter_planned(session, PlannedFilter(country="TKM"))
    }


# --- dates -----------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["2023", "2023-02", "2024-02-29", " 2023-01-31 "])
def test_check_date_accepts(value: str) -> None:
    assert check_date(value) == value.strip()


@pytest.mark.parametrize("value", ["23", "2023-2", "2023-13", "2023-02-30", "2023/02", "May"])
def test_check_date_rejects(value: str) -> None:
    with pytest.raises(ValueError, match="not a date"):
        check_date(value)


# --- the commands ----------------------------------------------------------------------


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """test app"""

    register(app)
    return app


def _run(*args: str) -> Any:
    return CliRunner().invoke(_app(), list(args))


def _flat(output: str) -> str:
    """Output with Rich box drawing removed and white space collapsed."""
    return " ".join(re.sub(r"[│╭╮╰╯─┃━┏┓┗┛┡┩└┘┌┐╇╈┳┻]", " ", output).split())


def _jsonl(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines()]


@pytest.mark.parametrize("spelling", ["Azerbaijan", "AZE", "aze", "AZ", "Azerbaijani"])
def test_cli_country_by_name_or_code(kb: KB, spelling: str) -> None:
    expected = _run("events", "--country", "AZE", "--format", "jsonl", "--db", kb.url)
    result = _run("events", "--country", spelling, "--format", "jsonl", "--db", kb.url)
    assert result.exit_code == 0, result.output
    assert result.stdout == expected.stdout
    assert {r["countries"][0] for r in _jsonl(result.stdout)} == {"AZE"}


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["events", "--country", "Atlantis"], ["--country", "Atlantis"]),
        (["events", "--country", "AZE", "--partner", "Narnia"], ["--partner", "Narnia"]),
        (["dyads", "--country", "XX"], ["--country", "XX"]),
        (["people", "--country", "Atlantis"], ["--country"]),
        (["facts", "--partner", "Atlantis"], ["--partner"]),
        (["planned", "--country", "Atlantis"], ["--country"]),
        (["events", "--since", "2023-13"], ["--since", "2023-13"]),
        (["events", "--until", "yesterday"], ["--until"]),
        (["events", "--type", "HUG"], ["--type", "HUG"]),
        (["events", "--mode", "telepathy"], ["--mode"]),
        (["events", "--topic", "weather"], ["--topic"]),
        (["facts", "--kind", "gdp"], ["--kind"]),
        (["events", "--country", "AZE", "--partner", "Azerbaijan"], ["--partner"]),
    ],
)
def test_cli_bad_arguments_exit_2_naming_them(kb: KB, args: list[str], named: list[str]) -> None:
    result = _run(*args, "--db", kb.url)
    assert result.exit_code == 2, result.output
    message = _flat(result.output)
    for word in named:
        assert word in message, message
    assert "Traceback" not in result.output


def test_cli_events_table(kb: KB) -> None:
    result = _run("events", "--country", "Estonia", "--db", kb.url)
    assert result.exit_code == 0, result.output
    out = _flat(result.stdout)
    assert "SANCTION" in out and "EST-RUS" in out and "AZE-GEO" not in out
    assert "Irina Volkova" in out and "more match" not in out
    limited = _run("events", "--limit", "2", "--db", kb.url)
    assert "showing the first 2 events" in _flat(limited.stdout)
    assert len(re.findall(r"^│ \d+ ", limited.stdout, flags=re.M)) == 2
    none = _run("events", "--country", "FRA", "--db", kb.url)
    assert none.exit_code == 0 and "No events match" in none.stdout


def test_cli_events_jsonl_and_csv_carry_the_evidence(kb: KB) -> None:
    args = ["events", "--country", "AZE", "--db", kb.url]
    records = _jsonl(_run(*args, "--format", "jsonl").stdout)
    store = open_existing_store(kb.url)
    try:
        with store.session() as s:
            expected = [e.to_dict() for e in iter_events(s, EventFilter(country="AZE"),
                                                         mentions=True)]
    finally:
        store.close()
    assert records == expected and len(records) > 2 and all(r["mentions"] for r in records)
    call = next(r for r in records if "BLR" in r["countries"])
    assert call["n_sources"] == 2 and len(call["mentions"]) == 2
    for m in call["mentions"]:
        ev = m["evidence"]
        assert kb.texts[m["doc"]][ev["start"]:ev["end"]] == ev["text"]

    result = _run(*args, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == EVENT_CSV
    body = [dict(zip(EVENT_CSV, r, strict=True)) for r in rows[1:]]
    assert len(body) == sum(len(r["mentions"]) for r in records)  # one row per report
    assert {int(r["event_id"]) for r in body} == {r["id"] for r in records}
    assert {r["doc"] for r in body if r["countries"] == "AZE;BLR"} == {
        "m1_aze_blr_phone", "m2_aze_blr_phone"}


def test_cli_events_limit_applies_to_jsonl(kb: KB) -> None:
    assert len(_jsonl(_run("events", "--limit", "3", "--format", "jsonl", "--db",
                           kb.url).stdout)) == 3


def test_cli_dyads(kb: KB) -> None:
    store = open_existing_store(kb.url)
    try:
        with store.session() as s:
            (est,) = dyads(s, DyadFilter(country="RUS", partner="EST"))
    finally:
        store.close()
    table = _run("dyads", "--country", "Russia", "--db", kb.url)
    assert table.exit_code == 0, table.output
    out = _flat(table.stdout)
    first_month, first_score = est.monthly[0]
    assert f"RUS EST {est.n_events}" in out and f"{first_month}:{first_score:+.1f}" in out
    assert f"{est.score:+.1f}" in out and "SANCTION" in out
    records = _jsonl(_run("dyads", "--country", "EE", "--format", "jsonl", "--db",
                          kb.url).stdout)
    assert [(r["partner"], r["n_events"]) for r in records] == [("RUS", est.n_events)]
    assert records[0]["score"] < 0 and all(v < 0 for v in records[0]["monthly"].values())
    rows = list(csv.reader(io.StringIO(_run("dyads", "--format", "csv", "--db",
                                            kb.url).stdout)))
    assert rows[0] == DYAD_CSV and len(rows) > 5
    est_row = next(r for r in rows[1:] if r[:2] == ["EST", "RUS"])
    assert est_row[7] == ";".join(f"{m}:{v:+.1f}" for m, v in est.monthly)
    assert [int(r[2]) for r in rows[1:]] == sorted((int(r[2]) for r in rows[1:]), reverse=True)


def test_cli_people(kb: KB) -> None:
    table = _run("people", "--name", "mamedyarov", "--db", kb.url)
    out = _flat(table.stdout)
    assert "Elmar Mammadyarov" in out and "Elmar Mamedyarov" in out
    assert "Azerbaijani Foreign Minister (2020-05-16)" in out
    records = _jsonl(_run("people", "--country", "Georgia", "--format", "jsonl", "--db",
                          kb.url).stdout)
    assert [r["name"] for r in records] == ["Levan Kharadze"]
    rows = list(csv.reader(io.StringIO(_run("people", "--format", "csv", "--db",
                                            kb.url).stdout)))
    assert rows[0] == ["person_id", "name", "country", "n_events", "names", "titles"]
    elmar = next(r for r in rows[1:] if r[1] == "Elmar Mammadyarov")
    assert elmar[4] == "Elmar Mammadyarov;Elmar Mamedyarov"  # lists: ";" in every CSV


def test_cli_facts(kb: KB) -> None:
    table = _flat(_run("facts", "--country", "Azerbaijan", "--db", kb.url).stdout)
    assert table.index("1,340,000,000") < table.index("1,460,000,000")
    rows = list(csv.reader(io.StringIO(_run("facts", "--country", "KZ", "--partner", "UZ",
                                            "--format", "csv", "--db", kb.url).stdout)))
    assert rows[0] == FACT_CSV
    assert {(r[1], r[4]) for r in rows[1:]} >= {("exports", "UZB->KAZ"),
                                                ("trade_turnover", "KAZ-UZB")}
    exports = next(r for r in rows[1:] if r[1] == "exports")
    assert exports[5] == "1700000000" and exports[9] and exports[12]


def test_cli_planned(kb: KB) -> None:
    everything = _jsonl(_run("planned", "--format", "jsonl", "--db", kb.url).stdout)
    outstanding = _jsonl(_run("planned", "--outstanding", "--format", "jsonl", "--db",
                              kb.url).stdout)
    assert any(r["fulfilled_by"] for r in everything)
    assert outstanding and not any(r["fulfilled_by"] for r in outstanding)
    assert len(outstanding) == sum(not r["fulfilled_by"] for r in everything)
    rows = list(csv.reader(io.StringIO(_run("planned", "--format", "csv", "--db",
                                            kb.url).stdout)))
    assert rows[0] == PLANNED_CSV
    assert {r[10] for r in rows[1:]} == {"yes", "no"}
    table = _flat(_run("planned", "--outstanding", "--db", kb.url).stdout)
    assert "not yet" in table and "2024-09" in table and "AGO-PRT" not in table
    table = _flat(_run("planned", "--country", "AO", "--db", kb.url).stdout)
    assert "AGO-PRT" in table and "(2024-02-19)" in table


# --- stores that are not there, or empty ----------------------------------------------


@pytest.mark.parametrize("command", ["events", "dyads", "people", "facts", "planned"])
def test_missing_sqlite_store_is_a_friendly_error(tmp_path: Path, command: str) -> None:
    missing = tmp_path / "nothing-here.db"
    result = _run(command, "--db", str(missing))
    assert result.exit_code == 2
    assert "No knowledge base at" in _flat(result.stderr) and "bilat ingest" in result.stderr
    assert "Traceback" not in result.output
    assert not missing.exists()  # a query never creates a store


@pytest.mark.parametrize("command", ["events", "dyads", "people", "facts", "planned"])
def test_empty_store_is_a_friendly_message(store_url: str, command: str) -> None:
    open_store(store_url).close()
    for fmt in ("table", "jsonl"):
        result = _run(command, "--format", fmt, "--db", store_url)
        assert result.exit_code == 0, result.output
        assert "is empty" in _flat(result.stderr) and result.stdout == ""


def test_a_fresh_store_reads_after_ingest(store_url: str, extractor: Extractor) -> None:
    store = open_store(store_url)
    try:
        with store.session() as s:
            assert is_empty(s)
        ingest(store, read_documents([NEWS / "s06_est_rus_expel.txt"]), extractor)
        with store.session() as s:
            assert not is_empty(s)
            assert {e.type for e in iter_events(s, EventFilter(country="RUS"))} >= {
                "SANCTION", "ACCUSE"}
    finally:
        store.close()


def test_listing_uses_the_indexes(kb: KB) -> None:
    """On SQLite, the listings the CLI runs are served by the indexes: no full
    scan of events and no sort for the unfiltered, type and date listings."""
    if not kb.url.startswith("sqlite"):
        pytest.skip("query plans are checked on SQLite")
    from bilat.store.query import _event_select, _newest_first

    store = open_existing_store(kb.url)
    try:
        with store.session() as s:
            for f, index in [
                (EventFilter(), "ix_events_date"),
                (EventFilter(type="SANCTION"), "ix_events_type_date"),
                (EventFilter(since="2023-01", until="2023-06"), "ix_events_date"),
                (EventFilter(country="AZE"), "ix_event_countries_iso3"),
            ]:
                stmt = _newest_first(_event_select(f), bool(f.since or f.until))[0].limit(51)
                sql = str(stmt.compile(store.engine, compile_kwargs={"literal_binds": True}))
                plan = " | ".join(r[3] for r in s.execute(text("EXPLAIN QUERY PLAN " + sql)))
                assert index in plan, plan
                assert "SCAN events" not in plan, plan
                if not f.country:
                    assert "TEMP B-TREE" not in plan, plan
    finally:
        store.close()
