"""The publication date of a page, from the dates its lines print.

Pages print the date of an article in many places and forms: a timestamp line under
the headline ("OUTLET - Mar 3, 2019 - 09:40", "Source: X  Editor: Y  2022-09-08
18:02:44", "03.11.2021 - Update : 04.11.2021"), a "Published:/Updated:/Posted on" line
anywhere, even at the foot of the page, and the dateline of the story, often without a
year ("LIMA, Sept 8 (Agency) --"). The site itself may print the date of the day in its
header, above the headline. The order of preference:

1. a date line of the page head (above the first paragraph): the one nearest to the
   article, that is the last one (the site's date of the day stands above the article's
   own);
2. a dateline with its year;
3. a "Published:/Posted on/Date:" line anywhere on the page;
4. a dateline without a year.

An update stamp alone ("Last updated: ...") is not taken: the page may have been touched
long after. A year-less dateline takes its year from a full date found on the page (3,
or an update stamp of at most a month later): the dateline's day, in the year that puts
it on or shortly before that date. Numeric dates
that both orders would read (05/03/2024) are read in the page's own order, shown by
another numeric date of the page (25/03/2024) or by the dateline's day.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from bilat.clean.dates import full_date, numeric_order

__all__ = ["DateLine", "choose_published"]

#: a line that names the date it gives (bounded: at the start of a short line)
_KEYWORD = re.compile(
    r"\s{0,5}(?i:(?:first\s)?published|(?:last\s)?updated?|posted|date)"
    r"(?:\s{1,3}(?i:on|at))?\s{0,3}[:|-]?\s{0,3}[\dA-Z]"
)
#: the word that marks the publication stamp on a line of several
_PUBLISHED = re.compile(r"\b(?:published|posted)\b", re.IGNORECASE)
#: a stamp of an update rather than of publication
_UPDATE = re.compile(r"\bupdated?\b", re.IGNORECASE)
#: a clock time (09:40, 18:02:44, 3.10 pm is not needed)
_CLOCK = re.compile(r"(?<!\d)(?:[01]?\d|2[0-3]):[0-5]\d(?!\d)")
#: an update stamp dates a year-less dateline of at most this many days before it
_UPDATE_DAYS = 31
#: lines longer than this are not timestamp lines
_STAMP_CHARS = 120
#: a stamp later than the year-less dateline's day by at most this many days gives its year
_LATE_STAMP_DAYS = 3


class _Block(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def kind(self) -> str: ...


@dataclass(frozen=True, slots=True)
class DateLine:
    """A line of the page that may give the publication date."""

    text: str
    head: bool  # above the article's first paragraph
    kind: str  # the line's label (meta, title, noise, body)

    @property
    def keyword(self) -> bool:
        return _KEYWORD.match(self.text) is not None

    @property
    def update(self) -> bool:
        """A stamp of an update only ("Last updated ...", not "12.03.2021 - Update : ...",
        nor "Updated: ... | Published: ...")."""
        found = _UPDATE.search(self.text)
        return found is not None and found.start() <= 10 and not _PUBLISHED.search(self.text)

    @property
    def published_part(self) -> str:
        """The line from its "Published"/"Posted" word on, if any ("Updated: 6 May 2021 |
        Published: 5 May 2021"), else the whole line."""
        found = _PUBLISHED.search(self.text)
        return self.text[found.start() :] if found else self.text


def _is_paragraph(text: str, block: _Block) -> bool:
    """A body block that is a paragraph of the article, not a menu or a subtitle."""
    line = text[block.start : block.end].rstrip()
    return block.kind == "body" and (
        len(line) >= 300 or (len(line) >= 100 and line.endswith((".", '"', "”", ")")))
    )


def _lines(text: str, blocks: Sequence[_Block], dateline_start: int | None) -> list[DateLine]:
    """The short lines of the page that print a date, each marked as in the head or not."""
    out: list[DateLine] = []
    head = True
    for b in blocks:
        if b.kind == "header":
            continue
        if head and (
            (dateline_start is not None and b.start <= dateline_start < b.end + 1)
            or _is_paragraph(text, b)
        ):
            head = False
        if b.end - b.start > _STAMP_CHARS:
            continue
        line = text[b.start : b.end]
        if re.search(r"\d", line):
            out.append(DateLine(line, head, b.kind))
    return out


def _order(lines: list[DateLine], dateline: str | None) -> bool | None:
    """The page's order of numeric dates: shown by a date that only one order reads,
    else by a date the page also writes in words ("Wednesday, June 12, 2019" above
    "12/06/2019 - 09:05"), else by the day of a year-less dateline."""
    for line in lines:
        found = numeric_order(line.text)
        if found is not None:
            return found
    worded = {full_date(line.text, None) for line in lines
              if not re.search(r"\d[/.-]\d", line.text)} - {None}
    for line in lines:
        day_first = full_date(line.text, True)
        month_first = full_date(line.text, False)
        if day_first != month_first and (day_first in worded) != (month_first in worded):
            return day_first in worded
    if dateline is None:
        return None
    for line in lines:
        day_first = full_date(line.text, True)
        month_first = full_date(line.text, False)
        if day_first != month_first:
            if day_first and day_first[4:] == dateline[4:]:
                return True
            if month_first and month_first[4:] == dateline[4:]:
                return False
    return None


_MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October"
           r"|November|December)")
_DAY_MONTH = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)? " + _MONTHS + r"\b")
_MONTH_DAY = re.compile(r"\b" + _MONTHS + r" \d{1,2}\b")
#: how much of a page is read for the order of its written dates
_PROSE_CHARS = 20_000


def _prose_order(text: str) -> bool | None:
    """The order the page writes its dates in words ("21 November 2023" against
    "November 21, 2023"): its numeric dates most often follow it. None when neither
    order is more common."""
    head = text[:_PROSE_CHARS]
    day_month = sum(1 for _ in _DAY_MONTH.finditer(head))
    month_day = sum(1 for _ in _MONTH_DAY.finditer(head))
    if day_month == month_day:
        return None
    return day_month > month_day


def _with_year(dateline: str, stamp: str) -> str:
    """A year-less dateline (XXXX-MM-DD) in the year that puts it on or shortly before
    the full date ``stamp``; the stamp itself when the dateline's day does not exist."""
    when = date.fromisoformat(stamp)
    month, day = int(dateline[5:7]), int(dateline[8:10])
    for year in (when.year, when.year - 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= when + timedelta(days=_LATE_STAMP_DAYS):
            return candidate.isoformat()
    return stamp


def choose_published(
    text: str,
    blocks: Sequence[_Block],
    dateline_start: int | None,
    dateline_date: str | None,
) -> str | None:
    """The publication date of a page (TIMEX) from its date lines and its dateline's date.

    ``blocks`` are the labelled lines of the page, ``dateline_start`` the offset of the
    dateline (or None) and ``dateline_date`` the date it gives (``YYYY-MM-DD``,
    ``XXXX-MM-DD`` or None)."""
    lines = _lines(text, blocks, dateline_start)
    yearless = dateline_date if dateline_date and dateline_date.startswith("XXXX") else None
    order = _order(lines, yearless)
    # (failing that, dates with slashes follow the order the page writes dates in words;
    # dotted ones are read day first anyway)
    slashed = _prose_order(text) if order is None else order
    head: list[tuple[bool, str]] = []
    stamps: list[tuple[bool, str]] = []
    plain: list[str] = []
    for line in lines:
        if line.kind == "body" and not line.keyword:
            continue
        value = full_date(line.published_part, slashed if "/" in line.published_part else order)
        if value is None and line.head and line.kind == "meta":
            value = _dateparser_date(line.text)
        if value is None:
            continue
        if line.head and (
            line.kind == "meta" or line.keyword or _CLOCK.search(line.text) is not None
        ):
            head.append((line.update, value))
        elif line.keyword or _PUBLISHED.search(line.text):
            stamps.append((line.update, value))
        elif line.kind == "meta":
            plain.append(value)  # a date line below a standfirst ("19 October 2023 · 8 min")
    # an update stamp alone is not the publication date (the page may have been
    # touched years later); it only dates a year-less dateline of shortly before it
    head_published = [v for upd, v in head if not upd]
    if head_published:
        return head_published[-1]
    if dateline_date and not yearless:
        return dateline_date
    published = [v for upd, v in stamps if not upd] + plain
    if published:
        return _with_year(yearless, published[0]) if yearless else published[0]
    if yearless:
        for _upd, stamp in head + stamps:
            dated = _with_year(yearless, stamp)
            lag = date.fromisoformat(stamp) - date.fromisoformat(dated)
            if dated[4:] == yearless[4:] and lag <= timedelta(days=_UPDATE_DAYS):
                return dated
    return dateline_date

def _dateparser_date(line: str) -> str | None:
    """Fall back on dateparser for timestamp formats such as ``10/22/2021 | 03:54am``."""
    candidate = line.split("|")[0].strip()
    if not re.search(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}", candidate):
        return None
    import dateparser  # imported lazily: slow to import, rarely needed

    parsed = dateparser.parse(
        candidate[:40], languages=["en"], settings={"STRICT_PARSING": True}
    )
    return parsed.date().isoformat() if parsed else None
