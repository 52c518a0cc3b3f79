from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0003_order_number_concurrently"),
    ]

    operations = [
        migrations.RunSQL("UPDATE orders_order SET status = 'new' WHERE status = ''"),
        migrations.RenameField(model_name="order", old_name="number", new_name="reference"),
    ]
