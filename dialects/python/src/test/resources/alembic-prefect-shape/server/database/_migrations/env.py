from alembic import context

dialect = context.get_context().dialect.name
context.configure(version_table="alembic_version", script_location=f"versions/{dialect}")
