from django.db import migrations, models


def set_status(apps, schema_editor):
    Order = apps.get_model("orders", "Order")
    Order.objects.filter(total=0).update(status="void")


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0001_initial"),
    ]

    operations = [
        # NOT NULL with a default: Django adds the column with DEFAULT, then drops the default again
        migrations.AddField(
            model_name="order",
            name="status",
            field=models.CharField(default="new", max_length=16),
            preserve_default=False,
        ),
        migrations.AddIndex(
            model_name="order",
            index=models.Index(fields=["status", "-created_at"], name="order_status_created_idx"),
        ),
        migrations.RunPython(set_status, migrations.RunPython.noop),
    ]
