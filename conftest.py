"""Shared by every test in the project."""

import pytest


@pytest.fixture(autouse=True)
def _site_root_paths_follow_the_database():
    """Wagtail keeps the sites' root paths in the Django cache, and a test that changes a
    Site (the demo points it at the test server) is rolled back without telling it: forget
    them after each test, so the next one reads the Site it really has."""
    yield
    from wagtail.models import Site

    Site.clear_site_root_paths_cache()
