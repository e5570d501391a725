"""feed_state and seen_articles: what ``bilat watch`` remembers across restarts

``feed_state`` keeps each feed's HTTP validators (ETag, Last-Modified) for
conditional requests; ``seen_articles`` the feed entries and article URLs
already dealt with, so that no article is fetched or ingested twice. Both are
keyed by the sha256 of the URL or id (hex): a URL can be longer than an index
entry may be.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "feed_state",
        sa.Column("url_hash", sa.String(length=64), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.String(length=100), nullable=True),
        sa.Column("checked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("url_hash"),
    )
    op.create_table(
        "seen_articles",
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("feed", sa.Text(), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("doc_key", sa.String(length=512), nullable=True),
        sa.Column("seen_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"),
                  nullable=False),
        sa.PrimaryKeyConstraint("key_hash"),
    )


def downgrade() -> None:
    op.drop_table("seen_articles")
    op.drop_table("feed_state")
