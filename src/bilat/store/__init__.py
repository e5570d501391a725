"""Store stage: the knowledge base the extraction feeds."""

from bilat.store.db import (
    DEFAULT_URL,
    NoStoreError,
    Store,
    make_engine,
    migrate,
    open_existing_store,
    open_store,
    resolve_url,
)

__all__ = [
    "DEFAULT_URL",
    "NoStoreError",
    "Store",
    "make_engine",
    "migrate",
    "open_existing_store",
    "open_store",
    "resolve_url",
]
