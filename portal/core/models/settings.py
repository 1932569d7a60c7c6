from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="cog")
class PortalSettings(BaseSiteSetting):
    operator = models.ForeignKey(
        "taxonomy.Organisation",
        verbose_name=_("provozovatel portálu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_email = models.EmailField(_("kontaktní e-mail"), blank=True)
    footer_text = models.TextField(_("text v patičce"), blank=True)
    funding_sentence = models.TextField(
        _("věta o financování portálu"),
        blank=True,
        help_text=_("Zobrazí se v patičce stránek, které nepatří k žádnému projektu."),
    )
    about_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("stránka O portálu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_statement = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("prohlášení o přístupnosti"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("operator"),
        FieldPanel("contact_email"),
        FieldPanel("footer_text"),
        FieldPanel("funding_sentence"),
        FieldPanel("about_page"),
        FieldPanel("accessibility_statement"),
    ]
    select_related = ["operator", "about_page", "accessibility_statement"]

    class Meta:
        verbose_name = _("nastavení portálu")
