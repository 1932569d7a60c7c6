from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import Http404
from django.utils.functional import Promise, SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index

from portal.core.blocks import RICH_TEXT_FEATURES, BodyBlock
from portal.core.forms import PortalPageForm
from portal.core.listings import Listing
from portal.core.privacy import is_public_path
from portal.core.sort_keys import set_sort_keys
from portal.core.visibility import Visibility, copy_visibility, visibility_of, visible


def filed_under(relation):
    """A search field for what an editor files a page under (its topics, its places): their
    names weigh like words of the title, since a page filed under "supervize" is about
    supervision more than a page that repeats the word."""
    return index.RelatedFields(relation, [index.SearchField("name", boost=2)])


@dataclass(frozen=True)
class SearchKind:
    """What a page type (or a document) is to a searcher: a result type with a Czech label.

    ``key`` is the value of the search's type filter; ``date_field`` holds the content's own
    date (else the first publication counts); ``weight`` multiplies the text relevance, so
    the pages staff come for (methodologies, projects, tools) win over the files and
    listings that repeat their words.
    """

    key: str
    label: str | Promise
    date_field: str | None = None
    weight: float = 1.0


class BasePage(Page):
    """What every page of the portal has: a summary, a listing image and topics."""

    base_form_class = PortalPageForm

    summary = models.TextField(
        _("perex"),
        max_length=600,
        blank=True,
        help_text=_("Krátké shrnutí do výpisů a výsledků vyhledávání."),
    )
    listing_image = models.ForeignKey(
        "core.PortalImage",
        verbose_name=_("obrázek do výpisů"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    topics = ClusterTaggableManager(
        through="taxonomy.PageTopic", blank=True, verbose_name=_("témata")
    )
    visibility = models.PositiveSmallIntegerField(
        _("kdo stránku vidí"),
        choices=Visibility.choices,
        default=Visibility.OFFLINE,
        editable=False,
        db_index=True,
    )
    # What listings sort by, copied from the page table (portal/core/sort_keys.py).
    sort_title = models.CharField(max_length=255, default="", editable=False)
    first_published = models.DateTimeField(null=True, editable=False)

    content_panels = Page.content_panels + [FieldPanel("summary")]
    promote_panels = Page.promote_panels + [FieldPanel("listing_image"), FieldPanel("topics")]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.AutocompleteField("summary"),
        filed_under("topics"),
    ]
    # The open-data API (/api/v2/pages/): what every page type publishes there.
    api_fields = [APIField("summary"), APIField("listing_image"), APIField("topics")]

    class Meta:
        abstract = True

    # Related rows a detail page shows, loaded with the page itself when it is routed.
    detail_select_related = ()
    # Listings and the home page are found by search too, below the content they list.
    search_kind = SearchKind("listing", _("přehled"), weight=0.6)
    # The field holding a validation stage (idea -> validated), for the search's stage facet.
    search_stage_field = None
    # The field holding an evidence level (a choice field), for the search's evidence facet.
    search_evidence_field = None
    # A page type listed on the page of the project it sits under: the list's template and
    # the order of its pages there.
    project_list_template = None
    project_list_order = ("title",)
    # How the page shows in listings, on topic pages and on the home page.
    card_template = "cards/page.html"
    # What every card asks of its page, answered here for the pages that lack it: a template
    # lookup that fails costs a dir() of the page (0.5 ms a card). `card_image` is set on a
    # listing's pages by home.listings.with_card_images, `listed_topics` by
    # portal.core.listings.with_topics (the home page's cards show none).
    card_image = None
    card_has_logo = False
    listed_topics = ()

    def save(self, *args, **kwargs):
        self.visibility = visibility_of(self.live, self.path)
        update_fields = kwargs.get("update_fields")
        written = set_sort_keys(self, update_fields)
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "visibility", *written}
        result = super().save(*args, **kwargs)
        copy_visibility([self.pk], self.visibility)
        return result

    @classmethod
    def search_kinds(cls):
        """Every result type this page type's pages can have."""
        return (cls.search_kind,)

    def get_search_kind(self):
        return self.search_kind

    @property
    def funding_project(self):
        """The project whose funding block the footer shows on this page, if any."""
        return None

    @property
    def date_published(self):
        """When the page counts as published: the page, its feeds and JSON-LD all say this."""
        return self.first_published_at

    def content_date(self):
        """The content's own date (its search kind's date field), not when it was published
        here; None when the content has none."""
        date_field = self.get_search_kind().date_field
        return getattr(self, date_field) if date_field else None

    @property
    def byline(self):
        """Who wrote the page (a person's or an organisation's name), if anyone is named."""
        return ""

    def main_file(self):
        """The file that stands for the page (the video, the report itself), for feeds."""
        return None

    def route(self, request, path_components):
        """Find a descendant by its URL path in two queries, not two per level.

        The page, its specific row and its `detail_select_related` rows are read at once;
        the found page still routes itself (so its own route() and live check apply).
        """
        if not path_components:
            return super().route(request, path_components)
        url_path = self.url_path + "/".join(path_components) + "/"
        found = (
            Page.objects.filter(url_path=url_path, path__startswith=self.path)
            .values_list("pk", "content_type_id")
            .first()
        )
        if found is None:
            # No page at this URL: Wagtail's own walk decides (a routable page's sub-URL).
            return super().route(request, path_components)
        model = ContentType.objects.get_for_id(found[1]).model_class()
        if model is None:
            raise Http404
        related = getattr(model, "detail_select_related", ())
        page = model.objects.select_related(*related).get(pk=found[0])
        return page.route(request, [])

    def get_view_restrictions(self):
        """No query for a page outside every restricted section (the usual case)."""
        if self.alias_of_id is None and is_public_path(self.path):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class IndexPage(BasePage):
    """The one page under home that lists a content type, paginated and filtered.

    A concrete index declares what it lists: `listed` ([portal.core.listings.Listed]),
    `facets` (Facet objects of the apps owning their concepts), `listing_name` (the page of
    items in the template context) and `empty_listing_message`.
    """

    intro = RichTextField(_("úvod"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    api_fields = BasePage.api_fields + [APIField("intro")]
    max_count = 1
    parent_page_types = ["home.HomePage"]
    listed = ()
    facets = ()
    listing_name = "items"
    empty_listing_message = _("Zatím zde nic není.")
    # The listed pages can be ticked for the side-by-side comparison (/porovnat/).
    comparable = False

    class Meta:
        abstract = True

    def get_template(self, request, *args, **kwargs):
        return "core/index_page.html"

    @classmethod
    def listing_of(cls, model):
        """(the live index page listing `model`'s pages, its `Listed`), or (None, None)."""
        for index_model in _concrete_subclasses(IndexPage):
            listed = [item for item in index_model.listed if item.model is model]
            index = visible(index_model.objects.all(), staff=True).first() if listed else None
            if index is not None:
                return index, listed[0]
        return None, None

    @classmethod
    def concrete_subclasses(cls):
        """Every index page type."""
        return list(_concrete_subclasses(IndexPage))

    @property
    def facet_scripts(self):
        return sorted({facet.script for facet in self.facets if facet.script})

    def get_context(self, request, *args, **kwargs):
        """The filters are checked now; items and counts are read only when rendered
        (a cached listing fragment needs no query at all)."""
        context = super().get_context(request, *args, **kwargs)
        listing = Listing(request, self.listed, self.facets)
        context["listing"] = listing
        context[self.listing_name] = SimpleLazyObject(lambda: listing.page_obj)
        number = request.GET.get("strana", "")
        context["page_number"] = (
            int(number) if number.isascii() and number.isdigit() and int(number) > 0 else 1
        )
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        listing = (getattr(response, "context_data", None) or {}).get("listing")
        if listing is not None and listing.errors:
            response.status_code = 400
        return response


def _concrete_subclasses(model):
    for subclass in model.__subclasses__():
        if not subclass._meta.abstract:
            yield subclass
        yield from _concrete_subclasses(subclass)


class AttachedDocument(Orderable):
    """A document attached to a page; concrete subclasses add the ParentalKey `page`."""

    document = models.ForeignKey(
        "core.PortalDocument",
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

    @classmethod
    def first_of(cls, attachments):
        """The first attached document, the page's main one (None if there is none)."""
        first = next(iter(attachments), None)
        return first.document if first is not None else None

    @property
    def link_title(self):
        return self.title or self.document.title


class StandardPage(BasePage):
    """A plain content page: about the portal, the accessibility statement, contacts."""

    body = StreamField(BodyBlock(), verbose_name=_("obsah"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    api_fields = BasePage.api_fields + [APIField("body")]
    search_kind = SearchKind("standard", _("stránka"))
    parent_page_types = ["home.HomePage", "core.StandardPage"]
    subpage_types = ["core.StandardPage"]

    class Meta:
        verbose_name = _("obsahová stránka")
        verbose_name_plural = _("obsahové stránky")
