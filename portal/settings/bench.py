"""The page benchmark (tests/bench/bench_pages.py): the dev database, production-like debug off."""

from .dev import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
