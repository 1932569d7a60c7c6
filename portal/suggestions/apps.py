from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuggestionsConfig(AppConfig):
    """Suggestions from the field: practices, tools and questions sent in by anyone."""

    name = "portal.suggestions"
    label = "suggestions"
    verbose_name = _("Návrhy z praxe")
