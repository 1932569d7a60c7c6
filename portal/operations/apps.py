from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running the portal: caches and their purges, security headers, backups, the sitemap."""

    name = "portal.operations"
    label = "operations"
    verbose_name = _("Provoz")

    def ready(self):
        from portal.operations import frontcache

        frontcache.connect()
