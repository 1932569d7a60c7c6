from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portál")

    def ready(self):
        from portal import frontcache
        from portal.search import signals  # noqa: F401

        frontcache.connect()  # issue 6: purge listings from the front cache
