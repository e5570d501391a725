"""Query parameters shared by the API and the pages: read, checked, turned into
the store's filters. A bad value raises :class:`BadParameter` (HTTP 422, naming
the parameter); values reach SQL only as bound parameters, through the store."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from bilat.gazetteer import load_gazetteer
from bilat.record import CONSULT_MODES, EVENT_TYPES, FACT_KINDS, STATUSES, TOPICS
from bilat.store.query import EventFilter, check_date

#: rows in one page unless ``limit`` says otherwise, and the most one page may hold
DEFAULT_LIMIT = 50
MAX_LIMIT = 500
#: the longest free-text parameter (a name, a search)
MAX_TEXT = 200


class BadParameter(Exception):
    """A query parameter with a value the app cannot use (HTTP 422)."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


def country(name: str, value: str | None) -> str | None:
    """The ISO3 code of a country given by name, demonym, ISO3 or ISO2 code."""
    if value is None or not value.strip():
        return None
    iso3 = load_gazetteer().resolve(value)
    if iso3 is None:
        raise BadParameter(
            name, f"unknown country {value!r} (give a name, or an ISO 3166 alpha-3 or "
            "alpha-2 code)"
        )
    return iso3


def choice(name: str, value: str | None, allowed: tuple[str, ...], upper: bool) -> str | None:
    if value is None or not value.strip():
        return None
    norm = value.strip().upper() if upper else value.strip().lower()
    if norm not in allowed:
        raise BadParameter(name, f"{value!r} is not one of {', '.join(allowed)}")
    return norm


def date_bound(name: str, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    try:
        return check_date(value)
    except ValueError as exc:
        raise BadParameter(name, str(exc)) from None


def text(name: str, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    if len(value) > MAX_TEXT:
        raise BadParameter(name, f"longer than {MAX_TEXT} characters")
    return value.strip()


def pair(country_code: str | None, partner_code: str | None) -> None:
    if country_code and partner_code and country_code == partner_code:
        raise BadParameter("partner", "must differ from country")


CountryQ = Annotated[
    str | None, Query(description="A country: name, demonym, ISO3 or ISO2 code.",
                      max_length=MAX_TEXT)
]
PartnerQ = Annotated[
    str | None, Query(description="Only what `country` shares with this country.",
                      max_length=MAX_TEXT)
]
TypeQ = Annotated[str | None, Query(description="PLOVER type: " + ", ".join(EVENT_TYPES))]
ModeQ = Annotated[str | None, Query(description="CONSULT mode: " + ", ".join(CONSULT_MODES))]
StatusQ = Annotated[str | None, Query(description="occurred or planned")]
SinceQ = Annotated[str | None, Query(description="From this date on (YYYY[-MM[-DD]]).")]
UntilQ = Annotated[str | None, Query(description="Up to the end of this date (YYYY[-MM[-DD]]).")]
PersonQ = Annotated[
    str | None, Query(description="A participant, by any spelling seen (part of a name).",
                      max_length=MAX_TEXT)
]
TopicQ = Annotated[str | None, Query(description="Topic: " + ", ".join(TOPICS))]
KindQ = Annotated[str | None, Query(description="Fact kind: " + ", ".join(FACT_KINDS))]
LimitQ = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows in this page.")]
OffsetQ = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")]


def event_filter(
    country_: str | None = None,
    partner: str | None = None,
    type_: str | None = None,
    mode: str | None = None,
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
    person: str | None = None,
    topic: str | None = None,
) -> EventFilter:
    """The filter of ``bilat events`` from raw parameter values."""
    iso_a = country("country", country_)
    iso_b = country("partner", partner)
    pair(iso_a, iso_b)
    return EventFilter(
        country=iso_a,
        partner=iso_b,
        type=choice("type", type_, EVENT_TYPES, upper=True),
        mode=choice("mode", mode, CONSULT_MODES, upper=False),
        status=choice("status", status, STATUSES, upper=False),
        since=date_bound("since", since),
        until=date_bound("until", until),
        person=text("person", person),
        topic=choice("topic", topic, TOPICS, upper=False),
    )
