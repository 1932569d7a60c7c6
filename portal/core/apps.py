from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every page shares: the base page, blocks, media, privacy and site settings."""

    name = "portal.core"
    label = "core"
    verbose_name = _("Základ portálu")

    def ready(self):
        from portal.core import content_version, tallies, visibility
        from portal.core.text import register_sqlite_fold

        content_version.connect()
        visibility.connect()
        connection_created.connect(register_sqlite_fold)
        tallies.connect()
        post_migrate.connect(tallies.count_when_missing, sender=self)
