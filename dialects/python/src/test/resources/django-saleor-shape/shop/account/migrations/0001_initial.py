import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [("auth", "0012_alter_user_first_name_max_length")]

    operations = [
        migrations.CreateModel(
            name="User",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("password", models.CharField(max_length=128, verbose_name="password")),
                ("email", models.EmailField(max_length=254, unique=True)),
                ("date_joined", models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                ("private_metadata", models.JSONField(blank=True, default=dict, null=True)),
            ],
            options={"ordering": ("email",)},
        ),
    ]
