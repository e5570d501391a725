"""participant aliases: other spellings of a name in the same document

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("mention_participants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("aliases", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("mention_participants", schema=None) as batch_op:
        batch_op.drop_column("aliases")
