"""Publication dates given as metadata (a JSON Lines ``published`` field) to TIMEX.

Accepted: TIMEX values as they are (``2023``, ``2023-05``, ``2023-05-03``,
``XXXX-05-03``); ISO 8601 dates and datetimes, with or without a zone
(``2023-05-03T23:30:00-05:00``); RFC 2822 dates (``Wed, 03 May 2023 10:00:00
+0200``); and the common written forms in English (``May 3, 2023``, ``3 May
2023``, ``Thursday, May 4th, 2023``, ``May 2023``). A datetime gives the date as
written in its own zone (no conversion to UTC: the day the outlet printed).
Relative expressions (``yesterday``) and anything else are refused: a date is
never stored as an unparsed string.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import dateparser

MAX_CHARS = 80
"""A longer value is no date (and is not handed to the parsers)."""

_TIMEX = re.compile(r"(\d{4}|XXXX)(?:-(\d{2})(?:-(\d{2}))?)?")
_MONTH_YEAR = re.compile(r"[A-Za-z]{3,9}\.?,? \d{4}")
_SETTINGS: dict[str, Any] = {
    "STRICT_PARSING": True,  # day, month and year must all be given
    "PARSERS": ["absolute-time"],  # no "yesterday", no "3 days ago"
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def _timex(value: str) -> str | None:
    match = _TIMEX.fullmatch(value)
    if match is None:
        return None
    year, month, day = match.groups()
    if year == "XXXX" and day is None:
        return None
    try:
        date(2000 if year == "XXXX" else int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return value


def _absolute(value: str) -> datetime | None:
    parsed: datetime | None = dateparser.parse(value, languages=["en"], settings=_SETTINGS)
    return parsed


def parse_published(value: str) -> str:
    """The TIMEX value of a publication date given as text.

    Raises:
        ValueError: ``value`` is not a date in one of the accepted forms; the
            message names the value.
    """
    text = value.strip()
    problem = ValueError(
        f"'published' is not a date: {value[:MAX_CHARS]!r}"
        f"{' (cut)' if len(value) > MAX_CHARS else ''} "
        "(expected ISO 8601, RFC 2822 or a written date such as 'May 3, 2023')"
    )
    if not text or len(text) > MAX_CHARS:
        raise problem
    found = _timex(text)
    if found is not None:
        return found
    try:
        return datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    parsed = _absolute(text)
    if parsed is not None:
        return parsed.date().isoformat()
    if _MONTH_YEAR.fullmatch(text):
        first = _absolute(f"1 {text}")
        if first is not None:
            return first.strftime("%Y-%m")
    raise problem
