from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectTeam(models.Model):
    """A project's editors group and its documents collection (see portal.accounts.roles)."""

    project = models.OneToOneField(
        "projects.ProjectPage",
        verbose_name=_("projekt"),
        on_delete=models.CASCADE,
        related_name="team",
    )
    editors = models.OneToOneField(
        "auth.Group", verbose_name=_("redakce"), on_delete=models.PROTECT, related_name="+"
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        verbose_name=_("sbírka dokumentů"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("redakce projektu")
        verbose_name_plural = _("redakce projektů")

    def __str__(self):
        return self.editors.name
