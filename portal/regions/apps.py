from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    """The region pages /kraje/: projects, tools and methodologies tied to each kraj."""

    name = "portal.regions"
    label = "regions"
    verbose_name = _("Kraje")
