from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("order", "0002_data"), ("product", "0004_merge")]

    operations = [
        migrations.AddConstraint(
            model_name="orderline",
            constraint=models.CheckConstraint(condition=models.Q(quantity__gte=0), name="orderline_quantity_gte_0"),
        ),
        migrations.AddConstraint(
            model_name="orderline",
            constraint=models.UniqueConstraint(fields=("order", "product"), name="orderline_order_product_uniq"),
        ),
        migrations.RenameField(model_name="orderline", old_name="quantity", new_name="qty"),
        migrations.RemoveField(model_name="orderline", name="product"),
        migrations.RunSQL("DELETE FROM order_orderline WHERE qty = 0"),
    ]
