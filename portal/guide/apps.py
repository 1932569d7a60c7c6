from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuideConfig(AppConfig):
    """The case-process guide /postup/: the steps of an OSPOD case and what helps at each."""

    name = "portal.guide"
    label = "guide"
    verbose_name = _("Průvodce případem")
