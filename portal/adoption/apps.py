from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdoptionConfig(AppConfig):
    """Where tools and methodologies are in use: OSPOD offices record it, reviewers moderate."""

    name = "portal.adoption"
    label = "adoption"
    verbose_name = _("Využití v praxi")
