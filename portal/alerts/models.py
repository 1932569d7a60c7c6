"""A subscriber: the address, the choices and the time of consent; nothing else.

The choices are a saved search: optional words and the search's facets (type, topic,
project, region). Within a facet any chosen value matches, the facets combine with AND,
as on the search page. Unconfirmed requests are never stored: they travel in the signed
confirmation link (``tokens.py``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("ihned po zveřejnění")
    DAILY = "daily", _("jednou denně (souhrn)")
    WEEKLY = "weekly", _("jednou týdně (souhrn)")


class Subscription(models.Model):
    email = models.EmailField(_("e-mailová adresa"), unique=True)
    frequency = models.CharField(
        _("četnost"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    query = models.CharField(_("hledaná slova"), max_length=200, blank=True)
    kinds = models.JSONField(_("typy obsahu"), default=list, blank=True)
    topics = models.ManyToManyField("taxonomy.Topic", blank=True, verbose_name=_("témata"))
    projects = models.ManyToManyField(
        "projects.ProjectPage", blank=True, verbose_name=_("projekty")
    )
    regions = models.ManyToManyField("taxonomy.Region", blank=True, verbose_name=_("kraje"))
    consented_at = models.DateTimeField(_("souhlas udělen"))

    class Meta:
        verbose_name = _("odběr novinek")
        verbose_name_plural = _("odběry novinek")

    def __str__(self):
        return self.email


class SentItem(models.Model):
    """One page sent to one subscriber: never the same page twice to the same address."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="sent")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "page"], name="alerts_sent_once_per_subscriber"
            )
        ]
        verbose_name = _("odeslaná položka")
        verbose_name_plural = _("odeslané položky")

    def __str__(self):
        return f"{self.subscription_id}: {self.page_id}"
