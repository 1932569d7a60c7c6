"""Which new public pages a subscription asks for, read from the search index.

The index already knows each live page's type, topics, project, regions, analysed words
and whether it is staff-only, so a subscription matches as the search page would filter.
"""

import math
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page

from portal.core.models import PortalDocument
from portal.core.privacy import is_public
from portal.search.hits import MOST_TERMS
from portal.search.models import SearchEntry
from portal.search.query import term_query

# A digest or a catch-up run looks back at most this far (and never before the consent).
LOOKBACK = timedelta(days=31)


class Criteria:
    """A subscription's choices as ids and terms, read once."""

    def __init__(self, subscription):
        self.kinds = set(subscription.kinds or [])
        self.topics = {topic.pk for topic in subscription.topics.all()}
        self.projects = {project.pk for project in subscription.projects.all()}
        self.regions = {region.pk for region in subscription.regions.all()}
        self.alternatives = (
            term_query(subscription.query).alternatives if subscription.query else ()
        )

    def is_empty(self):
        return not (self.kinds or self.topics or self.projects or self.regions or self.alternatives)

    def matches(self, entry):
        if entry.staff_only or self.is_empty():
            return False
        return (
            (not self.kinds or entry.kind in self.kinds)
            and (not self.topics or self.topics & set(entry.topic_id_list))
            and (not self.projects or entry.project_id in self.projects)
            and (not self.regions or self.regions & set(entry.region_id_list))
            and (not self.alternatives or self.matches_words(entry))
        )

    def matches_words(self, entry):
        """As the search does: all the words of one or two, two thirds of more."""
        words = set(entry.title_terms.split()) | set(entry.body_terms.split())
        for terms in self.alternatives:
            needed = len(terms) if len(terms) <= 2 else math.ceil(len(terms) * MOST_TERMS)
            if sum(term in words for term in terms) >= needed:
                return True
        return False


def page_entries(page_ids):
    """The public index entries of these pages (documents have entries of their own)."""
    documents = ContentType.objects.get_for_model(PortalDocument)
    return (
        SearchEntry.objects.filter(object_id__in=page_ids, staff_only=False)
        .exclude(content_type=documents)
        .defer("plain_text")
    )


def still_public(page_ids):
    """Of these pages, the ids of those that are live and outside every staff-only section."""
    pages = Page.objects.filter(pk__in=page_ids, live=True).only("pk", "path")
    return {page.pk for page in pages if is_public(page)}


def pending_page_ids(subscription, now=None):
    """Ids of the public pages first published since the consent that match and were not
    sent to this subscriber yet, oldest first."""
    since = max(subscription.consented_at, (now or timezone.now()) - LOOKBACK)
    new_pages = Page.objects.filter(live=True, first_published_at__gte=since).values("pk")
    sent = subscription.sent.values("page_id")
    criteria = Criteria(subscription)
    entries = page_entries(new_pages).exclude(object_id__in=sent).order_by("date", "pk")
    matching = [entry.object_id for entry in entries if criteria.matches(entry)]
    public = still_public(matching)
    return [page_id for page_id in matching if page_id in public]
