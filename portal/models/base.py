from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.blocks import RICH_TEXT_FEATURES, BodyBlock
from portal.listings import FilteredListing


class BasePage(Page):
    """What every page of the portal has: a summary, a listing image and topics."""

    summary = models.TextField(
        _("perex"),
        max_length=600,
        blank=True,
        help_text=_("Krátké shrnutí do výpisů a výsledků vyhledávání."),
    )
    listing_image = models.ForeignKey(
        "portal.PortalImage",
        verbose_name=_("obrázek do výpisů"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    topics = ClusterTaggableManager(
        through="portal.PageTopic", blank=True, verbose_name=_("témata")
    )

    content_panels = Page.content_panels + [FieldPanel("summary")]
    promote_panels = Page.promote_panels + [FieldPanel("listing_image"), FieldPanel("topics")]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.AutocompleteField("summary"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]

    class Meta:
        abstract = True

    @property
    def funding_project(self):
        """The project whose funding block the footer shows on this page, if any."""
        return None


class IndexPage(BasePage):
    """The one page under home that lists a content type, paginated."""

    intro = RichTextField(_("úvod"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    max_count = 1
    parent_page_types = ["home.HomePage"]
    listing_name = "items"
    listing_facets = ("topic", "project", "year")

    class Meta:
        abstract = True

    def listing(self):
        """The live, public items of this index's type, site-wide, in order."""
        raise NotImplementedError

    def listing_sources(self):
        """[portal.listings.Source]: the page types listed, how they sort and filter."""
        raise NotImplementedError

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listing = FilteredListing(request, self.listing_sources(), facets=self.listing_facets)
        context["listing"] = listing
        context[self.listing_name] = listing.page_obj
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        listing = (getattr(response, "context_data", None) or {}).get("listing")
        if listing is not None and listing.errors:
            response.status_code = 400
        return response


class SourceProjectMixin(models.Model):
    """For content that came out of one project (methodologies, tools, videos)."""

    source_project = models.ForeignKey(
        "portal.ProjectPage",
        verbose_name=_("zdrojový projekt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def funding_project(self):
        return self.source_project


class AttachedDocument(Orderable):
    """A document attached to a page; concrete subclasses add the ParentalKey `page`."""

    document = models.ForeignKey(
        "portal.PortalDocument",
        verbose_name=_("dokument"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(
        _("název odkazu"), max_length=255, blank=True, help_text=_("Jinak název dokumentu.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        abstract = True

    @property
    def link_title(self):
        return self.title or self.document.title


class StandardPage(BasePage):
    """A plain content page: about the portal, the accessibility statement, contacts."""

    body = StreamField(BodyBlock(), verbose_name=_("obsah"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    parent_page_types = ["home.HomePage", "portal.StandardPage"]
    subpage_types = ["portal.StandardPage"]

    class Meta:
        verbose_name = _("obsahová stránka")
        verbose_name_plural = _("obsahové stránky")
