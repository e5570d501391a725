"""Following feeds: poll RSS/Atom feeds, fetch each new entry's article page,
read it as an HTML file is read, extract it and store it, once.

A poll goes through the feeds in order. A feed is fetched with a conditional
request (its ETag and Last-Modified from the last poll, kept in the store): an
unchanged feed costs a 304 and nothing else. Each entry not seen before (by its
id or its link) has its page fetched (robots.txt permitting), made a
:class:`~bilat.document.Document` by trafilatura, extracted and written; then
the entry is remembered as seen, in the store, so that neither this process nor
a later one fetches or ingests it again. What fails is reported and the poll
goes on: a feed that cannot be had or read, a page that cannot be fetched. A
failure that may pass (a timeout, a 5xx answer) leaves the entry unseen and the
feed's validators unchanged, so the next poll tries it again; a lasting one (a
404, a page without text) is remembered with its outcome and not tried again.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from bilat.document import Document
from bilat.errors import BilatError, DocumentError, FetchError, IngestError, IngestNotice
from bilat.follow.http import Fetcher, RobotsDisallowed
from bilat.follow.state import FollowState
from bilat.ingest.decoding import decode_bytes
from bilat.ingest.language import foreign_language
from bilat.ingest.readers import (
    FEED_MAX_BYTES,
    HTML_BYTES_PER_CHAR,
    FeedEntry,
    ForeignLanguage,
    html_document,
    parse_feed,
)
from bilat.parallel import OutcomeSource
from bilat.store.db import Store
from bilat.store.writer import DocumentWriter, WriteResult

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", ""})


@dataclass(frozen=True, slots=True)
class FeedChecked:
    """A feed was fetched: ``entries`` in it, ``new`` of them not seen before;
    ``not_modified`` when the server answered 304."""

    url: str
    not_modified: bool
    entries: int = 0
    new: int = 0


@dataclass(frozen=True, slots=True)
class ArticleStored:
    """An article page was fetched, extracted and written (or found unchanged)."""

    feed: str
    url: str
    result: WriteResult


class MalformedFeed(IngestNotice):
    """A notice: a feed is malformed XML, but its entries could be read (and are)."""

    def __init__(self, url: str, problem: str, entries: int) -> None:
        super().__init__(url, f"malformed feed ({problem}); its {entries} readable "
                              "entries are read")


WatchEvent = FeedChecked | ArticleStored | BilatError
"""What :meth:`Watcher.poll` reports as it goes: a feed checked, an article
stored, or a problem (a :class:`~bilat.errors.FetchError`, an
:class:`~bilat.errors.IngestError`, a :class:`~bilat.errors.DocumentError`, a
notice such as :class:`~bilat.follow.http.RobotsDisallowed`)."""


@dataclass
class PollReport:
    """The counts of one poll."""

    number: int
    feeds: int = 0
    not_modified: int = 0
    feeds_failed: int = 0
    new: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: int = 0
    #: articles not fetched: robots.txt, another language
    skipped: int = 0
    #: articles left for the next poll (a failure that may pass)
    later: int = 0
    events: int = 0
    facts: int = 0
    errors: list[BilatError] = field(default_factory=list)

    def summary(self) -> str:
        """One line: ``poll 2: 3 feeds (1 not modified, 1 failed); 4 new articles: ...``."""
        feeds = f"{self.feeds} feed{'s' if self.feeds != 1 else ''}"
        details = [f"{n} {what}" for n, what in
                   ((self.not_modified, "not modified"), (self.feeds_failed, "failed")) if n]
        if details:
            feeds += f" ({', '.join(details)})"
        articles = (f"{self.new} new article{'s' if self.new != 1 else ''}: "
                    f"{self.added} added, {self.replaced} replaced, {self.unchanged} unchanged, "
                    f"{self.failed} failed, {self.skipped} skipped, {self.later} left for the "
                    f"next poll ({self.events} events, {self.facts} facts written)")
        return f"poll {self.number}: {feeds}; {articles}"


class Watcher:
    """Polls feeds into a store; see the module's text.

    ``fetcher`` does the HTTP (its options set timeouts, retries and backoff);
    ``extractor`` extracts the articles (an :class:`~bilat.extract.Extractor`);
    ``on_event`` hears of each feed checked, article stored and problem as the
    poll goes.
    """

    def __init__(
        self,
        store: Store,
        extractor: OutcomeSource,
        fetcher: Fetcher,
        on_event: Callable[[WatchEvent], None] | None = None,
    ) -> None:
        self.store = store
        self.extractor = extractor
        self.fetcher = fetcher
        self.state = FollowState(store)
        self.writer = DocumentWriter(store)
        self.on_event = on_event
        self.polls = 0

    def run(
        self,
        feeds: Sequence[str],
        interval: float,
        max_polls: int | None = None,
        on_poll: Callable[[PollReport], None] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> list[PollReport]:
        """Poll ``feeds`` every ``interval`` seconds, ``max_polls`` times (None:
        until interrupted); each poll's report goes to ``on_poll`` as it ends."""
        reports: list[PollReport] = []
        while max_polls is None or len(reports) < max_polls:
            started = time.monotonic()
            report = self.poll(feeds)
            reports.append(report)
            if on_poll is not None:
                on_poll(report)
            if max_polls is not None and len(reports) >= max_polls:
                break
            sleep(max(0.0, interval - (time.monotonic() - started)))
        return reports

    def poll(self, feeds: Sequence[str]) -> PollReport:
        """Poll every feed once; the report counts what happened.

        Raises:
            StoreError: the store cannot be read or written (the poll stops; what
                was stored stays stored, and the next run takes up the rest).
        """
        self.polls += 1
        report = PollReport(self.polls)
        for feed in feeds:
            report.feeds += 1
            self._poll_feed(feed, report)
        if report.added or report.replaced:
            self.store.optimize()
        return report

    def _emit(self, report: PollReport, event: WatchEvent) -> None:
        if isinstance(event, BilatError) and not isinstance(event, IngestNotice):
            report.errors.append(event)
        if self.on_event is not None:
            self.on_event(event)

    def _poll_feed(self, feed: str, report: PollReport) -> None:
        etag, last_modified = self.state.validators(feed)
        try:
            answer = self.fetcher.get(feed, max_bytes=FEED_MAX_BYTES, etag=etag,
                                      last_modified=last_modified)
        except FetchError as err:
            report.feeds_failed += 1
            self._emit(report, err)
            return
        if answer.not_modified:
            report.not_modified += 1
            self._emit(report, FeedChecked(feed, not_modified=True))
            return
        try:
            parsed = parse_feed(answer.content, feed)
        except IngestError as err:
            report.feeds_failed += 1
            self._emit(report, err)
            return
        if parsed.problem:
            self._emit(report, MalformedFeed(feed, parsed.problem, len(parsed.entries)))
        outlet, entries = parsed.outlet, parsed.entries
        fresh = [entry for entry in entries
                 if not self.state.seen(k for k in (entry.id, entry.link) if k)]
        report.new += len(fresh)
        self._emit(report, FeedChecked(feed, False, len(entries), len(fresh)))
        complete = True
        for entry in fresh:
            complete = self._follow_entry(feed, outlet, entry, report) and complete
        # an entry left for later must be seen in the feed again: keep the old validators
        if complete:
            self.state.save_validators(feed, answer.etag, answer.last_modified)

    def _follow_entry(
        self, feed: str, outlet: str | None, entry: FeedEntry, report: PollReport
    ) -> bool:
        """Fetch, read, extract and store one new entry's page. False when it is
        left for the next poll."""
        keys = [k for k in (entry.id, entry.link) if k]
        if self.state.seen(keys):  # an earlier entry of this feed had the same link
            report.new -= 1
            return True
        if not entry.link:
            report.failed += 1
            self._emit(report, IngestError(f"{feed}#{entry.number}",
                                           "feed entry without a link: no page to fetch"))
            self.state.mark_seen(keys, feed, "failed")
            return True
        try:
            document = self._fetch_document(feed, outlet, entry)
        except RobotsDisallowed as notice:
            report.skipped += 1
            self._emit(report, notice)
            self.state.mark_seen(keys, feed, "disallowed")
            return True
        except FetchError as err:
            self._emit(report, err)
            if err.transient:
                report.later += 1
                return False
            report.failed += 1
            self.state.mark_seen(keys, feed, "failed")
            return True
        except IngestError as err:
            report.failed += 1
            self._emit(report, err)
            self.state.mark_seen(keys, feed, "failed")
            return True
        keys.append(document.url or entry.link)
        language = self.extractor.options.language
        found = foreign_language(document.text, language) if language else None
        if found is not None:
            report.skipped += 1
            self._emit(report, ForeignLanguage(document.source, found, language))
            self.state.mark_seen(keys, feed, "skipped")
            return True
        return self._store(feed, keys, document, report)

    def _fetch_document(self, feed: str, outlet: str | None, entry: FeedEntry) -> Document:
        assert entry.link is not None
        limit = self.extractor.options.max_chars * HTML_BYTES_PER_CHAR
        answer = self.fetcher.get(entry.link, max_bytes=limit, robots=True)
        if answer.content_type not in _HTML_TYPES:
            raise FetchError(answer.url, f"not an HTML page ({answer.content_type})",
                             status=answer.status)
        html, encoding = _decode(answer.content, answer.charset, answer.url)
        meta = {"encoding": encoding, "feed": feed,
                "fetched": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}
        document = html_document(html, answer.url, answer.url, meta, url=answer.url)
        # what the page does not say, the feed may
        document.title = document.title or entry.title
        document.published = document.published or entry.published
        if outlet and "outlet" not in document.meta:
            document.meta["outlet"] = outlet
        return document

    def _store(self, feed: str, keys: list[str], document: Document, report: PollReport) -> bool:
        try:
            if not self.writer.needs_extraction(document):
                result = WriteResult(document.id, "unchanged")
            else:
                outcome = next(iter(self.extractor.outcomes([document])))
                if isinstance(outcome, DocumentError):
                    report.failed += 1
                    self._emit(report, outcome)
                    self.state.mark_seen(keys, feed, "failed")
                    return True
                result = self.writer.write(document, outcome)
        except DocumentError as err:
            report.failed += 1
            self._emit(report, err)
            self.state.mark_seen(keys, feed, "failed")
            return True
        except BilatError as err:  # the store refused this one write: try it again later
            report.later += 1
            self._emit(report, err)
            return False
        self.state.mark_seen(keys, feed, result.outcome, document.identity)
        setattr(report, result.outcome, getattr(report, result.outcome) + 1)
        report.events += result.events
        report.facts += result.facts
        self._emit(report, ArticleStored(feed, document.url or "", result))
        return True


def _decode(content: bytes, charset: str | None, source: str) -> tuple[str, str]:
    """The page's text in the charset its answer declares, else as a file's is decoded."""
    if charset:
        try:
            return content.decode(charset), charset.lower()
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(content, source)
