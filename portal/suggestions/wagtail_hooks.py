from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.suggestions import views
from portal.suggestions.models import Suggestion


class AttachmentColumn(Column):
    def get_value(self, instance):
        if not instance.attachment:
            return ""
        url = reverse("suggestion_attachment", args=[instance.pk])
        return format_html('<a href="{}">{}</a>', url, _("stáhnout"))


class ReviewOnlyPolicy(ModelPermissionPolicy):
    """Suggestions come from the public form; in the admin they are only reviewed."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


class SuggestionViewSet(SnippetViewSet):
    """The reviewers' queue: new first, filtered by stage and kind."""

    model = Suggestion
    icon = "help"
    menu_label = _("Návrhy z praxe")
    add_to_admin_menu = True
    list_display = [
        "title",
        "kind",
        "status",
        "created_at",
        AttachmentColumn("attachment", label=_("příloha")),
    ]
    list_filter = ["status", "kind"]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("kind", read_only=True),
                FieldPanel("description", read_only=True),
                FieldPanel("name", read_only=True),
                FieldPanel("email", read_only=True),
                FieldPanel("organisation", read_only=True),
                FieldPanel("created_at", read_only=True),
            ],
            heading=_("Co přišlo"),
        ),
        FieldPanel("title"),
        FieldPanel("status"),
        FieldPanel("reason"),
        FieldPanel("listed"),
    ]


register_permission_policy(Suggestion, ReviewOnlyPolicy(Suggestion))
register_snippet(SuggestionViewSet)


@hooks.register("register_admin_urls")
def suggestion_urls():
    return [
        path(
            "navrhy/<int:pk>/priloha/",
            views.attachment,
            name="suggestion_attachment",
        )
    ]
