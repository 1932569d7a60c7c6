from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from methodology.facets import EvidenceFacet
from methodology.forms import MethodologyForm
from methodology.record import PractitionerRecord
from methodology.sheet import SheetMixin
from portal.adoption.facets import AdoptionOrder, AdoptionRegionFacet
from portal.core.api import RowsField, name_of, names
from portal.core.blocks import BodyBlock
from portal.core.facets import YearFacet
from portal.core.listings import Listed, ListingOrderIndex, NewestFirst
from portal.core.models import AttachedDocument, BasePage, IndexPage, SearchKind
from portal.projects.facets import ProjectFacet, RegionFacet
from portal.projects.models import SourceProjectMixin
from portal.taxonomy.facets import (
    PracticeSettingFacet,
    QualityStandardFacet,
    TargetGroupFacet,
    TopicFacet,
)

# The facets on a practitioner's record, offered by both listings.
RECORD_FACETS = (
    TargetGroupFacet(),
    PracticeSettingFacet(),
    EvidenceFacet(),
    QualityStandardFacet(),
)


class MethodologyKind(models.Model):
    """Editable taxonomy: collision guardianship / Cochem practice, assisted contact, ..."""

    name = models.CharField(_("název"), max_length=150, unique=True)
    slug = models.SlugField(unique=True)
    description = models.TextField(_("popis"), blank=True)

    class Meta:
        verbose_name = _("druh metodiky")
        verbose_name_plural = _("druhy metodik")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Audience(models.TextChoices):
    PUBLIC = "public", _("veřejnost")
    STAFF = "staff", _("jen pracovníci OSPOD")


class MethodologyPage(PractitionerRecord, SheetMixin, SourceProjectMixin, BasePage):
    detail_select_related = ("kind", "source_project", "contact_person__organisation")

    kind = models.ForeignKey(
        MethodologyKind,
        verbose_name=_("druh metodiky"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="methodologies",
    )
    target_groups = ParentalManyToManyField(
        "taxonomy.TargetGroup", verbose_name=_("cílové skupiny"), blank=True
    )
    version = models.CharField(_("verze"), max_length=30, blank=True)
    last_reviewed = models.DateField(_("naposledy revidováno"), null=True, blank=True)
    audience = models.CharField(
        _("určeno pro"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC
    )
    pilot_participants = models.PositiveIntegerField(
        _("ověřeno na počtu klientů"), null=True, blank=True
    )
    pilot_description = models.CharField(
        _("pilotní ověření"),
        max_length=255,
        blank=True,
        help_text=_("Např. „rodiče v rozvodovém procesu“"),
    )
    body = StreamField(BodyBlock(), verbose_name=_("obsah"), blank=True)
    contact_person = models.ForeignKey(
        "taxonomy.Person",
        verbose_name=_("kontaktní osoba"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = (
        BasePage.content_panels
        + PractitionerRecord.record_panels
        + [
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("kind"), FieldPanel("audience")]),
                    FieldRowPanel([FieldPanel("version"), FieldPanel("last_reviewed")]),
                    FieldPanel("source_project"),
                    FieldPanel("contact_person"),
                ],
                heading=_("Základní údaje"),
            ),
            FieldRowPanel(
                [FieldPanel("pilot_participants"), FieldPanel("pilot_description")],
                heading=_("Pilotní ověření"),
            ),
            FieldPanel("body"),
            InlinePanel("documents", heading=_("Dokumenty ke stažení"), label=_("dokument")),
            InlinePanel("changes", heading=_("Historie změn"), label=_("změna")),
        ]
    )

    search_fields = (
        BasePage.search_fields
        + PractitionerRecord.record_search_fields
        + [
            index.SearchField("body"),
            index.SearchField("pilot_description"),
            index.RelatedFields("kind", [index.SearchField("name")]),
            index.RelatedFields("target_groups", [index.SearchField("name")]),
            index.FilterField("audience"),
            index.FilterField("kind"),
        ]
    )

    api_fields = BasePage.api_fields + [
        APIField("kind", serializer=name_of("kind")),
        APIField("target_groups", serializer=names()),
        APIField("version"),
        APIField("last_reviewed"),
        APIField("audience"),
        APIField("pilot_participants"),
        APIField("pilot_description"),
        APIField("source_project"),
        APIField("contact_person", serializer=name_of("contact_person", "full_name")),
        APIField("body"),
        APIField(
            "changes",
            serializer=RowsField(date="date", version="version", description="description"),
        ),
        APIField("documents", serializer=RowsField(document="document_id", title="link_title")),
        *PractitionerRecord.record_api_fields,
    ]

    record_fields = (
        *PractitionerRecord.record_head,
        *PractitionerRecord.record_implementation,
        *PractitionerRecord.record_evidence,
        "pilot_participants",
        "pilot_description",
        *PractitionerRecord.record_links,
        "kind",
        "audience",
        "version",
        "last_reviewed",
        "source_project",
        "contact_person",
    )

    base_form_class = MethodologyForm
    search_kind = SearchKind("methodology", _("metodika"), "last_reviewed", weight=1.3)
    card_template = "methodology/cards/methodology_page.html"
    parent_page_types = ["methodology.MethodologyIndexPage", "projects.ProjectPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("metodika")
        # Listings, teasers and feeds read the newest first, a page at a time.
        indexes = [
            models.Index(fields=["last_reviewed"], name="methodology_reviewed_idx"),
            models.Index(fields=["visibility", "sort_title"], name="methodology_visible_az_idx"),
            ListingOrderIndex(
                F("visibility"),
                F("last_reviewed").desc(nulls_last=True),
                F("sort_title"),
                name="methodology_visible_newest_idx",
            ),
        ]
        verbose_name_plural = _("metodiky")

    def main_file(self):
        return AttachedDocument.first_of(self.documents.all())

    def content_date(self):
        """The review date, else the date of the newest recorded change."""
        return self.last_reviewed or max((c.date for c in self.changes.all()), default=None)


class MethodologyChange(Orderable):
    page = ParentalKey(MethodologyPage, on_delete=models.CASCADE, related_name="changes")
    date = models.DateField(_("datum"))
    version = models.CharField(_("verze"), max_length=30, blank=True)
    description = models.TextField(_("co se změnilo"))

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("version")]), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("změna metodiky")


class MethodologyDocument(AttachedDocument):
    page = ParentalKey(MethodologyPage, on_delete=models.CASCADE, related_name="documents")


class ValidationStage(models.TextChoices):
    """idea -> prototype (made at one OSPOD) -> tested (at more) -> validated (nationwide)."""

    IDEA = "idea", _("nápad")
    PROTOTYPE = "prototype", _("prototyp")
    TESTED = "tested", _("otestováno")
    VALIDATED = "validated", _("validováno")


STAGE_ORDER = [stage.value for stage in ValidationStage]


class ToolPage(PractitionerRecord, SheetMixin, SourceProjectMixin, BasePage):
    """A validated tool or prototype; its stage follows the newest entry of its history."""

    detail_select_related = ("source_project", "contact_person__organisation")

    class Kind(models.TextChoices):
        TOOL = "tool", _("nástroj")
        PROCESS = "process", _("postup")
        TEAM_RITUAL = "team_ritual", _("týmový rituál")
        ROLE = "role", _("role")

    tool_kind = models.CharField(_("druh"), max_length=20, choices=Kind.choices, default=Kind.TOOL)
    validation_stage = models.CharField(
        _("stupeň ověření"),
        max_length=12,
        choices=ValidationStage.choices,
        default=ValidationStage.IDEA,
        editable=False,
    )
    target_groups = ParentalManyToManyField(
        "taxonomy.TargetGroup", verbose_name=_("cílové skupiny"), blank=True
    )
    how_to_use = StreamField(BodyBlock(), verbose_name=_("jak nástroj použít"), blank=True)
    contact_person = models.ForeignKey(
        "taxonomy.Person",
        verbose_name=_("kontaktní osoba"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = (
        BasePage.content_panels
        + PractitionerRecord.record_panels
        + [
            MultiFieldPanel(
                [
                    FieldPanel("tool_kind"),
                    FieldPanel("source_project"),
                    FieldPanel("contact_person"),
                ],
                heading=_("Základní údaje"),
            ),
            InlinePanel(
                "stage_changes",
                heading=_("Průběh ověřování"),
                label=_("krok"),
                help_text=_("Stupeň ověření nástroje se řídí nejnovějším krokem."),
            ),
            FieldPanel("how_to_use"),
            InlinePanel("documents", heading=_("Soubory ke stažení"), label=_("soubor")),
        ]
    )

    search_fields = (
        BasePage.search_fields
        + PractitionerRecord.record_search_fields
        + [
            index.SearchField("how_to_use"),
            index.RelatedFields("target_groups", [index.SearchField("name")]),
            index.RelatedFields(
                "stage_changes",
                [index.RelatedFields("municipality", [index.SearchField("name")])],
            ),
            index.FilterField("validation_stage"),
        ]
    )

    api_fields = BasePage.api_fields + [
        APIField("tool_kind"),
        APIField("validation_stage"),
        APIField("target_groups", serializer=names()),
        APIField("source_project"),
        APIField("contact_person", serializer=name_of("contact_person", "full_name")),
        APIField("how_to_use"),
        APIField(
            "stage_changes",
            serializer=RowsField(
                stage="stage", date="date", municipality="municipality.name", note="note"
            ),
        ),
        APIField("documents", serializer=RowsField(document="document_id", title="link_title")),
        *PractitionerRecord.record_api_fields,
    ]

    record_fields = (
        *PractitionerRecord.record_head,
        *PractitionerRecord.record_implementation,
        "how_to_use",
        *PractitionerRecord.record_evidence,
        "validation_stage",
        *PractitionerRecord.record_links,
        "tool_kind",
        "source_project",
        "contact_person",
    )

    search_kind = SearchKind("tool", _("nástroj nebo prototyp"), weight=1.2)
    card_template = "methodology/cards/tool_page.html"
    # Offices that use the tool, annotated where a listing sorts by it (adoption.facets).
    adoption_count = None
    search_stage_field = "validation_stage"
    parent_page_types = ["methodology.ToolIndexPage", "projects.ProjectPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("nástroj nebo prototyp")
        verbose_name_plural = _("nástroje a prototypy")
        indexes = [models.Index(fields=["visibility", "sort_title"], name="tool_visible_az_idx")]

    def main_file(self):
        return AttachedDocument.first_of(self.documents.all())

    def save(self, *args, **kwargs):
        self.validation_stage = self.current_stage()
        super().save(*args, **kwargs)

    def content_date(self):
        """The date of the newest validation step."""
        return max((change.date for change in self.stage_changes.all()), default=None)

    def current_stage(self):
        changes = sorted(self.stage_changes.all(), key=lambda change: change.date)
        return changes[-1].stage if changes else ValidationStage.IDEA

    def validation_history(self):
        """The stage changes by date, and the OSPODs where it was made, tested and validated."""
        changes = sorted(
            self.stage_changes.all().select_related("municipality"),
            key=lambda change: (change.date, change.sort_order or 0),
        )
        places = {
            ValidationStage.PROTOTYPE: [],
            ValidationStage.TESTED: [],
            ValidationStage.VALIDATED: [],
        }
        for change in changes:
            bucket = places.get(change.stage)
            if bucket is not None and change.municipality and change.municipality not in bucket:
                bucket.append(change.municipality)
        return {
            "changes": changes,
            "made": places[ValidationStage.PROTOTYPE],
            "tested": places[ValidationStage.TESTED],
            "validated": places[ValidationStage.VALIDATED],
        }

    def stage_progress(self):
        """Each stage with whether the tool has reached it, for the progression display."""
        reached = STAGE_ORDER.index(self.validation_stage)
        return [
            {"stage": stage, "reached": index <= reached, "current": index == reached}
            for index, stage in enumerate(ValidationStage)
        ]


class ToolStageChange(Orderable):
    page = ParentalKey(ToolPage, on_delete=models.CASCADE, related_name="stage_changes")
    stage = models.CharField(_("stupeň"), max_length=12, choices=ValidationStage.choices)
    date = models.DateField(_("datum"))
    municipality = models.ForeignKey(
        "taxonomy.Municipality",
        verbose_name=_("pracoviště OSPOD (ORP)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("poznámka"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("stage"), FieldPanel("date"), FieldPanel("municipality")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("krok ověřování")


class ToolDocument(AttachedDocument):
    page = ParentalKey(ToolPage, on_delete=models.CASCADE, related_name="documents")


class MethodologyIndexPage(IndexPage):
    subpage_types = ["methodology.MethodologyPage"]
    listing_name = "methodologies_page"
    empty_listing_message = _("Zatím zde nejsou žádné metodiky.")
    comparable = True
    listed = (
        Listed(
            MethodologyPage,
            order="title",
            date="last_reviewed",
            project="source_project",
            select_related=("kind", "source_project"),
            regions=("source_project__regions",),
            teaser_order=(NewestFirst("last_reviewed"), "sort_title"),
        ),
    )
    facets = (TopicFacet(), ProjectFacet(), RegionFacet(), YearFacet(), *RECORD_FACETS)

    class Meta:
        verbose_name = _("přehled metodik")


class ToolIndexPage(IndexPage):
    subpage_types = ["methodology.ToolPage"]
    listing_name = "tools_page"
    empty_listing_message = _("Zatím zde nejsou žádné nástroje ani prototypy.")
    comparable = True
    listed = (
        Listed(
            ToolPage,
            order="title",
            date="first_published",
            project="source_project",
            select_related=("source_project",),
            regions=("source_project__regions", "stage_changes__municipality__region"),
        ),
    )
    facets = (
        TopicFacet(),
        ProjectFacet(),
        RegionFacet(),
        YearFacet(),
        *RECORD_FACETS,
        AdoptionRegionFacet(),
        AdoptionOrder(),
    )

    class Meta:
        verbose_name = _("přehled nástrojů a prototypů")
