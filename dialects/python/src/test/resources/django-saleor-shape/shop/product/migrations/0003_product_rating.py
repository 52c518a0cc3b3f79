from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("product", "0002_product_search")]

    operations = [
        migrations.AddField(
            model_name="product",
            name="rating",
            field=models.FloatField(default=0),
            preserve_default=False,
        ),
        migrations.AddIndex(
            model_name="product",
            index=models.Index(fields=["-rating"], name="product_rating_idx"),
        ),
    ]
