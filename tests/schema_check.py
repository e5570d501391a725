"""Validation of records against the JSON Schema that bilat ships (``bilat schema``)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

import jsonschema

from bilat.schema import record_schema


@cache
def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(record_schema())


def schema_errors(record: dict[str, Any]) -> list[str]:
    """Every way ``record`` breaks the schema, as ``path: message``; [] when valid."""
    return [f"{e.json_path}: {e.message}" for e in validator().iter_errors(record)]


def assert_valid_records(records: Iterable[dict[str, Any]]) -> int:
    """Fail on the first record that breaks the schema; return how many were checked."""
    n = 0
    for record in records:
        errors = schema_errors(record)
        assert not errors, (record.get("doc"), errors[:5])
        n += 1
    return n
