"""Following news as it comes (``bilat watch``): poll RSS/Atom feeds over HTTP,
fetch each new article page politely, and ingest it into the store once."""

from bilat.follow.http import Fetcher, FetchOptions, Response, RobotsDisallowed
from bilat.follow.state import FollowState
from bilat.follow.watcher import ArticleStored, FeedChecked, PollReport, Watcher, WatchEvent

__all__ = [
    "ArticleStored",
    "FeedChecked",
    "FetchOptions",
    "Fetcher",
    "FollowState",
    "PollReport",
    "Response",
    "RobotsDisallowed",
    "WatchEvent",
    "Watcher",
]
