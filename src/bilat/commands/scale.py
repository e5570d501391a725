"""Commands added for large runs (issue 8): ``bilat schema``."""

from __future__ import annotations

import json

import typer


def register(app: typer.Typer) -> None:
    """Add the commands of this module to ``app``."""

    @app.command()
    def schema() -> None:
        """Print the JSON Schema (draft 2020-12) of the record that extract writes."""
        from bilat.schema import record_schema

        typer.echo(json.dumps(record_schema(), indent=2, ensure_ascii=False))
