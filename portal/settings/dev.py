"""Local development: the embedded default (SQLite, database search), debug on."""

import os
from urllib.parse import urlsplit

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
# `make run HOST=... PORT=...` serves (and points the demo Site) at WAGTAILADMIN_BASE_URL.
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", urlsplit(WAGTAILADMIN_BASE_URL).hostname]  # noqa: F405
# Messages print to the console unless EMAIL_PORT names an SMTP server (the browser tests').
if "EMAIL_PORT" not in os.environ:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# A fresh clone has no var/ yet: the SQLite file and the uploads live there.
VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
