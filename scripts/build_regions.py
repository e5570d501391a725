"""Build the world regions gazetteer ``src/bilat/data/regions.json`` from pycountry and countryinfo.

Usage::

    python scripts/build_regions.py [-o PATH]

Every first-level subdivision of ISO 3166-2 (pycountry) and every province countryinfo lists,
under its name as written and folded to ASCII ("Khōst" -> "Khost", "Kunaṟ" -> "Kunar"),
maps to the ISO alpha-3 code of its country. A name that several countries claim (a
subdivision of two countries, "Punjab"; a city of ``cities.json`` in another country,
"Gaza"), a name that is also a country form of ``countries.json`` ("Georgia", "Niger",
"Somali") and a name that is not capitalised are left out. ``heads`` are the nouns of
the subdivision types pycountry gives ("Province", "Regional state", "Oblast") that at least
``MIN_HEAD_USES`` subdivisions have, in lower case (types of ``_NOT_REGIONS``, the nations of
the United Kingdom, are left out):
the nouns that tell a name is a region's ("Helmand province", "Plateau State").

bilat uses the list for where an act happened ("shelled villages in Kunar province",
"flood victims in Sindh"): the region's country, as for a city, never an actor by itself.
No network access: the data ship inside the packages.
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from collections import Counter, defaultdict
from importlib import metadata
from pathlib import Path
from typing import Any

import pycountry

from build_gazetteer import read_countryinfo  # scripts/ is the script's own path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/bilat/data/regions.json"
COUNTRIES = ROOT / "src/bilat/data/countries.json"
CITIES = ROOT / "src/bilat/data/cities.json"
#: subdivision types that are nations of a union ("England", "Scotland": teams, not places)
_NOT_REGIONS = frozenset({"Country"})
#: a type noun counts as a region's head when this many subdivisions have it
MIN_HEAD_USES = 5
#: "Kharkivs'ka (Kharkiv)": countryinfo adds the centre's name in brackets
_BRACKETS = re.compile(r"\s*\([^()]{0,80}\)")


def fold(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'")
    return "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    )


def country_forms() -> set[str]:
    data = json.loads(COUNTRIES.read_text(encoding="utf-8"))
    forms: set[str] = set()
    for entry in data["countries"]:
        for key in ("names", "demonyms", "capitals", "short_forms"):
            forms.update(fold(f).lower() for f in entry.get(key, []))
    return forms


def city_claims() -> dict[str, str]:
    cities: dict[str, str] = json.loads(CITIES.read_text(encoding="utf-8"))["cities"]
    return {fold(name).lower(): iso3 for name, iso3 in cities.items()}


def subdivision_names() -> tuple[list[tuple[str, str]], set[str]]:
    """(name, iso3) of every first-level subdivision, and the subdivision type words."""
    out: list[tuple[str, str]] = []
    kinds: Counter[str] = Counter()
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None):
            continue  # second level: departments of a region, districts ...
        country = pycountry.countries.get(alpha_2=sub.country_code)
        if country is None:
            continue
        if str(sub.type) in _NOT_REGIONS:
            continue
        out.append((str(sub.name), str(country.alpha_3)))
        kinds[_head_word(str(sub.type))] += 1
    for iso3, infos in read_countryinfo().items():  # ISO-coded entries only
        if pycountry.countries.get(alpha_3=iso3) is None:
            continue
        for info in infos:
            for raw in info.get("provinces") or []:
                out.append((_BRACKETS.sub("", str(raw)).strip(), iso3))
    heads = {word for word, n in kinds.items() if n >= MIN_HEAD_USES and word.isalpha()}
    return out, heads


def _head_word(kind: str) -> str:
    """The noun of a subdivision type: "Autonomous region" -> "region", "City with county
    rights" -> "city", "Islands, groups of islands" -> "islands"."""
    words = re.split(r"\s+(?:with|of)\s+|[,(]", kind, maxsplit=1)[0].split()
    return words[-1].lower() if words else ""


def build() -> dict[str, Any]:
    skip = country_forms()
    cities = city_claims()
    names, heads = subdivision_names()
    claims: dict[str, set[str]] = defaultdict(set)
    for name, iso3 in names:
        name = " ".join(name.split())
        if not name[:1].isupper() or len(name) < 3:
            continue
        for form in dict.fromkeys((name, fold(name))):
            claims[form].add(iso3)
    # every form a folded key claims ("Kandahār" and "Kandahar" both, one country)
    by_key: dict[str, set[str]] = defaultdict(set)
    for form, owners in claims.items():
        by_key[fold(form).lower()].update(owners)
    regions: dict[str, str] = {}
    for form in sorted(claims):
        key = fold(form).lower()
        owners = by_key[key]
        if len(owners) != 1 or key in skip:
            continue
        (iso3,) = owners
        if cities.get(key, iso3) != iso3:
            continue  # a city of another country: "Gaza"
        regions[form] = iso3
    return {
        "version": 1,
        "generated_by": "scripts/build_regions.py",
        "sources": {"pycountry": metadata.version("pycountry"),
                    "countryinfo": metadata.version("countryinfo")},
        "heads": sorted(heads),
        "regions": regions,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output", type=Path, default=OUT)
    args = ap.parse_args()
    data = build()
    args.output.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n",
                           encoding="utf-8")
    print(f"{len(data['regions'])} region names, {len(data['heads'])} head nouns -> "
          f"{args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
