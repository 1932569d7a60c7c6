"""The demo portal's open data: all of its public content, none of its staff-only content.

The expected sets come from Wagtail's own privacy checks (``PageQuerySet.public()``,
collection restrictions), not from the code under test.
"""

import csv
import io
import re

import pytest
from django.db import transaction
from icalendar import Calendar
from wagtail.models import Page, PageViewRestriction

from methodology.models import MethodologyPage, ToolPage
from news.models import NewsPage
from portal.core.access import collection_is_staff_only
from portal.core.factories import home_page
from portal.core.models import PortalDocument
from portal.demo.testing import demo_database

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo the session built once (portal.demo.testing), rolled back after this module."""
    with django_db_blocker.unblock(), demo_database(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def public_ids(queryset):
    return set(queryset.live().public().values_list("pk", flat=True))


def restricted_ids(model):
    restricted = Page.objects.none()
    for restriction in PageViewRestriction.objects.select_related("page"):
        restricted |= Page.objects.descendant_of(restriction.page, inclusive=True)
    return set(model.objects.filter(pk__in=restricted.values("pk")).values_list("pk", flat=True))


def api_ids(client, url, **params):
    ids, offset = set(), 0
    while True:
        response = client.get(url, {"limit": 100, "offset": offset, **params})
        assert response.status_code == 200, response.content
        items = response.json()["items"]
        ids |= {item["id"] for item in items}
        if len(items) < 100:
            return ids
        offset += 100


def test_api_pages_are_the_public_pages(client, demo):
    expected = public_ids(Page.objects.descendant_of(home_page(), inclusive=True))
    hidden = restricted_ids(Page)
    assert hidden, "the demo should have staff-only pages"
    listed = api_ids(client, "/api/v2/pages/")
    assert listed == expected
    assert not listed & hidden


def test_every_page_type_serialises_all_its_fields(client, demo):
    for model in {page.specific_class for page in Page.objects.filter(depth__gt=1)}:
        label = f"{model._meta.app_label}.{model.__name__}"
        assert api_ids(client, "/api/v2/pages/", type=label, fields="*"), label


def test_api_documents_leave_out_staff_collections(client, demo):
    documents = list(PortalDocument.objects.select_related("collection"))
    private = {doc.pk for doc in documents if collection_is_staff_only(doc.collection)}
    assert private, "the demo should have staff-only documents"
    assert api_ids(client, "/api/v2/documents/") == {doc.pk for doc in documents} - private


@pytest.mark.parametrize("slug, model", [("metodiky", MethodologyPage), ("nastroje", ToolPage)])
def test_catalogues_are_the_public_pages(client, demo, slug, model):
    expected = public_ids(model.objects.all())
    assert expected
    rows = csv.DictReader(io.StringIO(client.get(f"/data/{slug}.csv").content.decode()))
    assert {int(row["id"]) for row in rows} == expected
    items = client.get(f"/data/{slug}.json").json()["items"]
    assert {item["id"] for item in items} == expected


def test_staff_methodology_is_in_no_export(client, demo):
    hidden = restricted_ids(MethodologyPage)
    assert hidden, "the demo should have a staff-only methodology"
    titles = set(MethodologyPage.objects.filter(pk__in=hidden).values_list("title", flat=True))
    for url in ("/data/metodiky.csv", "/data/metodiky.json", "/api/v2/pages/?limit=100"):
        text = client.get(url).content.decode()
        assert not any(title in text for title in titles), url


def test_calendar_holds_the_public_event_reports(client, demo):
    expected = public_ids(NewsPage.objects.filter(event_date__isnull=False))
    assert expected, "the demo should have event reports"
    calendar = Calendar.from_ical(client.get("/kalendar.ics").content)
    uids = {str(event["UID"]) for event in calendar.walk("VEVENT")}
    assert {int(re.match(r"akce-(\d+)@", uid).group(1)) for uid in uids} == expected
