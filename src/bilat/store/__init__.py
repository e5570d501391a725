"""Store stage: the knowledge base the extraction feeds."""

from bilat.store.db import DEFAULT_URL, Store, make_engine, migrate, open_store, resolve_url

__all__ = ["DEFAULT_URL", "Store", "make_engine", "migrate", "open_store", "resolve_url"]
