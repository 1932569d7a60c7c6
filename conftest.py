"""Tests read the same compiled Czech catalogue as the site: `make install` compiles it, and a
catalogue edited since then is compiled again before the first test, so plurals never come
from a stale file."""

from pathlib import Path

from django.core.management import call_command

CATALOGUE = Path(__file__).resolve().parent / "portal" / "locale" / "cs" / "LC_MESSAGES"


def pytest_sessionstart(session):
    source, compiled = CATALOGUE / "django.po", CATALOGUE / "django.mo"
    if not compiled.exists() or compiled.stat().st_mtime < source.stat().st_mtime:
        call_command("compilemessages", locale=["cs"], ignore_patterns=[".*", "var"], verbosity=0)
