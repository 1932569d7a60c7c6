from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from wagtail.models import Page

from portal.models import Topic
from portal.pagination import paginate


def topic_index(request):
    topics = (
        Topic.objects.annotate(page_count=Count("tagged_pages"))
        .filter(page_count__gt=0)
        .order_by("name")
    )
    return render(request, "portal/topic_index.html", {"topics": topics})


def topic_detail(request, slug):
    """Everything on one topic, across content types, visible to this visitor."""
    topic = get_object_or_404(Topic, slug=slug)
    pages = (
        Page.objects.live()
        .public()
        .filter(topic_items__tag=topic)
        .specific()
        .order_by("-first_published_at")
    )
    return render(
        request,
        "portal/topic_detail.html",
        {"topic": topic, "pages": paginate(request, pages)},
    )
