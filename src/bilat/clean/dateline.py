"""Datelines: the place, date and agency that open a news story.

Agencies write them in many orders and typographies::

    BAKU, Azerbaijan, June 10. The talks ...
    YEREVAN, March 5, 2024 (Armenpress) - ...
    Bishkek, March 3, KABAR - ...
    NAIROBI, March 5 (Reuters) - ...
    MOSCOW, March 5. /TASS/. ...
    TASHKENT, 5 March 2023 (UzA) - ...
    BISHKEK /AKIpress/ - ...
    ASTANA. KAZINFORM - ...
    (Reuters) - ...

A dateline is read as a sequence of parts: a place (title case or capitals)
followed by up to two region names, dates (month names in any case, with or
without a year, or numeric), and agency names (in parentheses, between
slashes, or in capitals), ended by a dash, colon or full stop before the body.
It counts only with a date or an agency in it, or as a place in capitals
followed by a dash or colon ("LIMA, Peru -- "). The text searched is the
normalised view (:mod:`bilat.clean.normalize`), so dashes are plain hyphens;
every pattern is anchored and bounded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bilat.timex import MONTHS, WEEKDAYS

__all__ = ["Dateline", "find_dateline"]

_HEAD = 200  # datelines are read from the first characters of a block only
_MAX_PARTS = 6

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:19\d\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_WORD = r"[A-Z][A-Za-z'.]{0,30}(?:-[A-Za-z'.]{1,30}){0,3}"

_PLACE = re.compile(rf"\s{{0,3}}(?P<place>{_WORD}(?:\s(?:[a-z]{{2,3}}\s)?{_WORD}){{0,3}})")
_REGION = re.compile(
    rf"(?:,\s{{1,3}}(?P<region>{_WORD}(?:\s{_WORD}){{0,2}})(?=\s{{0,3}}[,.(/-])"
    rf"|\s{{0,3}}\[(?P<bracket>{_WORD}(?:\s{_WORD}){{0,2}})\]"
    # "KIDAL / BAMAKO:": the desk's place after the field's, both in capitals
    r"|\s{0,2}/\s{0,2}(?P<desk>[A-Z]{3,}(?:[ -][A-Z]{2,}){0,2})(?=\s{0,3}(?:-|:)))"
)
_DATE_SEP = r"(?:[,.]\s{0,3}|\s{0,3}/\s{0,3}|\s{1,3}|^\s{0,3})"
_DATE = re.compile(
    rf"{_DATE_SEP}(?i:(?:{_WEEKDAY},?\s{{1,3}})?"
    rf"(?:(?P<mon1>{_MONTH})\.?\s{{1,3}}(?P<day1>{_DAY})"
    rf"|(?P<day2>{_DAY})\s{{1,3}}(?P<mon2>{_MONTH})\.?)"
    rf"(?:,?\s{{1,3}}(?P<year1>{_YEAR}))?"
    rf"|(?P<n1>\d{{1,2}})(?P<nsep>[./-])(?P<n2>\d{{1,2}})[./-](?P<year2>{_YEAR})"
    rf"|(?P<year3>{_YEAR})-(?P<m3>0[1-9]|1[0-2])-(?P<d3>[0-3]\d))\b"
)
_AGENCY = re.compile(
    r"(?:[,.]\s{0,3}|\s{0,3})(?:\(\s{0,2}(?P<paren>[A-Z][^()\n]{1,40}?)\s{0,2}\)"
    r"|/\s{0,2}(?P<slash>[A-Z][^/\n]{1,40}?)\s{0,2}/)"
    r"|[,.]\s{0,3}(?P<caps>[A-Z][A-Z0-9&]{1,15}(?:[- ][A-Z][A-Z0-9&]{1,15}){0,2}"
    r"|[A-Z][A-Za-z]{2,20}\.[a-z]{2,3})(?=\s{0,3}[-:.,/(]|\s{0,3}$)"
)
#: a title-case agency name after the date, before a dash ("Moscow, 5 March, Interfax - ")
_AGENCY_WORD = re.compile(r"[,.]\s{0,3}(?P<word>[A-Z][A-Za-z]{2,20})(?=\s{0,3}(?:-{1,3}|:)\s)")
_END = re.compile(r"\s{0,3}(?:(?P<dash>-{1,3}|:)|\.|/)?(?:\s{1,3}(?=[A-Z0-9\"'(])|\s{0,3}$)")


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline: its end offset in the searched text, its place and date."""

    end: int
    place: str | None
    published: str | None  # TIMEX: YYYY-MM-DD, XXXX-MM-DD or None
    agency: str | None = None


def find_dateline(text: str) -> Dateline | None:
    """The dateline that opens ``text``, if any."""
    head = text[:_HEAD]
    pos = 0
    place: str | None = None
    m = _PLACE.match(head)
    if m and m.group("place").rstrip(".").lower() not in _NOT_PLACES:
        place = m.group("place")
        pos = m.end()
    published: str | None = None
    agency: str | None = None
    slashed = False  # the agency is written between slashes (/AKIpress/)
    regions = 0
    for _ in range(_MAX_PARTS):
        if place is not None and published is None and agency is None and regions < 2:
            r = _REGION.match(head, pos)
            region = r.group("region") or r.group("bracket") or r.group("desk") if r else ""
            if r and region.split()[0].rstrip(".").lower() not in _NOT_PLACES:
                regions += 1
                pos = r.end()
                continue
        if published is None and (place is not None or pos == 0):
            d = _DATE.match(head, pos)
            if d:
                published = _timex(d)
                if published is not None:
                    pos = d.end()
                    continue
        a = _AGENCY.match(head, pos)
        if a and (place is not None or a.group("paren") or a.group("slash")):
            if agency is None:
                agency = a.group("paren") or a.group("slash") or a.group("caps")
                slashed = a.group("slash") is not None
            pos = a.end()
            continue
        w = _AGENCY_WORD.match(head, pos) if published is not None and agency is None else None
        if w:
            agency = w.group("word")
            pos = w.end()
            continue
        break
    if place is None and agency is None and published is None:
        return None
    e = _END.match(head, pos)
    if e is None or (e.end() == pos and pos < len(head)):
        return None
    caps_place = place is not None and place.replace(" ", "").replace("-", "").isupper()
    if published is None and agency is None and not (caps_place and e.group("dash")):
        return None
    if published is None and not slashed and e.group(0).strip() == "":
        return None  # "MEA Secretary (East) Sanjay ...": a bracket, not an agency
    return Dateline(e.end(), place, published, agency)


#: capitalised sentence openers that a place pattern would take for a place
_NOT_PLACES = frozenset(
    [*MONTHS, *WEEKDAYS, "on", "in", "at", "by", "the", "this", "last", "next", "since", "from"]
)


def _timex(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    year = g.get("year1") or g.get("year2") or g.get("year3")
    if g.get("year3"):
        month, day = int(g["m3"]), int(g["d3"])
    elif g.get("n1"):
        a, b = int(g["n1"]), int(g["n2"])
        # numeric dates: day first with dots or when the first number exceeds 12
        day, month = (a, b) if (b <= 12 and (g["nsep"] == "." or a > 12)) else (b, a)
    else:
        mon = g.get("mon1") or g.get("mon2") or ""
        month = MONTHS.get(mon.lower(), 0)
        day = int(re.sub(r"\D", "", g.get("day1") or g.get("day2") or "0"))
    try:
        date(int(year) if year else 2000, month, day)  # 2000: a leap year for "XXXX-02-29"
    except ValueError:
        return None
    return f"{year or 'XXXX'}-{month:02d}-{day:02d}"
