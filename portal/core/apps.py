from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every page shares: the base page, blocks, media, privacy and site settings."""

    name = "portal.core"
    label = "core"
    verbose_name = _("Základ portálu")

    def ready(self):
        from portal.core import content_version

        content_version.connect()
