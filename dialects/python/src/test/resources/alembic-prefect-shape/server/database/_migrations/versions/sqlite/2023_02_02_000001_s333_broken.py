"""a revision whose parent was deleted

Revision ID: s333
Revises: s999
"""
from alembic import op

revision = "s333"
down_revision = "s999"


def upgrade():
    op.drop_index("ix_deployment__paused", table_name="deployment")


def downgrade():
    pass
