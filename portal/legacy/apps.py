from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegacyConfig(AppConfig):
    """The migrations of the first layout, when every shared model lived in one app `portal`.

    They stay so that a database made then upgrades in place, and so that a new database is
    built through the same steps; the last one hands the models over to the apps that own
    them now.
    """

    name = "portal.legacy"
    label = "portal"
    verbose_name = _("Portál (původní uspořádání)")
