"""initial

Revision ID: aaa111
Revises:
"""
import sqlalchemy as sa
from alembic import op

import app.server.utilities.database

revision = "aaa111"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_table(
        "flow",
        sa.Column("id", app.server.utilities.database.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flow")),
    )
    op.create_table(
        "deployment",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("flow_id", sa.Uuid(), nullable=False),
        sa.Column("tags", sa.JSON(), server_default="[]", nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deployment")),
        sa.UniqueConstraint("flow_id", "id", name=op.f("uq_deployment__flow_id_id")),
    )
    op.create_index(op.f("ix_deployment__flow_id"), "deployment", ["flow_id"], unique=False)


def downgrade():
    op.drop_table("deployment")
    op.drop_table("flow")
