from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    """Project pages with their indicators, partners, funding and documents."""

    name = "portal.projects"
    label = "projects"
    verbose_name = _("Projekty")

    def ready(self):
        from portal.projects import tallies

        tallies.connect()
        post_migrate.connect(tallies.count_when_missing, sender=self)
