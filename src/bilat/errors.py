"""The error catalogue of bilat.

Every error the library raises derives from :class:`BilatError`; each pipeline
stage has its own subclass so that callers can tell *where* something went wrong.
Library code never prints or exits: only :mod:`bilat.cli` does.
"""

from __future__ import annotations

from typing import Any


class BilatError(Exception):
    """Base class of every error raised by bilat."""


class IngestError(BilatError):
    """A document could not be read or parsed (bad file, bad encoding, bad JSON line)."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class IngestNotice(IngestError):
    """A notice, not a failure: input that bilat passes over on purpose (files it does
    not read, a document in another language). ``count`` documents or files."""

    count: int = 1


class FetchError(IngestError):
    """A URL could not be fetched or read (``bilat watch``): an HTTP error status,
    a timeout, a connection failure, too many redirects, a feed that is no RSS or
    Atom. ``status`` is the HTTP status when the server answered; ``transient``
    tells whether trying again later may succeed (a timeout, a 5xx answer) or not
    (a 404, a page that is not HTML)."""

    def __init__(
        self, source: str, problem: str, *, status: int | None = None, transient: bool = False
    ) -> None:
        super().__init__(source, problem)
        self.status = status
        self.transient = transient

    def __reduce__(self) -> tuple[Any, ...]:
        return (_fetch_error, (self.source, self.problem, self.status, self.transient))


def _fetch_error(source: str, problem: str, status: int | None, transient: bool) -> FetchError:
    return FetchError(source, problem, status=status, transient=transient)


class MissingPackageError(IngestError):
    """An input or output URL (``s3://bucket/news``) whose scheme needs a package
    that is not installed: fsspec itself (``pip install 'bilat[remote]'``) or the
    filesystem package of the scheme (``s3fs`` for ``s3://``, ``gcsfs`` for ``gs://``)."""

    def __init__(self, source: str, package: str, hint: str) -> None:
        super().__init__(source, f"reading or writing this URL needs {package}: {hint}")
        self.package = package
        self.hint = hint

    def __reduce__(self) -> tuple[Any, ...]:
        return (MissingPackageError, (self.source, self.package, self.hint))


class CleanError(BilatError):
    """The text of a document could not be cleaned or segmented."""


class ExtractError(BilatError):
    """Extraction failed for a document (for example the NLP pipeline raised)."""


class DocumentError(ExtractError):
    """One document could not be extracted (a pipeline component or event assembly
    raised on it); the other documents of the run go on.

    ``source`` names the document (its file, ``file:line`` for JSON Lines, else its id).
    """

    def __init__(self, source: str, doc: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.doc = doc
        self.problem = problem

    def __reduce__(self) -> tuple[type[DocumentError], tuple[str, str, str]]:
        # sent back from worker processes: rebuild from the three fields
        return (DocumentError, (self.source, self.doc, self.problem))


class ModelError(ExtractError):
    """The spaCy pipeline named by the user is not installed or not usable."""


class DataError(BilatError):
    """A packaged data file (gazetteer, trigger list) is missing or malformed."""


class StoreError(BilatError):
    """The knowledge base could not be opened, migrated, written or queried."""


class StoreUnavailableError(StoreError):
    """The connection to the database was lost (a server restarted, a network
    fault) and the database could not be reached again within the retries of
    :class:`bilat.store.db.RetryPolicy`."""


class PatternError(DataError):
    """A pattern file (``bilat/data/patterns/*.jsonl``) holds an entry that cannot be used.

    The message names the file, the line and the pattern id.
    """

    def __init__(self, source: str, line: int, pattern_id: str | None, problem: str) -> None:
        where = f"{source}:{line}" + (f" ({pattern_id})" if pattern_id else "")
        super().__init__(f"{where}: {problem}")
        self.source = source
        self.line = line
        self.pattern_id = pattern_id
        self.problem = problem
