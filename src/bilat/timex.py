"""Date expressions in text and their TIMEX values.

``find_dates`` locates date expressions in a short text (a sentence) with
bounded regular expressions; ``DateMention.resolve`` turns one into a TIMEX
value (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``, ``XXXX-MM-DD``) against the
publication date of the article. The publication date itself may be partial
(``XXXX-06-10``) or missing.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"

# Ordered: the first pattern that matches at a position wins; all are bounded.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"\b(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)\b")),
    (
        "mdy",
        re.compile(
            rf"\b(?:{_WEEKDAY},?\s{{1,3}})?(?P<mon>{_MONTH})\s{{1,3}}(?P<d>{_DAY})"
            rf"(?:\s{{0,2}}[-–]\s{{0,2}}(?P<d2>{_DAY}))?(?:,?\s{{1,3}}(?P<y>{_YEAR}))?\b"
        ),
    ),
    (
        "dmy",
        re.compile(
            rf"\b(?:{_WEEKDAY},?\s{{1,3}})?(?P<d>{_DAY})(?:\s{{0,2}}[-–]\s{{0,2}}(?P<d2>{_DAY}))?"
            rf"\s{{1,3}}(?:of\s{{1,3}})?(?P<mon>{_MONTH})(?:,?\s{{1,3}}(?P<y>{_YEAR}))?\b"
        ),
    ),
    (
        "my",
        re.compile(
            rf"\b(?P<mon>{_MONTH})(?:\s{{1,3}}of)?\s{{1,3}}(?:(?P<y>{_YEAR})|(?P<rel>this|last|next)"
            rf"\s{{1,3}}year)\b"
        ),
    ),
    (
        "range_years",
        re.compile(rf"\b(?P<y>{_YEAR})\s{{0,2}}(?:[-–/]|to)\s{{0,2}}(?P<y2>{_YEAR}|\d\d)\b"),
    ),
    ("month", re.compile(rf"\b(?i:in|on|by|until|since|from|during|early|late|mid-?)\s{{1,3}}"
                         rf"(?P<mon>{_MONTH})\b(?!\s{{0,3}}\d)")),
    ("year", re.compile(rf"\b(?P<y>{_YEAR})\b")),
    (
        "weekday",
        re.compile(rf"\b(?:(?P<this>this|last|next)\s{{1,3}})?(?P<wd>{_WEEKDAY})"
                   r"(?:\s{0,2}\((?P<d>\d{1,2})\))?"),
    ),
    ("relday", re.compile(r"\b(?P<rel>yesterday|today|tomorrow|tonight)\b", re.IGNORECASE)),
    (
        "relperiod",
        re.compile(
            r"\b(?P<rel>next|last|this|past|coming)\s{1,3}(?P<unit>week|month|year)\b",
            re.IGNORECASE,
        ),
    ),
]


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date expression: its span in the searched text and what it says."""

    start: int
    end: int
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    rel: str | None = None
    unit: str | None = None

    @property
    def text_precision(self) -> int:
        """3 for a day, 2 for a month, 1 for a year, 0 for relative words."""
        if self.day is not None:
            return 3
        if self.month is not None:
            return 2
        return 1 if self.year is not None else 0

    def resolve(self, published: str | None, future: bool = False) -> str | None:
        """The TIMEX value of this mention, against the publication date."""
        pub = Published.parse(published)
        if self.kind in ("iso", "mdy", "dmy") and self.month and self.day:
            year = self.year if self.year is not None else pub.guess_year(self.month, future)
            return _fmt(year, self.month, self.day)
        if self.kind == "my" and self.month:
            year = self.year
            if year is None and self.rel and pub.year is not None:
                year = pub.year + {"this": 0, "last": -1, "next": 1}[self.rel]
            return _fmt(year, self.month, None)
        if self.kind == "month" and self.month:
            return _fmt(pub.guess_year(self.month, future), self.month, None)
        if self.kind == "year" and self.year:
            return f"{self.year:04d}"
        if self.kind == "weekday" and self.weekday is not None:
            return pub.weekday(self.weekday, future, self.rel, self.day)
        if self.kind == "relday" and self.rel:
            offset = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[self.rel]
            return pub.shift_days(offset)
        if self.kind == "relperiod" and self.rel and self.unit:
            return pub.relative_period(self.rel, self.unit, future)
        return None


@dataclass(frozen=True, slots=True)
class Published:
    """A (possibly partial) publication date."""

    year: int | None
    month: int | None
    day: int | None

    @classmethod
    def parse(cls, timex: str | None) -> Published:
        if not timex:
            return cls(None, None, None)
        parts = timex.split("-")
        nums: list[int | None] = []
        for part in parts[:3]:
            nums.append(int(part) if part.isdigit() else None)
        while len(nums) < 3:
            nums.append(None)
        return cls(nums[0], nums[1], nums[2])

    @property
    def full(self) -> date | None:
        if self.year and self.month and self.day:
            try:
                return date(self.year, self.month, self.day)
            except ValueError:
                return None
        return None

    def guess_year(self, month: int, future: bool) -> int | None:
        """The year of a month named without one: the publication year, or the
        one before (a past event in a later month) or after (a future one)."""
        if self.year is None:
            return None
        if self.month is None:
            return self.year
        if not future and month > self.month + 1:
            return self.year - 1
        if future and month < self.month - 1:
            return self.year + 1
        return self.year

    def shift_days(self, offset: int) -> str | None:
        full = self.full
        if full is None:
            if self.month and self.day and offset == 0:
                return _fmt(None, self.month, self.day)
            return None
        return (full + timedelta(days=offset)).isoformat()

    def weekday(self, wd: int, future: bool, rel: str | None, day: int | None) -> str | None:
        full = self.full
        if full is None:
            return None
        if day is not None:
            # "this Monday (6)": the day of the month is given
            candidates = [full.replace(day=1) + timedelta(days=k) for k in range(-40, 40)]
            hits = [c for c in candidates if c.day == day and c.weekday() == wd]
            if hits:
                return min(hits, key=lambda c: abs((c - full).days)).isoformat()
        delta = (wd - full.weekday()) % 7
        if future or rel == "next":
            if rel == "next" and delta == 0:
                delta = 7
            return (full + timedelta(days=delta)).isoformat()
        back = (full.weekday() - wd) % 7
        if rel == "last" and back == 0:
            back = 7
        return (full - timedelta(days=back)).isoformat()

    def relative_period(self, rel: str, unit: str, future: bool) -> str | None:
        rel = rel.lower()
        unit = unit.lower()
        if self.year is None:
            return None
        step = {"next": 1, "coming": 1, "last": -1, "past": -1, "this": 0}[rel]
        if unit == "year":
            return f"{self.year + step:04d}"
        if unit == "month" and self.month:
            month0 = self.month - 1 + step
            return _fmt(self.year + month0 // 12, month0 % 12 + 1, None)
        if unit == "week" and self.full is not None:
            return (self.full + timedelta(days=7 * step)).isoformat()
        return None


def _fmt(year: int | None, month: int | None, day: int | None) -> str:
    y = f"{year:04d}" if year is not None else "XXXX"
    if month is None:
        return y
    if day is None:
        return f"{y}-{month:02d}"
    if year is not None:
        try:
            date(year, month, day)
        except ValueError:
            return f"{y}-{month:02d}"
    return f"{y}-{month:02d}-{day:02d}"


def _int(text: str | None) -> int | None:
    if not text:
        return None
    digits = re.match(r"\d+", text)
    return int(digits.group()) if digits else None


def _month(text: str | None) -> int | None:
    if not text:
        return None
    return MONTHS.get(text.rstrip(".").lower())


def find_dates(text: str) -> list[DateMention]:
    """All date expressions in ``text``, left to right, non-overlapping."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            mention = _mention(kind, m)
            if mention is None:
                continue
            taken.append((s, e))
            found.append(mention)
    found.sort(key=lambda d: d.start)
    return found


def _mention(kind: str, m: re.Match[str]) -> DateMention | None:
    g = m.groupdict()
    s, e = m.span()
    if kind == "iso":
        return DateMention(s, e, kind, _int(g["y"]), _int(g["m"]), _int(g["d"]))
    if kind in ("mdy", "dmy"):
        day = _int(g["d"])
        if day is None or day > 31:
            return None
        return DateMention(s, e, kind, _int(g.get("y")), _month(g["mon"]), day)
    if kind == "my":
        return DateMention(s, e, kind, _int(g.get("y")), _month(g["mon"]), rel=g.get("rel"))
    if kind == "month":
        if g["mon"].rstrip(".").lower() == "may" and not m.group().lower().startswith(
            ("in", "since", "during", "until", "by", "early", "late", "mid")
        ):
            return None
        return DateMention(m.start("mon"), e, kind, None, _month(g["mon"]))
    if kind == "range_years":
        return DateMention(s, e, kind, _int(g["y"]))
    if kind == "year":
        return DateMention(s, e, kind, _int(g["y"]))
    if kind == "weekday":
        return DateMention(
            s, e, kind, weekday=WEEKDAYS[g["wd"].lower()], rel=g.get("this"), day=_int(g.get("d"))
        )
    if kind == "relday":
        return DateMention(s, e, kind, rel=g["rel"].lower())
    if kind == "relperiod":
        return DateMention(s, e, kind, rel=g["rel"].lower(), unit=g["unit"].lower())
    return None
