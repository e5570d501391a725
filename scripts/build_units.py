"""Refresh the package-derived parts of ``src/bilat/data/units.json``.

``codes`` (every ISO 4217 currency code) and ``currency_names`` (their English
names) come from pycountry, ``country_currencies`` (the currencies each country
uses, ISO3 -> codes) from countryinfo and CLDR, ``letter_symbols`` (the local symbols written
in letters, "R" for the rand, "K" for the kwacha, kina and kyat) from the CLDR data of
Babel; the rest of the file (currency words as
news write them, physical units, number words) is kept by hand and left as it is.

    python scripts/build_units.py [-o PATH]
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pycountry
from babel import Locale, numbers
from babel.localedata import locale_identifiers
from countryinfo import CountryInfo

#: the day whose legal tender is read from CLDR (fixed, so that the file rebuilds alike)
CLDR_DATE = datetime.date(2026, 1, 1)
DEFAULT = Path(__file__).resolve().parents[1] / "src" / "bilat" / "data" / "units.json"


def build(current: dict[str, Any]) -> dict[str, Any]:
    """``current`` with codes and names refreshed from pycountry."""
    out = dict(current)
    currencies = sorted(pycountry.currencies, key=lambda c: c.alpha_3)
    out["codes"] = [c.alpha_3 for c in currencies]
    out["currency_names"] = {c.name: c.alpha_3 for c in sorted(currencies, key=lambda c: c.name)}
    known = set(out["codes"])
    by_country: dict[str, list[str]] = {}
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        try:
            codes = list(CountryInfo(country.alpha_3).currencies())
        except (KeyError, ValueError):
            codes = []
        # CLDR's legal tender of the territory where countryinfo is silent or dated
        # (Zambia's ZMW, Sierra Leone's SLE)
        codes += numbers.get_territory_currencies(country.alpha_2, start_date=CLDR_DATE)
        usable = list(dict.fromkeys(c for c in codes if c in known))
        if usable:
            by_country[country.alpha_3] = usable
    out["country_currencies"] = by_country
    out["letter_symbols"] = letter_symbols(set(out["currency_prefixes"]) | known)
    tender = sorted({c for codes in by_country.values() for c in codes}
                    - set(out["codes_not_words"]))
    out["dollar_prefixes"] = dollar_prefixes(tender, by_country, set(out["currency_prefixes"]))
    taken = {w.lower() for w in out["currency_words"]} | {
        form for name in out["currency_names"] for form in (name.lower(), name.lower() + "s")
    }
    out["cldr_currency_words"] = cldr_words(tender, taken, set(out["cldr_not_words"]))
    return out


def dollar_prefixes(
    current: list[str], by_country: dict[str, list[str]], taken: set[str]
) -> dict[str, str]:
    """Symbol -> code for the dollars written with letters before the sign: the symbols
    of that form that CLDR's locales write ("FJ$", "WS$", "EC$"), and a country's alpha-2
    code before the sign for the one dollar it issues ("TT$" for Trinidad and Tobago's)."""
    found: dict[str, set[str]] = {}
    for ident in locale_identifiers():
        for code, symbol in Locale.parse(ident).currency_symbols.items():
            if code in current and _LETTERS_DOLLAR.fullmatch(symbol):
                found.setdefault(symbol, set()).add(code)
    out = {symbol: next(iter(codes)) for symbol, codes in found.items() if len(codes) == 1}
    for alpha3, codes in by_country.items():
        dollars = [c for c in codes if c in current and c != "USD"
                   and numbers.get_currency_name(c, locale="en").endswith(" Dollar")]
        country = pycountry.countries.get(alpha_3=alpha3)
        if len(dollars) == 1 and country is not None:
            out.setdefault(f"{country.alpha_2}$", dollars[0])
    return {s: c for s, c in sorted(out.items()) if s not in taken}


_LETTERS_DOLLAR = re.compile(r"[A-Z]{1,4}\$")


def cldr_words(current: list[str], taken: set[str], not_words: set[str]) -> dict[str, str]:
    """Currency names as CLDR writes them in English, singular and plural ("Peruvian
    soles", "Tongan paʻanga"), and their last word where it names one currency only
    ("soles", "paʻanga"), lower case, other than the names ``units.json`` reads already
    and English words (``cldr_not_words``)."""
    full: dict[str, str] = {}
    last: dict[str, set[str]] = {}
    for code in current:
        for count in (1, 2):
            name = numbers.get_currency_name(code, count=count, locale="en").lower()
            if "(" in name or name == code.lower():
                continue
            full.setdefault(name, code)
            last.setdefault(name.split()[-1], set()).add(code)
    for word, codes in last.items():
        if len(codes) == 1:
            full.setdefault(word, next(iter(codes)))
    return {w: c for w, c in sorted(full.items()) if w not in taken and w not in not_words}


def letter_symbols(taken: set[str]) -> dict[str, list[str]]:
    """Symbol -> currency codes, for the symbols in letters that the locales of a
    territory write for its own currencies (CLDR), other than ISO codes and the
    prefixes ``units.json`` already reads."""
    found: dict[str, set[str]] = {}
    for ident in locale_identifiers():
        territory = Locale.parse(ident).territory
        if not territory:
            continue
        for code in numbers.get_territory_currencies(territory):
            symbol = numbers.get_currency_symbol(code, ident)
            if (symbol.isalpha() and len(symbol) <= 3 and symbol not in taken
                    and code in taken and all("LATIN" in unicodedata.name(c) for c in symbol)):
                found.setdefault(symbol, set()).add(code)
    return {symbol: sorted(codes) for symbol, codes in sorted(found.items())}


def render(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-i", "--input", type=Path, default=DEFAULT)
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT)
    args = parser.parse_args(argv)
    data = json.loads(args.input.read_text(encoding="utf-8"))
    result = build(data)
    args.output.write_text(render(result), encoding="utf-8")
    print(f"{len(result['codes'])} currency codes -> {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
