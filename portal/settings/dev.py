"""Local development: the embedded default (SQLite, database search), debug on."""

from urllib.parse import urlsplit

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
# `make run HOST=... PORT=...` serves (and points the demo Site) at WAGTAILADMIN_BASE_URL.
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", urlsplit(WAGTAILADMIN_BASE_URL).hostname]  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# A fresh clone has no var/ yet: the SQLite file and the uploads live there.
VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
