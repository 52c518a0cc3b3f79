from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("product", "0003_product_rating"),
        ("product", "0003_product_weight"),
    ]

    operations = []
