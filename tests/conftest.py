"""Shared fixtures: one loaded extractor per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilat import Extractor, Options

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor(Options())
