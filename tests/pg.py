"""A real PostgreSQL server for the tests.

``postgres_url()`` returns a ``postgresql+psycopg://`` URL of a server the
tests may use, or None when none can be had: ``$BILAT_TEST_PG_URL`` if set
(CI's ``.ci/run`` starts a server and sets it), else nothing.
"""

from __future__ import annotations

import os


def postgres_url() -> str | None:
    return os.environ.get("BILAT_TEST_PG_URL") or None


def fresh_database() -> str | None:
    """A new empty database on the test server (dropped by nobody: the server
    is a throwaway one), or None when there is no server."""
    base = postgres_url()
    if base is None:
        return None
    import uuid

    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(base)
    name = f"bilat_test_{uuid.uuid4().hex[:12]}"
    admin = url.set(drivername="postgresql", database="postgres")
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.set(database=name).render_as_string(hide_password=False)
