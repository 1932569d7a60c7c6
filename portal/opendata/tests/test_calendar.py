"""/kalendar.ics: the public event reports as an iCalendar feed."""

import datetime

import pytest
from icalendar import Calendar

from portal.opendata.tests.conftest import assert_nothing_hidden

pytestmark = pytest.mark.django_db


def read_calendar(client):
    response = client.get("/kalendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert_nothing_hidden(response.content.decode("utf-8"))
    return Calendar.from_ical(response.content)


def test_lists_each_public_event_with_date_place_and_link(client, portal_content):
    calendar = read_calendar(client)
    events = calendar.walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == ["Kulatý stůl k náhradní rodinné péči"]
    event = events[0]
    assert event.decoded("DTSTART") == datetime.date(2023, 5, 17)
    assert event.decoded("DTEND") == datetime.date(2023, 5, 18)
    assert str(event["LOCATION"]) == "Krajský úřad, Jihlava"
    assert str(event["URL"]) == portal_content.event.full_url
    assert portal_content.event.full_url in str(event["DESCRIPTION"])
    assert str(calendar["X-WR-CALNAME"]).startswith("Akce")


def test_plain_news_are_not_events(client, portal_content):
    summaries = [str(event["SUMMARY"]) for event in read_calendar(client).walk("VEVENT")]
    assert "Nový web projektu" not in summaries


def test_staff_member_gets_the_public_calendar(client, portal_content, staff_member):
    client.force_login(staff_member)
    assert len(read_calendar(client).walk("VEVENT")) == 1


def test_empty_portal_gives_a_valid_empty_calendar(client, db):
    assert read_calendar(client).walk("VEVENT") == []
