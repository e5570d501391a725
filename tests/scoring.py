"""The official scorer (``../shared/eval/score.py``, read where it lies) and the figures of
its report that the accuracy gates pin floors on."""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from types import ModuleType
from typing import Any

from tests.conftest import SHARED

SCORER = SHARED / "eval" / "score.py"


@cache
def official_scorer() -> ModuleType:
    """``../shared/eval/score.py`` as a module (loaded once)."""
    spec = importlib.util.spec_from_file_location("bilat_official_score", SCORER)
    assert spec is not None and spec.loader is not None, f"{SCORER} is missing"
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def metric(report: dict[str, Any], name: str) -> float:
    """A floor's figure of the scorer's report: ``events_f1`` is ``report["events"]["f1"]``,
    ``date_accuracy`` is ``report["date"]["accuracy"]``."""
    part, _, measure = name.rpartition("_")
    return float(report[part][measure])
