"""Factories for news, period reports and videos (tests and demo content)."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone
from django.utils.text import slugify

from news.models import (
    EventTopic,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    PeriodFigure,
    PeriodReportPage,
    VideoIndexPage,
    VideoPage,
)
from portal.core.factories import BasePageFactory, IndexPageFactory
from portal.projects.factories import ProjectPageFactory


class NewsCategoryFactory(factory.django.DjangoModelFactory):
    name = "Výzkum"
    slug = factory.LazyAttribute(lambda o: slugify(o.name))

    class Meta:
        model = NewsCategory
        django_get_or_create = ("name",)


class NewsIndexPageFactory(IndexPageFactory):
    title = "Aktuality"
    slug = "aktuality"

    class Meta:
        model = NewsIndexPage


def news_index():
    return NewsIndexPageFactory()


class NewsPageFactory(BasePageFactory):
    """A news item under the (single) NewsIndexPage, published in order of creation."""

    title = factory.Sequence(lambda n: f"Aktualita {n}")
    parent = factory.LazyFunction(news_index)
    summary = "Krátká zpráva z projektu."
    published_at = factory.Sequence(
        lambda n: (
            timezone.make_aware(datetime.datetime(2022, 1, 1, 9, 0)) + datetime.timedelta(days=n)
        )
    )

    class Meta:
        model = NewsPage


class EventReportFactory(NewsPageFactory):
    """A news item that reports on an event (date, venue, participants)."""

    title = factory.Sequence(lambda n: f"Zpráva z akce {n}")
    event_date = datetime.date(2018, 6, 15)
    event_venue = "Šlapanice"
    participant_count = 40


def add_event_topic(news_page, name):
    topic = EventTopic(page=news_page, name=name)
    topic.save()
    return topic


class PeriodReportPageFactory(BasePageFactory):
    """A period report; ``parent`` is a ProjectPage (a new one unless given)."""

    title = factory.Sequence(lambda n: f"Zpráva za {n}. období")
    parent = factory.SubFactory(ProjectPageFactory)
    period_number = factory.Sequence(lambda n: n + 1)
    period_start = factory.LazyAttribute(
        lambda o: datetime.date(2020, 1, 1) + datetime.timedelta(days=182 * (o.period_number - 1))
    )
    period_end = factory.LazyAttribute(lambda o: o.period_start + datetime.timedelta(days=181))

    class Meta:
        model = PeriodReportPage


def add_period_figure(report, label, value, unit=""):
    figure = PeriodFigure(page=report, label=label, value=Decimal(str(value)), unit=unit)
    figure.save()
    return figure


class VideoIndexPageFactory(IndexPageFactory):
    title = "Videa"
    slug = "videa"

    class Meta:
        model = VideoIndexPage


def video_index():
    return VideoIndexPageFactory()


class VideoPageFactory(BasePageFactory):
    """An educational spot; by default an embed (no file, so the page validates)."""

    title = factory.Sequence(lambda n: f"Spot {n}")
    parent = factory.LazyFunction(video_index)
    summary = "Edukační spot pro rodiče."
    embed_url = ""
    transcript = "<p>Přepis spotu.</p>"
    duration_seconds = 95
    audience = "rodiče"

    class Meta:
        model = VideoPage
