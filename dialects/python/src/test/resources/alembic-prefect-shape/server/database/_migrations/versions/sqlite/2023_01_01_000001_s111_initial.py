"""initial (SQLite)

Revision ID: s111
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "s111"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "flow",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(), nullable=False),
    )
    op.create_table(
        "deployment",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("flow_id", sa.Integer(), sa.ForeignKey("flow.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created", sa.DateTime(), server_default=sa.func.now(), nullable=False),
    )


def downgrade():
    op.drop_table("deployment")
    op.drop_table("flow")
