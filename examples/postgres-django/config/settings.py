# Settings of a small shop (example for `schemagate check`): the engine names the dialect
import os

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("DB_NAME", "shop"),
    }
}
AUTH_USER_MODEL = "accounts.User"
