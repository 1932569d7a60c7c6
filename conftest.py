"""Shared by every test in the project.

Tests read the same compiled Czech catalogue as the site: `make install` compiles it, and a
catalogue edited since then is compiled again before the first test, so plurals never come
from a stale file."""

from pathlib import Path

import pytest
from django.core.management import call_command

CATALOGUE = Path(__file__).resolve().parent / "portal" / "locale" / "cs" / "LC_MESSAGES"


def pytest_sessionstart(session):
    source, compiled = CATALOGUE / "django.po", CATALOGUE / "django.mo"
    if not compiled.exists() or compiled.stat().st_mtime < source.stat().st_mtime:
        call_command("compilemessages", locale=["cs"], ignore_patterns=[".*", "var"], verbosity=0)


@pytest.fixture(scope="session", autouse=True)
def _drop_the_built_demo(django_db_blocker):
    """The demo built for this session (see portal.demo.testing) is removed at its end."""
    yield
    from portal.demo import testing

    with django_db_blocker.unblock():
        testing.drop_built_demo()


@pytest.fixture(autouse=True)
def _site_root_paths_follow_the_database():
    """Wagtail keeps the sites' root paths in the Django cache, and a test that changes a
    Site (the demo points it at the test server) is rolled back without telling it: forget
    them after each test, so the next one reads the Site it really has."""
    yield
    from wagtail.models import Site

    Site.clear_site_root_paths_cache()
