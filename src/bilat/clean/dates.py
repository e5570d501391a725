"""Full dates on the timestamp lines of a page (publication dates).

Besides the written dates :func:`bilat.timex.find_dates` reads ("5 March 2024",
"Mar 5, 2024"), pages print numeric dates and machine timestamps:
``05.03.2024``, ``2024/03/05``, ``03/25/2024 | 10:22am``,
``2024-03-05T10:22:00+05:00``, and dates in capitals (``5 MARCH 2024``).
"""

from __future__ import annotations

import re
from datetime import date

from bilat.timex import find_dates

__all__ = ["date_spans", "full_date", "numeric_order"]

_NUMERIC = re.compile(
    r"(?<![\d.])(?P<a>\d{1,4})(?P<s>[./-])(?P<b>\d{1,2})(?P=s)(?P<c>\d{4}|\d{1,2})(?!\d)"
)


def _numeric(m: re.Match[str], day_first: bool | None = None) -> str | None:
    """TIMEX of a numeric date: year first (2024-03-05, 2024/03/05); otherwise day first
    with dots (05.03.2024) or when the first number exceeds 12 (25/03/2024), month first
    with a slash or hyphen otherwise (03/25/2024, the US order). ``day_first`` gives the
    page's own order for a date that both orders would read (05/03/2024)."""
    a, b, c = int(m.group("a")), int(m.group("b")), int(m.group("c"))
    if len(m.group("a")) == 4:
        year, month, day = a, b, c
    elif len(m.group("c")) == 4:
        year = c
        if a > 12 or b > 12:
            day_first = a > 12
        elif day_first is None:
            day_first = m.group("s") == "."
        day, month = (a, b) if day_first else (b, a)
    else:
        return None
    try:
        return date(year, month, day).isoformat() if 1900 <= year <= 2099 else None
    except ValueError:
        return None


def numeric_order(line: str) -> bool | None:
    """True when a numeric date of the line can only be read day first (25/03/2024),
    False when only month first (03/25/2024), None when it does not tell."""
    for m in _NUMERIC.finditer(line):
        if len(m.group("c")) == 4 and len(m.group("a")) <= 2:
            a, b = int(m.group("a")), int(m.group("b"))
            if (a > 12) != (b > 12):
                return a > 12
    return None


def _readable(line: str) -> str:
    """A line in capitals with title-case words, so that month names are found."""
    return line.title() if line.isupper() else line


def date_spans(
    line: str, day_first: bool | None = None
) -> list[tuple[int, int, str | None]]:
    """(start, end, full TIMEX or None) of the dates of a line: written dates of month
    precision or finer, and numeric dates (``day_first``: as for :func:`full_date`)."""
    spans: list[tuple[int, int, str | None]] = []
    for m in _NUMERIC.finditer(line):
        spans.append((m.start(), m.end(), _numeric(m, day_first)))
    for d in find_dates(_readable(line)):
        if d.text_precision < 2 and d.kind != "iso":
            continue
        if any(s < d.end and d.start < e for s, e, _ in spans):
            continue
        full = (
            f"{d.year:04d}-{d.month:02d}-{d.day:02d}" if d.year and d.month and d.day else None
        )
        spans.append((d.start, d.end, full))
    return sorted(spans)


def full_date(line: str, day_first: bool | None = None) -> str | None:
    """The first full date (YYYY-MM-DD) of a timestamp line, if any. ``day_first`` reads
    a numeric date that both orders would read (05/03/2024) day first (True) or month
    first (False); None: day first with dots, month first otherwise."""
    for _s, _e, full in date_spans(line, day_first):
        if full is not None:
            return full
    return None
