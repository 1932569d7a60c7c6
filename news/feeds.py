"""RSS 2.0 and Atom feeds: news (with period reports), period reports alone, and per topic.

Only live pages outside every view-restricted section are ever listed.
"""

import datetime
import mimetypes

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import CollectionViewRestriction, Page

from news.models import NewsIndexPage, NewsPage, PeriodReportPage, moment_of
from portal.core.links import absolute_url, site_root
from portal.core.listings import NewestFirst
from portal.core.privacy import public
from portal.taxonomy.models import Topic

FEED_SIZE = 30
SITE_NAME = "Portál pro praxi OSPOD"


def published(page):
    """When a page came out, as the page itself and its JSON-LD say."""
    return page.date_published


# Pages created by a script or an import may have no date at all: they come last.
UNDATED = timezone.make_aware(datetime.datetime(1900, 1, 1))


def newest(*querysets):
    items = [page for queryset in querysets for page in queryset[:FEED_SIZE]]
    items.sort(key=lambda page: published(page) or UNDATED, reverse=True)
    return items[:FEED_SIZE]


class PageFeed:
    """What every portal feed shares: Czech, page URLs, summaries, dates and topics."""

    language = "cs"
    author_name = SITE_NAME

    def __call__(self, request, *args, **kwargs):
        self.request = request
        self.private_collections = None
        return super().__call__(request, *args, **kwargs)

    def author_link(self):
        return site_root(self.request) + "/"

    def feed_url(self):
        return absolute_url(self.request, self.request.path)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_author_name(self, item):
        return item.byline or SITE_NAME

    def item_pubdate(self, item):
        return published(item)

    def item_updateddate(self, item):
        return max(filter(None, (item.last_published_at, published(item))), default=None)

    def item_enclosures(self, item):
        """The video, or the document the item is about; never a staff-only file."""
        file = item.main_file()
        if file is None or self.is_private(file):
            return []
        mime_type = mimetypes.guess_type(file.filename)[0] or "application/octet-stream"
        url = absolute_url(self.request, file.url)
        return [Enclosure(url, str(file.get_file_size() or 0), mime_type)]

    def is_private(self, document):
        if self.private_collections is None:
            paths = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
            self.private_collections = tuple(paths)
        return bool(self.private_collections) and document.collection.path.startswith(
            self.private_collections
        )


# What a feed item shows beyond the listing: its author, and a report's attached files.
FEED_RELATED = {
    NewsPage: ("author", "author_organisation"),
    PeriodReportPage: ("documents__document__collection",),
}


def newest_listed(*types):
    """The newest items of the listed types, newest first: the dates of each type's newest
    read first, then only the items shown built, with what the feed shows of them (building
    every type's newest took a feed of two types most of its time)."""
    dated = []
    for listed in types:
        queryset = listed.queryset().order_by(*listed.ordering())
        for pk, date in queryset.values_list("pk", listed.order)[:FEED_SIZE]:
            dated.append((moment_of(date) or UNDATED, listed, pk))
    dated.sort(key=lambda row: row[0], reverse=True)
    shown = dated[:FEED_SIZE]
    built = {}
    for listed in types:
        pks = [pk for _date, of, pk in shown if of is listed]
        if pks:
            built.update((page.pk, page) for page in feed_pages(listed).filter(pk__in=pks))
    return [built[pk] for _date, _listed, pk in shown if pk in built]


def feed_pages(listed):
    queryset = listed.queryset().defer_streamfields().select_related(*listed.select_related)
    return queryset.prefetch_related(*FEED_RELATED.get(listed.model, ()))


def news_items():
    """The newest of what the news index lists."""
    return newest_listed(*NewsIndexPage.listed)


def report_items():
    reports = next(listed for listed in NewsIndexPage.listed if listed.model is PeriodReportPage)
    return newest_listed(reports)


class NewsFeed(PageFeed, Feed):
    title = gettext_lazy("Portál pro praxi OSPOD – aktuality")
    description = gettext_lazy("Aktuality, zprávy z akcí a zprávy za monitorovací období projektů.")
    subtitle = description

    def link(self):
        return absolute_url(self.request, "/aktuality/")

    def items(self):
        return news_items()


class ReportFeed(PageFeed, Feed):
    title = gettext_lazy("Portál pro praxi OSPOD – zprávy za období")
    description = gettext_lazy("Zprávy projektů za jednotlivá monitorovací období.")
    subtitle = description

    def link(self):
        return absolute_url(self.request, "/aktuality/?typ=zpravy")

    def items(self):
        return report_items()


class TopicFeed(PageFeed, Feed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def title(self, topic):
        return _("Portál pro praxi OSPOD – téma %(name)s") % {"name": topic.name}

    def description(self, topic):
        return topic.description or _("Nový obsah portálu k tématu %(name)s.") % {
            "name": topic.name
        }

    subtitle = description

    def link(self, topic):
        return absolute_url(self.request, reverse("topic_detail", args=[topic.slug]))

    def items(self, topic):
        pages = public(Page.objects.live()).filter(topic_items__tag=topic)
        return newest(pages.order_by(NewestFirst("first_published_at")).specific())


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed


class AtomReportFeed(ReportFeed):
    feed_type = Atom1Feed


class AtomTopicFeed(TopicFeed):
    feed_type = Atom1Feed
