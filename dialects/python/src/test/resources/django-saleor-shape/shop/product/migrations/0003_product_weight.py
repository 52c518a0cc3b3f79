from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("product", "0002_product_search")]

    operations = [
        migrations.AddField(
            model_name="product",
            name="weight",
            field=models.FloatField(blank=True, null=True),
        ),
    ]
