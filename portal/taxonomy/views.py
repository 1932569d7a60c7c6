from django.core.cache import cache
from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from wagtail.models import Page

from portal.core import access
from portal.core.content_version import FRAGMENT_SECONDS, content_version
from portal.core.pagination import paginate
from portal.core.text import fold
from portal.taxonomy.models import Topic


def visible_pages(request):
    """Published pages this visitor may read (staff-only ones for OSPOD staff too)."""
    return access.visible_pages(Page.objects.all(), request.user)


def topic_index(request):
    """Topics in use on published public pages, in Czech alphabetical order, with counts.

    Counting every topic link grows with the portal: the counts are kept until the content
    changes, one set for the public and one for OSPOD staff.
    """
    key = f"topic-index:{content_version()}:{access.is_staff_reader(request.user)}"
    topics = cache.get(key)
    if topics is None:
        topics = Topic.objects.filter(
            tagged_pages__content_object__in=visible_pages(request)
        ).annotate(page_count=Count("tagged_pages"))
        topics = sorted(topics, key=lambda topic: (fold(topic.name), topic.name))
        cache.set(key, topics, FRAGMENT_SECONDS)
    return render(request, "taxonomy/topic_index.html", {"topics": topics})


def topic_detail(request, slug):
    """Everything on one topic, across content types, visible to this visitor."""
    topic = get_object_or_404(Topic, slug=slug)
    pages = (
        visible_pages(request)
        .filter(topic_items__tag=topic)
        .specific()
        .prefetch_related("topics")
        .order_by("-first_published_at")
    )
    return render(
        request,
        "taxonomy/topic_detail.html",
        {"topic": topic, "pages": paginate(request, pages)},
    )
