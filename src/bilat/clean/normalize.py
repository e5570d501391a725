"""A length-preserving normalised view of a text, for matching only.

News arrives with every kind of typography: backtick, curly or prime
apostrophes (``Kazakhstan`s``, ``Kazakhstan’s``), curly double quotes, en and
em dashes, non-breaking and other odd spaces, and names with or without their
diacritics (``Côte d'Ivoire`` / ``Cote d'Ivoire``). Matchers (the gazetteer,
the dateline and line patterns, the spaCy pipeline) see one normalised form of
all of these; evidence still quotes the text as read.

The normalisation maps every character to exactly one character, so every
offset in the view is the offset in the original text: ``len(normalize(t)) ==
len(t)`` and a span ``(s, e)`` of the view is the span ``(s, e)`` of ``t``.
Characters without a one-character plain form (``æ``, ``ß``, ``…``) are kept.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from functools import cache

from spacy.lang.en.stop_words import STOP_WORDS

__all__ = ["normalize", "unshout"]

#: apostrophes and single quotes: backtick, acute accent, curly, primes, modifier letters
_APOSTROPHES = "`´‘’‛′ʹʻʼʽˈ＇"
#: double quotes: curly, low, double prime, guillemets, fullwidth
_QUOTES = "“”„‟″«»＂"
#: hyphens and dashes: soft hyphen, hyphen, non-breaking hyphen, figure/en/em dashes, bar, minus
_DASHES = "\u00ad‐‑‒–—―−﹘﹣－"
#: invisible word separators of web text: zero-width space, word joiner, byte-order mark
_INVISIBLE = "\u200b\u2060\ufeff"
#: letters whose base letter has no combining mark in Unicode but is read as one
_LETTERS = {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "ð": "d",
            "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T"}
#: Latin blocks with precomposed letters: Latin-1, Extended-A/B, Extended Additional
_LATIN_BLOCKS = ((0x00C0, 0x0250), (0x1E00, 0x1F00))


@cache
def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    for chars, plain in ((_APOSTROPHES, "'"), (_QUOTES, '"'), (_DASHES, "-"), (_INVISIBLE, " ")):
        for ch in chars:
            table[ord(ch)] = plain
    for code in range(0x80, 0x3001):
        ch = chr(code)
        if ch != " " and unicodedata.category(ch) == "Zs":
            table[code] = " "  # no-break, thin, figure, ideographic ... spaces
    for lo, hi in _LATIN_BLOCKS:
        for code in range(lo, hi):
            decomposed = unicodedata.normalize("NFD", chr(code))
            base = decomposed[0]
            if (
                len(decomposed) > 1
                and base.isascii()
                and base.isalpha()
                and all(unicodedata.combining(c) for c in decomposed[1:])
            ):
                table[code] = base
    for ch, plain in _LETTERS.items():
        table[ord(ch)] = plain
    return table


def normalize(text: str) -> str:
    """The normalised view of ``text``: same length, one character for one."""
    return text.translate(_table())


_WORD = re.compile(r"[^\W\d_][^\W\d_'-]*")
_CALENDAR = frozenset(
    w.lower() for w in (*calendar.month_name, *calendar.month_abbr, *calendar.day_name) if w
)


def unshout(view: str, names: frozenset[str] = frozenset(), min_letters: int = 12,
            share: float = 0.85) -> str:
    """Lines written in capitals ("KENYA AND SOUTH SUDAN SIGNED ...") in the case of
    ordinary prose, for the statistical pipeline and the case-sensitive gazetteer:
    words of place names (``names``, lower case) and of the calendar capitalised,
    short words that are not function words kept (acronyms: USA, UAE, EU), the rest
    in lower case. Headlines in title case ("Ghana Suspends Poultry Imports From
    Togo") likewise, acronyms kept. One character for one, so every offset is kept."""
    out: list[str] = []
    for line in view.split("\n"):
        letters = [c for c in line if c.isalpha()]
        upper = sum(1 for c in letters if c.isupper())
        if len(letters) >= min_letters and upper >= share * len(letters):
            out.append(_WORD.sub(lambda m: _prose_case(m.group(), names), line))
        elif _title_cased(line, names):
            out.append(_WORD.sub(lambda m: _sentence_case(m, names), line))
        else:
            out.append(line)
    return "\n".join(out)


#: a headline in title case is short; longer lines are prose full of names
_TITLE_MAX_CHARS = 200


def _title_cased(line: str, names: frozenset[str]) -> bool:
    """A headline in title case ("Ghana Suspends Poultry Imports From Togo"): no full
    stop at its end, every word of four letters or more that is no function word
    starts with a capital, and at least three of them are no place names. A sentence
    full of names and titles ends with a full stop or has a word in lower case
    ("received the Ambassador of ...")."""
    if len(line) > _TITLE_MAX_CHARS or line.rstrip().endswith("."):
        return False  # a headline ends without a full stop
    words = [w for w in _WORD.findall(line) if len(w) >= 4 and w.lower() not in STOP_WORDS]
    if any(not w[0].isupper() for w in words):
        return False
    return sum(1 for w in words if w.lower() not in names) >= 3


def _sentence_case(match: re.Match[str], names: frozenset[str]) -> str:
    """A title-case word in the case of prose: the first word of the line, place
    names and words in capitals (acronyms) as they are, every other capitalised
    word in lower case."""
    word = match.group()
    if match.start() == 0 or not word[0].isupper() or not word[1:].islower():
        return word
    low = word.lower()
    if low in names or low in _CALENDAR or len(low) != len(word):
        return word
    return low


def _prose_case(word: str, names: frozenset[str]) -> str:
    low = word.lower()
    if len(low) != len(word):
        return word  # a letter whose lower case is longer ("İ"): left as it is
    if low in names or low in _CALENDAR:
        return word[0] + low[1:]
    if len(word) <= 3 and low not in STOP_WORDS:
        return word
    return low
