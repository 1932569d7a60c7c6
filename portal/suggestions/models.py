"""A practice, a tool or a question sent in by anyone, and its review.

The public list shows the title, the stage and the dates; the contact and the file are for
reviewers only, the file stored outside the public media (PRIVATE_MEDIA_ROOT).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def private_storage():
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


class SuggestionKind(models.TextChoices):
    PRACTICE = "practice", _("dobrá praxe")
    TOOL = "tool", _("nástroj")
    QUESTION = "question", _("dotaz")


class SuggestionStatus(models.TextChoices):
    NEW = "new", _("nový")
    IN_REVIEW = "in_review", _("v posuzování")
    ACCEPTED = "accepted", _("přijato")
    DECLINED = "declined", _("zamítnuto")


class Suggestion(models.Model):
    kind = models.CharField(_("druh"), max_length=10, choices=SuggestionKind.choices)
    title = models.CharField(_("název"), max_length=150)
    description = models.TextField(_("popis"), max_length=5000)
    name = models.CharField(_("jméno"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"))
    organisation = models.CharField(_("pracoviště nebo organizace"), max_length=200, blank=True)
    attachment = models.FileField(
        _("příloha"), upload_to="suggestions/%Y/%m/", storage=private_storage, blank=True
    )
    status = models.CharField(
        _("stav"), max_length=10, choices=SuggestionStatus.choices, default=SuggestionStatus.NEW
    )
    reason = models.TextField(
        _("zdůvodnění"),
        blank=True,
        help_text=_("Proč byl návrh přijat nebo zamítnut; u zamítnutí povinné."),
    )
    listed = models.BooleanField(
        _("uvést v přehledu posuzovaných návrhů"),
        default=True,
        help_text=_("Vypněte u spamu nebo u názvu, který by prozradil osobní údaje."),
    )
    created_at = models.DateTimeField(_("přijato dne"), default=timezone.now)
    status_changed_at = models.DateTimeField(_("stav změněn"), default=timezone.now)

    class Meta:
        verbose_name = _("návrh z praxe")
        verbose_name_plural = _("návrhy z praxe")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["listed", "created_at"], name="suggestion_listed_idx")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.pk:
            previous = type(self).objects.filter(pk=self.pk).values_list("status", flat=True)
            if previous.first() != self.status:
                self.status_changed_at = timezone.now()
        super().save(*args, **kwargs)

    def clean(self):
        if self.status == SuggestionStatus.DECLINED and not self.reason.strip():
            raise ValidationError({"reason": _("U zamítnutého návrhu uveďte důvod.")})
