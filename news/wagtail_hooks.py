from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from news.models import NewsCategory


class NewsCategoryViewSet(SnippetViewSet):
    model = NewsCategory
    icon = "tag"
    add_to_admin_menu = False
    list_display = ["name", "slug"]


register_snippet(NewsCategoryViewSet)
