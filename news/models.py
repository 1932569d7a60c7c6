import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from news.forms import PeriodReportForm
from portal.core.access import visible_pages
from portal.core.api import PublicDocumentField, RowsField, name_of, names
from portal.core.blocks import RICH_TEXT_FEATURES, BodyBlock
from portal.core.facets import KindFacet, YearFacet
from portal.core.listings import Listed, ListingOrderIndex, NewestFirst
from portal.core.models import AttachedDocument, BasePage, IndexPage, SearchKind, filed_under
from portal.projects.facets import ProjectFacet, RegionFacet
from portal.projects.models import SourceProjectMixin, parent_project
from portal.projects.widgets import ProjectTitlesWidget
from portal.taxonomy.facets import TopicFacet


def place_index(field, name):
    """An index of the pages that name a place, which most do not. With an index of every
    row, SQLite's sampled statistics rate "has a place" a poor filter and read all 13,000
    news items to find the few (the kraj facet: 5 ms; 0.01 off this index)."""
    return models.Index(fields=[field], condition=Q(**{f"{field}__isnull": False}), name=name)


class NewsCategory(models.Model):
    name = models.CharField(_("název"), max_length=80, unique=True)
    slug = models.SlugField(unique=True)

    class Meta:
        verbose_name = _("kategorie aktualit")
        verbose_name_plural = _("kategorie aktualit")
        ordering = ["name"]

    def __str__(self):
        return self.name


class NewsPage(BasePage):
    """A news item; with the event facts filled in it is also an event report."""

    detail_select_related = (
        "category",
        "event_municipality",
        "author__organisation",
        "author_organisation",
    )

    published_at = models.DateTimeField(_("vydáno"), default=timezone.now)
    category = models.ForeignKey(
        NewsCategory,
        verbose_name=_("kategorie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news",
    )
    related_projects = ParentalManyToManyField(
        "projects.ProjectPage", verbose_name=_("související projekty"), blank=True
    )
    author = models.ForeignKey(
        "taxonomy.Person",
        verbose_name=_("autor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author_organisation = models.ForeignKey(
        "taxonomy.Organisation",
        verbose_name=_("za organizaci"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Podpis organizace, když článek nepodepisuje jednotlivec."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("text"), blank=True)
    event_date = models.DateField(_("datum akce"), null=True, blank=True)
    event_venue = models.CharField(_("místo konání"), max_length=255, blank=True)
    event_municipality = models.ForeignKey(
        "taxonomy.Municipality",
        verbose_name=_("obec"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,  # see Meta.indexes
    )
    participant_count = models.PositiveIntegerField(_("počet účastníků"), null=True, blank=True)

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("published_at"), FieldPanel("category")]),
        FieldPanel("related_projects", widget=ProjectTitlesWidget),
        FieldRowPanel([FieldPanel("author"), FieldPanel("author_organisation")]),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("event_date"), FieldPanel("participant_count")]),
                FieldRowPanel([FieldPanel("event_venue"), FieldPanel("event_municipality")]),
                InlinePanel("event_topics", label=_("téma programu")),
            ],
            heading=_("Akce (jen u zprávy z akce)"),
            classname="collapsed",
        ),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.SearchField("event_venue"),
        index.RelatedFields("category", [index.SearchField("name")]),
        filed_under("event_municipality"),
        filed_under("event_topics"),
        index.FilterField("published_at"),
    ]

    api_fields = BasePage.api_fields + [
        APIField("published_at"),
        APIField("category", serializer=name_of("category")),
        APIField("author", serializer=name_of("author", "full_name")),
        APIField("author_organisation", serializer=name_of("author_organisation")),
        APIField("body"),
        APIField("event_date"),
        APIField("event_venue"),
        APIField("event_municipality", serializer=name_of("event_municipality")),
        APIField("participant_count"),
        APIField("event_topics", serializer=names()),
    ]

    search_kind = SearchKind("news", _("aktualita"), "published_at", weight=1.1)
    card_template = "news/cards/news_page.html"
    event_search_kind = SearchKind("event", _("zpráva z akce"), "event_date", weight=1.1)
    parent_page_types = ["news.NewsIndexPage", "projects.ProjectPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("aktualita")
        # Listings, teasers and feeds read the newest first, a page at a time.
        indexes = [
            models.Index(fields=["published_at"], name="news_published_at_idx"),
            models.Index(fields=["visibility", "published_at"], name="news_visible_published_idx"),
            place_index("event_municipality", name="news_event_place_idx"),
        ]
        verbose_name_plural = _("aktuality")

    @classmethod
    def search_kinds(cls):
        return (cls.search_kind, cls.event_search_kind)

    def get_search_kind(self):
        return self.event_search_kind if self.is_event_report else self.search_kind

    @property
    def is_event_report(self):
        return self.event_date is not None

    @property
    def date_published(self):
        return self.published_at

    @property
    def byline(self):
        signed = self.author or self.author_organisation
        return signed.name if signed else ""

    @property
    def funding_project(self):
        return parent_project(self) or self.related_projects.first()

    def clean(self):
        super().clean()
        has_event_facts = self.participant_count is not None or self.event_venue
        if has_event_facts and not self.event_date:
            raise ValidationError({"event_date": _("U zprávy z akce vyplňte datum akce.")})


class EventTopic(Orderable):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="event_topics")
    name = models.CharField(_("téma"), max_length=255)

    panels = [FieldPanel("name")]


def moment_of(date):
    """A listing's date as a moment: a day (a report's period end) at noon, Prague time."""
    if date is None or isinstance(date, datetime.datetime):
        return date
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(12)))


class PeriodReportPage(BasePage):
    """A report on one monitoring period of a project; lives under its project."""

    period_number = models.PositiveSmallIntegerField(_("číslo období"))
    period_start = models.DateField(_("období od"))
    period_end = models.DateField(_("období do"))
    prepared_by = models.CharField(
        _("zpracoval"), max_length=255, default=_("odborný tým projektu")
    )
    body = StreamField(BodyBlock(), verbose_name=_("text zprávy"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldRowPanel(
            [FieldPanel("period_number"), FieldPanel("period_start"), FieldPanel("period_end")],
            heading=_("Období"),
        ),
        FieldPanel("prepared_by"),
        FieldPanel("body"),
        InlinePanel("figures", heading=_("Čísla za období"), label=_("údaj")),
        InlinePanel("documents", heading=_("Přílohy"), label=_("příloha")),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.RelatedFields("figures", [index.SearchField("label")]),
        index.FilterField("period_end"),
    ]

    api_fields = BasePage.api_fields + [
        APIField("period_number"),
        APIField("period_start"),
        APIField("period_end"),
        APIField("prepared_by"),
        APIField("body"),
        APIField(
            "figures",
            serializer=RowsField(label="label", value="value", unit="unit", date="date"),
        ),
        APIField("documents", serializer=RowsField(document="document_id", title="link_title")),
    ]

    base_form_class = PeriodReportForm
    search_kind = SearchKind("period_report", _("zpráva za období"), "period_end")
    card_template = "news/cards/period_report_page.html"
    project_list_template = "news/includes/project_period_reports.html"
    project_list_order = ("-period_number",)
    parent_page_types = ["projects.ProjectPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("zpráva za období")
        # Listings, teasers and feeds read the newest first, a page at a time.
        indexes = [
            models.Index(fields=["period_end"], name="report_period_end_idx"),
            models.Index(
                fields=["visibility", "-period_end", "sort_title"], name="report_visible_newest_idx"
            ),
        ]
        verbose_name_plural = _("zprávy za období")

    @cached_property
    def project(self):
        return self.get_parent().specific

    @property
    def funding_project(self):
        return self.project

    @property
    def date_published(self):
        """A report is dated by the last day of its period (see `moment_of`)."""
        return moment_of(self.period_end)

    @property
    def byline(self):
        return self.prepared_by

    def main_file(self):
        return AttachedDocument.first_of(self.documents.all())

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("Konec období musí být po jeho začátku.")})


class PeriodFigure(Orderable):
    """A figure of the period, e.g. 32 hours of training or 15 people supported."""

    page = ParentalKey(PeriodReportPage, on_delete=models.CASCADE, related_name="figures")
    label = models.CharField(_("popis"), max_length=255)
    value = models.DecimalField(_("hodnota"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("jednotka"), max_length=60, blank=True)
    date = models.DateField(
        _("datum"), null=True, blank=True, help_text=_("Např. den kulatého stolu.")
    )

    panels = [
        FieldRowPanel([FieldPanel("value"), FieldPanel("unit"), FieldPanel("date")]),
        FieldPanel("label"),
    ]


class PeriodReportDocument(AttachedDocument):
    page = ParentalKey(PeriodReportPage, on_delete=models.CASCADE, related_name="documents")


# How many other videos of its project a video page offers.
OTHER_VIDEOS = 4


class VideoPage(SourceProjectMixin, BasePage):
    """An educational spot: an uploaded file or an embed, always with a transcript."""

    detail_select_related = ("video_file", "captions", "poster", "municipality", "source_project")

    video_file = models.ForeignKey(
        "core.PortalDocument",
        verbose_name=_("soubor videa (MP4/WebM)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    embed_url = models.URLField(
        _("adresa videa u poskytovatele"), blank=True, help_text=_("Např. odkaz na YouTube.")
    )
    captions = models.ForeignKey(
        "core.PortalDocument",
        verbose_name=_("titulky (WebVTT)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    poster = models.ForeignKey(
        "core.PortalImage",
        verbose_name=_("náhled"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    transcript = RichTextField(_("přepis"), features=RICH_TEXT_FEATURES, blank=True)
    duration_seconds = models.PositiveIntegerField(_("délka (s)"), null=True, blank=True)
    audience = models.CharField(
        _("pro koho"), max_length=255, blank=True, help_text=_("Např. rodiče, klienti OSPOD")
    )
    municipality = models.ForeignKey(
        "taxonomy.Municipality",
        verbose_name=_("místo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,  # see Meta.indexes
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("video_file"),
                FieldPanel("embed_url"),
                FieldPanel("captions"),
                FieldPanel("poster"),
                FieldPanel("duration_seconds"),
            ],
            heading=_("Video"),
        ),
        FieldPanel("transcript"),
        FieldRowPanel([FieldPanel("audience"), FieldPanel("municipality")]),
        FieldPanel("source_project"),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("transcript"),
        index.SearchField("audience"),
        filed_under("municipality"),
    ]

    api_fields = BasePage.api_fields + [
        APIField("video_file", serializer=PublicDocumentField()),
        APIField("embed_url"),
        APIField("captions", serializer=PublicDocumentField()),
        APIField("poster"),
        APIField("transcript"),
        APIField("duration_seconds"),
        APIField("audience"),
        APIField("municipality", serializer=name_of("municipality")),
        APIField("source_project"),
    ]

    search_kind = SearchKind("video", _("video"), weight=1.1)
    card_template = "news/cards/video_page.html"
    parent_page_types = ["news.VideoIndexPage", "projects.ProjectPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("video")
        verbose_name_plural = _("videa")
        # Listings and teasers read it newest first (see Listed.ordering).
        indexes = [
            ListingOrderIndex(
                F("visibility"),
                F("first_published").desc(nulls_last=True),
                F("sort_title"),
                name="video_visible_newest_idx",
            ),
            place_index("municipality", name="video_place_idx"),
        ]

    def clean(self):
        super().clean()
        if self.video_file and self.embed_url:
            raise ValidationError(
                {"embed_url": _("Vyberte buď nahraný soubor, nebo adresu videa, ne obojí.")}
            )

    def main_file(self):
        return self.video_file

    @property
    def duration_display(self):
        if self.duration_seconds is None:
            return ""
        minutes, seconds = divmod(self.duration_seconds, 60)
        return f"{minutes}:{seconds:02d}"

    def related_groups(self, user):
        """[(heading, pages)] this visitor may read: the pages that link to the video (the
        apps above news answer the `pages_linking_to` hook, news may not import them) and
        the newest other videos of its project."""
        groups = []
        for linking_to in hooks.get_hooks("pages_linking_to"):
            groups += linking_to(self, user)
        if self.source_project_id:
            others = VideoPage.objects.filter(source_project_id=self.source_project_id)
            others = visible_pages(others.exclude(pk=self.pk), user)
            others = list(others.order_by(NewestFirst("first_published"))[:OTHER_VIDEOS])
            if others:
                groups.append((_("Další videa z projektu"), others))
        return groups

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_groups"] = self.related_groups(request.user)
        return context


class NewsIndexPage(IndexPage):
    subpage_types = ["news.NewsPage"]
    listing_name = "news_page"
    empty_listing_message = _("Zatím zde nejsou žádné aktuality.")
    # News and period reports, site-wide (by type, wherever they live in the tree).
    listed = (
        Listed(
            NewsPage,
            order="published_at",
            date="published_at",
            project="related_projects",
            kind="aktuality",
            kind_label=_("Aktuality a zprávy z akcí"),
            select_related=("category",),
            regions=("related_projects__regions", "event_municipality__region"),
        ),
        Listed(
            PeriodReportPage,
            order="period_end",
            date="period_end",
            project="parent",
            kind="zpravy",
            kind_label=_("Zprávy za období"),
            regions=("parent",),
        ),
    )
    facets = (TopicFacet(), ProjectFacet(), RegionFacet(), YearFacet(), KindFacet())

    class Meta:
        verbose_name = _("přehled aktualit")


class VideoIndexPage(IndexPage):
    subpage_types = ["news.VideoPage"]
    listing_name = "videos_page"
    empty_listing_message = _("Zatím zde nejsou žádná videa.")
    listed = (
        Listed(
            VideoPage,
            order="first_published",
            date="first_published",
            project="source_project",
            select_related=("poster", "municipality"),
            regions=("source_project__regions", "municipality__region"),
        ),
    )
    facets = (TopicFacet(), ProjectFacet(), RegionFacet(), YearFacet())

    class Meta:
        verbose_name = _("přehled videí")
