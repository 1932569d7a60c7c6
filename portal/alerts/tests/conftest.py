import re

import pytest
from django.test import override_settings

from methodology.factories import MethodologyPageFactory
from portal.alerts.tests.smtp import LocalSMTPServer, text_of
from portal.taxonomy.factories import TopicFactory


@pytest.fixture
def smtp():
    """Every message of the test goes through a real SMTP server on 127.0.0.1."""
    server = LocalSMTPServer().start()
    try:
        with override_settings(**server.settings()):
            yield server
    finally:
        server.stop()


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def topics(db):
    return {
        "pestouni": TopicFactory(name="Pěstounská péče"),
        "konference": TopicFactory(name="Případové konference"),
    }


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def new_methodology(title, topics, **kwargs):
    """A methodology created unpublished, to be published by the test."""
    return MethodologyPageFactory(title=title, topics=topics, live=False, **kwargs)


def link_in(message, path_part):
    match = re.search(rf"https?://\S+{path_part}\S+/", text_of(message))
    assert match, text_of(message)
    return match.group(0)
