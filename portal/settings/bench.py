"""The page benchmark (tests/bench/bench_pages.py): the dev database, production-like debug off."""

import os

import dj_database_url

from .base import with_sqlite_options
from .dev import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]

# The scale benchmark (tests/bench/bench_scale.py) measures PostgreSQL too.
if os.environ.get("BENCH_DATABASE_URL"):
    DATABASES = {
        "default": with_sqlite_options(dj_database_url.parse(os.environ["BENCH_DATABASE_URL"]))
    }
