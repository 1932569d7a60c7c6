from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MethodologyConfig(AppConfig):
    name = "methodology"
    verbose_name = _("Metodiky a nástroje")

    def ready(self):
        from methodology import signals  # noqa: F401
