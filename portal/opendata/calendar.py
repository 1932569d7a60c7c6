"""The events calendar (/kalendar.ics): every public event report as an all-day event."""

import datetime

from django.utils import timezone
from icalendar import Calendar, Event

from news.models import NewsPage
from portal.core.visibility import visible

CALENDAR_NAME = "Akce – Portál pro praxi OSPOD"


def event_pages():
    return (
        visible(NewsPage.objects.filter(event_date__isnull=False))
        .select_related("event_municipality")
        .order_by("-event_date", "pk")
    )


def place(page):
    parts = [page.event_venue]
    if page.event_municipality and page.event_municipality.name not in page.event_venue:
        parts.append(page.event_municipality.name)
    return ", ".join(part for part in parts if part)


def event(page, request):
    url = page.get_full_url(request)
    item = Event()
    item.add("uid", f"akce-{page.pk}@{request.get_host()}")
    item.add("dtstamp", page.last_published_at or timezone.now())
    item.add("dtstart", page.event_date)
    item.add("dtend", page.event_date + datetime.timedelta(days=1))
    item.add("summary", page.title, parameters={"LANGUAGE": "cs"})
    item.add("description", "\n\n".join(part for part in (page.summary, url) if part))
    if place(page):
        item.add("location", place(page))
    item.add("url", url)
    return item


def build_calendar(request):
    calendar = Calendar()
    calendar.add("prodid", "-//Portál pro praxi OSPOD//Kalendář akcí//CS")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    for page in event_pages():
        calendar.add_component(event(page, request))
    return calendar
