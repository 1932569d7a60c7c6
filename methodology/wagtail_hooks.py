from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from methodology.models import MethodologyKind


class MethodologyKindViewSet(SnippetViewSet):
    model = MethodologyKind
    icon = "tag"
    list_display = ["name", "slug"]


register_snippet(MethodologyKindViewSet)
