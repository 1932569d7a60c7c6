"""The practitioner's record of a methodology or a tool: for whom, what it changes, how to
start, how strong the evidence is, the law and the standards it serves, related content.

Both page types share these fields (`PractitionerRecord`); `record_fields` lists them in the
order a reader needs them, for the printed sheet and the side-by-side comparison.
"""

import time
from functools import partial

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from portal.core.access import is_staff_reader, visible_pages
from portal.core.api import names
from portal.core.widgets import PageTitlesWidget

# The public page that explains the evidence scale and its criteria (a content page).
EVIDENCE_SCALE_URL = "/jak-hodnotime/"

# The page types a record may point to as related content.
RELATED_PAGE_TYPES = (
    Q(
        content_type__app_label="methodology",
        content_type__model__in=["methodologypage", "toolpage"],
    )
    | Q(content_type__app_label="news", content_type__model="videopage")
    | Q(content_type__app_label="projects", content_type__model="projectpage")
)


class RelatedPageTitlesWidget(PageTitlesWidget):
    """Related methodologies, tools, videos and projects by their titles: at 20,000 pages a
    multiple select held some 3,700 options and made the edit form take seconds."""

    def pages(self):
        return Page.objects.filter(RELATED_PAGE_TYPES)


class EvidenceLevel(models.TextChoices):
    """The published scale, from weakest to strongest; separate from the development stage."""

    DESCRIBED = "described", _("popsaná praxe")
    PROMISING = "promising", _("slibná")
    SUPPORTED = "supported", _("podložená výzkumem")
    WELL_SUPPORTED = "well_supported", _("dobře podložená výzkumem")
    NOT_RECOMMENDED = "not_recommended", _("nedoporučeno")


EVIDENCE_ORDER = [level.value for level in EvidenceLevel]


def lines(text):
    return [line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")]


class PractitionerRecord(models.Model):
    """The record's fields, shared by methodologies and tools."""

    plain_summary = models.TextField(
        _("shrnutí srozumitelně"),
        max_length=700,
        blank=True,
        help_text=_(
            "Nejvýše asi 700 znaků běžnou řečí: co to je, komu a s čím pomáhá. "
            "Stránka je ukáže jako první."
        ),
    )
    situation = models.TextField(_("situace, kterou řeší"), blank=True)
    practice_settings = ParentalManyToManyField(
        "taxonomy.PracticeSetting", verbose_name=_("prostředí"), blank=True
    )
    outcomes = models.TextField(
        _("očekávané výsledky"),
        blank=True,
        help_text=_("Co se má u dětí, rodin nebo v praxi změnit; každý výsledek na nový řádek."),
    )
    delivered_by = models.CharField(_("kdo ji provádí"), max_length=255, blank=True)
    training = models.TextField(_("potřebné vzdělání a výcvik"), blank=True)
    training_hours = models.PositiveSmallIntegerField(
        _("rozsah výcviku (hodin)"), null=True, blank=True
    )
    training_accredited = models.BooleanField(_("akreditovaný výcvik"), null=True, blank=True)
    materials = models.TextField(_("manuál a materiály"), blank=True)
    time_per_case = models.CharField(
        _("časová náročnost na jeden případ"), max_length=255, blank=True
    )
    supervision = models.TextField(_("supervize"), blank=True)
    prerequisites = models.TextField(_("předpoklady zavedení"), blank=True)
    key_components = models.TextField(
        _("klíčové prvky"), blank=True, help_text=_("Každý prvek na nový řádek.")
    )
    cost = models.TextField(_("náklady"), blank=True)
    evidence_level = models.CharField(
        _("úroveň doložení účinnosti"),
        max_length=20,
        choices=EvidenceLevel.choices,
        blank=True,
        help_text=_("Podle stupnice na stránce /jak-hodnotime/; prázdné = zatím nehodnoceno."),
    )
    evidence_note = models.TextField(
        _("zdůvodnění hodnocení"),
        blank=True,
        help_text=_("Na čem hodnocení stojí; u „nedoporučeno“ povinné: proč."),
    )
    legal_provisions = ParentalManyToManyField(
        "taxonomy.LegalProvision", verbose_name=_("právní ustanovení"), blank=True
    )
    quality_standards = ParentalManyToManyField(
        "taxonomy.QualityStandard", verbose_name=_("standardy kvality SPOD"), blank=True
    )
    related_pages = ParentalManyToManyField(
        "wagtailcore.Page",
        verbose_name=_("související metodiky, nástroje, videa a projekty"),
        blank=True,
        related_name="+",
        limit_choices_to=RELATED_PAGE_TYPES,
    )

    class Meta:
        abstract = True

    record_panels = [
        FieldPanel("plain_summary"),
        MultiFieldPanel(
            [FieldPanel("target_groups"), FieldPanel("situation"), FieldPanel("practice_settings")],
            heading=_("Pro koho"),
        ),
        FieldPanel("outcomes"),
        MultiFieldPanel(
            [
                FieldPanel("delivered_by"),
                FieldPanel("training"),
                FieldRowPanel([FieldPanel("training_hours"), FieldPanel("training_accredited")]),
                FieldPanel("materials"),
                FieldPanel("time_per_case"),
                FieldPanel("supervision"),
                FieldPanel("prerequisites"),
                FieldPanel("key_components"),
                FieldPanel("cost"),
            ],
            heading=_("Jak zavést do praxe"),
        ),
        MultiFieldPanel(
            [FieldPanel("evidence_level"), FieldPanel("evidence_note")],
            heading=_("Doložení účinnosti"),
        ),
        MultiFieldPanel(
            [FieldPanel("legal_provisions"), FieldPanel("quality_standards")],
            heading=_("Právní rámec a standardy"),
        ),
        FieldPanel(
            "related_pages",
            heading=_("Související obsah"),
            widget=RelatedPageTitlesWidget,
            help_text=_("Názvy metodik, nástrojů, videí nebo projektů, každý na nový řádek."),
        ),
    ]

    # The search's evidence facet reads this field (its values and its choices).
    search_evidence_field = "evidence_level"

    record_search_fields = [
        index.SearchField("plain_summary"),
        index.SearchField("situation"),
        index.SearchField("outcomes"),
        index.SearchField("delivered_by"),
        index.SearchField("key_components"),
        index.RelatedFields("practice_settings", [index.SearchField("name")]),
        index.RelatedFields("legal_provisions", [index.SearchField("name")]),
        index.RelatedFields("quality_standards", [index.SearchField("name")]),
        index.FilterField("evidence_level"),
    ]

    record_api_fields = [
        APIField(name)
        for name in (
            "plain_summary",
            "situation",
            "outcomes",
            "delivered_by",
            "training",
            "training_hours",
            "training_accredited",
            "materials",
            "time_per_case",
            "supervision",
            "prerequisites",
            "key_components",
            "cost",
            "evidence_level",
            "evidence_note",
        )
    ] + [
        APIField("practice_settings", serializer=names()),
        APIField("legal_provisions", serializer=names()),
        APIField("quality_standards", serializer=names()),
    ]

    # The record's rows in reading order: summary, for whom, outcomes, implementation,
    # evidence, law and standards (each page type adds its own version or stage).
    record_head = ("plain_summary", "target_groups", "situation", "practice_settings", "outcomes")
    record_implementation = (
        "delivered_by",
        "training",
        "training_hours",
        "training_accredited",
        "materials",
        "time_per_case",
        "supervision",
        "prerequisites",
        "key_components",
        "cost",
    )
    record_evidence = ("evidence_level", "evidence_note")
    record_links = ("legal_provisions", "quality_standards")

    def clean(self):
        super().clean()
        if self.evidence_level == EvidenceLevel.NOT_RECOMMENDED and not self.evidence_note.strip():
            raise ValidationError({"evidence_note": _("U hodnocení „nedoporučeno“ napište, proč.")})

    @property
    def evidence_scale_url(self):
        return EVIDENCE_SCALE_URL

    @property
    def outcome_list(self):
        return lines(self.outcomes)

    @property
    def component_list(self):
        return lines(self.key_components)

    @property
    def has_implementation(self):
        return any(getattr(self, name) not in (None, "") for name in self.record_implementation)

    def related_groups(self, user):
        """[(heading, pages)] of the linked pages this visitor may read, by page type."""
        linked = Page.objects.filter(pk__in=self.related_pages.values("pk"))
        groups = {}
        for page in visible_pages(linked, user).order_by("title"):
            model = page.specific_class or Page
            groups.setdefault(model._meta.verbose_name_plural, []).append(page)
        return [(str(heading).capitalize(), items) for heading, items in groups.items()]

    def get_context(self, request, *args, **kwargs):
        """The record's fragments are cached per content version; staff see staff-only related
        pages, so they get fragments of their own, and a preview is never cached."""
        context = super().get_context(request, *args, **kwargs)
        context["related_groups"] = partial(self.related_groups, request.user)
        staff = "staff" if is_staff_reader(request.user) else "public"
        preview = getattr(request, "is_preview", False)
        context["record_variant"] = f"preview-{time.time_ns()}" if preview else staff
        return context
