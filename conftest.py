"""Fixtures shared by every app's tests."""

import pytest


@pytest.fixture(scope="session", autouse=True)
def _drop_the_built_demo(django_db_blocker):
    """The demo built for this session (see portal.demo.testing) is removed at its end."""
    yield
    from portal.demo import testing

    with django_db_blocker.unblock():
        testing.drop_built_demo()
