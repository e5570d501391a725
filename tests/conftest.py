"""Shared fixtures: one loaded extractor per test session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bilat import Extractor, Options

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor(Options())


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'bilat.db'}"
        return
    from tests.pg import fresh_database

    url = fresh_database()
    if url is None:
        pytest.skip("no PostgreSQL server could be started here")
    yield url
