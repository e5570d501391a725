"""Clean stage: from raw page text to labelled blocks, metadata and stories.

Nothing here changes the text: every block is a ``(start, end)`` span of the
document text as read, so evidence offsets computed later stay exact. Lines are
classified on the normalised view of the text (:mod:`bilat.clean.normalize`:
one plain character for each typographic one), which has the same offsets.

Each line is labelled ``header`` (the ``date YYYY-MM-DD By Outlet`` line),
``meta`` (bylines, timestamp lines), ``noise`` (page furniture: "Photo: ...",
"Share:", "Leave a review", widget junk), ``separator``, ``title`` (a short line
without final punctuation: headlines, section names, captions) or ``body``.
Stories are split at separators and, on digest pages (several headlines each
followed by its own text), at every headline that follows body text.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from bilat.clean.dateline import find_dateline
from bilat.clean.dates import date_spans, full_date
from bilat.clean.normalize import normalize
from bilat.clean.published import choose_published
from bilat.document import Document
from bilat.options import Options
from bilat.resources import load_json
from bilat.timex import find_dates

BlockKind = Literal["header", "meta", "noise", "separator", "title", "body"]

_TERMINAL = ('.', '!', '?', '"', '”', "'", '’', ':', ';', '»', ')')


@dataclass(frozen=True, slots=True)
class Block:
    """A span of the document text with its label and story number."""

    start: int
    end: int
    kind: BlockKind
    story: int = 0


@dataclass(slots=True)
class CleanDoc:
    """The document with its blocks and the metadata found in its text."""

    doc: Document
    blocks: list[Block]
    published: str | None
    outlet: str | None = None
    title: str | None = None
    dateline: tuple[int, int] | None = None
    stories: int = 1
    #: the date line that heads a story of a page of dated entries, by story number
    story_dates: dict[int, str] = field(default_factory=dict)
    #: the datelines that open the other stories of a page (a digest's items:
    #: "GEORGETOWN, Guyana - ..."), by story: where each is told from
    story_datelines: dict[int, tuple[int, int]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    #: the normalised view of the text read (same length and offsets), for matching
    view: str = ""

    def __post_init__(self) -> None:
        if not self.view:
            self.view = normalize(self.doc.text)

    @property
    def text(self) -> str:
        return self.doc.text

    def body(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "body"]


@dataclass(frozen=True, slots=True)
class _Patterns:
    header: re.Pattern[str]
    header_prefix: re.Pattern[str]
    byline: re.Pattern[str]
    noise: tuple[re.Pattern[str], ...]
    separator: re.Pattern[str]
    datelines: tuple[re.Pattern[str], ...]
    list_heading: re.Pattern[str]
    list_item: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    data = load_json("cleaning.json")
    return _Patterns(
        header=re.compile(data["header"]),
        header_prefix=re.compile(data["header_prefix"]),
        byline=re.compile(data["byline"]),
        noise=tuple(re.compile(p) for p in data["noise"]),
        separator=re.compile(data["separators"]),
        datelines=tuple(
            re.compile(data[k]) for k in ("dateline", "agency_dateline", "caps_dateline")
        ),
        list_heading=re.compile(data["list_heading"]),
        list_item=re.compile(data["list_item"]),
    )


def _lines(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) of every line, end excluding the newline; long lines are cut
    into pieces of at most ``limit`` characters at a sentence end or space."""
    spans: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        start = pos
        while end - start > limit:
            window_end = start + limit
            cut = text.rfind(". ", start + limit // 2, window_end)
            if cut < 0:
                cut = text.rfind(" ", start + limit // 2, window_end)
            cut = window_end if cut < 0 else cut + 1
            spans.append((start, cut))
            start = cut
        spans.append((start, end))
        if nl < 0:
            break
        pos = nl + 1
    return spans


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_date_line(line: str) -> bool:
    """A short line that is mostly a date or timestamp."""
    if len(line) > 70:
        return False
    if re.match(r"\s*\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b", line):
        return True
    dates = date_spans(line)
    if not dates:
        return False
    rest = line
    for start, end, _full in reversed(dates):
        rest = rest[:start] + rest[end:]
    words = re.findall(r"[A-Za-z]{3,}", rest)
    filler = {"published", "updated", "posted", "edt", "est", "gmt", "utc", "ist", "pm", "am"}
    return len([w for w in words if w.lower() not in filler]) <= 3


_MENU_ITEM_WORDS = 5
#: words of a byline that carries the publication date ("By NAME  May 20, 2025  4 min read")
_STAMPED_BYLINE_WORDS = 16
#: a line that ends in a short tag in brackets ("(AM)", "(2023)", "(VIDEO)"): a heading
_TAGGED_HEADING = re.compile(r"\([\w ,/-]{1,30}\)\s{0,3}$")


def _menu_row(line: str) -> bool:
    """Three or more short items split by bars, none with a figure: a menu, not a
    headline, a byline or a stamp ("REUTERS | Published November 9, 2017 | Updated")."""
    if line.count("|") < 2 or line.rstrip().endswith(_TERMINAL) or re.search(r"\d", line):
        return False
    return all(len(item.split()) <= _MENU_ITEM_WORDS for item in line.split("|"))


def _classify(line: str, pats: _Patterns) -> BlockKind:
    if pats.separator.match(line):
        return "separator"
    if re.match(r"\s*\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b", line) and full_date(line):
        return "meta"  # "05/03/2024": a date, not a row of numbers
    if any(p.search(line) for p in pats.noise):
        return "noise"
    if _is_date_line(line):
        return "meta"
    if not re.search(r"[A-Za-z]", line):
        return "noise"
    if pats.byline.match(line) and (
        len(line.split()) <= 8
        # "By NAME   May 20, 2025   4 min read": a byline with its stamp
        or (len(line.split()) <= _STAMPED_BYLINE_WORDS and full_date(line) is not None)
    ):
        return "meta"
    words = line.split()
    if line.count(" / ") + line.count("/ ") >= 3 and not line.rstrip().endswith(_TERMINAL):
        return "noise"  # a row of headlines
    if _menu_row(line):
        return "noise"  # "Home | World | Business | Sport": a site's menu
    if not line.rstrip().endswith(_TERMINAL) and len(words) < 15:
        return "title"
    if _TAGGED_HEADING.search(line) and len(words) < 15 and "." not in line:
        return "title"  # "9606TH MEETING (AM)", "Peru and Chile hold talks (2023)": no prose
    return "body"


def clean(doc: Document, options: Options | None = None) -> CleanDoc:
    """Label the lines of ``doc``, find its metadata and split it into stories."""
    opts = options or Options()
    pats = _patterns()
    original = doc.text[: opts.max_chars]
    text = normalize(original)  # the view: every offset is the offset in ``original``
    blocks: list[Block] = []
    published = doc.published
    outlet = doc.meta.get("outlet")
    seen_content = False  # a title or body line has been seen
    for start, end in _lines(text, opts.max_line_chars):
        s, e = _strip_span(text, start, end)
        if s >= e:
            continue
        line = text[s:e]
        if not seen_content:
            m = pats.header.match(line)
            if m:
                published = published or m.group("date")
                if m.group("outlet"):
                    found = original[s + m.start("outlet") : s + m.end("outlet")]
                    outlet = outlet or found.strip() or None
                blocks.append(Block(s, e, "header"))
                continue
            m = pats.header_prefix.match(line)
            if m:
                published = published or m.group("date")
                blocks.append(Block(s, s + m.end(), "header"))
                s = s + m.end()
                line = text[s:e]
        kind = _classify(line, pats)
        if kind in ("body", "title"):
            seen_content = True
        blocks.append(Block(s, e, kind))
    blocks = _join_wrapped(text, blocks)
    blocks = _other_headlines(original, blocks, pats)  # bullets as written (not the view)
    dateline, dateline_date = _dateline(text, blocks, pats)
    if not published:
        published = choose_published(
            text, blocks, dateline[0] if dateline else None, dateline_date
        )
    blocks, stories = _stories(blocks, text)
    story_dates = _story_dates(blocks, text)
    story_datelines = _story_datelines(text, blocks, pats, dateline)
    notes = []
    if len(doc.text) > opts.max_chars:
        notes.append(
            f"only the first {opts.max_chars:,} of {len(doc.text):,} characters were read"
        )
    titles = [b for b in blocks if b.kind == "title"]
    title = doc.title or (original[titles[0].start : titles[0].end] if titles else None)
    return CleanDoc(
        doc=doc,
        blocks=blocks,
        published=published,
        outlet=outlet,
        title=title,
        dateline=dateline,
        stories=stories,
        story_dates=story_dates,
        story_datelines=story_datelines,
        notes=notes,
        view=text,
    )


def _other_headlines(original: str, blocks: list[Block], pats: _Patterns) -> list[Block]:
    """The lines under a heading of other stories ("Related stories", "Read also") are
    those stories' headlines: every title line and every line opened by a bullet ("»",
    ">>") up to the first other line is noise. Only after the article's first paragraph:
    above it, the title after such a list is the article's own."""
    out: list[Block] = []
    in_list = bodied = False
    for b in blocks:
        line = original[b.start : b.end]
        bodied = bodied or b.kind == "body"
        if bodied and b.kind in ("noise", "title") and pats.list_heading.match(line):
            in_list = True
            out.append(Block(b.start, b.end, "noise", b.story))
            continue
        if in_list and (b.kind == "title" or pats.list_item.match(line)):
            out.append(Block(b.start, b.end, "noise", b.story))
            continue
        in_list = False
        out.append(b)
    return out


def _join_wrapped(text: str, blocks: list[Block]) -> list[Block]:
    """Join hard-wrapped lines: a body or title line not ending a sentence,
    followed by a line starting in lower case, continues on that line."""
    out: list[Block] = []
    for b in blocks:
        if (
            out
            and out[-1].kind in ("body", "title")
            and b.kind in ("body", "title")
            and not text[out[-1].start : out[-1].end].endswith(_TERMINAL)
            and text[b.start : b.start + 1].islower()
            and text.count("\n", out[-1].end, b.start) == 1
        ):
            prev = out.pop()
            out.append(Block(prev.start, b.end, "body"))
            continue
        out.append(b)
    return out


#: body blocks shorter than this (characters) may stand above the dateline's
#: paragraph (captions, calls to follow the outlet), at most this many of them
_LEAD_BLOCK = 300
_LEAD_BLOCKS = 3


def _dateline(
    text: str, blocks: list[Block], pats: _Patterns
) -> tuple[tuple[int, int] | None, str | None]:
    """The span of the dateline that opens the first body block (or one after short
    lines such as a photo caption), if any, and
    the date it gives. A dateline on a line of its own before the body ("NAIROBI,
    March 5 (Reuters)") gives its date only: the line is not part of the body."""
    line_date: str | None = None
    skipped = 0
    for b in blocks:
        if b.kind in ("title", "meta") and line_date is None:
            line = text[b.start : b.end]
            found = find_dateline(line)
            if found is not None and found.published and found.end >= len(line):
                line_date = found.published
        if b.kind != "body":
            continue
        opening = _opening_dateline(text, b, pats)
        if opening is not None:
            return (b.start, opening[0]), opening[1] or line_date
        skipped += 1
        if b.end - b.start > _LEAD_BLOCK or skipped >= _LEAD_BLOCKS:
            # a real paragraph without a dateline opens the story; short lines before
            # it (a photo caption, a call to follow the outlet) do not
            return None, line_date
    return None, line_date


def _story_datelines(
    text: str, blocks: list[Block], pats: _Patterns, page: tuple[int, int] | None
) -> dict[int, tuple[int, int]]:
    """The dateline that opens the first paragraph of each story of the page, but the
    page's own: the items of a digest each tell where they are from."""
    out: dict[int, tuple[int, int]] = {}
    seen: set[int] = set()
    for b in blocks:
        if b.kind != "body" or b.story in seen:
            continue
        seen.add(b.story)
        if page is not None and b.start <= page[0] < b.end:
            continue
        opening = _opening_dateline(text, b, pats)
        if opening is not None:
            out[b.story] = (b.start, opening[0])
    return out


def _opening_dateline(text: str, b: Block, pats: _Patterns) -> tuple[int, str | None] | None:
    """Where the dateline that opens block ``b`` ends, and the date it gives: one the
    dateline reader knows, else one of the line patterns of ``cleaning.json``."""
    found = find_dateline(text[b.start : b.end])
    if found is not None:
        return b.start + found.end, found.published
    head = text[b.start : min(b.end, b.start + 120)]
    m = next((m for p in pats.datelines if (m := p.match(head))), None)
    if m is not None:
        return b.start + m.end(), _dateline_date(m.group())
    return None


def _dateline_date(dateline: str) -> str | None:
    for d in find_dates(dateline):
        if d.month and d.day:
            return d.resolve(None)
    return None


#: a paragraph of a news digest opening with its topic in capitals ("MYANMAR Two
#: journalists ...", "US-PAKISTAN A small party ...", "CAMEROON's government ...")
_KICKER = re.compile(r"[A-Z]{2,}(?:[-/][A-Z]{2,}){0,3}(?:'s\s+\w|\s+[A-Z\d\"'])")


#: the capitals of a kicker that stand apart from the sentence ("US-PAKISTAN A small ...",
#: not "CAMEROON's government ...")
_KICKER_WORDS = re.compile(r"[A-Z]{2,}(?:[-/][A-Z]{2,}){0,3}\s+(?=[A-Z\d\"'])")


def _stories(blocks: list[Block], text: str = "") -> tuple[list[Block], int]:
    """Number the stories of a page: separators, headlines of a digest, and
    paragraphs of a briefs page that each open with a topic in capitals."""
    kinds = [b.kind for b in blocks]
    content = [k for k in kinds if k in ("title", "body", "separator")]
    headline_then_body = sum(
        1 for a, b in itertools.pairwise(content) if a == "title" and b == "body"
    )
    digest = headline_then_body >= 3
    kicker = {
        i for i, b in enumerate(blocks)
        if b.kind == "body" and _KICKER.match(text, b.start, min(b.end, b.start + 80))
    }
    briefs = len(kicker) >= 3
    entries = _entry_dates(blocks, text)
    story = 0
    out: list[Block] = []
    previous_content: BlockKind | None = None
    for i, b in enumerate(blocks):
        starts_story = b.kind == "separator" or (digest and b.kind == "title") or (
            briefs and i in kicker
        ) or i in entries
        if starts_story and previous_content == "body":
            story += 1
        if b.kind in ("title", "body", "separator"):
            previous_content = b.kind
        head = _KICKER_WORDS.match(text, b.start, min(b.end, b.start + 80)) if (
            briefs and i in kicker
        ) else None
        if head is not None and head.end() < b.end:
            # the topic in capitals labels the brief: it is not part of its first sentence
            out.append(Block(b.start, head.end(), "separator", story))
            out.append(Block(head.end(), b.end, b.kind, story))
            continue
        out.append(Block(b.start, b.end, b.kind, story))
    return out, story + 1


def _entry_dates(blocks: list[Block], text: str) -> dict[int, str]:
    """The date lines (block index -> date) of a page of dated entries: two or more
    lines that are only a full date, each followed by body text ("March 17, 2018" ...
    "September 3, 2017" ...). Each heads an entry of its own, told as of that day.
    A single date line is the page's timestamp, not an entry."""
    found: dict[int, str] = {}
    pending: tuple[int, str] | None = None
    for i, b in enumerate(blocks):
        if b.kind == "meta":
            value = full_date(text[b.start : b.end])
            if value is not None:
                pending = (i, value)
        elif b.kind == "body" and pending is not None:
            found[pending[0]] = pending[1]
            pending = None
    return found if len(found) >= 2 else {}


def _story_dates(blocks: list[Block], text: str) -> dict[int, str]:
    """The date of each story that a date line of a page of dated entries heads."""
    return {blocks[i].story: value for i, value in _entry_dates(blocks, text).items()}
