from dataclasses import dataclass

from django import template
from django.db.models import Count, Q

from portal.core.access import visible_pages
from portal.core.models import IndexPage
from portal.core.text import Fold, fold
from portal.taxonomy.models import PageTopic

register = template.Library()

# A select is a fine way to pick one of a few dozen titles and a poor one past that: beyond
# this many, the page offers the ones sharing most topics with it, and its listing (a
# "Porovnat" checkbox on every card) for the rest.
COMPARE_CHOICES = 40


@dataclass
class CompareChoices:
    pages: list  # [(pk, title)] A–Z
    listing_url: str = ""  # where to choose from all of them, when `pages` are not all


@register.simple_tag(takes_context=True)
def compare_choices(context, page):
    """The other pages of the page's type the reader may compare it with: all of them, or the
    COMPARE_CHOICES sharing most topics with it. Two queries, however many there are."""
    request = context.get("request")
    others = visible_pages(type(page).objects.exclude(pk=page.pk), getattr(request, "user", None))
    topics = PageTopic.objects.filter(content_object=page.pk).values("tag")
    shared = Count("topic_items", filter=Q(topic_items__tag__in=topics))
    closest = others.values_list("pk", "title").annotate(shared=shared)
    closest = closest.order_by("-shared", Fold("title"), "title")[: COMPARE_CHOICES + 1]
    rows = [(pk, title) for pk, title, _shared in closest]
    index, _listed = IndexPage.listing_of(type(page))  # read either way: the same queries
    listing = index.get_url(request) if index and len(rows) > COMPARE_CHOICES else ""
    pages = sorted(rows[:COMPARE_CHOICES], key=lambda row: (fold(row[1]), row[1]))
    return CompareChoices(pages, listing)
