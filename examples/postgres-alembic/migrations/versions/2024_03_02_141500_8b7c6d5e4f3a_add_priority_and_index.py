"""add priority and an index on state

Revision ID: 8b7c6d5e4f3a
Revises: 3f1a2b4c5d6e
"""
import sqlalchemy as sa
from alembic import op

revision = "8b7c6d5e4f3a"
down_revision = "3f1a2b4c5d6e"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("task_run", sa.Column("priority", sa.Integer(), server_default="0", nullable=False))
    # built without CONCURRENTLY: task_run is the busiest table of the service
    op.create_index("ix_task_run__state", "task_run", ["state"], unique=False)
    op.alter_column("task_run", "payload", nullable=False, existing_type=sa.Text())


def downgrade():
    op.alter_column("task_run", "payload", nullable=True, existing_type=sa.Text())
    op.drop_index("ix_task_run__state", table_name="task_run")
    op.drop_column("task_run", "priority")
