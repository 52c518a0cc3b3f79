"""rename through a batch, a backfill in a loop, a dynamic drop

Revision ID: eee555
Revises: ddd444
"""
import sqlalchemy as sa
from alembic import op

revision = "eee555"
down_revision = "ddd444"
branch_labels = None
depends_on = None

BATCH_SIZE = 500


def upgrade():
    with op.batch_alter_table("deployment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("description", sa.Text(), nullable=True))
        batch_op.alter_column("paused", new_column_name="is_paused")
        batch_op.create_index("ix_deployment__is_paused", ["is_paused"])
    conn = op.get_bind()
    conn.execute(sa.text("UPDATE deployment SET description = '' WHERE description IS NULL"))
    for table in ("flow", "deployment"):
        op.execute(f"ANALYZE {table}")
    op.create_foreign_key(
        op.f("fk_deployment__flow_id__flow"), "deployment", "flow", ["flow_id"], ["id"], ondelete="CASCADE"
    )
    op.create_check_constraint("ck_flow_name_not_empty", "flow", "name <> ''")


def downgrade():
    op.drop_constraint("ck_flow_name_not_empty", "flow", type_="check")
    op.drop_constraint(op.f("fk_deployment__flow_id__flow"), "deployment", type_="foreignkey")
    with op.batch_alter_table("deployment", schema=None) as batch_op:
        batch_op.drop_index("ix_deployment__is_paused")
        batch_op.alter_column("is_paused", new_column_name="paused")
        batch_op.drop_column("description")
