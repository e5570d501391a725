"""event_dyads: one row per pair of an event's countries; merge lookup index

Dyad timelines and summaries read ``event_dyads`` through one covering index
instead of joining ``event_countries`` twice and sorting (p95 on a million
events: 129-235 ms before, a few ms after, see bench/README.md). The new
``ix_events_dyad_type`` serves the merge's candidate lookup.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "event_dyads",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("a", sa.String(length=3), nullable=False),
        sa.Column("b", sa.String(length=3), nullable=False),
        sa.Column("date_sort", sa.String(length=10), nullable=True),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("event_id", "a", "b"),
    )
    op.execute(
        "INSERT INTO event_dyads (event_id, a, b, date_sort, type, status) "
        "SELECT x.event_id, x.iso3, y.iso3, e.date_sort, e.type, e.status "
        "FROM event_countries x "
        "JOIN event_countries y ON y.event_id = x.event_id AND x.iso3 < y.iso3 "
        "JOIN events e ON e.id = x.event_id"
    )
    with op.batch_alter_table("event_dyads", schema=None) as batch_op:
        batch_op.create_index(
            "ix_event_dyads_ab", ["a", "b", "date_sort", "event_id", "type", "status"]
        )
        batch_op.create_index(
            "ix_event_dyads_ba", ["b", "a", "date_sort", "event_id", "type", "status"]
        )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(
            "ix_events_dyad_type", ["countries_key", "type", "status", "date_sort"]
        )


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_dyad_type")
    op.drop_table("event_dyads")
