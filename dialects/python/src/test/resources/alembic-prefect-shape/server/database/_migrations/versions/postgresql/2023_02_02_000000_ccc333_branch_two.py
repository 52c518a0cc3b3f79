"""branch two: a trigram index built concurrently

Revision ID: ccc333
Revises: aaa111
"""
import sqlalchemy as sa
from alembic import op

revision = "ccc333"
down_revision = "aaa111"
branch_labels = ("indexes",)
depends_on = None


def upgrade():
    migration_context = op.get_context()
    with migration_context.autocommit_block():
        if not migration_context.as_sql:
            leftover = op.get_bind().exec_driver_sql("SELECT 1 FROM pg_class WHERE relname = 'trgm_ix_flow_name'").scalar()
            if leftover:
                op.execute("DROP INDEX CONCURRENTLY IF EXISTS trgm_ix_flow_name")
        op.execute(
            """
            CREATE INDEX CONCURRENTLY IF NOT EXISTS trgm_ix_flow_name
            ON flow USING gin (name gin_trgm_ops)
            """
        )


def downgrade():
    with op.get_context().autocommit_block():
        op.execute("DROP INDEX CONCURRENTLY IF EXISTS trgm_ix_flow_name")
