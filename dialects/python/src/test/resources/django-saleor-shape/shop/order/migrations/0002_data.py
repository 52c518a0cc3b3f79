from django.db import migrations

STATUS = "draft"


def forwards(apps, schema_editor):
    Order = apps.get_model("order", "Order")
    Order.objects.filter(status="").update(status=STATUS)


class Migration(migrations.Migration):
    dependencies = [("order", "0001_initial")]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RunSQL(
            [
                "ALTER TABLE order_order ADD CONSTRAINT order_status_not_empty CHECK (status <> '') NOT VALID",
                ("UPDATE order_order SET status = %s WHERE status IS NULL", [STATUS]),
            ],
            reverse_sql=["ALTER TABLE order_order DROP CONSTRAINT order_status_not_empty"],
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="orderline", name="quantity"),
            ],
            database_operations=[
                migrations.RunSQL(f"ALTER TABLE order_orderline ALTER COLUMN quantity DROP NOT NULL -- {STATUS}"),
            ],
        ),
    ]
