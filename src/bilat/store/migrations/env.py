"""Alembic environment: runs migrations on the connection bilat hands over
(``config.attributes["connection"]``), or on ``$BILAT_DB`` from the alembic CLI."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from bilat.store.db import make_engine
from bilat.store.models import Base

target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    with make_engine().begin() as conn:
        _run(conn)
