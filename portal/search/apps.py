from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The portal's Czech search: its index, engines, page and API."""

    name = "portal.search"
    label = "search"
    verbose_name = _("Vyhledávání")

    def ready(self):
        from portal.search import signals  # noqa: F401 (connects its receivers)
