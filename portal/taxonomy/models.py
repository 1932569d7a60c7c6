"""The shared vocabularies: topics, places, organisations, funding and people."""

from django.contrib.contenttypes.models import ContentType
from django.core.validators import RegexValidator
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from portal.core.visibility import Visibility, visibility_of


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
    """A page filed under a topic, with a copy of the page's type and visibility: a listing
    counts its pages per topic from this table's index alone."""

    tag = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="tagged_pages")
    content_object = ParentalKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="topic_items"
    )
    page_type = models.ForeignKey(
        ContentType, null=True, on_delete=models.CASCADE, related_name="+", editable=False
    )
    visibility = models.PositiveSmallIntegerField(
        choices=Visibility.choices, default=Visibility.OFFLINE, editable=False
    )

    class Meta:
        unique_together = [("content_object", "tag")]
        indexes = [
            models.Index(fields=["page_type", "visibility", "tag"], name="pagetopic_listed_idx"),
            models.Index(fields=["tag", "visibility"], name="pagetopic_topic_visible_idx"),
        ]

    @classmethod
    def of(cls, page, tag):
        """A row filing `page` under `tag` with its copies filled, as a bulk insert needs."""
        row = cls(content_object=page, tag=tag)
        row.copy_page()
        return row

    def copy_page(self):
        page = self.content_object
        self.page_type_id = page.content_type_id
        self.visibility = visibility_of(page.live, page.path)

    def save(self, *args, **kwargs):
        self.copy_page()
        super().save(*args, **kwargs)


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


class SluggedVocabulary(models.Model):
    """A vocabulary entry whose slug is made from its name when left empty."""

    name = models.CharField(_("název"), max_length=150, unique=True)
    slug = models.SlugField(_("adresa (slug)"), max_length=160, unique=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:160]
        super().save(*args, **kwargs)


class TargetGroup(SluggedVocabulary):
    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(SluggedVocabulary.Meta):
        verbose_name = _("cílová skupina")
        verbose_name_plural = _("cílové skupiny")


class PracticeSetting(SluggedVocabulary):
    """Where a methodology or tool is used: OSPOD, court, family, school, a service ..."""

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(SluggedVocabulary.Meta):
        verbose_name = _("prostředí")
        verbose_name_plural = _("prostředí")


class LegalProvision(SluggedVocabulary):
    """A provision of the law a methodology or tool serves, e.g. § 10 of Act 359/1999 Sb."""

    class Act(models.TextChoices):
        SPOD_ACT = "359/1999", _("zákon č. 359/1999 Sb., o sociálně-právní ochraně dětí")
        STANDARDS_DECREE = "473/2012", _("vyhláška č. 473/2012 Sb.")
        CIVIL_CODE = "89/2012", _("zákon č. 89/2012 Sb., občanský zákoník")
        OTHER = "other", _("jiný předpis")

    act = models.CharField(_("předpis"), max_length=12, choices=Act.choices)
    section = models.CharField(_("ustanovení"), max_length=60, help_text=_("Např. „§ 10“"))
    description = models.TextField(_("o čem ustanovení je"), blank=True)
    url = models.URLField(_("plné znění"), blank=True)
    sort_key = models.PositiveIntegerField(default=0, editable=False)  # § 10 before § 10a, § 12

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("act"),
        FieldPanel("section"),
        FieldPanel("description"),
        FieldPanel("url"),
    ]

    class Meta:
        verbose_name = _("právní ustanovení")
        verbose_name_plural = _("právní ustanovení")
        ordering = ["act", "sort_key", "name"]

    def save(self, *args, **kwargs):
        digits = "".join(c if c.isdigit() else " " for c in self.section).split()
        self.sort_key = int(digits[0]) if digits else 0
        super().save(*args, **kwargs)


class QualityStandard(SluggedVocabulary):
    """One of the quality standards of SPOD (annex of decree 473/2012 Sb.)."""

    number = models.PositiveSmallIntegerField(_("číslo standardu"), unique=True)
    description = models.TextField(_("co standard požaduje"), blank=True)

    panels = [
        FieldPanel("number"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
    ]

    class Meta:
        verbose_name = _("standard kvality SPOD")
        verbose_name_plural = _("standardy kvality SPOD")
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.name}"


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
