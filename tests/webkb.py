"""A knowledge base for the web app's tests: every bundled sample article
(`samples/news`) ingested for real, plus one invented article that carries a
script element and an image with an onerror handler in the very sentence that
is evidence of an event, so pages must show that markup as text."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from bilat import Extractor
from bilat.ingest import read_documents
from bilat.store import open_store
from bilat.store.ingest import ingest
from tests.conftest import SAMPLES

NEWS = SAMPLES / "news"
HOSTILE_ID = "h1_chl_per_hostile"
SCRIPT = "<script>window.__pwned = 1; alert(1)</script>"
IMG = '<img src=x onerror="window.__pwned = 2">'
HOSTILE = textwrap.dedent(f"""\
    date 2024-05-02 By Andes Wire

    Chilean Foreign Minister Tomas Oyarzun {SCRIPT} met his Peruvian counterpart Rosa \
Quispe in Lima on Tuesday {IMG} to discuss fisheries.

    The two ministers signed a memorandum on port cooperation.
    """)


@dataclass(frozen=True)
class WebKB:
    url: str
    texts: dict[str, str]  # doc id -> text as read


def load_kb(url: str, extractor: Extractor, folder: Path) -> WebKB:
    folder.mkdir(parents=True, exist_ok=True)
    hostile = folder / f"{HOSTILE_ID}.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    paths = [NEWS, hostile]
    store = open_store(url)
    try:
        report = ingest(store, read_documents(paths), extractor)
    finally:
        store.close()
    assert report.failed == 0 and report.added > 20, report
    texts = {}
    for item in read_documents(paths):
        assert not isinstance(item, Exception)
        texts[item.id] = item.text
    return WebKB(url, texts)


@pytest.fixture(scope="session", name="sqlite_kb")
def sqlite_kb_fixture(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> WebKB:
    """The corpus in SQLite, ingested once for every web test module (none writes to it);
    a module uses it by importing ``sqlite_kb_fixture``."""
    folder = tmp_path_factory.mktemp("webkb-sqlite")
    return load_kb(f"sqlite:///{folder / 'bilat.db'}", extractor, folder / "articles")
