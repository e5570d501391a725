"""Amounts of money and goods in text: "$204 million", "CNY700 million",
"300-million-U.S.-dollar", "3.83 million barrels", "10,000 metric tons".

Currency and unit words come from ``data/units.json``; every pattern is bounded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from bilat.resources import load_json

_NUM = r"\d{1,3}(?:,\d{3}){1,4}(?:\.\d{1,4})?|\d{1,12}(?:\.\d{1,4})?"
_SCALE = r"thousand|million|billion|trillion|mln|bln|mn|bn|tn"



@dataclass(frozen=True, slots=True)
class _Units:
    money_before: re.Pattern[str]
    money_after: re.Pattern[str]
    physical: re.Pattern[str]
    currency: dict[str, str]
    physical_map: dict[str, str]
    scales: dict[str, int]


@cache
def _units() -> _Units:
    data: dict[str, Any] = load_json("units.json")
    currency: dict[str, str] = dict(data["currency_words"])
    for code in data["codes"]:
        currency.setdefault(code, code)
    for name, code in data["currency_names"].items():
        if not name.startswith(("ADB", "Arab", "SDR", "Bond", "Gold", "Silver", "WIR")):
            currency.setdefault(name, code)  # "Azerbaijan Manat", "Swiss Franc"
    symbols = sorted(
        (w for w in currency if not w[:1].isalpha() or w.isupper()), key=len, reverse=True
    )
    words = sorted((w for w in currency if w not in symbols), key=len, reverse=True)
    sym = "|".join(re.escape(s) for s in symbols)
    wrd = "|".join(re.escape(w) for w in words + symbols)
    money_before = re.compile(
        rf"(?<![\w$€£¥])(?P<cur>{sym})\s?(?P<num>{_NUM})(?:[\s-]{{1,2}}(?P<scale>{_SCALE})\b)?"
    )
    money_after = re.compile(
        rf"(?<![\w.])(?P<num>{_NUM})(?:[\s-]{{1,2}}(?P<scale>{_SCALE}))?[\s-]{{1,2}}"
        rf"(?P<cur>{wrd})(?![A-Za-z])"
    )
    phys_words = sorted(data["physical"], key=len, reverse=True)
    physical = re.compile(
        rf"(?<![\w.])(?P<num>{_NUM})(?:\s(?P<scale>{_SCALE}))?\s"
        rf"(?P<unit>{'|'.join(re.escape(w) for w in phys_words)})\b"
    )
    return _Units(money_before, money_after, physical, currency, dict(data["physical"]),
                  {k: int(v) for k, v in data["scales"].items()})


@dataclass(slots=True)
class Amount:
    start: int  # offsets within the sentence
    end: int
    value: float
    unit: str
    physical: bool


def find_amounts(text: str) -> list[Amount]:
    """Money and physical quantities in a sentence, left to right."""
    u = _units()
    found: list[Amount] = []
    taken: list[tuple[int, int]] = []
    for pattern, physical in ((u.money_before, False), (u.money_after, False),
                              (u.physical, True)):
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            try:
                value = float(m.group("num").replace(",", ""))
            except ValueError:
                continue
            scale = (m.group("scale") or "").lower()
            value = round(value * u.scales.get(scale, 1), 4)
            if physical:
                unit = u.physical_map.get(m.group("unit"), m.group("unit").lower())
            else:
                cur = m.group("cur")
                unit = u.currency.get(cur) or u.currency.get(cur.lower(), "")
                if not unit:
                    continue
            taken.append((s, e))
            found.append(Amount(s, e, value, unit, physical))
    found.sort(key=lambda a: a.start)
    return found
