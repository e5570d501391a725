"""Loading of the packaged data files (patterns, trigger words, gazetteers).

Data lives in ``bilat/data`` as JSON; nothing is typed into the code. Loaders are
cached per process (the files are immutable package data), and the objects they
return are never mutated.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from bilat.errors import DataError


@cache
def load_json(name: str) -> Any:
    """Return the parsed content of ``bilat/data/<name>``."""
    try:
        raw = resources.files("bilat.data").joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise DataError(f"packaged data file {name!r} is missing: {exc}") from exc
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise DataError(f"packaged data file {name!r} is not valid JSON: {exc}") from exc
