"""What ``bilat watch`` remembers in the store, across polls and restarts: each
feed's HTTP validators (table ``feed_state``) and every feed entry and article
address already dealt with (table ``seen_articles``), so that nothing is
fetched or ingested twice."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from bilat.errors import StoreError
from bilat.store.db import Store, error_text
from bilat.store.models import FeedStateRow, SeenArticleRow


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class FollowState:
    """The ``feed_state`` and ``seen_articles`` tables of one store.

    Raises:
        StoreError: from every method, when the database cannot be read or written.
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    def validators(self, feed: str) -> tuple[str | None, str | None]:
        """The ETag and Last-Modified the feed sent last time, if any."""
        try:
            with self.store.session() as session:
                row = session.get(FeedStateRow, _hash(feed))
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read the feed state: {error_text(exc)}") from exc
        return (row.etag, row.last_modified) if row is not None else (None, None)

    def save_validators(self, feed: str, etag: str | None, last_modified: str | None) -> None:
        """Remember the feed's validators for the next conditional request."""
        try:
            with self.store.write_session() as session:
                row = session.get(FeedStateRow, _hash(feed))
                if row is None:
                    row = FeedStateRow(url_hash=_hash(feed), url=feed)
                    session.add(row)
                row.etag, row.last_modified, row.checked_at = etag, last_modified, _now()
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot write the feed state: {error_text(exc)}") from exc

    def seen(self, keys: Iterable[str]) -> bool:
        """Whether any of ``keys`` (an entry's id, its link) was dealt with before."""
        hashes = [_hash(key) for key in keys if key]
        if not hashes:
            return False
        try:
            with self.store.session() as session:
                found = session.scalar(
                    select(SeenArticleRow.key_hash).where(SeenArticleRow.key_hash.in_(hashes))
                    .limit(1)
                )
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read the seen articles: {error_text(exc)}") from exc
        return found is not None

    def mark_seen(
        self, keys: Iterable[str], feed: str, outcome: str, doc_key: str | None = None
    ) -> None:
        """Remember ``keys`` as dealt with (``outcome``: added, unchanged, replaced,
        disallowed, skipped, failed), in one transaction."""
        unique = list(dict.fromkeys(key for key in keys if key))
        try:
            with self.store.write_session() as session:
                for key in unique:
                    row = session.get(SeenArticleRow, _hash(key))
                    if row is None:
                        row = SeenArticleRow(key_hash=_hash(key), key=key, seen_at=_now())
                        session.add(row)
                    row.feed, row.outcome, row.doc_key = feed, outcome, doc_key
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot write the seen articles: {error_text(exc)}") from exc
