"""Alembic migrations: upgrades keep data, and the models match the migrations."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from bilat.store.db import make_engine, migrate
from bilat.store.models import Base


def test_upgrade_from_0001_keeps_data(store_url: str) -> None:
    engine = make_engine(store_url)
    try:
        migrate(engine, "0001")
        with engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO documents (doc_key, content_hash, text, n_mentions, n_facts) "
                "VALUES ('d1', 'h', 'Kenya and Uganda met.', 1, 0)"))
            conn.execute(text(
                "INSERT INTO people (name, country, surname_key) VALUES ('Ann Ode', 'KEN', 'ode')"))
            conn.execute(text(
                "INSERT INTO events (type, status, countries_key, topics, n_sources) "
                "VALUES ('CONSULT', 'occurred', 'KEN-UGA', '', 1)"))
            conn.execute(text(
                "INSERT INTO mentions (document_id, event_id, type, status, countries_key, "
                "topics, evidence_start, evidence_end, evidence_text) "
                "VALUES (1, 1, 'CONSULT', 'occurred', 'KEN-UGA', '', 0, 20, 'Kenya and Uganda')"))
            conn.execute(text(
                "INSERT INTO mention_participants (mention_id, person_id, name) "
                "VALUES (1, 1, 'Ann Ode')"))
        columns = {c["name"] for c in inspect(engine).get_columns("mention_participants")}
        assert "aliases" not in columns
        migrate(engine)
        columns = {c["name"] for c in inspect(engine).get_columns("mention_participants")}
        assert "aliases" in columns
        with engine.connect() as conn:
            row = conn.execute(text("SELECT name, aliases FROM mention_participants")).one()
            assert tuple(row) == ("Ann Ode", "")
            assert conn.execute(text("SELECT doc_key FROM documents")).scalar_one() == "d1"
    finally:
        engine.dispose()


def test_models_match_the_migrations(store_url: str) -> None:
    engine = make_engine(store_url)
    try:
        migrate(engine)
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == [], diff
    finally:
        engine.dispose()
