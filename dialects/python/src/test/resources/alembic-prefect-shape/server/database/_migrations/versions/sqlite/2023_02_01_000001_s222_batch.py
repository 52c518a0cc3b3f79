"""batch operations that rebuild the table on SQLite

Revision ID: s222
Revises: s111
"""
import sqlalchemy as sa
from alembic import op

revision = "s222"
down_revision = "s111"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("deployment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("paused", sa.Boolean(), server_default="0", nullable=False))
        batch_op.alter_column("created", nullable=True)
        batch_op.create_index("ix_deployment__paused", ["paused"], unique=False)
    op.execute("PRAGMA foreign_keys=ON")


def downgrade():
    with op.batch_alter_table("deployment", schema=None) as batch_op:
        batch_op.drop_index("ix_deployment__paused")
        batch_op.drop_column("paused")
