"""The editable synonym list in the Wagtail admin (registered from portal/wagtail_hooks.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.search.models import SearchSynonym


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = _("Synonyma pro vyhledávání")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["phrases"]
    search_fields = ["phrases"]


register_snippet(SearchSynonymViewSet)
