"""The JSON Schema of the document record (``shared/spec/RECORD.md``).

The schema ships as package data (``bilat/data/record.schema.json``, JSON Schema
draft 2020-12); ``bilat schema`` prints it, and the tests validate every record
the extractor writes against it. Extra fields are allowed, as RECORD.md says.
"""

from __future__ import annotations

import copy
from typing import Any

from bilat.resources import load_json

SCHEMA_FILE = "record.schema.json"


def record_schema() -> dict[str, Any]:
    """The JSON Schema of one record (a fresh copy: callers may change it)."""
    schema = load_json(SCHEMA_FILE)
    return copy.deepcopy(schema) if isinstance(schema, dict) else {}


__all__ = ["SCHEMA_FILE", "record_schema"]
