"""concurrent index, a backfill and a helper

Revision ID: c1d2e3f4a5b6
Revises: 8b7c6d5e4f3a
"""
import sqlalchemy as sa
from alembic import op

from queue_service.migration_helpers import backfill_in_batches

revision = "c1d2e3f4a5b6"
down_revision = "8b7c6d5e4f3a"
branch_labels = None
depends_on = None

TABLE = "task_run"


def upgrade():
    with op.get_context().autocommit_block():
        op.create_index(
            "ix_task_run__created_priority",
            TABLE,
            ["priority"],
            postgresql_concurrently=True,
            postgresql_where=sa.text("state = 'PENDING'"),
        )
    op.execute(
        sa.text(
            """
            UPDATE task_run SET priority = 1
            WHERE state = 'RUNNING'
            """
        )
    )
    for column in ("payload", "state"):
        op.execute(f"ANALYZE task_run ({column})")
    backfill_in_batches(op.get_bind(), TABLE)


def downgrade():
    with op.get_context().autocommit_block():
        op.drop_index("ix_task_run__created_priority", table_name=TABLE, postgresql_concurrently=True)
