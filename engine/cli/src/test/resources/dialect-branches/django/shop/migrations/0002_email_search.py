from django.db import connection, migrations


def add_trigram(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")


class Migration(migrations.Migration):
    dependencies = [("shop", "0001_initial")]

    if connection.vendor == "postgresql":
        operations = [
            migrations.RunSQL(
                "CREATE INDEX shop_account_email_idx ON shop_account (email)",
                reverse_sql="DROP INDEX shop_account_email_idx",
            ),
        ]
    else:
        operations = [
            migrations.RunSQL(
                "ALTER TABLE shop_account ADD FULLTEXT INDEX shop_account_email_ft (email), ALGORITHM=INPLACE",
                reverse_sql=migrations.RunSQL.noop,
            ),
        ]
    if connection.vendor == "mysql":
        operations += [migrations.RunPython(add_trigram, migrations.RunPython.noop)]
