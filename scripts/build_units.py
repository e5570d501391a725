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
    return out


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
