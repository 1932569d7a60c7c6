from django.utils.text import capfirst
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from methodology.models import MethodologyKind, MethodologyPage, ToolPage
from portal.core.access import visible_pages


class MethodologyKindViewSet(SnippetViewSet):
    model = MethodologyKind
    icon = "tag"
    list_display = ["name", "slug"]


register_snippet(MethodologyKindViewSet)


@hooks.register("pages_linking_to")
def records_linking_to(page, user):
    """[(heading, pages)]: the methodologies and tools this visitor may read that name
    `page` among their related content (a video page shows them)."""
    groups = []
    for model in (MethodologyPage, ToolPage):
        linking = visible_pages(model.objects.filter(related_pages=page.pk), user)
        linking = list(linking.order_by("title"))
        if linking:
            groups.append((capfirst(model._meta.verbose_name_plural), linking))
    return groups
