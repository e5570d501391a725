"""Amounts of money and goods in text: "$204 million", "CNY700 million",
"300-million-U.S.-dollar", "3.83 million barrels", "10,000 metric tons", "$5.0bn",
"two billion dollars", "Rs 500 crore", "575,05 mln. cubic meters", "2.1 bcm".

Currency and unit words, scales and number words come from ``data/units.json``;
every pattern is bounded. A quantity followed by a rate word ("a day", "per
barrel") is marked ``rate``: it is a price or a flow, not a total.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from bilat.resources import load_json

# 1,234,567.89 | 3 609,89 and 1 200 000 (space thousands) | 575,05 | 1234.5
_NUM = (
    r"\d{1,3}(?:,\d{3}){1,4}(?:\.\d{1,4})?(?!,\d)"
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3}){1,4}(?:[.,]\d{1,3})?(?![\d,])"
    r"|\d{1,12},\d{1,2}(?![\d,])"
    r"|\d{1,12}(?:\.\d{1,4})?"
)
# a range's upper bound: "$10-12 billion", "10 to 12 million tonnes"
_RANGE = r"(?:\s?(?:-|–|to)\s?\d{1,4}(?:\.\d{1,4})?)?"


@dataclass(frozen=True, slots=True)
class _Units:
    money_before: re.Pattern[str]
    money_after: re.Pattern[str]
    physical: re.Pattern[str]
    letter_before: re.Pattern[str]
    rate_after: re.Pattern[str]
    currency: dict[str, str]
    families: dict[str, str]
    physical_map: dict[str, tuple[str, float]]
    scales: dict[str, float]
    number_words: dict[str, float]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def _units() -> _Units:
    data: dict[str, Any] = load_json("units.json")
    currency: dict[str, str] = {k.lower(): v for k, v in data["currency_words"].items()}
    for name, code in data["currency_names"].items():
        if not name.startswith(("ADB", "Arab", "SDR", "Bond", "Gold", "Silver", "WIR")):
            currency.setdefault(name.lower(), code)  # "Azerbaijan Manat", "Swiss Franc"
            currency.setdefault(name.lower() + "s", code)
    for name, code in data["cldr_currency_words"].items():
        currency.setdefault(name, code)  # "peruvian soles", "soles", "paʻanga"
    for name, code in list(currency.items()):
        # the apostrophes of "paʻanga" as pages type them: ’ or '
        for mark in ("\u02bb", "\u2019", "'"):
            if mark in name:
                for other in ("\u2019", "'"):
                    currency.setdefault(name.replace(mark, other), code)
    prefixes: dict[str, str] = dict(data["currency_prefixes"])
    for symbol, code in data["dollar_prefixes"].items():
        prefixes.setdefault(symbol, code)  # "FJ$", "TT$"
    not_words = set(data["codes_not_words"])
    for code in data["codes"]:
        if code not in not_words:
            prefixes.setdefault(code, code)
    currency.update(prefixes)  # exact-case lookups of prefixes come first below
    families: dict[str, str] = {}
    for family, forms in data["currency_families"].items():
        for form in forms:
            families[form.lower()] = family
    scales = {k.lower(): float(v) for k, v in data["scales"].items()}
    number_words = {k.lower(): float(v) for k, v in data["number_words"].items()}

    scale = _alternation(list(scales))
    words = _alternation(list(number_words))
    num = rf"(?P<num>{_NUM}){_RANGE}"
    # "two hundred", "twenty-five", "one hundred fifty": up to four number words
    wnum = rf"(?P<wnum>(?i:{words})(?:[\s-](?i:{words})){{0,3}})"
    # a scale word glued to the number ("$5bn", "3.88mn") or apart ("5 bln.")
    # a second scale multiplies the first: "Rs 1.5 lakh crore", "5 thousand crore"
    scale2 = _alternation([w for w in scales if len(w) >= 4 and w.isalpha()])
    scaled = (rf"(?:[\s-]{{0,2}}(?P<scale>(?i:{scale}))\b\.?"
              rf"(?:\s(?P<scale2>(?i:{scale2}))\b)?)")
    # the remainder of a compound amount in a smaller scale: "$1 bln 32 mln"
    rest = rf"(?:\s(?P<rnum>\d{{1,3}}(?:\.\d{{1,3}})?)\s?(?P<rscale>(?i:{scale}))\b\.?)"
    amount = rf"(?:{num}(?:{scaled}{rest}?)?|{wnum}[\s-]{{1,2}}(?P<wscale>(?i:{scale}))\b)"
    pre = _alternation(list(prefixes))
    # codes and symbols keep their case ("ALL", "TOP" are codes, "all", "top" words)
    money_before = re.compile(rf"(?<![\w$€£¥])(?P<cur>{pre})\s?{amount}")
    after_words = _alternation([w for w in currency if w not in prefixes])
    after_codes = _alternation([w for w in prefixes if w[:1].isalpha()])
    money_after = re.compile(
        rf"(?<![\w.$€£¥]){amount}[\s-]{{1,2}}"
        rf"(?P<cur>(?i:{after_words})|{after_codes})(?![A-Za-z])"
    )
    physical_map: dict[str, tuple[str, float]] = {
        k: (v, 1.0) for k, v in data["physical"].items()
    }
    for k, (unit, factor) in data["physical_scaled"].items():
        physical_map[k] = (unit, float(factor))
    physical = re.compile(
        rf"(?<![\w.$€£¥]){amount}\s(?:metric\s)?(?P<unit>{_alternation(list(physical_map))})\b"
    )
    rate_after = re.compile(
        rf"\s?(?:{_alternation(data['rate_after'])})(?![A-Za-z])", re.IGNORECASE
    )
    # local symbols in letters ("R41 billion", "K3.5 bn"): exact case, a figure with a
    # scale word, a single letter glued to the digits
    letters = _alternation(list(data["letter_symbols"]))
    letter_before = re.compile(rf"(?<![\w$€£¥.])(?P<cur>{letters})(?P<gap>\s?){amount}")
    return _Units(money_before, money_after, physical, letter_before, rate_after, currency,
                  families, physical_map, scales, number_words)


@dataclass(slots=True)
class Amount:
    start: int  # offsets within the sentence
    end: int
    value: float
    unit: str
    physical: bool
    # "rupee": a bare name several currencies share; "symbol:K" a local symbol in
    # letters, whose currency (unit "" until then) only the countries of a figure decide
    family: str | None = None
    rate: bool = False  # "$80 a barrel", "10,000 barrels per day"


def _number(text: str) -> float | None:
    t = text.replace("\u00a0", " ").replace("\u202f", " ")
    if "," in t and re.search(r",\d{1,2}$", t):
        t = t.replace(" ", "").replace(",", ".")  # decimal comma
    else:
        t = t.replace(",", "").replace(" ", "")
    try:
        return float(t)
    except ValueError:
        return None


def _words_value(words: str, u: _Units) -> float | None:
    """The value of a number in words: one entry of ``number_words`` ("half a", "one
    and a half") or a run of them, added up, "hundred" multiplying what is before it
    ("two hundred" 200, "twenty five" 25, "one hundred fifty" 150); None otherwise."""
    whole = u.number_words.get(words)
    if whole is not None:
        return whole
    total = 0.0
    for part in words.split():
        n = u.number_words.get(part)
        if n is None or part in ("a", "an"):
            return None
        total = max(total, 1.0) * n if part == "hundred" else total + n
    return total


def count_value(word: str) -> int | None:
    """A whole count written in figures or words ("3", "three", "twenty-one"), or None."""
    w = word.strip().lower().replace("-", " ")
    value = _number(w) if w[:1].isdigit() else _words_value(w, _units())
    return int(value) if value is not None and value == int(value) and value > 0 else None


def _value(m: re.Match[str], u: _Units) -> float | None:
    if m.group("wnum"):
        base = _words_value(" ".join(m.group("wnum").lower().replace("-", " ").split()), u)
        if base is None:
            return None
        return base * u.scales.get(m.group("wscale").lower(), 1.0)
    value = _number(m.group("num"))
    if value is None:
        return None
    scale = (m.group("scale") or "").lower()
    scale2 = (m.group("scale2") or "").lower()
    value *= u.scales.get(scale, 1.0) * u.scales.get(scale2, 1.0)
    if m.group("rnum"):
        part = float(m.group("rnum")) * u.scales.get(m.group("rscale").lower(), 1.0)
        if part < u.scales.get(scale, 1.0):  # "2 bln 415 mln"; never "2 mln 5 bln"
            value += part
    return value


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
            value = _value(m, u)
            if not value:
                continue
            family: str | None = None
            if physical:
                unit, factor = u.physical_map.get(m.group("unit"), (m.group("unit").lower(), 1.0))
                value *= factor
            else:
                cur = m.group("cur")
                unit = u.currency.get(cur) or u.currency.get(cur.lower(), "")
                if not unit:
                    continue
                family = u.families.get(cur.lower())
            taken.append((s, e))
            rate = bool(u.rate_after.match(text, e, min(len(text), e + 40)))
            found.append(Amount(s, e, round(value, 4), unit, physical, family, rate))
    for m in u.letter_before.finditer(text):
        s, e = m.span()
        if (not m.group("num") or not m.group("scale")
                or (m.group("gap") and len(m.group("cur")) == 1)
                or any(s < te and ts < e for ts, te in taken)):
            continue  # "R2 motorway", "K 5 billion", a figure read already
        value = _value(m, u)
        if value:
            taken.append((s, e))
            rate = bool(u.rate_after.match(text, e, min(len(text), e + 40)))
            found.append(Amount(s, e, round(value, 4), "", False, f"symbol:{m.group('cur')}",
                                rate))
    found.sort(key=lambda a: a.start)
    return found
