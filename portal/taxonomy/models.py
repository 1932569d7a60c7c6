"""The shared vocabularies: topics, places, organisations, funding and people."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Topic(TagBase):
    """One topic vocabulary shared by every content type (taggit tags)."""

    description = models.TextField(_("popis"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        verbose_name = _("téma")
        verbose_name_plural = _("témata")
        ordering = ["name"]

    def slugify(self, tag, i=None):
        """ASCII slugs, so topic URLs read the same typed with or without diacritics."""
        slug = slugify(tag)
        return f"{slug}_{i}" if i is not None else slug


class PageTopic(ItemBase):
    tag = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="tagged_pages")
    content_object = ParentalKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="topic_items"
    )

    class Meta:
        unique_together = [("content_object", "tag")]


class Region(index.Indexed, models.Model):
    """A kraj; the fourteen of them are created by a data migration."""

    name = models.CharField(_("název"), max_length=100, unique=True)
    slug = models.SlugField(unique=True)
    nuts_code = models.CharField(_("kód NUTS 3"), max_length=5, blank=True)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("kraj")
        verbose_name_plural = _("kraje")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Municipality(index.Indexed, models.Model):
    """An ORP (obec s rozšířenou působností), home of a municipal OSPOD."""

    name = models.CharField(_("název"), max_length=100)
    region = models.ForeignKey(
        Region, verbose_name=_("kraj"), on_delete=models.PROTECT, related_name="municipalities"
    )
    is_orp = models.BooleanField(_("obec s rozšířenou působností (ORP)"), default=True)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("obec / ORP")
        verbose_name_plural = _("obce a ORP")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "region"], name="unique_municipality_in_region")
        ]

    def __str__(self):
        return self.name


class Organisation(index.Indexed, models.Model):
    class Kind(models.TextChoices):
        NONPROFIT = "nonprofit", _("nezisková organizace")
        COMPANY = "company", _("firma")
        MINISTRY = "ministry", _("ministerstvo")
        REGIONAL_AUTHORITY = "regional_authority", _("kraj / krajský úřad")
        MUNICIPALITY = "municipality", _("obec / městský úřad")
        UNIVERSITY = "university", _("vysoká škola")
        FUNDER = "funder", _("poskytovatel podpory")
        OTHER = "other", _("jiná")

    name = models.CharField(_("název"), max_length=255, unique=True)
    short_name = models.CharField(_("zkratka"), max_length=50, blank=True)
    kind = models.CharField(_("druh"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    company_id = models.CharField(
        _("IČO"),
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^\d{8}$", _("IČO má osm číslic."))],
    )
    website = models.URLField(_("webová adresa"), blank=True)
    logo = models.ForeignKey(
        "core.PortalImage",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    search_fields = [
        index.SearchField("name"),
        index.SearchField("short_name"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        verbose_name = _("organizace")
        verbose_name_plural = _("organizace")
        ordering = ["name"]

    def __str__(self):
        return self.name


class FundingProgramme(models.Model):
    name = models.CharField(_("název"), max_length=255, unique=True)
    short_name = models.CharField(_("zkratka"), max_length=30, blank=True)
    fund = models.CharField(_("fond"), max_length=255, blank=True, help_text=_("např. ESF"))
    funding_sentence = models.TextField(
        _("věta o financování"),
        blank=True,
        help_text=_("Výchozí věta pro projekty, které ji nemají vlastní."),
    )
    logo = models.ForeignKey(
        "core.PortalImage",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("operační program")
        verbose_name_plural = _("operační programy")
        ordering = ["name"]

    def __str__(self):
        return self.name


class TargetGroup(models.Model):
    name = models.CharField(_("název"), max_length=150, unique=True)

    class Meta:
        verbose_name = _("cílová skupina")
        verbose_name_plural = _("cílové skupiny")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Person(index.Indexed, models.Model):
    """A contact or an author, with the role in which they speak."""

    name = models.CharField(_("jméno a příjmení"), max_length=150)
    degrees_before = models.CharField(_("tituly před jménem"), max_length=50, blank=True)
    degrees_after = models.CharField(_("tituly za jménem"), max_length=50, blank=True)
    role = models.CharField(_("funkce"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organizace"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("osoba")
        verbose_name_plural = _("osoby")
        ordering = ["name"]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        name = f"{self.degrees_before} {self.name}".strip()
        return f"{name}, {self.degrees_after}" if self.degrees_after else name
