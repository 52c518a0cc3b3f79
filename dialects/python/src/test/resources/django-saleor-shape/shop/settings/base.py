import os

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("DATABASE_NAME", "shop"),
        "CONN_MAX_AGE": 600,
    }
}
AUTH_USER_MODEL = "account.User"
