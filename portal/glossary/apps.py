from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GlossaryConfig(AppConfig):
    """The glossary /slovnik/ and the inline definitions of its terms in page texts."""

    name = "portal.glossary"
    label = "glossary"
    verbose_name = _("Slovník pojmů")
