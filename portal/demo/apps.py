from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo portal built from the five seed projects (`manage.py load_demo_content`)."""

    name = "portal.demo"
    label = "demo"
    verbose_name = _("Ukázkový obsah")
