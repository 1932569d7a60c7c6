from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    """Project pages with their indicators, partners, funding and documents."""

    name = "portal.projects"
    label = "projects"
    verbose_name = _("Projekty")
