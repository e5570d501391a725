"""Knowledge-base benchmark: ingest rate and query latency on a synthetic store.

Run with ``.venv/bin/python bench/bench_store.py [--events N] [--db PATH] [--keep]
[--queries K] [--json]``. Nothing is downloaded. Steps, on one SQLite file:

1. ``open_store`` creates the schema through the Alembic migrations.
2. **Writer, empty store**: ``--writer-docs`` synthetic documents (records built
   directly, no extraction) through ``DocumentWriter.write``, one transaction per
   document, as ``bilat ingest`` writes them: the ingest rate excluding extraction.
3. **Extract + write, empty store**: ``--extract-docs`` real documents (cycling
   through ``../shared/eval/dev/docs`` if present and ``samples/news``, each copy
   with its own id) through ``bilat.store.ingest.ingest`` (hash check, extraction,
   writer); extraction alone is timed on the same documents too.
4. **Bulk load** of synthetic documents with ``sqlite3`` ``executemany`` into the
   same, migrated schema until the store holds ``--events`` events: documents,
   events, event_countries, mentions, people, person_names, person_titles,
   mention_participants and facts, ids and foreign keys consistent (checked with
   ``PRAGMA foreign_key_check``). The schema's own secondary indexes are dropped
   before and re-created (from their stored SQL) after the load.
5. **Queries**, each ``--queries`` times with random parameters drawn from the
   data's own distribution, on the product's engine and connection settings:
   dyad timeline (newest 100 events of a country pair and their count), event
   filter (country + type + date range, newest 50), dyad + topic (newest 50),
   and for comparison the bilateral-only timeline through ``countries_key``.
   Each is also timed on the hottest parameters (the two most frequent
   countries). ``EXPLAIN QUERY PLAN`` of every query is printed. The queries are
   those of ``bilat.store.query`` when that module offers them, else the SQL
   written here with SQLAlchemy Core (the output says which).
6. **Writer and extract + write on the full store** (``--scale-docs`` each).

The synthetic data: about 200 real countries (ISO3) with Zipf-distributed
news weight (so the dyads are skewed: the top pair holds ~3% of all events),
PLOVER types, CONSULT modes and statuses in realistic proportions, TIMEX dates
2000-2025 (mostly days, some months, years, ``XXXX-MM-DD`` and none), 0-3
participants from per-country pools of people, 0-3 topics, 2-6 countries, 3-5
events per document, ~15% of events reported by two or three documents, a fact
in one document of ten; document order is random in time (the pessimistic case
for locality).

Goal (from the issue): p95 < 100 ms on 1,000,000 events for the dyad timeline and
the event filter. It lives here, never in a timed test.
"""

from __future__ import annotations

import argparse
import bisect
import dataclasses
import importlib
import json
import math
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from datetime import date as Date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Select, and_, event, func, select
from sqlalchemy.engine import Engine

from bilat import Document, Event, Evidence, Fact, Participant, Record
from bilat.extract.people import surname as surname_key
from bilat.gazetteer import load_gazetteer
from bilat.record import CONSULT_MODES, EVENT_TYPES, FACT_KINDS, TOPICS
from bilat.store import Store, open_store
from bilat.store.merge import countries_key, date_sort
from bilat.store.models import Base, EventCountryRow, EventRow
from bilat.store.writer import DocumentWriter, content_hash
from corpus import base_documents, proc_status_mb

GOAL_P95_MS = 100.0
GOAL_EVENTS = 1_000_000
BULK_CHUNK_DOCS = 5_000
BULK_CACHE_MB = 256
TIMELINE_LIMIT = 100
FILTER_LIMIT = 50
HOT_RUNS = 10

# -- the synthetic world -------------------------------------------------------------
#: the most newsworthy countries first; the rest of the gazetteer follows in order
TOP_COUNTRIES = (
    "USA", "CHN", "RUS", "GBR", "FRA", "DEU", "IND", "JPN", "UKR", "TUR", "IRN", "ISR",
    "SAU", "PAK", "KOR", "BRA", "CAN", "AUS", "ITA", "EGY", "ARE", "QAT", "AZE", "KAZ",
    "UZB", "POL", "ESP", "IDN", "VNM", "PHL", "MEX", "ARG", "ZAF", "NGA", "KEN", "ETH",
    "PRK", "SYR", "IRQ", "AFG", "BLR", "GEO", "ARM", "HUN", "NLD", "BEL", "SWE", "NOR",
    "FIN", "GRC", "SRB", "MYS", "THA", "SGP", "BGD", "LKA", "NPL", "MNG", "KGZ", "TJK",
)
N_COUNTRIES = 200
ZIPF_S = 1.0
TYPE_WEIGHTS = {
    "CONSULT": 40, "COOPERATE": 12, "AGREE": 10, "SUPPORT": 6, "AID": 5, "ACCUSE": 5,
    "REQUEST": 4, "PROTEST": 3, "SANCTION": 3, "REJECT": 3, "THREATEN": 2, "MOBILIZE": 2,
    "COERCE": 2, "ASSAULT": 1.5, "CONCEDE": 1, "RETREAT": 0.5,
}
MODE_WEIGHTS = {"meeting": 40, "visit": 25, "phone": 20, "video": 8, "multilateral": 7}
TOPIC_WEIGHTS = {
    "politics": 30, "trade": 15, "security": 12, "defense": 8, "energy": 7, "investment": 6,
    "multilateral": 6, "transport": 4, "health": 3, "technology": 3, "environment": 2,
    "education": 2, "culture": 2, "agriculture": 2,
}
N_TOPICS_WEIGHTS = (15, 45, 30, 10)  # 0, 1, 2, 3 topics
N_PARTICIPANTS_WEIGHTS = (40, 30, 22, 8)  # 0, 1, 2, 3 participants
N_COUNTRIES_WEIGHTS = {2: 80, 3: 12, 4: 5, 5: 2, 6: 1}
N_EVENTS_WEIGHTS = {3: 35, 4: 40, 5: 25}  # events per document
N_SOURCES_WEIGHTS = {1: 85, 2: 12, 3: 3}  # documents reporting one event
PLANNED_SHARE = 0.15
RE_REPORT_SHARE = 0.15
FACT_SHARE = 0.10
LOCATION_SHARE = 0.5
FIRST_YEAR, LAST_YEAR = 2000, 2025
VERBS = {
    "CONSULT": "held talks with", "COOPERATE": "agreed to work with",
    "AGREE": "signed an agreement with", "SUPPORT": "voiced support for",
    "AID": "sent aid to", "ACCUSE": "accused", "REQUEST": "asked",
    "PROTEST": "protested to", "SANCTION": "imposed sanctions on", "REJECT": "rejected a "
    "proposal by", "THREATEN": "threatened", "MOBILIZE": "moved troops towards",
    "COERCE": "expelled diplomats of", "ASSAULT": "struck targets in",
    "CONCEDE": "made concessions to", "RETREAT": "withdrew forces from",
}
TITLES = ("President", "Prime Minister", "Foreign Minister", "Minister of Trade",
          "Defence Minister", "Ambassador", "Deputy Foreign Minister", "Minister of Energy")
FIRST_NAMES = (
    "Anna", "Boris", "Carlos", "Dilnoza", "Elena", "Farid", "Grace", "Hiroshi", "Ines",
    "Jamal", "Kateryna", "Luis", "Maria", "Nikolai", "Olga", "Pedro", "Qiang", "Rashid",
    "Sofia", "Tomas", "Umar", "Vera", "Wei", "Xenia", "Yusuf", "Zara", "Ahmed", "Bao",
    "Chen", "David", "Emeka", "Fatima", "Gustavo", "Hana", "Ivan", "Jorge", "Kenji",
    "Leila", "Mehmet", "Nadia",
)
SYLLABLES = ("ka", "lo", "mir", "an", "sen", "tu", "vo", "ri", "del", "mar", "bek", "ov",
             "ez", "son", "ton", "ha", "ji", "nu", "pra", "sto", "gul", "zar", "wen", "dri",
             "cas", "yam", "oli", "bur", "fen", "qua")
OUTLETS = tuple(f"Outlet {i}" for i in range(30))
assert set(TYPE_WEIGHTS) == set(EVENT_TYPES) == set(VERBS)
assert set(MODE_WEIGHTS) == set(CONSULT_MODES)
assert set(TOPIC_WEIGHTS) == set(TOPICS)


def _cumulative(weights: Sequence[float]) -> list[float]:
    out: list[float] = []
    total = 0.0
    for w in weights:
        total += w
        out.append(total)
    return out


class Picker:
    """Weighted choice by bisection on cumulative weights (fast, no allocation)."""

    def __init__(self, items: Sequence[Any], weights: Sequence[float]) -> None:
        self.items = list(items)
        self.cum = _cumulative(weights)
        self.total = self.cum[-1]

    def __call__(self, rng: random.Random) -> Any:
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.total)]


@dataclasses.dataclass(slots=True)
class Pending:
    """An event to be reported again by a later document."""

    key: int
    event: Event
    sources: int


@dataclasses.dataclass(slots=True)
class SynthDoc:
    document: Document
    record: Record
    keys: list[int]  # generator-local number of each event
    first: list[bool]  # True where the event is reported for the first time
    sources: list[int]  # documents reporting each event in all


class World:
    """Countries, their weights, names, capitals and people pools."""

    def __init__(self, seed: int) -> None:
        gaz = load_gazetteer()
        rest = [c for c in gaz.countries if c not in TOP_COUNTRIES]
        codes = [c for c in TOP_COUNTRIES if c in gaz.countries] + rest
        self.codes = codes[:N_COUNTRIES]
        weights = [1.0 / (rank + 1) ** ZIPF_S for rank in range(len(self.codes))]
        self.country = Picker(self.codes, weights)
        total = sum(weights)
        self.share = {c: w / total for c, w in zip(self.codes, weights, strict=True)}
        self.names = {c: gaz.countries[c].name for c in self.codes}
        self.capitals = {c: gaz.countries[c].capitals[0] if gaz.countries[c].capitals else None
                         for c in self.codes}
        rng = random.Random(seed * 7919 + 1)
        self.people: dict[str, list[tuple[str, str]]] = {}
        self.person_pick: dict[str, Picker] = {}
        for c in self.codes:
            size = 10 + int(2000 * self.share[c])
            seen: set[str] = set()
            pool: list[tuple[str, str]] = []
            while len(pool) < size:
                surname = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
                name = f"{rng.choice(FIRST_NAMES)} {surname.capitalize()}"
                if name in seen:
                    continue
                seen.add(name)
                pool.append((name, TITLES[len(pool) % len(TITLES)]))
            self.people[c] = pool
            self.person_pick[c] = Picker(range(size), [1.0 / (i + 1) ** 1.1 for i in range(size)])

    def pair(self, rng: random.Random) -> tuple[str, str]:
        a: str = self.country(rng)
        b: str = self.country(rng)
        while b == a:
            b = self.country(rng)
        return (a, b) if a < b else (b, a)


class Synth:
    """Synthetic documents with their records, reproducible from a seed."""

    def __init__(self, world: World, seed: int) -> None:
        self.world = world
        self.rng = random.Random(seed)
        self.type = Picker(list(TYPE_WEIGHTS), list(TYPE_WEIGHTS.values()))
        self.mode = Picker(list(MODE_WEIGHTS), list(MODE_WEIGHTS.values()))
        self.topic = Picker(list(TOPIC_WEIGHTS), list(TOPIC_WEIGHTS.values()))
        self.n_topics = Picker(range(4), N_TOPICS_WEIGHTS)
        self.n_people = Picker(range(4), N_PARTICIPANTS_WEIGHTS)
        self.n_countries = Picker(list(N_COUNTRIES_WEIGHTS), list(N_COUNTRIES_WEIGHTS.values()))
        self.n_events = Picker(list(N_EVENTS_WEIGHTS), list(N_EVENTS_WEIGHTS.values()))
        self.n_sources = Picker(list(N_SOURCES_WEIGHTS), list(N_SOURCES_WEIGHTS.values()))
        years = range(FIRST_YEAR, LAST_YEAR + 1)
        self.year = Picker(list(years), [1 + 0.15 * (y - FIRST_YEAR) for y in years])
        self.pending: deque[Pending] = deque()
        self.next_key = 0

    # -- pieces ----------------------------------------------------------------
    def doc_day(self) -> Date:
        year: int = self.year(self.rng)
        return Date.fromordinal(Date(year, 1, 1).toordinal() + self.rng.randrange(365))

    def timex(self, day: Date) -> str | None:
        r = self.rng.random()
        if r < 0.82:
            return day.isoformat()
        if r < 0.92:
            return day.isoformat()[:7]
        if r < 0.96:
            return day.isoformat()[:4]
        if r < 0.99:
            return None
        return "XXXX" + day.isoformat()[4:]

    def countries(self) -> list[str]:
        n: int = self.n_countries(self.rng)
        a, b = self.world.pair(self.rng)
        chosen = {a, b}
        while len(chosen) < n:
            chosen.add(self.world.country(self.rng))
        return sorted(chosen)

    def new_event(self, day: Date) -> Event:
        rng = self.rng
        etype: str = self.type(rng)
        status = "planned" if rng.random() < PLANNED_SHARE else "occurred"
        when = Date.fromordinal(
            day.toordinal() + (rng.randint(1, 120) if status == "planned" else -rng.randint(0, 10))
        )
        countries = self.countries()
        people: list[Participant] = []
        for _ in range(self.n_people(rng)):
            c = rng.choice(countries)
            name, title = self.world.people[c][self.world.person_pick[c](rng)]
            if all(p.name != name for p in people):
                people.append(Participant(name=name, title=title, country=c))
        topics = sorted({self.topic(rng) for _ in range(self.n_topics(rng))})
        location = None
        if rng.random() < LOCATION_SHARE:
            location = self.world.capitals[rng.choice(countries)]
        return Event(
            type=etype,
            countries=countries,
            evidence=Evidence(0, 0, ""),
            mode=self.mode(rng) if etype == "CONSULT" else None,
            status=status,
            date=self.timex(when),
            location=location,
            participants=people,
            topics=topics,
            trigger=VERBS[etype].split()[0],
        )

    def sentence(self, ev: Event) -> str:
        names = self.world.names
        subject = ev.participants[0].name if ev.participants else names[ev.countries[0]]
        objects = " and ".join(names[c] for c in ev.countries[1:])
        tail = f" in {ev.location}" if ev.location else ""
        about = f" on {', '.join(ev.topics)}" if ev.topics else ""
        when = f" ({ev.date})" if ev.date else ""
        plan = " will" if ev.status == "planned" else ""
        return f"{subject}{plan} {VERBS[ev.type]} {objects}{tail}{about}{when}."

    # -- documents -------------------------------------------------------------
    def document(self, doc_id: str, allow_new: bool = True) -> SynthDoc:
        rng = self.rng
        day = self.doc_day()
        n: int = self.n_events(rng)
        events: list[Event] = []
        keys: list[int] = []
        first: list[bool] = []
        sources: list[int] = []
        deferred: list[Pending] = []
        for _ in range(n):
            ticket: Pending | None = None
            if self.pending and (not allow_new or rng.random() < RE_REPORT_SHARE):
                ticket = self.pending.popleft()
                if ticket.key in keys:
                    deferred.append(ticket)
                    ticket = None
            if ticket is not None:
                ev = dataclasses.replace(ticket.event, participants=list(ticket.event.participants))
                events.append(ev)
                keys.append(ticket.key)
                first.append(False)
                sources.append(ticket.sources)
                continue
            if not allow_new:
                continue
            ev = self.new_event(day)
            k = self.next_key
            self.next_key += 1
            s: int = self.n_sources(rng)
            events.append(ev)
            keys.append(k)
            first.append(True)
            sources.append(s)
            for _ in range(s - 1):
                deferred.append(Pending(k, ev, s))
        self.pending.extend(deferred)
        if not events:
            empty = Document(id=doc_id, text="", source="synthetic")
            return SynthDoc(empty, Record(doc=doc_id, published=None), [], [], [])
        names = self.world.names
        title = f"{names[events[0].countries[0]]} and {names[events[0].countries[1]]}"
        parts = [title, ""]
        pos = len(title) + 2
        for ev in events:
            text = self.sentence(ev)
            ev.evidence = Evidence(pos, pos + len(text), text)
            parts.append(text + " ")
            pos += len(text) + 1
        facts: list[Fact] = []
        if rng.random() < FACT_SHARE:
            kind = rng.choice(FACT_KINDS)
            a, b = self.world.pair(rng)
            value = float(rng.randint(1, 900)) * 1e6
            text = f"{names[a]} and {names[b]}: {kind} of USD {value:,.0f} in {day.year}."
            facts.append(Fact(kind, [a, b], value, "USD", Evidence(pos, pos + len(text), text),
                              period=str(day.year)))
            parts.append(text + " ")
        body = "".join(parts)
        published = day.isoformat()
        url = f"https://news.example/{doc_id}"
        document = Document(id=doc_id, text=body, source="synthetic", title=title,
                            published=published, url=url,
                            meta={"outlet": OUTLETS[rng.randrange(len(OUTLETS))]})
        record = Record(doc=doc_id, published=published, events=events, facts=facts,
                        title=title, source="synthetic", url=url)
        return SynthDoc(document, record, keys, first, sources)

    def take(self, prefix: str, n_docs: int) -> Iterator[SynthDoc]:
        """``n_docs`` documents (re-reports still pending at the end are dropped)."""
        for i in range(n_docs):
            yield self.document(f"{prefix}-{i:07d}")

    def until(self, prefix: str, n_events: int) -> Iterator[SynthDoc]:
        """Documents until ``n_events`` distinct events exist, every re-report included."""
        i = 0
        while self.next_key < n_events:
            doc = self.document(f"{prefix}-{i:07d}")
            i += 1
            # the last document may overshoot: drop its extra new events
            if self.next_key > n_events:
                doc = self._trim(doc, n_events)
            yield doc
        while self.pending:
            doc = self.document(f"{prefix}-{i:07d}", allow_new=False)
            i += 1
            if doc.record.events:
                yield doc

    def _trim(self, doc: SynthDoc, n_events: int) -> SynthDoc:
        keep = [i for i, k in enumerate(doc.keys) if k < n_events]
        self.pending = deque(p for p in self.pending if p.key < n_events)
        self.next_key = n_events
        doc.record.events = [doc.record.events[i] for i in keep]
        doc.keys = [doc.keys[i] for i in keep]
        doc.first = [doc.first[i] for i in keep]
        doc.sources = [doc.sources[i] for i in keep]
        return doc


# -- measuring -------------------------------------------------------------------------
T0 = time.perf_counter()


def progress(message: str) -> None:
    print(f"[{time.perf_counter() - T0:7.1f}s] {message}", file=sys.stderr, flush=True)


def peak_rss_mb() -> float | None:
    return proc_status_mb("VmHWM")


def pct(values: Sequence[float], q: float) -> float:
    """The ``q`` quantile (0..1) of ``values``, nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def file_mb(path: Path) -> float:
    total = 0
    for suffix in ("", "-wal", "-shm"):
        p = Path(str(path) + suffix)
        if p.exists():
            total += p.stat().st_size
    return total / (1024 * 1024)


# -- ingest through the product --------------------------------------------------------
def write_docs(store: Store, docs: Sequence[SynthDoc], budget_s: float) -> dict[str, Any]:
    """Write ``docs`` with the product's writer, one transaction each."""
    writer = DocumentWriter(store)
    events = 0
    done = 0
    t0 = time.perf_counter()
    last = t0
    for sd in docs:
        result = writer.write(sd.document, sd.record)
        events += result.events
        done += 1
        now = time.perf_counter()
        if now - last > 10:
            last = now
            progress(f"writer: {done}/{len(docs)} documents ({done / (now - t0):.1f}/s)")
        if now - t0 > budget_s:
            progress(f"writer: time budget {budget_s:.0f}s reached after {done} documents")
            break
    wall = time.perf_counter() - t0
    return {"docs": done, "events": events, "wall_s": wall, "docs_per_s": done / wall}


def real_corpus(base: Sequence[Document], n: int, tag: str) -> list[Document]:
    return [dataclasses.replace(base[i % len(base)], id=f"{base[i % len(base)].id}#{tag}{i}")
            for i in range(n)]


def extract_and_write(store: Store, extractor: Any, docs: Sequence[Document],
                      budget_s: float) -> dict[str, Any]:
    """``bilat.store.ingest.ingest`` on ``docs``: hash check, extraction, writer. No
    document is handed over once ``budget_s`` has passed (a batch in hand is finished)."""
    from bilat.store.ingest import ingest

    t0 = time.perf_counter()
    last = [t0]
    done = [0]

    def feed() -> Iterator[Document]:
        for doc in docs:
            if time.perf_counter() - t0 > budget_s:
                progress(f"ingest: time budget {budget_s:.0f}s reached")
                return
            yield doc

    def on_item(_outcome: object) -> None:
        done[0] += 1
        now = time.perf_counter()
        if now - last[0] > 10:
            last[0] = now
            progress(f"ingest: {done[0]}/{len(docs)} documents ({done[0] / (now - t0):.1f}/s)")

    report = ingest(store, feed(), extractor, on_item)
    wall = time.perf_counter() - t0
    if report.failed:
        progress(f"ingest: {report.failed} failed: {report.errors[:3]}")
    n = report.added + report.replaced + report.unchanged + report.failed
    return {"docs": n, "events": report.events, "added": report.added,
            "failed": report.failed, "wall_s": wall, "docs_per_s": n / wall}


def extract_only(extractor: Any, docs: Sequence[Document]) -> dict[str, Any]:
    t0 = time.perf_counter()
    events = sum(len(r.events) for r in extractor.extract(docs))
    wall = time.perf_counter() - t0
    return {"docs": len(docs), "events": events, "wall_s": wall, "docs_per_s": len(docs) / wall}


# -- bulk load -------------------------------------------------------------------------
BULK_TABLES = ("documents", "events", "event_countries", "event_dyads", "mentions", "people",
               "person_names", "person_titles", "mention_participants", "facts")

INSERTS = {
    "documents": "INSERT INTO documents (id, doc_key, source, url, content_hash, text, title,"
                 " published, outlet, n_mentions, n_facts) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
    "events": "INSERT INTO events (id, type, mode, status, date, date_sort, location,"
              " countries_key, topics, n_sources, fulfilled_by_id)"
              " VALUES (?,?,?,?,?,?,?,?,?,?,NULL)",
    "event_countries": "INSERT INTO event_countries (event_id, iso3) VALUES (?,?)",
    "event_dyads": "INSERT INTO event_dyads (event_id, a, b, date_sort, type, status)"
                   " VALUES (?,?,?,?,?,?)",
    "mentions": "INSERT INTO mentions (id, document_id, event_id, type, mode, status, date,"
                " location, countries_key, topics, evidence_start, evidence_end,"
                " evidence_text, trigger) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "people": "INSERT INTO people (id, name, country, surname_key) VALUES (?,?,?,?)",
    "person_names": "INSERT INTO person_names (person_id, name) VALUES (?,?)",
    "person_titles": "INSERT INTO person_titles (person_id, title, seen, document_id)"
                     " VALUES (?,?,NULL,NULL)",
    "mention_participants": "INSERT INTO mention_participants (id, mention_id, person_id, name,"
                            " title, country) VALUES (?,?,?,?,?,?)",
    "facts": "INSERT INTO facts (document_id, kind, country_a, country_b, value, unit, period,"
             " evidence_start, evidence_end, evidence_text) VALUES (?,?,?,?,?,?,?,?,?,?)",
}


def _max_id(con: sqlite3.Connection, table: str) -> int:
    row = con.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()
    return int(row[0])


def _count(con: sqlite3.Connection, table: str) -> int:
    return int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def link_planned(con: sqlite3.Connection, first_id: int) -> int:
    """Link the bulk-loaded planned events to the occurred event that fulfils them,
    as ``EventMerger.link_planned`` would have: same type and countries, compatible
    modes, the earliest occurred event dated within the planned period. Plans with
    no date or an unknown year stay open. A temporary index makes it fast."""
    con.execute("CREATE INDEX bench_tmp_link ON events (countries_key, type, status, date_sort)")
    try:
        con.execute(
            "UPDATE events SET fulfilled_by_id = ("
            " SELECT o.id FROM events AS o INDEXED BY bench_tmp_link"
            " WHERE o.countries_key = events.countries_key AND o.type = events.type"
            " AND o.status = 'occurred' AND o.date_sort >= events.date_sort"
            " AND o.date_sort < events.date_sort || '~'"
            " AND (events.mode IS NULL OR o.mode IS NULL OR o.mode = events.mode)"
            " ORDER BY o.date_sort, o.id LIMIT 1)"
            " WHERE id >= ? AND status = 'planned' AND date_sort >= '0001'", (first_id,))
        linked = int(con.execute(
            "SELECT count(*) FROM events WHERE id >= ? AND fulfilled_by_id IS NOT NULL",
            (first_id,)).fetchone()[0])
    finally:
        con.execute("DROP INDEX bench_tmp_link")
    return linked


def bulk_load(path: Path, world: World, seed: int, n_events: int, check: bool,
              analyze: bool) -> dict[str, Any]:
    """Fill the store up to ``n_events`` events with executemany inserts."""
    con = sqlite3.connect(path, isolation_level=None)
    try:
        return _bulk_load(con, world, seed, n_events, check, analyze)
    finally:
        con.close()


def _bulk_load(con: sqlite3.Connection, world: World, seed: int, n_events: int,
               check: bool, analyze: bool) -> dict[str, Any]:
    t_start = time.perf_counter()
    con.execute("PRAGMA journal_mode=DELETE")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA foreign_keys=OFF")
    con.execute(f"PRAGMA cache_size=-{BULK_CACHE_MB * 1024}")
    con.execute("PRAGMA temp_store=MEMORY")
    existing = _count(con, "events")
    unfilled = [
        name for (name,) in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name")
        if name not in BULK_TABLES and name != "alembic_version"
    ]
    if unfilled:
        progress(f"bulk: WARNING: the schema has tables this benchmark does not fill: "
                 f"{', '.join(unfilled)}; queries reading them see only the writer's rows")
    to_add = max(0, n_events - existing)
    # the schema's secondary indexes, dropped now and re-created from their own SQL
    placeholders = ",".join("?" for _ in BULK_TABLES)
    indexes = con.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL"
        f" AND tbl_name IN ({placeholders}) ORDER BY name", BULK_TABLES).fetchall()
    con.execute("BEGIN")
    for name, _sql in indexes:
        con.execute(f'DROP INDEX "{name}"')
    con.execute("COMMIT")

    doc_id = _max_id(con, "documents")
    event_base = _max_id(con, "events") + 1
    mention_id = _max_id(con, "mentions")
    mp_id = _max_id(con, "mention_participants")
    person_id = _max_id(con, "people")
    # people the writer already stored, by every spelling seen
    known: dict[tuple[str, str | None], int] = {}
    for pid, name, country in con.execute(
        "SELECT n.person_id, n.name, p.country FROM person_names n"
        " JOIN people p ON p.id = n.person_id"):
        known[(name, country)] = int(pid)
    people_rows: list[tuple[Any, ...]] = []
    name_rows: list[tuple[Any, ...]] = []
    title_rows: list[tuple[Any, ...]] = []
    for c, pool in world.people.items():
        for name, title in pool:
            if (name, c) in known:
                continue
            person_id += 1
            known[(name, c)] = person_id
            people_rows.append((person_id, name, c, surname_key(name)))
            name_rows.append((person_id, name))
            title_rows.append((person_id, title))
    con.execute("BEGIN")
    con.executemany(INSERTS["people"], people_rows)
    con.executemany(INSERTS["person_names"], name_rows)
    con.executemany(INSERTS["person_titles"], title_rows)
    con.execute("COMMIT")

    synth = Synth(world, seed)
    rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in INSERTS}
    counts = dict.fromkeys(INSERTS, 0)
    counts["people"] = len(people_rows)
    counts["person_names"] = len(name_rows)
    counts["person_titles"] = len(title_rows)
    t_insert = 0.0
    t_gen0 = time.perf_counter()
    last_report = t_gen0

    def flush() -> float:
        t0 = time.perf_counter()
        con.execute("BEGIN")
        for table, batch in rows.items():
            if batch:
                con.executemany(INSERTS[table], batch)
                counts[table] += len(batch)
                batch.clear()
        con.execute("COMMIT")
        return time.perf_counter() - t0

    n_docs = 0
    for sd in synth.until("synth-bulk", to_add):
        doc, rec = sd.document, sd.record
        doc_id += 1
        n_docs += 1
        rows["documents"].append((
            doc_id, doc.id, doc.source, rec.url, content_hash(doc), doc.text, rec.title,
            rec.published, doc.meta.get("outlet"), len(rec.events), len(rec.facts)))
        for ev, key, first, sources in zip(rec.events, sd.keys, sd.first, sd.sources,
                                           strict=True):
            eid = event_base + key
            ckey = countries_key(ev.countries)
            topics = ",".join(ev.topics)
            if first:
                rows["events"].append((eid, ev.type, ev.mode, ev.status, ev.date,
                                       date_sort(ev.date), ev.location, ckey, topics, sources))
                rows["event_countries"].extend((eid, c) for c in ev.countries)
                unique = sorted(set(ev.countries))
                rows["event_dyads"].extend(
                    (eid, x, y, date_sort(ev.date), ev.type, ev.status)
                    for i, x in enumerate(unique) for y in unique[i + 1 :]
                )
            mention_id += 1
            rows["mentions"].append((
                mention_id, doc_id, eid, ev.type, ev.mode, ev.status, ev.date, ev.location,
                ckey, topics, ev.evidence.start, ev.evidence.end, ev.evidence.text,
                ev.trigger))
            for p in ev.participants:
                mp_id += 1
                rows["mention_participants"].append(
                    (mp_id, mention_id, known[(p.name, p.country)], p.name, p.title, p.country))
        for fact in rec.facts:
            ab = list(fact.countries)
            if fact.kind not in ("exports", "supply", "aid"):
                ab = sorted(ab)
            rows["facts"].append((doc_id, fact.kind, ab[0], ab[1], fact.value, fact.unit,
                                  fact.period, fact.evidence.start, fact.evidence.end,
                                  fact.evidence.text))
        if n_docs % BULK_CHUNK_DOCS == 0:
            t_insert += flush()
            now = time.perf_counter()
            if now - last_report > 5:
                last_report = now
                done = counts["events"]
                progress(f"bulk: {done:,}/{to_add:,} events, {n_docs:,} documents "
                         f"({done / (now - t_gen0):,.0f} events/s)")
    t_insert += flush()
    t_rows = time.perf_counter() - t_gen0

    t0 = time.perf_counter()
    index_s: dict[str, float] = {}
    for name, sql in indexes:
        t1 = time.perf_counter()
        con.execute(sql)
        index_s[name] = time.perf_counter() - t1
    t_index = time.perf_counter() - t0
    progress(f"bulk: indexes re-created in {t_index:.1f}s")
    t0 = time.perf_counter()
    linked = link_planned(con, event_base)
    t_link = time.perf_counter() - t0
    progress(f"bulk: {linked:,} planned events linked to their fulfilment ({t_link:.1f}s)")
    if analyze:
        t0 = time.perf_counter()
        con.execute("ANALYZE")
        t_analyze = time.perf_counter() - t0
        progress(f"bulk: ANALYZE ({t_analyze:.1f}s)")
    con.execute("PRAGMA journal_mode=WAL")  # the product's mode (persistent in the file)

    fk_problems: int | None = None
    t_check = 0.0
    if check:
        t0 = time.perf_counter()
        fk_problems = len(con.execute("PRAGMA foreign_key_check").fetchall())
        t_check = time.perf_counter() - t0
        progress(f"bulk: foreign_key_check: {fk_problems} problems ({t_check:.1f}s)")
    return {
        "events_before": existing,
        "unfilled_tables": unfilled,
        "events_added": counts["events"],
        "docs": n_docs,
        "rows": counts,
        "rows_total": sum(counts.values()),
        "rows_s": t_rows,
        "insert_s": t_insert,
        "generate_s": t_rows - t_insert,
        "index_s": t_index,
        "index_each_s": index_s,
        "wall_s": time.perf_counter() - t_start,
        "fk_check_s": t_check,
        "planned_linked": linked,
        "link_s": t_link,
        "analyze_s": t_analyze if analyze else None,
        "fk_problems": fk_problems,
    }


# -- queries ---------------------------------------------------------------------------
EV = EventRow.__table__
EC = EventCountryRow.__table__
EVENT_COLS = (EV.c.id, EV.c.type, EV.c.mode, EV.c.status, EV.c.date, EV.c.location,
              EV.c.countries_key, EV.c.topics, EV.c.n_sources)


def _pair_events(a: str, b: str) -> tuple[Any, Any]:
    """``events`` joined to ``event_countries`` twice, and the condition on the pair."""
    ca, cb = EC.alias("ca"), EC.alias("cb")
    joined = EV.join(ca, ca.c.event_id == EV.c.id).join(cb, cb.c.event_id == EV.c.id)
    return joined, and_(ca.c.iso3 == a, cb.c.iso3 == b)


def q_timeline(a: str, b: str) -> list[Select[Any]]:
    """Events naming both countries (multilateral ones too), newest first, and their count."""
    joined, where = _pair_events(a, b)
    page = (select(*EVENT_COLS).select_from(joined).where(where)
            .order_by(EV.c.date_sort.desc(), EV.c.id.desc()).limit(TIMELINE_LIMIT))
    ca, cb = EC.alias("ca"), EC.alias("cb")
    count = (select(func.count()).select_from(ca.join(cb, cb.c.event_id == ca.c.event_id))
             .where(ca.c.iso3 == a, cb.c.iso3 == b))
    return [page, count]


def q_timeline_key(a: str, b: str) -> list[Select[Any]]:
    """Bilateral events of the pair only, through ``countries_key``, and their count."""
    key = countries_key([a, b])
    page = (select(*EVENT_COLS).where(EV.c.countries_key == key)
            .order_by(EV.c.date_sort.desc(), EV.c.id.desc()).limit(TIMELINE_LIMIT))
    count = select(func.count()).select_from(EV).where(EV.c.countries_key == key)
    return [page, count]


def q_filter(country: str, etype: str, since: str, until: str) -> list[Select[Any]]:
    """Events of one country and type dated in the years ``since``..``until``, newest 50."""
    page = (select(*EVENT_COLS).join(EC, EC.c.event_id == EV.c.id)
            .where(EC.c.iso3 == country, EV.c.type == etype,
                   EV.c.date_sort >= since, EV.c.date_sort < str(int(until) + 1))
            .order_by(EV.c.date_sort.desc(), EV.c.id.desc()).limit(FILTER_LIMIT))
    return [page]


def q_topic(a: str, b: str, topic: str) -> list[Select[Any]]:
    """Events naming both countries with one topic, newest 50."""
    joined, where = _pair_events(a, b)
    page = (select(*EVENT_COLS).select_from(joined)
            .where(where, EV.c.topics.like(f"%{topic}%"))
            .order_by(EV.c.date_sort.desc(), EV.c.id.desc()).limit(FILTER_LIMIT))
    return [page]


Params = dict[str, str]
Runner = Callable[[Connection, Params], int]
CORE = "bench SQL (SQLAlchemy Core)"


@dataclasses.dataclass
class QueryKind:
    name: str
    label: str
    goal: bool  # counts for the goal line
    run: Runner
    params: Callable[[random.Random], Params]
    hot: Params
    source: str  # the product function, or CORE


def _core_runner(build: Callable[..., list[Select[Any]]]) -> Runner:
    def run(conn: Connection, params: Params) -> int:
        n = 0
        for stmt in build(**params):
            n += len(conn.execute(stmt).all())
        return n
    return run


def product_queries() -> Any | None:
    """``bilat.store.query`` when it offers what is timed here, else None."""
    try:
        mod = importlib.import_module("bilat.store.query")
    except ImportError:
        return None
    try:
        event_fields = {f.name for f in dataclasses.fields(mod.EventFilter)}
        dyad_fields = {f.name for f in dataclasses.fields(mod.DyadFilter)}
        callable_ = callable(mod.iter_events) and callable(mod.dyads)
    except (AttributeError, TypeError):
        return None
    wanted = {"country", "partner", "type", "since", "until", "topic"}
    if not callable_ or not wanted <= event_fields or not {"country", "partner"} <= dyad_fields:
        return None
    return mod


def _product_runners(mod: Any) -> dict[str, Runner]:
    """The product's own query functions, each in a fresh session as the CLI runs them."""
    from sqlalchemy.orm import Session

    def events(conn: Connection, limit: int, **filters: str) -> int:
        with Session(bind=conn) as session:
            return sum(1 for _ in mod.iter_events(session, mod.EventFilter(**filters),
                                                  limit=limit))

    def timeline(conn: Connection, p: Params) -> int:
        return events(conn, TIMELINE_LIMIT, country=p["a"], partner=p["b"])

    def summary(conn: Connection, p: Params) -> int:
        with Session(bind=conn) as session:
            views = mod.dyads(session, mod.DyadFilter(country=p["a"], partner=p["b"]))
            return sum(int(v.n_events) for v in views)

    def filt(conn: Connection, p: Params) -> int:
        return events(conn, FILTER_LIMIT, country=p["country"], type=p["etype"],
                      since=p["since"], until=p["until"])

    def topic(conn: Connection, p: Params) -> int:
        return events(conn, FILTER_LIMIT, country=p["a"], partner=p["b"], topic=p["topic"])

    return {"timeline": timeline, "summary": summary, "filter": filt, "topic": topic}


def query_kinds(world: World, use_product: bool) -> list[QueryKind]:
    types = Picker(list(TYPE_WEIGHTS), list(TYPE_WEIGHTS.values()))
    topics = Picker(list(TOPIC_WEIGHTS), list(TOPIC_WEIGHTS.values()))
    top_a, top_b = sorted(world.codes[:2])
    hot_pair = {"a": top_a, "b": top_b}

    def pair(rng: random.Random) -> Params:
        a, b = world.pair(rng)
        return {"a": a, "b": b}

    def filt(rng: random.Random) -> Params:
        y = rng.randint(FIRST_YEAR, LAST_YEAR)
        last = min(y + rng.randint(0, 9), LAST_YEAR)
        return {"country": world.country(rng), "etype": types(rng),
                "since": str(y), "until": str(last)}

    def topic(rng: random.Random) -> Params:
        return {**pair(rng), "topic": topics(rng)}

    hot_filter = {"country": world.codes[0], "etype": "CONSULT", "since": str(FIRST_YEAR),
                  "until": str(LAST_YEAR)}
    hot_topic = {**hot_pair, "topic": "politics"}
    reference = QueryKind(
        "timeline_key", "bilateral only, countries_key + count (ref.)", False,
        _core_runner(q_timeline_key), pair, hot_pair, CORE)
    mod = product_queries() if use_product else None
    if mod is None:
        return [
            QueryKind("timeline", "dyad timeline: newest 100 + count", True,
                      _core_runner(q_timeline), pair, hot_pair, CORE),
            QueryKind("filter", "event filter: country+type+years, newest 50", True,
                      _core_runner(q_filter), filt, hot_filter, CORE),
            QueryKind("topic", "dyad + topic, newest 50", True,
                      _core_runner(q_topic), topic, hot_topic, CORE),
            reference,
        ]
    run = _product_runners(mod)
    src = "bilat.store.query."
    return [
        QueryKind("timeline", "dyad timeline: newest 100", True, run["timeline"], pair,
                  hot_pair, src + "iter_events"),
        QueryKind("summary", "dyad summary: count, types, monthly score", True,
                  run["summary"], pair, hot_pair, src + "dyads"),
        QueryKind("filter", "event filter: country+type+years, newest 50", True,
                  run["filter"], filt, hot_filter, src + "iter_events"),
        QueryKind("topic", "dyad + topic, newest 50", True, run["topic"], topic, hot_topic,
                  src + "iter_events"),
        reference,
    ]


def capture_sql(engine: Engine, fn: Callable[[], object]) -> list[tuple[str, Any]]:
    """The statements (and parameters) ``fn`` sends to the database."""
    seen: list[tuple[str, Any]] = []

    def listener(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any,
                 _executemany: bool) -> None:
        seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", listener)
    try:
        fn()
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    return seen


def explain(engine: Engine, kind: QueryKind) -> list[dict[str, Any]]:
    """``EXPLAIN QUERY PLAN`` of each statement of ``kind`` on its hot parameters."""
    with engine.connect() as conn:
        statements = capture_sql(engine, lambda: kind.run(conn, kind.hot))
        plans: list[dict[str, Any]] = []
        for sql, params in statements:
            rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params).all()
            depth: dict[int, int] = {0: 0}
            lines: list[str] = []
            for node, parent, _unused, detail in rows:
                depth[node] = depth.get(parent, 0) + 1
                lines.append("  " * (depth[node] - 1) + str(detail))
            plans.append({"sql": " ".join(sql.split()), "params": list(params),
                          "plan": lines})
    return plans


def time_queries(engine: Engine, kinds: Sequence[QueryKind], k: int,
                 seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    out: dict[str, Any] = {}
    with engine.connect() as conn:
        for kind in kinds:  # warm the connection and the page cache a little, untimed
            for _ in range(3):
                kind.run(conn, kind.params(rng))
        for kind in kinds:
            times: list[float] = []
            rows = 0
            for _ in range(k):
                params = kind.params(rng)
                t0 = time.perf_counter()
                rows += kind.run(conn, params)
                times.append((time.perf_counter() - t0) * 1000)
            hot: list[float] = []
            for _ in range(HOT_RUNS):
                t0 = time.perf_counter()
                kind.run(conn, kind.hot)
                hot.append((time.perf_counter() - t0) * 1000)
            out[kind.name] = {
                "label": kind.label, "source": kind.source, "goal": kind.goal, "runs": k,
                "p50_ms": pct(times, 0.50), "p95_ms": pct(times, 0.95), "max_ms": max(times),
                "mean_ms": statistics.fmean(times), "rows_per_query": rows / k,
                "hot_params": kind.hot, "hot_p50_ms": pct(hot, 0.5),
            }
            progress(f"queries: {kind.name}: p50 {out[kind.name]['p50_ms']:.1f} ms, "
                     f"p95 {out[kind.name]['p95_ms']:.1f} ms")
    return out


# -- main ------------------------------------------------------------------------------
def measure(args: argparse.Namespace, path: Path) -> dict[str, Any]:
    world = World(args.seed)
    progress(f"store: {path}")
    store = open_store(str(path))
    figures: dict[str, Any] = {"events_goal": args.events, "db": str(path),
                               "sqlite": sqlite3.sqlite_version, "seed": args.seed}
    ingest: dict[str, Any] = {}
    extractor: Any = None
    base: list[Document] = []
    try:
        # 1. writer only, empty store
        docs = list(Synth(world, args.seed + 1).take("synth-w", args.writer_docs))
        progress(f"writer: {len(docs)} synthetic documents, empty store")
        ingest["writer_empty"] = write_docs(store, docs, args.budget)
        del docs
        # 2. extract + write, empty store
        if args.extract_docs:
            from bilat import Extractor, Options

            base = base_documents("bench_store")
            t0 = time.perf_counter()
            extractor = Extractor(Options(model=args.model))
            figures["model_load_s"] = time.perf_counter() - t0
            for _ in extractor.extract(base):  # warm-up, untimed
                pass
            real = real_corpus(base, args.extract_docs, "e")
            progress(f"extract: {len(real)} documents ({len(base)} distinct), extraction alone")
            ingest["extract_only"] = extract_only(extractor, real)
            progress("extract: extract + write, empty store")
            ingest["extract_write_empty"] = extract_and_write(store, extractor, real,
                                                               args.budget)
        figures["peak_rss_before_bulk_mb"] = peak_rss_mb()
        # 3. bulk load
        store.close()
        progress(f"bulk: filling up to {args.events:,} events")
        figures["bulk"] = bulk_load(path, world, args.seed + 2, args.events, args.check,
                                     args.analyze)
        figures["db_mb"] = file_mb(path)
        figures["rss_after_bulk_mb"] = peak_rss_mb()
        with store.engine.connect() as conn:
            figures["events"] = conn.execute(select(func.count()).select_from(EV)).scalar_one()
            for table in ("mentions", "documents"):
                figures[table] = conn.execute(
                    select(func.count()).select_from(Base.metadata.tables[table])).scalar_one()
        # 4. queries
        kinds = query_kinds(world, args.product_queries)
        figures["query_source"] = sorted({k.source for k in kinds})
        figures["plans"] = {k.name: explain(store.engine, k) for k in kinds}
        figures["queries"] = time_queries(store.engine, kinds, args.queries, args.seed + 3)
        # 5. writer and extract + write on the full store
        if args.scale_docs:
            docs = list(Synth(world, args.seed + 4).take("synth-scale", args.scale_docs))
            progress(f"writer: {len(docs)} synthetic documents, full store")
            ingest["writer_full"] = write_docs(store, docs, args.budget)
            if extractor is not None:
                real = real_corpus(base, args.scale_docs, "s")
                progress("extract: extract + write, full store")
                ingest["extract_write_full"] = extract_and_write(store, extractor, real,
                                                                  args.budget)
    finally:
        store.close()
    figures["ingest"] = ingest
    figures["peak_rss_mb"] = peak_rss_mb()
    goal_rows = [q for q in figures["queries"].values() if q["goal"]]
    figures["goal_p95_met"] = (figures["events"] >= GOAL_EVENTS
                               and all(q["p95_ms"] < GOAL_P95_MS for q in goal_rows))
    figures["goal_p95_met_latency_only"] = all(q["p95_ms"] < GOAL_P95_MS for q in goal_rows)
    return figures


def _met(ok: bool) -> str:
    return "MET" if ok else "NOT MET"


def report(f: dict[str, Any]) -> None:
    b = f["bulk"]
    print(f"bilat store benchmark: SQLite {f['sqlite']}, {f['events']:,} events, "
          f"{f['mentions']:,} mentions, {f['documents']:,} documents, "
          f"{f['db_mb']:,.0f} MB on disk")
    print()
    print(f"{'ingest':46}{'docs':>7}{'docs/s':>10}{'events/doc':>12}{'wall s':>9}")
    labels = (
        ("writer_empty", "writer only, empty store"),
        ("writer_full", f"writer only, store of {f['events']:,} events"),
        ("extract_only", "extraction alone"),
        ("extract_write_empty", "extract + write, empty store"),
        ("extract_write_full", f"extract + write, store of {f['events']:,} events"),
    )
    for key, label in labels:
        r = f["ingest"].get(key)
        if r is None:
            continue
        per = r["events"] / r["docs"] if r["docs"] else 0.0
        print(f"{label:46}{r['docs']:>7}{r['docs_per_s']:>10.1f}{per:>12.1f}{r['wall_s']:>9.1f}")
    if "model_load_s" in f:
        print(f"(model load {f['model_load_s']:.1f}s, not counted)")
    print()
    print(f"bulk load: {b['events_added']:,} events, {b['docs']:,} documents, "
          f"{b['rows_total']:,} rows in {b['wall_s']:.1f}s "
          f"(generate {b['generate_s']:.1f}s, insert {b['insert_s']:.1f}s, "
          f"indexes {b['index_s']:.1f}s, FK check {b['fk_check_s']:.1f}s: "
          f"{b['fk_problems'] if b['fk_problems'] is not None else 'skipped'} problems); "
          f"{b['planned_linked']:,} planned events linked in {b['link_s']:.1f}s")
    if b["unfilled_tables"]:
        print(f"WARNING: tables not filled by the bulk load: {', '.join(b['unfilled_tables'])}"
              " (bench_store.py needs updating for them)")
    if b["analyze_s"] is not None:
        print(f"ANALYZE run after the bulk load ({b['analyze_s']:.1f}s): the planner has "
              "statistics, which the product's own stores lack")
    print()
    print(f"queries, {next(iter(f['queries'].values()))['runs']} runs each with random "
          "parameters drawn from the data's distribution:")
    for name, q in f["queries"].items():
        print(f"  {name}: {q['source']}")
    print(f"{'':52}{'p50 ms':>8}{'p95 ms':>8}{'max ms':>8}{'rows':>7}{'hot p50':>9}")
    for q in f["queries"].values():
        print(f"{q['label']:52}{q['p50_ms']:>8.1f}{q['p95_ms']:>8.1f}{q['max_ms']:>8.1f}"
              f"{q['rows_per_query']:>7.0f}{q['hot_p50_ms']:>9.1f}")
    hot = next(iter(f["queries"].values()))["hot_params"]
    print(f"(hot: the hottest parameters, e.g. {hot}; median of {HOT_RUNS})")
    print()
    print("query plans (EXPLAIN QUERY PLAN, hot parameters):")
    for name, plans in f["plans"].items():
        for p in plans:
            print(f"- {name}: {p['sql'][:160]}{'...' if len(p['sql']) > 160 else ''}")
            for line in p["plan"]:
                print(f"    {line}")
    print()
    pk, pre = f["peak_rss_mb"], f["peak_rss_before_bulk_mb"]
    if pk is not None and pre is not None:
        print(f"peak RSS: {pk:.0f} MB (before the bulk load, whose SQLite cache is "
              f"{BULK_CACHE_MB} MB: {pre:.0f} MB)")
    else:
        print("peak RSS: n/a (no /proc/self/status)")
    print(f"goal: p95 < {GOAL_P95_MS:.0f} ms on {GOAL_EVENTS:,} events: "
          f"{_met(f['goal_p95_met'])}")
    if f["events"] < GOAL_EVENTS:
        print(f"(store of {f['events']:,} events only; latency alone: "
              f"{_met(f['goal_p95_met_latency_only'])})")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--events", type=int, default=GOAL_EVENTS,
                        help="events in the synthetic store (default 1,000,000)")
    parser.add_argument("--db", type=Path, help="SQLite file to build (must not exist; "
                        "default: a temporary file)")
    parser.add_argument("--keep", action="store_true", help="keep the store afterwards")
    parser.add_argument("--queries", type=int, default=200, help="timed runs per query kind")
    parser.add_argument("--writer-docs", type=int, default=1000,
                        help="synthetic documents through the writer on the empty store")
    parser.add_argument("--extract-docs", type=int, default=300,
                        help="real documents extracted and written (0: skip extraction)")
    parser.add_argument("--scale-docs", type=int, default=200,
                        help="documents written (and extracted) on the full store (0: skip)")
    parser.add_argument("--budget", type=float, default=60.0,
                        help="seconds at most for each writer and extract + write run")
    parser.add_argument("--model", default=None, help="spaCy pipeline for extraction")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-check", dest="check", action="store_false",
                        help="skip PRAGMA foreign_key_check after the bulk load")
    parser.add_argument("--analyze", action="store_true",
                        help="run ANALYZE after the bulk load (the product does not)")
    parser.add_argument("--core-queries", dest="product_queries", action="store_false",
                        help="time the SQL written here even when bilat.store.query exists")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if args.events < 1 or args.queries < 1 or args.writer_docs < 1:
        parser.error("--events, --queries and --writer-docs must be at least 1")
    if args.model is None:
        from bilat import DEFAULT_MODEL

        args.model = DEFAULT_MODEL
    tmpdir: str | None = None
    if args.db is None:
        tmpdir = tempfile.mkdtemp(prefix="bilat-bench-store-")
        path = Path(tmpdir) / "store.db"
    else:
        path = args.db.expanduser().resolve()
        if path.exists():
            parser.error(f"{path} exists: give a new file")
    try:
        figures = measure(args, path)
    finally:
        if args.keep:
            progress(f"store kept: {path}")
        else:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(str(path) + suffix).unlink(missing_ok=True)
            if tmpdir is not None:
                shutil.rmtree(tmpdir, ignore_errors=True)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        report(figures)


if __name__ == "__main__":
    main()
