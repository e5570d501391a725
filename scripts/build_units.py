"""Refresh the package-derived parts of ``src/bilat/data/units.json``.

``codes`` (every ISO 4217 currency code) and ``currency_names`` (their English
names) come from pycountry, ``country_currencies`` (the currencies each country
uses, ISO3 -> codes) from countryinfo; the rest of the file (currency words as
news write them, physical units, number words) is kept by hand and left as it is.

    python scripts/build_units.py [-o PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import pycountry
from countryinfo import CountryInfo

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
            codes = CountryInfo(country.alpha_3).currencies()
        except (KeyError, ValueError):
            continue
        usable = [c for c in codes if c in known]
        if usable:
            by_country[country.alpha_3] = usable
    out["country_currencies"] = by_country
    return out


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
