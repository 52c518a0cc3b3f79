import sqlalchemy as sa
from alembic import op

revision = "a2"
down_revision = "a1"


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    elif op.get_bind().dialect.name in ("mysql", "mariadb"):
        op.execute("ALTER TABLE accounts ADD FULLTEXT INDEX accounts_email_ft (email), ALGORITHM=INPLACE")
    else:
        op.execute("PRAGMA foreign_keys = ON")
    dialect = op.get_context().dialect.name
    if dialect != "sqlite":
        op.add_column("accounts", sa.Column("plan", sa.Text(), nullable=False))


def downgrade():
    op.drop_column("accounts", "plan")
