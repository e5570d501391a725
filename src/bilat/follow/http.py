"""Polite HTTP for ``bilat watch``: one client (httpx) that names bilat in its
User-Agent, sends conditional requests, gives up on slow answers, retries what
may succeed later with exponential backoff, follows a bounded number of
redirects itself (so that robots.txt is asked about every address it goes to),
and asks each host's robots.txt (read by :mod:`urllib.robotparser`, fetched
with httpx and kept per host) before fetching an article page.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from bilat import __version__
from bilat.errors import FetchError, IngestNotice

AGENT_TOKEN = "bilat"
"""The product token robots.txt rules name bilat by (``User-agent: bilat``)."""

ROBOTS_MAX_BYTES = 512 * 1024
"""A robots.txt is read up to this many bytes (RFC 9309 asks for at least 500 KiB)."""

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRY_STATUS = frozenset({408, 425, 429})


def default_user_agent() -> str:
    """``bilat/0.1.0 (+news research; polls feeds, honours robots.txt)``."""
    return (f"{AGENT_TOKEN}/{__version__} (bilateral-relations news research; "
            "polls feeds, honours robots.txt and conditional requests)")


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How :class:`Fetcher` behaves.

    Attributes:
        timeout: seconds to wait for a connection, and for each read of the answer.
        deadline: seconds a whole answer may take, however it trickles in.
        retries: further tries after a timeout, a connection failure or an answer
            that may change (5xx, 408, 425, 429); 0 tries once.
        backoff: seconds before the first retry; each further one waits twice as
            long, never more than ``max_backoff`` (a Retry-After the server sends is
            obeyed within the same bound).
        max_redirects: redirects followed for one address.
        robots_ttl: seconds a host's robots.txt is kept before it is fetched again.
        max_crawl_delay: the longest Crawl-delay of a robots.txt that is kept.
        user_agent: the User-Agent header.
    """

    timeout: float = 20.0
    deadline: float = 120.0
    retries: int = 3
    backoff: float = 1.0
    max_backoff: float = 60.0
    max_redirects: int = 5
    robots_ttl: float = 3600.0
    max_crawl_delay: float = 60.0
    user_agent: str = field(default_factory=default_user_agent)


@dataclass(frozen=True, slots=True)
class Response:
    """An answer: 200 with its body, or 304 (not modified) without one.
    ``url`` is the address the answer came from, after redirects."""

    url: str
    status: int
    content: bytes = b""
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    location: str = ""  # of a redirect
    retry_after: str = ""  # of an error answer

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class RobotsDisallowed(IngestNotice):
    """A notice: the site's robots.txt does not let bilat fetch this address."""

    def __init__(self, url: str) -> None:
        super().__init__(url, "not fetched: the site's robots.txt disallows it for bilat")


@dataclass
class _Robots:
    parser: RobotFileParser | None  # None: robots.txt could not be had (for now)
    fetched: float
    problem: str = ""


class Fetcher:
    """Fetches feeds and pages; see the module's text. Close it after use."""

    def __init__(
        self,
        options: FetchOptions | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.options = options if options is not None else FetchOptions()
        self._sleep = sleep
        self._client = httpx.Client(
            headers={"User-Agent": self.options.user_agent},
            timeout=httpx.Timeout(self.options.timeout),
            follow_redirects=False,
        )
        self._robots: dict[str, _Robots] = {}
        self._last_visit: dict[str, float] = {}

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- fetching ------------------------------------------------------------------------

    def get(
        self,
        url: str,
        *,
        max_bytes: int,
        etag: str | None = None,
        last_modified: str | None = None,
        robots: bool = False,
    ) -> Response:
        """GET ``url``, following redirects; a conditional request when ``etag``
        or ``last_modified`` is given (the answer may then be a 304).

        With ``robots``, every address on the way is first checked against its
        host's robots.txt, and the host's Crawl-delay is kept.

        Raises:
            RobotsDisallowed: robots.txt does not allow an address on the way.
            FetchError: no usable answer (an error status, a timeout after the
                retries, too many redirects, an answer larger than ``max_bytes``);
                ``transient`` when trying again later may succeed.
        """
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _hop in range(self.options.max_redirects + 1):
            _check_scheme(url, current)
            if robots:
                if not self.allowed(current):
                    raise RobotsDisallowed(current)
                self._keep_crawl_delay(current)
            answer = self._get_retrying(current, headers, max_bytes)
            if answer.status in _REDIRECTS:
                if not answer.location:
                    raise FetchError(url, f"HTTP {answer.status} redirect without a Location",
                                     status=answer.status)
                current = urljoin(current, answer.location)
                continue
            return answer
        raise FetchError(url, f"more than {self.options.max_redirects} redirects",
                         status=None, transient=False)

    def _get_retrying(self, url: str, headers: dict[str, str], max_bytes: int) -> Response:
        """One address (no redirect followed), retried as :class:`FetchOptions` says."""
        opts = self.options
        attempts = opts.retries + 1
        for attempt in range(attempts):
            wait = min(opts.max_backoff, opts.backoff * (2 ** attempt))
            try:
                answer = self._get_once(url, headers, max_bytes)
            except httpx.TimeoutException:
                problem, status = f"no answer within {opts.timeout:g} s (timed out)", None
            except _TooSlow:
                problem, status = f"the answer took longer than {opts.deadline:g} s", None
            except httpx.TransportError as err:
                problem, status = f"connection failed: {_one_line(err)}", None
            except httpx.DecodingError as err:
                problem, status = f"the answer cannot be decoded: {_one_line(err)}", None
            else:
                if answer.status < 500 and answer.status not in _RETRY_STATUS:
                    _check_status(url, answer)
                    return answer
                reason = httpx.codes.get_reason_phrase(answer.status)
                problem, status = f"HTTP {answer.status} {reason}".rstrip(), answer.status
                wait = min(opts.max_backoff, max(wait, _retry_after(answer) or 0.0))
            if attempt + 1 < attempts:
                self._sleep(wait)
        tries = f" (after {attempts} attempts)" if attempts > 1 else ""
        raise FetchError(url, problem + tries, status=status, transient=True)

    def _get_once(self, url: str, headers: dict[str, str], max_bytes: int) -> Response:
        started = time.monotonic()
        try:
            with self._client.stream("GET", url, headers=headers) as answer:
                if answer.status_code != 200:
                    return Response(str(answer.url), answer.status_code,
                                    etag=answer.headers.get("ETag"),
                                    last_modified=answer.headers.get("Last-Modified"),
                                    location=answer.headers.get("Location", ""),
                                    retry_after=answer.headers.get("Retry-After", ""))
                chunks: list[bytes] = []
                size = 0
                for chunk in answer.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise FetchError(url, f"answer too large (more than {max_bytes} bytes)")
                    if time.monotonic() - started > self.options.deadline:
                        raise _TooSlow
                    chunks.append(chunk)
                content_type = answer.headers.get("Content-Type", "")
                return Response(
                    url=str(answer.url),
                    status=200,
                    content=b"".join(chunks),
                    content_type=content_type.split(";")[0].strip().lower(),
                    charset=answer.charset_encoding,
                    etag=answer.headers.get("ETag"),
                    last_modified=answer.headers.get("Last-Modified"),
                )
        except httpx.InvalidURL as err:
            raise FetchError(url, f"not a valid address: {_one_line(err)}") from None

    # -- robots.txt ----------------------------------------------------------------------

    def allowed(self, url: str) -> bool:
        """Whether the host's robots.txt lets bilat fetch ``url``.

        A robots.txt that is missing (any 4xx answer) allows everything, as RFC 9309
        says. One that cannot be had (5xx, timeout, connection failure) is no answer:

        Raises:
            FetchError: (transient) the host's robots.txt cannot be had now; the
                page is left for a later poll.
        """
        parts = urlsplit(url)
        host = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        now = time.monotonic()
        known = self._robots.get(host)
        if known is None or now - known.fetched > self._ttl(known):
            known = self._fetch_robots(host, now)
            self._robots[host] = known
        if known.parser is None:
            raise FetchError(url, f"not fetched: {host}/robots.txt cannot be had now "
                                  f"({known.problem})", transient=True)
        return known.parser.can_fetch(AGENT_TOKEN, url)

    def _ttl(self, known: _Robots) -> float:
        # a robots.txt that could not be had is asked again sooner
        return self.options.robots_ttl if known.parser is not None else min(
            self.options.robots_ttl, 60.0)

    def _fetch_robots(self, host: str, now: float) -> _Robots:
        parser = RobotFileParser(f"{host}/robots.txt")
        try:
            answer = self.get(f"{host}/robots.txt", max_bytes=ROBOTS_MAX_BYTES)
        except FetchError as err:
            if not err.transient and err.status is not None and 400 <= err.status < 500:
                parser.parse([])  # no robots.txt: everything is allowed
                return _Robots(parser, now)
            return _Robots(None, now, err.problem)
        text = answer.content.decode(answer.charset or "utf-8", "replace")
        parser.parse(text.splitlines())
        return _Robots(parser, now)

    def _keep_crawl_delay(self, url: str) -> None:
        """Wait out the Crawl-delay the host's robots.txt asks of bilat (bounded)."""
        parts = urlsplit(url)
        host = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        known = self._robots.get(host)
        delay = known.parser.crawl_delay(AGENT_TOKEN) if known and known.parser else None
        last = self._last_visit.get(host)
        if delay and last is not None:
            wait = min(float(delay), self.options.max_crawl_delay) - (time.monotonic() - last)
            if wait > 0:
                self._sleep(wait)
        self._last_visit[host] = time.monotonic()


class _TooSlow(Exception):
    """The answer went on beyond the deadline."""


def _check_scheme(asked: str, url: str) -> None:
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise FetchError(asked, f"not an http(s) address: {url}")


def _check_status(url: str, answer: Response) -> None:
    """Raise a (lasting) FetchError for an answer that is not usable: not 200,
    304 nor a redirect."""
    if answer.status in (200, 304) or answer.status in _REDIRECTS:
        return
    reason = httpx.codes.get_reason_phrase(answer.status)
    raise FetchError(url, f"HTTP {answer.status} {reason}".rstrip(), status=answer.status)


def _retry_after(answer: Response) -> float | None:
    """Seconds a Retry-After header asks to wait (delay or HTTP date)."""
    value = answer.retry_after.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__
