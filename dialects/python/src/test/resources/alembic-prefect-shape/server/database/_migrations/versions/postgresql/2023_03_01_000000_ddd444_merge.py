"""merge the two branches

Revision ID: ddd444
Revises: bbb222, ccc333
"""
revision = "ddd444"
down_revision = ("bbb222", "ccc333")
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
