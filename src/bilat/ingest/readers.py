"""Readers of the input formats: plain text, HTML, JSON Lines (plain or gzip),
WARC (plain or gzip) and RSS/Atom feeds."""

from __future__ import annotations

import calendar
import codecs
import gzip
import json
import re
import time
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, cast

import feedparser
import lxml.html
import trafilatura
from lxml import etree
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from bilat.document import Document
from bilat.errors import IngestError, IngestNotice
from bilat.ingest.dates import parse_published
from bilat.ingest.decoding import decode_bytes
from bilat.ingest.language import foreign_language
from bilat.ingest.paths import InputFile, InputPath, PathArg, input_kind, walk_inputs
from bilat.options import Options

HTML_BYTES_PER_CHAR = 4
"""An HTML file larger than ``max_chars * HTML_BYTES_PER_CHAR`` bytes is refused."""

JSONL_BYTES_PER_CHAR = 12
"""A JSON line longer than ``max_chars * JSONL_BYTES_PER_CHAR`` bytes is refused.

Generous on purpose: ``json.dumps`` writes a non-ASCII character as ``\\uXXXX``
(6 bytes), or as a surrogate pair (12 bytes) outside the Basic Multilingual Plane.
"""

FEED_MAX_BYTES = 64 << 20
"""A feed file larger than this is refused (feeds are parsed whole)."""

MAX_ID_CHARS = 500
"""A WARC record whose URL is longer than this is named by its WARC-Record-ID."""

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_BLOCK_TAGS = frozenset({
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
    "table", "tr", "section", "article", "header", "footer", "figure", "figcaption", "dd", "dt",
})
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_SPACES = re.compile(r"\s+")
_SKIP_CHUNK = 1 << 20
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_KNOWN_KEYS = frozenset({"id", "text", "title", "published", "url"})


@dataclass
class ReadStats:
    """What a run read besides documents: records of a container (a WARC file)
    that are no article and were skipped, by reason. Filled in by
    :func:`read_documents` when given one."""

    skipped: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        """``"3 non-HTML responses, 1 HTTP status 404"``; empty when nothing was skipped."""
        return ", ".join(f"{n} {reason}" for reason, n in sorted(self.skipped.items()))


def _read_bytes(path: InputPath) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise IngestError(str(path), f"cannot read file: {err.strerror or err}") from None


def _check_text(text: str, source: str) -> None:
    if not text.strip():
        raise IngestError(source, "empty document: no text")


def read_txt(path: InputPath, key: str = "") -> Document:
    """Read one plain-text file; the id is the file name without its last suffix,
    the key ``key`` (the path relative to the folder given), else the file name.

    The text is kept exactly as decoded (newlines included), so character offsets
    into it match a reader that opens the file with ``newline=''``.

    Raises:
        IngestError: the file cannot be read or decoded, is binary or is empty.
    """
    source = str(path)
    text, encoding = decode_bytes(_read_bytes(path), source)
    _check_text(text, source)
    return Document(
        id=path.stem, text=text, source=source, meta={"encoding": encoding},
        key=key or path.name,
    )


def _article_url(url: str | None) -> str | None:
    """``url`` when it names a page below a site's root (a site's home page is
    no article's own address: some pages give it as theirs)."""
    if not url:
        return None
    scheme, _, rest = url.partition("://")
    if scheme.lower() not in ("http", "https") or not rest:
        return None
    path = rest.split("?", 1)[0].split("#", 1)[0].partition("/")[2]
    return url if path.strip("/") else None


def read_html(path: InputPath, options: Options, key: str = "") -> Document:
    """Read one HTML page: main text and metadata (title, date, url, outlet) by trafilatura.

    The key is the page's own URL when it gives one (an address below a site's
    root), else ``key`` (the path relative to the folder given), else the file name.

    The document text is the extracted main text; evidence offsets point into it,
    not into the HTML source.

    Raises:
        IngestError: the file is too large, cannot be read or decoded, or has no
            main text.
    """
    source = str(path)
    limit = options.max_chars * HTML_BYTES_PER_CHAR
    try:
        size = path.stat().st_size
    except OSError as err:
        raise IngestError(source, f"cannot read file: {err.strerror or err}") from None
    if size > limit:
        raise IngestError(source, f"file too large ({size} bytes; limit {limit} bytes for HTML)")
    html, encoding = decode_bytes(_read_bytes(path), source)
    return html_document(html, path.stem, source, {"encoding": encoding},
                          key=key or path.name)


def html_document(
    html: str, doc_id: str, source: str, meta: dict[str, str], url: str | None = None,
    key: str = "",
) -> Document:
    """Main text and metadata of an HTML page by trafilatura; ``url`` (where the
    page was fetched) wins over the one the page names. The key is the page's own
    URL when it names a page below a site's root, else ``key``, else ``doc_id``."""
    try:
        text = trafilatura.extract(
            html,
            output_format="txt",
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            with_metadata=False,
        )
        metadata = trafilatura.extract_metadata(html)
    except Exception as err:  # a third-party parser on hostile input: report, go on
        raise IngestError(source, f"HTML extraction failed: {err!r}") from None
    if not text or not text.strip():
        raise IngestError(source, "no main text found in HTML")
    meta = dict(meta)
    if metadata.sitename:
        meta["outlet"] = metadata.sitename
    published = metadata.date if metadata.date and _ISO_DATE.fullmatch(metadata.date) else None
    return Document(
        id=doc_id,
        text=text,
        source=source,
        title=metadata.title or None,
        published=published,
        url=url or metadata.url or None,
        meta=meta,
        key=_article_url(url or metadata.url) or key or doc_id,
    )


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value
    raise ValueError(f"field {key!r} must be a string, not {type(value).__name__}")


def _record_to_document(record: object, source: str, file_key: str) -> Document:
    if not isinstance(record, dict):
        raise ValueError(f"expected a JSON object, got {type(record).__name__}")
    doc_id = record.get("id")
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if doc_id is None:
        raise ValueError("missing 'id'")
    if not isinstance(doc_id, str):
        raise ValueError(f"'id' must be a string or an integer, not {type(doc_id).__name__}")
    if not doc_id.strip():
        raise ValueError("empty 'id'")
    text = record.get("text")
    if text is None:
        raise ValueError("missing 'text'")
    if not isinstance(text, str):
        raise ValueError(f"'text' must be a string, not {type(text).__name__}")
    if not text.strip():
        raise ValueError("empty 'text'")
    meta = {
        key: value
        for key, value in record.items()
        if key not in _KNOWN_KEYS and isinstance(value, str)
    }
    published = _optional_str(record, "published")
    return Document(
        id=doc_id,
        text=text,
        source=source,
        title=_optional_str(record, "title"),
        published=parse_published(published) if published is not None else None,
        url=_optional_str(record, "url"),
        meta=meta,
        key=f"{file_key}#{doc_id}",
    )


class _Gunzip(gzip.GzipFile):
    """A gzip stream over a file it closes too (a remote file's)."""

    def __init__(self, raw: BinaryIO) -> None:
        super().__init__(fileobj=raw, mode="rb")
        self._raw = raw

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._raw.close()


def _open_binary(path: InputPath) -> BinaryIO:
    """``path`` opened for reading bytes, decompressed when it ends in ``.gz``."""
    if path.name.lower().endswith(".gz"):
        if isinstance(path, Path):
            return cast(BinaryIO, gzip.open(path, "rb"))  # the caller closes it
        return cast(BinaryIO, _Gunzip(path.open("rb")))
    return path.open("rb")


def _skip_rest_of_line(handle: BinaryIO) -> None:
    while True:
        try:
            chunk = handle.readline(_SKIP_CHUNK)
        except (OSError, EOFError, zlib.error):
            return
        if not chunk or chunk.endswith(b"\n"):
            return


def read_jsonl(
    path: InputPath, options: Options, key: str = ""
) -> Iterator[Document | IngestError]:
    """Read a JSON Lines file (``.jsonl``, or gzip ``.jsonl.gz``) one line at a time:
    one Document per record.

    Each non-blank line must be a JSON object with a non-empty ``id`` (string or
    integer) and ``text`` (string); ``title``, ``published`` and ``url`` are
    optional strings; ``published`` must be a date (see
    :func:`bilat.ingest.dates.parse_published`) and is kept as its TIMEX value;
    other keys with string values go to ``meta``. A document's key is the
    file's ``key`` (else its name) and the record's id: ``wire.jsonl#42``. A bad line
    yields an :class:`IngestError` whose source is ``"<file>:<line>"`` and reading
    goes on with the next line.
    """
    limit = options.max_chars * JSONL_BYTES_PER_CHAR
    try:
        handle = _open_binary(path)
    except OSError as err:
        yield IngestError(str(path), f"cannot read file: {err.strerror or err}")
        return
    with handle:
        lineno = 0
        while True:
            try:
                raw = handle.readline(limit + 1)
            except (OSError, EOFError, zlib.error) as err:  # gzip: bad or cut short
                yield IngestError(f"{path}:{lineno + 1}", f"cannot read file: {err}")
                return
            if not raw:
                return
            lineno += 1
            source = f"{path}:{lineno}"
            if len(raw) > limit and not raw.endswith(b"\n"):
                _skip_rest_of_line(handle)
                yield IngestError(source, f"line too long (more than {limit} bytes)")
                continue
            if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                yield IngestError(source, f"not valid UTF-8: {err}")
                continue
            try:
                record = json.loads(line)
            except (json.JSONDecodeError, RecursionError) as err:
                yield IngestError(source, f"bad JSON: {err}")
                continue
            try:
                yield _record_to_document(record, source, key or path.name)
            except ValueError as err:
                yield IngestError(source, str(err))


def _http_date_day(value: str | None) -> str | None:
    if value and _ISO_DATE.match(value):
        return value[:10]
    return None


def read_warc(
    path: InputPath, options: Options, stats: ReadStats | None = None
) -> Iterator[Document | IngestError]:
    """Read a WARC file (``.warc`` or ``.warc.gz``) one record at a time.

    Each HTML ``response`` record with HTTP status 200 is an article: its main
    text and metadata as for an HTML file, its id and ``url`` the record's target
    URL (its WARC-Record-ID when the URL is very long), ``meta["fetched"]`` the
    WARC-Date and ``meta["warc_record"]`` the WARC-Record-ID. Its source is
    ``"<file>@<byte offset of the record>"``. Responses that are not HTML or not
    status 200 are skipped and counted in ``stats``; other record types (request,
    metadata, warcinfo) are no articles and are passed over.
    """
    limit = options.max_chars * HTML_BYTES_PER_CHAR
    try:
        handle = path.open("rb")
    except OSError as err:
        yield IngestError(str(path), f"cannot read file: {err.strerror or err}")
        return
    with handle:
        if not _starts_as_warc(handle):
            yield IngestError(str(path), "not a WARC file (no WARC/1.x header at its start)")
            return
        records = ArchiveIterator(handle)
        while True:
            try:
                record = next(records)
            except StopIteration:
                return
            except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError) as err:
                problem = " ".join(str(err).split())
                yield IngestError(str(path), f"not a readable WARC file: {problem}")
                return
            source = f"{path}@{records.offset}"  # where this record starts
            if not record.rec_type:
                yield IngestError(source, "WARC record without a WARC-Type")
                continue
            if record.rec_type != "response":
                continue
            http = record.http_headers
            status = http.get_statuscode() if http is not None else None
            if status != "200":
                if stats is not None:
                    stats.skipped[f"HTTP status {status or 'unknown'}"] += 1
                continue
            content_type = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
            if content_type not in _HTML_TYPES:
                if stats is not None:
                    stats.skipped["non-HTML responses"] += 1
                continue
            try:
                yield _warc_document(record, source, limit)
            except IngestError as err:
                yield err


def _starts_as_warc(handle: BinaryIO) -> bool:
    """Whether the file (gzip or not) opens with a WARC version line; the handle
    is put back at its start. warcio alone reads some other text as an ARC file."""
    head = handle.read(512)
    handle.seek(0)
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(wbits=31).decompress(head, 16)
        except zlib.error:
            return False
    return head.startswith(b"WARC/")


def _warc_document(record: Any, source: str, limit: int) -> Document:
    headers = record.rec_headers
    url = headers.get_header("WARC-Target-URI") or None
    record_id = headers.get_header("WARC-Record-ID") or source
    try:
        payload = record.content_stream().read(limit + 1)
    except (OSError, EOFError, zlib.error, ValueError) as err:
        raise IngestError(source, f"cannot read WARC record: {err}") from None
    if len(payload) > limit:
        raise IngestError(source, f"response too large (more than {limit} bytes for HTML)")
    html, encoding = decode_bytes(payload, source)
    meta = {"encoding": encoding, "warc_record": record_id}
    fetched = headers.get_header("WARC-Date")
    if fetched:
        meta["fetched"] = fetched
    doc_id = url if url and len(url) <= MAX_ID_CHARS else record_id
    return html_document(html, doc_id, source, meta, url=url)


def _html_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry's content): block elements and
    line breaks become paragraph and line ends."""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return fragment
    for element in root.iter():
        # HTML white space, raw line ends included, is one space
        element.text = _SPACES.sub(" ", element.text) if element.text else element.text
        element.tail = _SPACES.sub(" ", element.tail) if element.tail else element.tail
        if not isinstance(element.tag, str):
            continue
        if element.tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif element.tag in _BLOCK_TAGS:
            element.tail = "\n\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip() + "\n"


def _entry_text(entry: Any) -> str:
    parts = entry.get("content") or []
    chosen = None
    for part in parts:
        if part.get("value", "").strip():
            chosen = part
            break
    if chosen is None:
        value = entry.get("summary") or ""
        kind = (entry.get("summary_detail") or {}).get("type", "text/html")
    else:
        value, kind = chosen.get("value", ""), chosen.get("type", "text/html")
    if "html" in kind:
        return _html_to_text(value)
    return value.strip() + "\n" if value.strip() else ""


def _entry_date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not isinstance(parsed, time.struct_time):
        return None
    return time.strftime("%Y-%m-%d", time.gmtime(calendar.timegm(parsed)))


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry of an RSS or Atom feed, as :func:`parse_feed` reads it.

    ``text`` is the entry's content, else its summary, made plain text (may be
    empty); ``published`` its published (else updated) day, ``YYYY-MM-DD``.
    """

    number: int
    id: str | None
    link: str | None
    title: str | None
    published: str | None
    text: str


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """What :func:`parse_feed` read: the feed's title (the outlet), its entries in
    feed order, and ``problem``, what was wrong with a malformed feed whose
    entries could still be read (None for a well-formed one)."""

    outlet: str | None
    entries: list[FeedEntry]
    problem: str | None = None


def parse_feed(data: bytes, source: str) -> ParsedFeed:
    """The title and the entries of an RSS or Atom feed.

    feedparser is lenient: a malformed feed whose entries can still be read is read.

    Raises:
        IngestError: ``data`` is no RSS or Atom feed (malformed XML without a
            readable entry, or another kind of document); ``source`` names it.
    """
    try:
        feed = feedparser.parse(data)
    except Exception as err:  # a third-party parser on hostile input: report, go on
        raise IngestError(source, f"feed parsing failed: {err!r}") from None
    entries = feed.get("entries") or []
    problem = feed.get("bozo_exception") if feed.get("bozo") else None
    if not entries:
        reason = f": {' '.join(str(problem).split())}" if problem else ""
        if problem or not feed.get("version"):
            raise IngestError(source, f"not a readable RSS or Atom feed{reason}")
    outlet = (feed.get("feed") or {}).get("title")
    return ParsedFeed(
        outlet=outlet if isinstance(outlet, str) and outlet else None,
        entries=[
            FeedEntry(
                number=number,
                id=entry.get("id") or None,
                link=entry.get("link") or None,
                title=entry.get("title") or None,
                published=_entry_date(entry),
                text=_entry_text(entry),
            )
            for number, entry in enumerate(entries, 1)
        ],
        problem=" ".join(str(problem).split()) or type(problem).__name__ if problem else None,
    )


def read_feed(path: InputPath) -> Iterator[Document | IngestError]:
    """Read an RSS or Atom feed file: one Document per entry, in feed order.

    The text is the entry's content, else its summary (HTML made plain text); the
    title, link (``url``) and published (else updated) date are kept. The id is
    the entry's id (guid), else its link. Its source is ``"<file>#<entry number>"``.
    An entry with no text is an error of its own; a malformed feed whose entries
    can still be read is read.
    """
    source = str(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        yield IngestError(source, f"cannot read file: {err.strerror or err}")
        return
    if size > FEED_MAX_BYTES:
        yield IngestError(source, f"file too large ({size} bytes; limit {FEED_MAX_BYTES})")
        return
    try:
        parsed = parse_feed(_read_bytes(path), source)
    except IngestError as err:
        yield err
        return
    outlet = parsed.outlet
    for entry in parsed.entries:
        where = f"{path}#{entry.number}"
        doc_id = entry.id or entry.link
        if not doc_id:
            yield IngestError(where, "feed entry has neither id nor link")
            continue
        if not entry.text.strip():
            yield IngestError(where, "empty feed entry: no content or summary")
            continue
        yield Document(
            id=doc_id,
            text=entry.text,
            source=where,
            title=entry.title,
            published=entry.published,
            url=entry.link,
            meta={"outlet": outlet} if outlet else {},
            key=_article_url(entry.link) or doc_id,
        )


def read_path(
    path: InputPath, options: Options, key: str = "", stats: ReadStats | None = None
) -> Iterator[Document | IngestError]:
    """Read one input file by its name's ending; yield its documents and errors.
    ``key`` is the name the file goes by (see :class:`~bilat.ingest.paths.InputFile`)."""
    kind = input_kind(path, explicit=True)
    if kind in (".jsonl", ".jsonl.gz"):
        yield from read_jsonl(path, options, key)
        return
    if kind in (".warc", ".warc.gz"):
        yield from read_warc(path, options, stats)
        return
    if kind in (".rss", ".atom", ".xml"):
        yield from read_feed(path)
        return
    try:
        if kind == ".txt":
            yield read_txt(path, key)
        elif kind in (".html", ".htm"):
            yield read_html(path, options, key)
        else:
            yield IngestError(str(path), f"unsupported file type {path.suffix or '(no suffix)'}")
    except IngestError as err:
        yield err


def read_documents(
    paths: Iterable[PathArg] | PathArg,
    options: Options | None = None,
    stats: ReadStats | None = None,
) -> Iterator[Document | IngestError]:
    """Stream the documents of files and folders, in input order.

    Folders are expanded as by :func:`bilat.ingest.iter_paths`. Yields one
    :class:`Document` per .txt/.html/.htm file, per JSON Lines record, per HTML
    response of a WARC file and per feed entry, and an :class:`IngestError`
    (yielded, not raised) for every path, file, line or record that cannot be
    read; reading then goes on with the rest. Files of a folder that bilat does not
    read, and documents in another language, are reported by notices
    (:class:`~bilat.errors.IngestNotice`: no failure). Only one file (or one JSON
    line, one WARC record) is held in memory at a time; feeds are read whole. WARC
    records that are no article are counted in ``stats``.
    """
    opts = options if options is not None else Options()
    for item in walk_inputs(paths):
        if isinstance(item, InputFile):
            yield from _in_language(read_path(item.path, opts, item.key, stats), opts)
        else:
            yield item


class ForeignLanguage(IngestNotice):
    """A notice: a document written in another language than the rules read."""

    def __init__(self, source: str, language: str, expected: str) -> None:
        super().__init__(source, f"skipped: written in {language!r}, bilat reads {expected!r}")
        self.language = language


def _in_language(
    items: Iterable[Document | IngestError], options: Options
) -> Iterator[Document | IngestError]:
    """Documents in the language of the rules; a notice for each other one."""
    for item in items:
        if isinstance(item, Document) and options.language:
            found = foreign_language(item.text, options.language)
            if found is not None:
                yield ForeignLanguage(item.source or item.id, found, options.language)
                continue
        yield item
