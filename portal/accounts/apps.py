from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Who may do what: roles, the review workflow, project teams and the staff login."""

    name = "portal.accounts"
    label = "accounts"
    verbose_name = _("Role a přihlášení")

    def ready(self):
        from portal.accounts import signals  # noqa: F401 (connects its receivers)
