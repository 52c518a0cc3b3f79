"""branch one: a column

Revision ID: bbb222
Revises: aaa111
"""
import sqlalchemy as sa
from alembic import op

revision = "bbb222"
down_revision = "aaa111"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("deployment", sa.Column("paused", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.alter_column("deployment", "tags", server_default=None, existing_type=sa.JSON())


def downgrade():
    op.drop_column("deployment", "paused")
