"""RSS 2.0 and Atom feeds: news (with period reports), period reports alone, and per topic.

Only live pages outside every view-restricted section are ever listed.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from wagtail.models import Page

from news.models import NewsIndexPage, PeriodReportPage
from portal.core.privacy import public
from portal.taxonomy.models import Topic

FEED_SIZE = 30


def published(page):
    """When a page came out: the news date, else the end of the report's period, else the
    first publication."""
    value = getattr(page, "published_at", None)
    if value is None and getattr(page, "period_end", None):
        value = datetime.datetime.combine(page.period_end, datetime.time(12))
        value = timezone.make_aware(value)
    return value or page.first_published_at


# Pages created by a script or an import may have no date at all: they come last.
UNDATED = timezone.make_aware(datetime.datetime(1900, 1, 1))


def newest(*querysets):
    items = [page for queryset in querysets for page in queryset[:FEED_SIZE]]
    items.sort(key=lambda page: published(page) or UNDATED, reverse=True)
    return items[:FEED_SIZE]


class PageFeed:
    """What every portal feed shares: Czech, page URLs, summaries, dates and topics."""

    language = "cs"

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return published(item)

    def item_updateddate(self, item):
        return item.last_published_at


def news_items():
    """The newest of what the news index lists."""
    return newest(*(listed.newest(FEED_SIZE) for listed in NewsIndexPage.listed))


def report_items():
    reports = next(listed for listed in NewsIndexPage.listed if listed.model is PeriodReportPage)
    return newest(reports.newest(FEED_SIZE))


class NewsFeed(PageFeed, Feed):
    title = "Portál pro praxi OSPOD – aktuality"
    description = "Aktuality, zprávy z akcí a zprávy za monitorovací období projektů."
    subtitle = description

    def link(self):
        return "/aktuality/"

    def items(self):
        return news_items()


class ReportFeed(PageFeed, Feed):
    title = "Portál pro praxi OSPOD – zprávy za období"
    description = "Zprávy projektů za jednotlivá monitorovací období."
    subtitle = description

    def link(self):
        return "/aktuality/?typ=zpravy"

    def items(self):
        return report_items()


class TopicFeed(PageFeed, Feed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def title(self, topic):
        return f"Portál pro praxi OSPOD – téma {topic.name}"

    def description(self, topic):
        return topic.description or f"Nový obsah portálu k tématu {topic.name}."

    subtitle = description

    def link(self, topic):
        return reverse("topic_detail", args=[topic.slug])

    def items(self, topic):
        pages = public(Page.objects.live()).filter(topic_items__tag=topic)
        return newest(pages.order_by(F("first_published_at").desc(nulls_last=True)).specific())


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed


class AtomReportFeed(ReportFeed):
    feed_type = Atom1Feed


class AtomTopicFeed(TopicFeed):
    feed_type = Atom1Feed
