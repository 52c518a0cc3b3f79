"""create queue tables

Revision ID: 3f1a2b4c5d6e
Revises:
Create Date: 2024-01-10 09:00:00
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision: str = "3f1a2b4c5d6e"
down_revision: str | None = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "work_queue",
        sa.Column("id", sa.BigInteger(), sa.Identity(), primary_key=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("settings", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False),
        sa.UniqueConstraint("name", name="uq_work_queue__name"),
    )
    op.create_table(
        "task_run",
        sa.Column("id", sa.BigInteger(), sa.Identity(), primary_key=True),
        sa.Column("queue_id", sa.BigInteger(), nullable=False),
        sa.Column("state", sa.Enum("PENDING", "RUNNING", "DONE", name="task_state"), nullable=False),
        sa.Column("payload", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["queue_id"], ["work_queue.id"], name="fk_task_run__queue_id", ondelete="CASCADE"),
    )
    op.create_index("ix_task_run__queue_id", "task_run", ["queue_id"])


def downgrade() -> None:
    op.drop_index("ix_task_run__queue_id", table_name="task_run")
    op.drop_table("task_run")
    op.drop_table("work_queue")
    op.execute("DROP TYPE task_state")
