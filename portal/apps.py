from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portál")

    def ready(self):
        from portal import content_version, frontcache, signals  # noqa: F401
        from portal.search import signals as search_signals  # noqa: F401

        content_version.connect()
        frontcache.connect()  # purge listings from the front cache
