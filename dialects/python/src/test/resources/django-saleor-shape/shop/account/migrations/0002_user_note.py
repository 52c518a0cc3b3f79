from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("account", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="user",
            name="note",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name="user",
            name="email",
            field=models.EmailField(max_length=320, unique=True),
        ),
    ]
