"""Shared by every test in the project.

Tests read the same compiled Czech catalogue as the site: `make install` compiles it, and a
catalogue edited since then is compiled again before the first test, so plurals never come
from a stale file."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import TransactionTestCase

CATALOGUE = Path(__file__).resolve().parent / "portal" / "locale" / "cs" / "LC_MESSAGES"


def pytest_sessionstart(session):
    source, compiled = CATALOGUE / "django.po", CATALOGUE / "django.mo"
    if not compiled.exists() or compiled.stat().st_mtime < source.stat().st_mtime:
        call_command("compilemessages", locale=["cs"], ignore_patterns=[".*", "var"], verbosity=0)


DATABASE_FIXTURES = {"db", "transactional_db", "django_db_setup"}


def uses_a_database(item):
    """Whether a test touches the suite's database, or says it runs on each database."""
    if item.get_closest_marker("django_db") or item.get_closest_marker("each_database"):
        return True
    test_class = getattr(item, "cls", None)
    if test_class is not None and issubclass(test_class, TransactionTestCase):
        return True
    return bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config, items):
    """On PostgreSQL the suite repeats only the tests that depend on the database: the
    others ran, identically, in the SQLite run."""
    if not os.environ.get("TEST_DATABASE_URL", "").startswith("postgres"):
        return
    repeated, skipped = [], []
    for item in items:
        (repeated if uses_a_database(item) else skipped).append(item)
    if skipped:
        config.hook.pytest_deselected(items=skipped)
        items[:] = repeated


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
