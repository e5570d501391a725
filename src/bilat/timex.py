"""Date expressions in text and their TIMEX values.

``find_dates`` locates date expressions in a short text (a sentence) with
bounded regular expressions; ``DateMention.resolve`` turns one into a TIMEX
value (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``, ``XXXX-MM-DD``) against the
publication date of the article. The publication date itself may be partial
(``XXXX-06-10``) or missing.
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
#: the month each season of the northern calendar begins in
_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

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
    # ("in June", "early June", "mid-June", "at the beginning of June")
    ("month", re.compile(rf"\b(?:(?i:in|on|by|until|since|from|during|early|late|of)\s{{1,3}}"
                         rf"|(?i:mid)-?\s{{0,3}})"
                         rf"(?P<mon>{_MONTH})\b(?!\s{{0,3}}\d)")),
    # ("next spring", "spring 2025", "in the autumn of 2019", "in early summer"): the year;
    # not "in summer", a season of every year ("returns water to farmers in summer")
    ("season", re.compile(
        r"\b(?:(?P<rel>(?i:next|this|last|coming))\s{1,3}(?P<s1>(?i:spring|summer|autumn|fall|winter))"
        rf"|(?P<s2>(?i:spring|summer|autumn|winter))(?:\s{{1,3}}of)?\s{{1,3}}(?P<y>{_YEAR})"
        r"|(?i:in)\s{1,3}(?:(?i:the)\s{1,3}(?:(?i:early|late)\s{1,3})?|(?i:early|late)\s{1,3})"
        rf"(?P<s3>(?i:spring|summer|autumn|winter))(?:\s{{1,3}}of\s{{1,3}}(?P<y3>{_YEAR}))?)\b"
    )),
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
    (
        "ago",
        re.compile(
            r"\b(?P<n>\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
            r"\s{1,3}(?P<unit>day|week|month|year)s?\s{1,3}ago\b",
            re.IGNORECASE,
        ),
    ),
]
_COUNTS = {w: i for i, w in enumerate(
    ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
     "twelve"], start=1)} | {"a": 1, "an": 1}


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
    count: int | None = None  # "three weeks ago"

    @property
    def text_precision(self) -> int:
        """3 for a day, 2 for a month, 1 for a year, 0 for relative words."""
        if self.kind == "ago":
            return {"day": 3, "week": 2, "month": 2}.get(self.unit or "", 1)
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
        if self.kind == "season" and self.unit:
            return pub.season_year(self.unit, self.year, self.rel, future)
        if self.kind == "weekday" and self.weekday is not None:
            return pub.weekday(self.weekday, future, self.rel, self.day)
        if self.kind == "relday" and self.rel:
            offset = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[self.rel]
            return pub.shift_days(offset)
        if self.kind == "relperiod" and self.rel and self.unit:
            return pub.relative_period(self.rel, self.unit, future)
        if self.kind == "ago" and self.count and self.unit:
            return pub.ago(self.count, self.unit)
        return None


def weekday_of_yearless(
    mention: DateMention, published: str | None, pub_weekday: int | None, future: bool
) -> str | None:
    """A weekday ("on Tuesday") against a publication date without a year
    (``XXXX-06-18``) whose own weekday is known from the text: the day that many days
    before (or, for what is to come, after) it, still without a year."""
    pub = Published.parse(published)
    if (pub_weekday is None or mention.weekday is None or mention.day is not None
            or pub.year is not None or pub.month is None or pub.day is None):
        return None
    wd = mention.weekday
    if future or mention.rel == "next":
        delta = (wd - pub_weekday) % 7
        if mention.rel == "next" and delta == 0:
            delta = 7
    else:
        delta = -((pub_weekday - wd) % 7)
        if mention.rel == "last" and delta == 0:
            delta = -7
    return pub.shift_days(delta)


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

    def season_year(
        self, season: str, year: int | None, rel: str | None, future: bool
    ) -> str | None:
        """The year of a season: given ("spring 2025"), else the next one to begin after
        the publication month ("next spring" in December 2024: 2025), this year's ("this
        summer"), the one before ("last winter"), or for "in the spring" the next one of an
        act to come and the last one begun of an act done."""
        if year is not None:
            return f"{year:04d}"
        if self.year is None:
            return None
        start = _SEASON_START[season]
        month = self.month or 1
        if rel == "this":
            return f"{self.year:04d}"
        if rel in ("next", "coming"):  # the next one to begin
            return f"{self.year + (1 if month >= start else 0):04d}"
        if rel == "last":  # the last one ended
            return f"{self.year - (0 if month >= start + 3 else 1):04d}"
        if future:  # this one, unless it has ended
            return f"{self.year + (1 if month >= start + 3 else 0):04d}"
        return f"{self.year - (0 if month >= start else 1):04d}"  # the last one begun

    def shift_days(self, offset: int) -> str | None:
        full = self.full
        if full is None:
            if self.year is None and self.month and self.day:
                # the day away from a year-less date ("yesterday" of XXXX-06-18); counted
                # in a common year unless the date is 29 February
                leap = self.month == 2 and self.day == 29
                try:
                    day = date(2000 if leap else 2001, self.month, self.day)
                except ValueError:
                    return None
                shifted = day + timedelta(days=offset)
                return _fmt(None, shifted.month, shifted.day)
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

    def ago(self, count: int, unit: str) -> str | None:
        """"two days ago" (the day), "three weeks ago" (that day's month), "two months
        ago" (the month), "a year ago" (the year)."""
        if self.year is None:
            return None
        if unit == "year":
            return f"{self.year - count:04d}"
        if unit == "month" and self.month:
            month0 = self.month - 1 - count
            return _fmt(self.year + month0 // 12, month0 % 12 + 1, None)
        full = self.full
        if full is None:
            return None
        day = full - timedelta(days=count * (7 if unit == "week" else 1))
        return day.isoformat() if unit == "day" else _fmt(day.year, day.month, None)

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
            # a week is no day: its month (the month of the same weekday that week)
            day = self.full + timedelta(days=7 * step)
            return _fmt(day.year, day.month, None)
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
            ("in", "since", "during", "until", "by", "early", "late", "mid", "of")
        ):
            return None
        return DateMention(m.start("mon"), e, kind, None, _month(g["mon"]))
    if kind == "season":
        season = (g["s1"] or g["s2"] or g["s3"] or "").lower()
        return DateMention(s, e, kind, _int(g.get("y") or g.get("y3")),
                           rel=(g.get("rel") or "").lower() or None, unit=season)
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
    if kind == "ago":
        n = g["n"].lower()
        count = int(n) if n.isdigit() else _COUNTS[n]
        return DateMention(s, e, kind, unit=g["unit"].lower(), count=count)
    return None


# -- periods of figures --------------------------------------------------------------
# "in 2018", "last year", "January-February this year", "the first nine months of
# 2020", "H1 2023", "8M23", "fiscal 2022", "between 2009 and 2010", "the same period
# of last year". ``find_periods`` finds them; each carries its TIMEX value (a year,
# a month or an interval of months) resolved against the publication date.

_P_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_P_YEAR = (
    r"(?:(?P<{n}>(?:19[5-9]\d|20[0-4]\d))(?![\d,.]\d)|(?P<{n}r>this year|the current year"
    r"|the year|last year|the previous year|the past year|the preceding year|a year earlier"
    r"|a year ago|that year|the same year))"
)
_P_COUNT = (
    r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
)
_COUNT_WORDS = {
    w: i + 1
    for i, w in enumerate(["one", "two", "three", "four", "five", "six", "seven", "eight",
                           "nine", "ten", "eleven", "twelve"])
}
_ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
            "4th": 4}


def _y(name: str) -> str:
    return _P_YEAR.format(n=name)


_PERIOD_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("same", re.compile(
        r"\b(?:the\s)?(?:same|corresponding|comparable)\speriod(?:\s(?:of|in|a\syear\searlier"
        rf"|a\syear\sago))?(?:\s{_y('y')})?", re.I)),
    ("reporting", re.compile(r"\b(?:the\s)?(?:reporting|review|same)\speriod\b", re.I)),
    ("months_ended", re.compile(  # "the nine months ended September 2022"
        rf"\b(?:the\s)?(?P<n>{_P_COUNT})\smonths\s(?:ended|ending|to|through)\s"
        rf"(?P<m>{_P_MONTH})(?:\s\d{{1,2}}(?:st|nd|rd|th)?(?!\d))?"
        rf"(?:,?\s(?:of\s)?{_y('y')})?", re.I)),
    ("day", re.compile(  # a day's date: the month of a one-off transfer
        rf"\b(?:{_P_MONTH}\s{{1,2}}\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s\d{{4}})?"
        rf"|\d{{1,2}}(?:st|nd|rd|th)?\s(?:of\s)?{_P_MONTH}(?:,?\s\d{{4}})?)\b", re.I)),
    ("month_span", re.compile(
        r"\b(?:(?:from|between)\s)?(?:the\s(?:end|beginning|start|middle)\sof\s)?"
        rf"(?P<m1>{_P_MONTH})(?:,?\s(?:of\s)?{_y('y1')})?\s?(?:-|–|—|to|through|till|until|and)\s?"
        rf"(?:the\s(?:end|beginning|start|middle)\sof\s)?(?P<m2>{_P_MONTH})"
        rf"(?:,?\s(?:of\s)?{_y('y2')})?(?:\speriod(?:\s(?:of|in)\s{_y('y3')})?)?", re.I)),
    ("months", re.compile(
        rf"\b(?:the\s)?(?:(?P<first>first|past|last)\s)?(?P<n>{_P_COUNT})\smonths"
        rf"(?:\s(?:of|in)\s{_y('y')})?", re.I)),
    ("quarter", re.compile(
        r"\b(?:the\s)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)\squarter"
        rf"(?:\s(?:of\s)?{_y('y')})?|\bQ(?P<qn>[1-4])(?:\s(?:of\s)?{_y('y2')})?"
        r"|\b(?P<qn2>[1-4])Q\s?(?P<qy>\d{2}|\d{4})\b", re.I)),
    ("three_quarters", re.compile(
        rf"\b(?:the\s)?first\sthree\squarters(?:\s(?:of\s)?{_y('y')})?", re.I)),
    ("half", re.compile(
        rf"\b(?:the\s)?(?P<h>first|second)\shalf(?:\s(?:of\s)?{_y('y')})?"
        rf"|\bH(?P<hn>[12])(?:\s(?:of\s)?{_y('y2')})?|\b(?P<hn2>[12])H\s?(?P<hy>\d{{2}}|\d{{4}})\b",
        re.I)),
    ("nm", re.compile(r"\b(?P<n>1[0-2]|[1-9])M\s?(?P<ny>\d{4}|\d{2})\b")),
    ("since", re.compile(
        r"\b(?:since\s(?:the\s)?(?:beginning|start)\sof\s(?:the\syear|this\syear"
        r"|(?P<y>(?:19|20)\d\d))|so\sfar\sthis\syear|year[\s-]to[\s-]date)", re.I)),
    ("fiscal", re.compile(
        r"\b(?:fiscal(?:\syear)?|financial\syear|FY)\s?['’]?(?P<a>(?:19|20)\d\d|\d\d)"
        r"(?:\s?[-/–]\s?(?P<b>(?:19|20)?\d\d))?\b"
        r"|\b(?P<a2>(?:19|20)\d\d)(?:\s?[-/–]\s?(?P<b2>(?:19|20)?\d\d))?\s(?:fiscal|financial)"
        r"\syear\b", re.I)),
    ("year_span", re.compile(
        r"\b(?:(?:from|between)\s)?(?P<a>(?:19|20)\d\d)\s?(?:-|–|—|to|and|through|/)\s?"
        r"(?P<b>(?:19|20)\d\d|\d\d)(?![\d,.]\d)", re.I)),
    ("month_year", re.compile(
        rf"\b(?P<m>{_P_MONTH})(?:,?\s(?:of\s)?{_y('y')})", re.I)),
    ("last_month", re.compile(r"\b(?P<rel>last|this|past)\smonth\b", re.I)),
    ("year", re.compile(rf"(?<![\d$€£¥,.])\b{_y('y')}", re.I)),
    ("month", re.compile(
        rf"\b(?:in|during|for|of|over)\s(?P<m>{_P_MONTH})(?!\s?\d)(?![a-z])", re.I)),
]


@dataclass(frozen=True, slots=True)
class PeriodMention:
    """A period expression in a text: its span, kind and TIMEX value. ``value`` is
    None when it depends on another period ("the same period of last year": see
    ``same_year``) or cannot be resolved (no publication year)."""

    start: int
    end: int
    kind: str
    value: str | None
    same_year: int | None = None


def find_periods(text: str, published: str | None, ref_month: int | None = None,
                 anchor_year: int | None = None) -> list[PeriodMention]:
    """Periods a figure may cover in ``text``, left to right, non-overlapping.

    ``ref_month`` is the last month a "since the beginning of the year" reaches
    (default: the publication month); ``anchor_year`` the year "that year" means
    when the text names none before it.
    """
    pub = Published.parse(published)
    found: list[PeriodMention] = []
    taken: list[tuple[int, int]] = []  # sorted, non-overlapping spans
    years: list[tuple[int, int]] = []  # (end, year) of the periods with a year, sorted
    for kind, pattern in _PERIOD_PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            i = bisect.bisect_left(taken, (s, s))
            if s == e or (i < len(taken) and taken[i][0] < e) or (i and taken[i - 1][1] > s):
                continue
            j = bisect.bisect_right(years, (s, 10_000))
            anchor = (years[j - 1][1] if j else None) or anchor_year
            period = _period(kind, m, pub, ref_month, anchor)
            if period is None:
                continue
            taken.insert(i, (s, e))
            found.append(period)
            v = period.value
            if v and v[:4].isdigit():
                bisect.insort(years, (e, int(v[-7:-3] if "/" in v else v[:4])))
    found.sort(key=lambda p: p.start)
    return found


def _rel_year(g: dict[str, str | None], name: str, pub: Published,
              anchor: int | None) -> tuple[bool, int | None, bool]:
    """(said, year, unknown) of the year group ``name``: said is False when the
    text names no year; unknown when it names one the publication date cannot
    resolve ("this year" in an undated article: XXXX)."""
    digits = g.get(name)
    if digits:
        return True, int(digits), False
    rel = (g.get(name + "r") or "").lower()
    if not rel:
        return False, None, False
    if rel in ("that year", "the same year"):
        return True, anchor, False
    if rel in ("a year earlier", "the previous year", "the preceding year") and anchor:
        return True, anchor - 1, False  # the year before the one just named
    if rel == "a year earlier":
        return True, None, False  # earlier than a period not named
    if pub.year is None:
        return True, None, rel in ("this year", "the current year", "the year")
    if rel in ("this year", "the current year", "the year"):
        return True, pub.year, False
    return True, pub.year - 1, False


def _two_digit(text: str, base: int) -> int:
    if len(text) == 4:
        return int(text)
    return base // 100 * 100 + int(text)


def _span(y1: int | None, m1: int, y2: int | None, m2: int) -> str:
    a = f"{y1:04d}" if y1 is not None else "XXXX"
    b = f"{y2:04d}" if y2 is not None else "XXXX"
    return f"{a}-{m1:02d}/{b}-{m2:02d}"


def _default_year(pub: Published, last_month: int) -> tuple[int | None, bool]:
    """The year of months named without one: the latest such period up to publication."""
    if pub.year is None:
        return None, True
    if pub.month is not None and last_month > pub.month:
        return pub.year - 1, False
    return pub.year, False


def _period(kind: str, m: re.Match[str], pub: Published, ref_month: int | None,
            anchor: int | None) -> PeriodMention | None:
    g = m.groupdict()
    s, e = m.span()

    def make(value: str | None, same: int | None = None) -> PeriodMention:
        return PeriodMention(s, e, kind, value, same)

    def year_of(name: str, last_month: int) -> tuple[bool, int | None]:
        said, year, unknown = _rel_year(g, name, pub, anchor)
        if said:
            return (year is not None or unknown), year
        y, unknown2 = _default_year(pub, last_month)
        return (y is not None or unknown2), y

    if kind == "reporting":
        return make(None)  # the period named before
    if kind == "day":
        mon = re.search(_P_MONTH, m.group(), re.I)
        yr = re.search(r"\d{4}", m.group())
        if mon is None:
            return make(None)
        month_num = MONTHS[mon.group().rstrip(".").lower()]
        y0 = int(yr.group()) if yr else _default_year(pub, month_num)[0]
        return make(_fmt(y0, month_num, None))
    if kind == "same":
        said, year, _ = _rel_year(g, "y", pub, anchor)
        return make(None, year if said else (pub.year - 1 if pub.year else None))
    if kind == "month_span":
        m1, m2 = MONTHS[g["m1"].rstrip(".").lower()], MONTHS[g["m2"].rstrip(".").lower()]
        said2, y2, unk2 = _rel_year(g, "y2", pub, anchor)
        if not said2:  # "the January-June period of 2022"
            said2, y2, unk2 = _rel_year(g, "y3", pub, anchor)
        said1, y1, _ = _rel_year(g, "y1", pub, anchor)
        if not said2:
            if said1:
                y2 = y1 if m2 >= m1 else (y1 + 1 if y1 else None)
            else:
                y2, unk2 = _default_year(pub, m2)
        elif y2 is None and not unk2:
            return None
        if not said1:
            y1 = y2 if m2 >= m1 or y2 is None else y2 - 1
        return make(_span(y1, m1, y2, m2))
    if kind == "months_ended":
        n = int(g["n"]) if g["n"].isdigit() else _COUNT_WORDS.get(g["n"].lower(), 0)
        end = MONTHS[g["m"].rstrip(".").lower()]
        said, year, unknown = _rel_year(g, "y", pub, anchor)
        if not said:
            year, unknown = _default_year(pub, end)
        if not 1 <= n <= 12 or (year is None and not unknown):
            return None
        first_month = end - n + 1
        y_start = None if year is None else (year if first_month >= 1 else year - 1)
        return make(_span(y_start, (first_month - 1) % 12 + 1, year, end))
    if kind == "months":
        n = int(g["n"]) if g["n"].isdigit() else _COUNT_WORDS.get(g["n"].lower(), 0)
        first = (g.get("first") or "").lower()
        said, year, unknown = _rel_year(g, "y", pub, anchor)
        if not 1 <= n <= 12 or (first != "first" and not said):
            return None
        if not said:
            year, unknown = _default_year(pub, n)
        if year is None and not unknown:
            return None
        return make(_span(year, 1, year, n))
    if kind == "quarter":
        if g.get("qn2"):
            q = int(g["qn2"])
            year2: int | None = _two_digit(g["qy"], pub.year or 2000)
            return make(_span(year2, 3 * q - 2, year2, 3 * q))
        q = _ORDINAL[g["q"].lower()] if g.get("q") else int(g["qn"])
        ok, year2 = year_of("y" if g.get("q") else "y2", 3 * q)
        return make(_span(year2, 3 * q - 2, year2, 3 * q)) if ok else None
    if kind == "three_quarters":
        ok, year2 = year_of("y", 9)
        return make(_span(year2, 1, year2, 9)) if ok else None
    if kind == "half":
        if g.get("hn2"):
            h = int(g["hn2"])
            year3: int | None = _two_digit(g["hy"], pub.year or 2000)
        else:
            h = (1 if g["h"].lower() == "first" else 2) if g.get("h") else int(g["hn"])
            ok, year3 = year_of("y" if g.get("h") else "y2", 6 * h)
            if not ok:
                return None
        return make(_span(year3, 6 * h - 5, year3, 6 * h))
    if kind == "nm":
        year4 = _two_digit(g["ny"], pub.year or 2000)
        return make(_span(year4, 1, year4, int(g["n"])))
    if kind == "since":
        year5 = int(g["y"]) if g.get("y") else pub.year
        month = ref_month or pub.month
        if month is None:
            return None
        return make(_span(year5, 1, year5, month))
    if kind == "fiscal":
        a = g.get("a") or g.get("a2") or ""
        b = g.get("b") or g.get("b2")
        base = pub.year or 2000
        ya = _two_digit(a, base)
        if b:
            yb = _two_digit(b[-2:], ya) if len(b) <= 2 else int(b)
            if yb == ya + 1:
                return make(_span(ya, 1, yb, 12))
            return None
        return make(f"{ya:04d}")
    if kind == "year_span":
        ya = int(g["a"])
        yb = _two_digit(g["b"], ya)
        if not ya < yb <= ya + 30:
            return None
        return make(_span(ya, 1, yb, 12))
    if kind == "month_year":
        said, year6, unknown = _rel_year(g, "y", pub, anchor)
        if not said or (year6 is None and not unknown):
            return None
        return make(_fmt(year6, MONTHS[g["m"].rstrip(".").lower()], None))
    if kind == "last_month":
        if pub.year is None or pub.month is None:
            return None
        step = 0 if g["rel"].lower() == "this" else -1
        m0 = pub.month - 1 + step
        return make(_fmt(pub.year + m0 // 12, m0 % 12 + 1, None))
    if kind == "year":
        if (g.get("yr") or "").lower() == "the year":
            return None  # "the year" alone says nothing
        if re.search(r"\b(?:since|until|till)\s$", m.string[max(0, s - 7) : s], re.I):
            return None  # an open interval: not a period
        said, year7, unknown = _rel_year(g, "y", pub, anchor)
        if year7 is None:
            return make("XXXX" if unknown else None)  # said, but not to be resolved
        return make(f"{year7:04d}")
    if kind == "month":
        month = MONTHS[g["m"].rstrip(".").lower()]
        if g["m"].lower().startswith("may") and not m.group().lower().startswith(
                ("in", "during", "for")):
            return None
        y8, unknown = _default_year(pub, month)
        return make(_fmt(y8, month, None))
    return None
