from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("orders", "0002_order_status"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="order",
            index=models.Index(fields=["user", "status"], name="order_user_status_idx"),
        ),
        migrations.RunSQL(
            [
                "ALTER TABLE orders_order ADD CONSTRAINT order_total_positive CHECK (total >= 0) NOT VALID",
                "ALTER TABLE orders_order VALIDATE CONSTRAINT order_total_positive",
            ],
            reverse_sql="ALTER TABLE orders_order DROP CONSTRAINT order_total_positive",
        ),
    ]
