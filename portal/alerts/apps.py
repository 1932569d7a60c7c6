from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "portal.alerts"
    label = "alerts"
    verbose_name = _("Odběr novinek e-mailem")

    def ready(self):
        from portal.alerts import signals

        signals.connect()
