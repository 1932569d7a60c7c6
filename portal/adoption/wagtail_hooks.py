from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.adoption.models import Adoption


class AdoptionViewSet(SnippetViewSet):
    """Reviewers approve or reject the experience texts before they show."""

    model = Adoption
    icon = "site"
    menu_label = _("Využití v praxi")
    add_to_admin_menu = True
    list_display = ["page", "municipality", "experience_status", "updated_at"]
    list_filter = ["experience_status"]
    ordering = ["-updated_at"]
    panels = [
        FieldPanel("page", read_only=True),
        FieldPanel("municipality", read_only=True),
        FieldPanel("experience"),
        FieldPanel("experience_status"),
    ]


register_snippet(AdoptionViewSet)
