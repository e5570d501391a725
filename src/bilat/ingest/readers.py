"""Readers of the input formats: plain text, HTML and JSON Lines."""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import trafilatura

from bilat.document import Document
from bilat.errors import IngestError, IngestNotice
from bilat.ingest.dates import parse_published
from bilat.ingest.decoding import decode_bytes
from bilat.ingest.language import foreign_language
from bilat.ingest.paths import InputFile, PathArg, walk_inputs
from bilat.options import Options

HTML_BYTES_PER_CHAR = 4
"""An HTML file larger than ``max_chars * HTML_BYTES_PER_CHAR`` bytes is refused."""

JSONL_BYTES_PER_CHAR = 12
"""A JSON line longer than ``max_chars * JSONL_BYTES_PER_CHAR`` bytes is refused.

Generous on purpose: ``json.dumps`` writes a non-ASCII character as ``\\uXXXX``
(6 bytes), or as a surrogate pair (12 bytes) outside the Basic Multilingual Plane.
"""

_SKIP_CHUNK = 1 << 20
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_KNOWN_KEYS = frozenset({"id", "text", "title", "published", "url"})


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise IngestError(str(path), f"cannot read file: {err.strerror or err}") from None


def _check_text(text: str, source: str) -> None:
    if not text.strip():
        raise IngestError(source, "empty document: no text")


def read_txt(path: Path, key: str = "") -> Document:
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


def read_html(path: Path, options: Options, key: str = "") -> Document:
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
    meta = {"encoding": encoding}
    if metadata.sitename:
        meta["outlet"] = metadata.sitename
    published = metadata.date if metadata.date and _ISO_DATE.fullmatch(metadata.date) else None
    return Document(
        id=path.stem,
        text=text,
        source=source,
        title=metadata.title or None,
        published=published,
        url=metadata.url or None,
        meta=meta,
        key=_article_url(metadata.url) or key or path.name,
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


def _skip_rest_of_line(handle: BinaryIO) -> None:
    while True:
        chunk = handle.readline(_SKIP_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def read_jsonl(
    path: Path, options: Options, key: str = ""
) -> Iterator[Document | IngestError]:
    """Read a JSON Lines file one line at a time: one Document per record.

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
        handle = path.open("rb")
    except OSError as err:
        yield IngestError(str(path), f"cannot read file: {err.strerror or err}")
        return
    with handle:
        lineno = 0
        while True:
            try:
                raw = handle.readline(limit + 1)
            except OSError as err:
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


def read_path(
    path: Path, options: Options, key: str = ""
) -> Iterator[Document | IngestError]:
    """Read one input file by its suffix; yield its documents and errors.
    ``key`` is the name the file goes by (see :class:`~bilat.ingest.paths.InputFile`)."""
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from read_jsonl(path, options, key)
        return
    try:
        if suffix == ".txt":
            yield read_txt(path, key)
        elif suffix in (".html", ".htm"):
            yield read_html(path, options, key)
        else:
            yield IngestError(str(path), f"unsupported file type {suffix or '(no suffix)'}")
    except IngestError as err:
        yield err


def read_documents(
    paths: Iterable[PathArg] | PathArg, options: Options | None = None
) -> Iterator[Document | IngestError]:
    """Stream the documents of files and folders, in input order.

    Folders are expanded as by :func:`bilat.ingest.iter_paths`. Yields one
    :class:`Document` per .txt/.html/.htm file and per JSON Lines record, and an
    :class:`IngestError` (yielded, not raised) for every path, file or line that
    cannot be read; reading then goes on with the rest. Files of a folder that
    bilat does not read are reported once per folder by a
    :class:`~bilat.ingest.paths.SkippedFiles` notice (an ``IngestError`` that is
    no failure). Only one file (or one JSON line) is held in memory at a time.
    """
    opts = options if options is not None else Options()
    for item in walk_inputs(paths):
        if isinstance(item, InputFile):
            yield from _in_language(read_path(item.path, opts, item.key), opts)
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
