"""documents.doc: the short id beside the identity in doc_key; list positions

Before 0004 ``doc_key`` held the short id (a file name without its
extension, a JSON Lines ``id``), so two documents with one short id replaced
each other. From 0004 on ``doc_key`` holds the document's identity (the path
relative to the folder given, the page's URL, or ``file.jsonl#id``) and the
new ``doc`` column the short id, which may repeat. Existing rows keep their
data: ``doc`` is set to their ``doc_key``; such a row (``doc_key == doc``) is
claimed by the first document with that short id ingested later (see
``bilat.store.writer``), so re-ingesting a folder does not double its documents.

``mention_participants.position`` and ``facts.position`` keep the order of the
record's lists: row ids do not (PostgreSQL may number the rows of one
multi-row INSERT in another order). Existing rows get 0 and keep their id order.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("doc", sa.String(length=512), nullable=False, server_default="")
        )
    op.execute("UPDATE documents SET doc = doc_key")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index("ix_documents_doc", ["doc"])
    for table in ("mention_participants", "facts"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("position", sa.Integer(), nullable=False, server_default="0")
            )


def downgrade() -> None:
    # plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+ and PostgreSQL): a batch
    # rebuild of documents would drop the table, and with it, through ON DELETE
    # CASCADE, every mention and fact
    for table in ("facts", "mention_participants"):
        op.execute(f"ALTER TABLE {table} DROP COLUMN position")
    op.drop_index("ix_documents_doc", table_name="documents")
    op.execute("ALTER TABLE documents DROP COLUMN doc")
