from dataclasses import dataclass

from django import template
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count

from portal.core.access import is_staff_reader
from portal.core.models import IndexPage
from portal.core.text import Fold, alphabetical
from portal.core.visibility import visible, visible_values
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
    COMPARE_CHOICES sharing most topics with it, then the first A–Z. Two or three queries,
    however many there are."""
    request = context.get("request")
    staff = is_staff_reader(getattr(request, "user", None))
    rows = sharing_topics(page, staff)
    if len(rows) <= COMPARE_CHOICES:
        others = visible(
            type(page).objects.exclude(pk__in=[page.pk, *(pk for pk, _t in rows)]), staff
        )
        rest = others.order_by("sort_title", "title").values_list("pk", "title")
        rows += rest[: COMPARE_CHOICES + 1 - len(rows)]
    index, _listed = IndexPage.listing_of(type(page))  # read either way: the same queries
    listing = index.get_url(request) if index and len(rows) > COMPARE_CHOICES else ""
    pages = sorted(rows[:COMPARE_CHOICES], key=lambda row: alphabetical(row[1]))
    return CompareChoices(pages, listing)


def sharing_topics(page, staff):
    """[(pk, title)] of the first COMPARE_CHOICES + 1 other pages of the page's type sharing
    topics with it, most shared first, then A–Z: off the topic links' index and their copy
    of each page's type and visibility. (Counting every page's links instead took PostgreSQL
    12 ms for a thousand methodologies.)"""
    topics = PageTopic.objects.filter(content_object=page.pk).values("tag")
    links = PageTopic.objects.filter(
        page_type=ContentType.objects.get_for_model(type(page)),
        visibility__in=visible_values(staff),
        tag__in=topics,
    ).exclude(content_object=page.pk)
    closest = links.values_list("content_object", "content_object__title").annotate(n=Count("*"))
    closest = closest.order_by("-n", Fold("content_object__title"), "content_object__title")
    return [(pk, title) for pk, title, _n in closest[: COMPARE_CHOICES + 1]]
