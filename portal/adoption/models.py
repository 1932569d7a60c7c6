"""An OSPOD office (an ORP) says it uses a tool or a methodology, with an optional experience.

The record counts at once; its experience text shows only after a reviewer approves it.
Pages are referred to through wagtailcore.Page, so listings above this layer can sort by it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The page types offices can say they use ("app_label.ModelName").
ADOPTABLE_PAGE_TYPES = ("methodology.MethodologyPage", "methodology.ToolPage")
EXPERIENCE_MAX_LENGTH = 800


class ExperienceStatus(models.TextChoices):
    NONE = "", _("bez zkušenosti")
    PENDING = "pending", _("čeká na schválení")
    APPROVED = "approved", _("schváleno")
    REJECTED = "rejected", _("zamítnuto")


class Adoption(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("metodika nebo nástroj"),
        on_delete=models.CASCADE,
        related_name="adoptions",
    )
    municipality = models.ForeignKey(
        "taxonomy.Municipality",
        verbose_name=_("pracoviště OSPOD (ORP)"),
        on_delete=models.PROTECT,
        related_name="adoptions",
    )
    experience = models.TextField(
        _("zkušenost z praxe"), max_length=EXPERIENCE_MAX_LENGTH, blank=True
    )
    experience_status = models.CharField(
        _("stav zkušenosti"),
        max_length=10,
        choices=ExperienceStatus.choices,
        default=ExperienceStatus.NONE,
        blank=True,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("zaznamenal(a)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("zaznamenáno"), auto_now_add=True)
    updated_at = models.DateTimeField(_("změněno"), auto_now=True)

    class Meta:
        verbose_name = _("využití v praxi")
        verbose_name_plural = _("využití v praxi")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["page", "municipality"], name="unique_adoption")
        ]

    def __str__(self):
        return f"{self.page.title} – {self.municipality.name}"

    @property
    def shows_experience(self):
        return bool(self.experience) and self.experience_status == ExperienceStatus.APPROVED
