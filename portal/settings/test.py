"""Test settings: fast hashing, in-memory cache and media in a throwaway folder."""

import atexit
import os
import shutil
import tempfile

from .base import *  # noqa: F403
from .base import DATABASES, with_sqlite_options

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Each test process has folders of its own, removed when it ends.
MEDIA_ROOT = tempfile.mkdtemp(prefix="portal-test-media-")
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="portal-test-private-")
for _folder in (MEDIA_ROOT, PRIVATE_MEDIA_ROOT):
    atexit.register(shutil.rmtree, _folder, ignore_errors=True)
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"

# TEST_DATABASE_URL=postgres://... runs the suite on PostgreSQL (see README).
if os.environ.get("TEST_DATABASE_URL"):
    import dj_database_url

    DATABASES = {
        "default": with_sqlite_options(dj_database_url.parse(os.environ["TEST_DATABASE_URL"]))
    }
else:
    # In memory, named outright: pytest-django would give a database whose engine it does
    # not know as Django's SQLite (the portal's own) a file per worker instead.
    DATABASES["default"]["NAME"] = ":memory:"
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
