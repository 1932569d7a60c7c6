from decimal import Decimal
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, F
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.core.access import is_staff_reader
from portal.core.api import RowsField, name_of, names
from portal.core.blocks import RICH_TEXT_FEATURES, ProjectBodyBlock
from portal.core.content_version import FRAGMENT_SECONDS, content_version
from portal.core.facets import YearFacet
from portal.core.listings import Listed, ListingOrderIndex
from portal.core.models import AttachedDocument, BasePage, IndexPage, SearchKind, filed_under
from portal.core.privacy import public
from portal.core.visibility import visible
from portal.projects.facets import RegionFacet
from portal.taxonomy.facets import TopicFacet

# OP Zaměstnanost numbers as projects print them, e.g. CZ.03.2.63/0.0/0.0/19_098/0015128;
# older calls write "0.0./" and some a call letter ("2.X") instead of the number.
validate_registration_number = RegexValidator(
    r"^CZ\.\d{2}\.\d{1,2}\.(?:\d{1,3}|X)/\d\.\d/\d\.\d\.?/\d{2}_\d{3}/\d{7}$",
    _("Registrační číslo má tvar CZ.03.2.63/0.0/0.0/19_098/0015128."),
)


# How a project page lists a type of its child pages that names no template of its own.
PROJECT_OUTPUTS_TEMPLATE = "projects/includes/project_outputs.html"
OUTPUTS_SHOWN = 12  # pages of each type on the project page; the rest in the type's listing


def index_of(model):
    """(the URL of the index listing `model`'s pages, its type filter's value when it lists
    several types), or ("", ""); remembered until content changes (a project's page asks
    for each list with more outputs than it shows)."""

    def find():
        index, listed = IndexPage.listing_of(model)
        if index is None:
            return ("", "")
        return (index.url, listed.kind if len(index.listed) > 1 else "")

    key = f"portal:index-of:{model._meta.label_lower}:{content_version()}"
    return cache.get_or_set(key, find, FRAGMENT_SECONDS)


class ProjectPage(BasePage):
    detail_select_related = (
        "implementing_organisation",
        "commissioned_by",
        "contact_person__organisation",
        "logo",
    )

    registration_number = models.CharField(
        _("registrační číslo"),
        max_length=60,
        blank=True,
        validators=[validate_registration_number],
    )
    implementing_organisation = models.ForeignKey(
        "taxonomy.Organisation",
        verbose_name=_("realizátor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="implemented_projects",
    )
    commissioned_by = models.ForeignKey(
        "taxonomy.Organisation",
        verbose_name=_("zadavatel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commissioned_projects",
        help_text=_("Např. ministerstvo, pro které realizátor projekt zpracoval."),
    )
    funding_programmes = ParentalManyToManyField(
        "taxonomy.FundingProgramme", verbose_name=_("operační programy"), blank=True
    )
    funding_sentence = models.TextField(
        _("věta o financování"),
        blank=True,
        help_text=_("Např. „Projekt je spolufinancován z OP Zaměstnanost …“"),
    )
    start_date = models.DateField(_("zahájení"), null=True, blank=True)
    end_date = models.DateField(_("ukončení"), null=True, blank=True)
    duration_note = models.CharField(
        _("doba trvání slovy"),
        max_length=100,
        blank=True,
        help_text=_("Když přesná data nejsou známa, např. „čtyři roky“."),
    )
    logo = models.ForeignKey(
        "core.PortalImage",
        verbose_name=_("logo projektu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    regions = ParentalManyToManyField("taxonomy.Region", verbose_name=_("kraje"), blank=True)
    municipalities = ParentalManyToManyField(
        "taxonomy.Municipality", verbose_name=_("obce a ORP"), blank=True
    )
    problem = RichTextField(_("řešený problém"), features=RICH_TEXT_FEATURES, blank=True)
    goals = RichTextField(_("cíle projektu"), features=RICH_TEXT_FEATURES, blank=True)
    body = StreamField(ProjectBodyBlock(), verbose_name=_("o projektu"), blank=True)
    contact_person = models.ForeignKey(
        "taxonomy.Person",
        verbose_name=_("kontaktní osoba"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("registration_number"),
                FieldPanel("implementing_organisation"),
                FieldPanel("commissioned_by"),
                FieldRowPanel(
                    [FieldPanel("start_date"), FieldPanel("end_date"), FieldPanel("duration_note")]
                ),
                FieldPanel("logo"),
                FieldPanel("regions"),
                FieldPanel("municipalities"),
                FieldPanel("contact_person"),
            ],
            heading=_("Základní údaje"),
        ),
        InlinePanel("partners", heading=_("Partneři"), label=_("partner")),
        MultiFieldPanel(
            [FieldPanel("funding_programmes"), FieldPanel("funding_sentence")],
            heading=_("Financování"),
        ),
        FieldPanel("problem"),
        FieldPanel("goals"),
        InlinePanel("target_indicators", heading=_("Cílové hodnoty"), label=_("ukazatel")),
        InlinePanel("result_indicators", heading=_("Výsledky"), label=_("výsledek")),
        InlinePanel("services", heading=_("Podporované služby"), label=_("služba")),
        FieldPanel("body"),
        InlinePanel("documents", heading=_("Dokumenty"), label=_("dokument")),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("registration_number"),
        index.SearchField("problem"),
        index.SearchField("goals"),
        index.SearchField("body"),
        index.RelatedFields("implementing_organisation", [index.SearchField("name")]),
        filed_under("municipalities"),
        index.RelatedFields("regions", [index.SearchField("name")]),
        index.RelatedFields(
            "partners",
            [index.RelatedFields("organisation", [index.SearchField("name")])],
        ),
        index.FilterField("start_date"),
    ]

    api_fields = BasePage.api_fields + [
        APIField("registration_number"),
        APIField("implementing_organisation", serializer=name_of("implementing_organisation")),
        APIField("commissioned_by", serializer=name_of("commissioned_by")),
        APIField("funding_programmes", serializer=names()),
        APIField("funding_sentence"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("duration_note"),
        APIField("logo"),
        APIField("regions", serializer=names()),
        APIField("municipalities", serializer=names()),
        APIField("problem"),
        APIField("goals"),
        APIField("body"),
        APIField(
            "partners",
            serializer=RowsField(organisation="organisation.name", kind="kind", role="role"),
        ),
        APIField(
            "target_indicators",
            serializer=RowsField(
                label="label",
                planned_value="planned_value",
                is_minimum="is_minimum",
                unit="unit",
                achieved_value="achieved_value",
            ),
        ),
        APIField(
            "result_indicators",
            serializer=RowsField(
                label="label",
                value_before="value_before",
                value_after="value_after",
                unit="unit",
                change_label="change_label",
                source="source",
            ),
        ),
        APIField("services", serializer=RowsField(name="name", description="description")),
        APIField("documents", serializer=RowsField(document="document_id", title="link_title")),
    ]

    search_kind = SearchKind("project", _("projekt"), "start_date", weight=1.3)
    card_template = "projects/cards/project_page.html"
    parent_page_types = ["projects.ProjectIndexPage"]
    # A project's outputs live in its subtree, so that its editors' permissions cover them.
    # Listed on the project page in this order.
    subpage_types = [
        "methodology.MethodologyPage",
        "methodology.ToolPage",
        "news.VideoPage",
        "news.NewsPage",
        "news.PeriodReportPage",
    ]

    class Meta:
        verbose_name = _("projekt")
        # Listings, teasers and feeds read the newest first, a page at a time.
        indexes = [
            models.Index(fields=["start_date"], name="project_start_date_idx"),
            ListingOrderIndex(
                F("visibility"),
                F("start_date").desc(nulls_last=True),
                F("sort_title"),
                name="project_visible_newest_idx",
            ),
        ]
        verbose_name_plural = _("projekty")

    @property
    def funding_project(self):
        return self

    @property
    def card_has_logo(self):
        return bool(self.logo_id)

    def partner_groups(self):
        """[(heading, partners)] for partners and funders, each in the editor's order."""
        partners = list(self.partners.all().select_related("organisation"))
        headings = {
            ProjectPartner.Kind.PARTNER: _("Partneři"),
            ProjectPartner.Kind.FUNDER: _("Poskytovatelé podpory"),
        }
        groups = [
            (heading, [partner for partner in partners if partner.kind == kind])
            for kind, heading in headings.items()
        ]
        return [(heading, members) for heading, members in groups if members]

    def output_lists(self, staff=False):
        """[{key, heading, template, pages, total, more_url}]: the project's published child
        pages of each type, in the order of `subpage_types` (a type may name its own list
        template, see ``BasePage.project_list_template``), at most ``OUTPUTS_SHOWN`` of each
        with a link to the rest in that type's listing; staff-only pages only for staff."""
        totals = self.output_totals(staff)
        lists = []
        for model in self.specific_class.allowed_subpage_models():
            total = totals.get(model, 0)
            pages = list(self.outputs_of(model, staff)[:OUTPUTS_SHOWN]) if total else []
            more_url = self.listing_url(model) if total > len(pages) else ""
            lists.append(
                {
                    "key": model._meta.model_name,
                    "heading": capfirst(model._meta.verbose_name_plural),
                    "template": model.project_list_template or PROJECT_OUTPUTS_TEMPLATE,
                    "pages": pages,
                    "total": total,
                    "more_url": more_url,
                }
            )
        return lists

    def output_totals(self, staff=False):
        """{page model: number of its live child pages this visitor may see} (one query)."""
        pages = Page.objects.child_of(self).live()
        pages = pages if staff else public(pages)
        rows = pages.order_by().values_list("content_type").annotate(n=Count("pk"))
        return {
            ContentType.objects.get_for_id(content_type).model_class(): number
            for content_type, number in rows
        }

    def listing_url(self, model):
        """The listing of `model`'s pages filtered to this project, or "" if none lists it."""
        url, kind = index_of(model)
        if not url:
            return ""
        params = {"projekt": self.slug, **({"typ": kind} if kind else {})}
        return f"{url}?{urlencode(params)}"

    def outputs_of(self, model, staff=False):
        pages = visible(model.objects.child_of(self), staff)
        return pages.defer_streamfields().order_by(*model.project_list_order)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        staff = is_staff_reader(getattr(request, "user", None))
        context["output_lists"] = self.output_lists(staff)
        context["output_count"] = sum(item["total"] for item in context["output_lists"])
        return context


class ProjectPartner(Orderable):
    class Kind(models.TextChoices):
        PARTNER = "partner", _("partner")
        FUNDER = "funder", _("poskytovatel podpory")

    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="partners")
    kind = models.CharField(
        _("vztah k projektu"), max_length=10, choices=Kind.choices, default=Kind.PARTNER
    )
    organisation = models.ForeignKey(
        "taxonomy.Organisation",
        verbose_name=_("organizace"),
        on_delete=models.CASCADE,
        related_name="partnerships",
    )
    role = models.CharField(_("role v projektu"), max_length=255, blank=True)

    panels = [FieldPanel("organisation"), FieldPanel("kind"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("partner projektu")

    @property
    def name(self):
        return self.organisation.name


class TargetIndicator(Orderable):
    """What the project promised: planned value, and what it achieved."""

    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="target_indicators")
    label = models.CharField(_("ukazatel"), max_length=255)
    planned_value = models.DecimalField(_("plánovaná hodnota"), max_digits=12, decimal_places=2)
    is_minimum = models.BooleanField(
        _("nejméně"), default=False, help_text=_("Plán zní „minimálně“ (≥).")
    )
    unit = models.CharField(_("jednotka"), max_length=60, blank=True)
    achieved_value = models.DecimalField(
        _("dosažená hodnota"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    panels = [
        FieldPanel("label"),
        FieldRowPanel(
            [
                FieldPanel("planned_value"),
                FieldPanel("is_minimum"),
                FieldPanel("unit"),
                FieldPanel("achieved_value"),
            ]
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("cílová hodnota")

    @property
    def is_met(self):
        if self.achieved_value is None:
            return None
        return self.achieved_value >= self.planned_value


class ResultIndicator(Orderable):
    """A measured result: a before/after pair, or a change stated on its own (+11 %, 2×)."""

    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="result_indicators")
    label = models.CharField(_("ukazatel"), max_length=255)
    value_before = models.DecimalField(
        _("před"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    value_after = models.DecimalField(
        _("po"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("jednotka"), max_length=60, blank=True)
    change_label = models.CharField(
        _("změna"),
        max_length=40,
        blank=True,
        help_text=_("Když chybí hodnoty před/po, např. „+11 %“, „2×“ nebo „62 %“."),
    )
    source = models.CharField(_("zdroj"), max_length=255, blank=True)
    note = models.TextField(_("poznámka"), blank=True)

    panels = [
        FieldPanel("label"),
        FieldRowPanel([FieldPanel("value_before"), FieldPanel("value_after"), FieldPanel("unit")]),
        FieldPanel("change_label"),
        FieldPanel("source"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("výsledek")

    def clean(self):
        has_pair = self.value_before is not None and self.value_after is not None
        if not has_pair and not self.change_label:
            raise ValidationError(_("Vyplňte hodnoty před a po, nebo změnu (např. „+11 %“)."))

    @property
    def has_pair(self):
        return self.value_before is not None and self.value_after is not None

    @property
    def percent_change(self):
        if not self.has_pair or not self.value_before:
            return None
        change = (self.value_after - self.value_before) / self.value_before * 100
        return change.quantize(Decimal("1"))


class SupportedService(Orderable):
    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="services")
    name = models.CharField(_("služba"), max_length=255)
    description = models.TextField(_("popis"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("podporovaná služba")


class ProjectDocument(AttachedDocument):
    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="documents")


def parent_project(page):
    """The project a page sits under in the tree (its editors' subtree), if any."""
    if not page.path or page.depth <= 1:
        return None
    return ProjectPage.objects.ancestor_of(page).first()


class SourceProjectMixin(models.Model):
    """For content that came out of one project (methodologies, tools, videos).

    Such a page may live under its project (where that project's editors may work on it)
    or under its type's index; under a project, the project is its source by definition.
    """

    source_project = models.ForeignKey(
        "projects.ProjectPage",
        verbose_name=_("zdrojový projekt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        self.source_project = parent_project(self) or self.source_project

    @property
    def funding_project(self):
        return self.source_project


class ProjectIndexPage(IndexPage):
    subpage_types = ["projects.ProjectPage"]
    listing_name = "projects"
    empty_listing_message = _("Zatím zde nejsou žádné projekty.")
    listed = (
        Listed(
            ProjectPage,
            order="start_date",
            date="start_date",
            date_end="end_date",
            select_related=("implementing_organisation",),
            regions=("regions", "municipalities__region"),
        ),
    )
    facets = (TopicFacet(), RegionFacet(), YearFacet())

    class Meta:
        verbose_name = _("přehled projektů")
