"""Open data is never kept by the front cache, which is not purged for it on publish."""

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/",
        "/api/v2/documents/",
        "/data/metodiky.csv",
        "/data/nastroje.json",
        "/kalendar.ics",
    ],
)
def test_not_marked_public_for_the_front_cache(url):
    with override_settings(FRONT_CACHE_SECONDS=600):
        response = Client().get(url)
    assert response.status_code == 200
    assert "public" not in response["Cache-Control"]
    assert "no-cache" in response["Cache-Control"]


def test_a_public_page_still_is(portal_content):
    with override_settings(FRONT_CACHE_SECONDS=600):
        response = Client().get(portal_content.methodology.url)
    assert "public" in response["Cache-Control"]
