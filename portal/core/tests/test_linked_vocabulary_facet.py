"""A vocabulary facet over a listing of several page types, each linked its own way."""

from unittest.mock import patch

from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory, TestCase
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext_lazy as _

from methodology.factories import MethodologyPageFactory, ToolPageFactory
from methodology.models import MethodologyPage, ToolPage
from news.factories import NewsPageFactory
from news.models import NewsPage
from portal.core.facets import LinkedVocabularyFacet
from portal.core.listings import Listed, Listing
from portal.projects.factories import ProjectPageFactory
from portal.taxonomy.facets import TargetGroupFacet
from portal.taxonomy.factories import RegionFactory
from portal.taxonomy.models import Region, TargetGroup


class SourceRegionFacet(LinkedVocabularyFacet):
    """The kraje of an item's source project: a lookup through a field of the page itself."""

    param = "zdroj"
    label = "Kraj zdrojového projektu"
    unknown_message = _("Kraj „%(value)s“ v tomto výpisu nenajdete.")
    vocabulary = Region
    lookup = "source_project__regions"


LISTED = (
    Listed(MethodologyPage, order="title"),
    Listed(ToolPage, order="title"),
    Listed(NewsPage, order="title"),
)


class LinkedVocabularyFacetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.parents = TargetGroup.objects.create(name="Rodiče")
        cls.children = TargetGroup.objects.create(name="Děti")
        vysocina = RegionFactory(slug="vysocina", name="Kraj Vysočina")
        pardubicky = RegionFactory(slug="pardubicky", name="Pardubický kraj")
        project = ProjectPageFactory(title="Projekt ve dvou krajích")
        project.regions.add(vysocina, pardubicky)
        project.save()
        methodology = MethodologyPageFactory(title="Metodika", source_project=project)
        methodology.target_groups.set([cls.parents, cls.children])
        methodology.save()
        tool = ToolPageFactory(title="Nástroj")
        tool.target_groups.set([cls.parents])
        tool.save()
        NewsPageFactory(title="Zpráva")

    def listing(self, listed=LISTED, **params):
        request = RequestFactory().get("/", params)
        request.user = AnonymousUser()
        return Listing(request, listed, (TargetGroupFacet(), SourceRegionFacet()))

    def choices(self, listing, param):
        facet = next(view for view in listing.facets if view.param == param)
        return [(choice.label, choice.count) for choice in facet.choices]

    def titles(self, listing):
        return [page.title for page in listing.page_obj.object_list]

    def test_counts_add_up_the_page_types_each_with_its_own_link_table(self):
        listing = self.listing()
        self.assertEqual(self.choices(listing, "skupina"), [("Děti", 1), ("Rodiče", 2)])

    def test_a_lookup_through_a_field_of_the_page_counts_each_kraj_of_the_project(self):
        listing = self.listing()
        self.assertEqual(
            self.choices(listing, "zdroj"), [("Kraj Vysočina", 1), ("Pardubický kraj", 1)]
        )

    def test_a_filter_leaves_out_the_types_without_the_link(self):
        self.assertEqual(self.titles(self.listing(skupina="rodice")), ["Metodika", "Nástroj"])
        self.assertEqual(self.titles(self.listing(zdroj="pardubicky")), ["Metodika"])
        self.assertEqual(len(self.titles(self.listing())), 3)

    def test_an_entry_no_item_of_the_listing_has_is_refused_in_czech(self):
        TargetGroup.objects.create(name="Soudci")
        listing = self.listing(skupina="soudci")
        self.assertEqual(listing.errors, ["Cílovou skupinu „soudci“ v tomto výpisu nenajdete."])

    def test_a_page_walked_in_listing_order_lists_what_the_filter_counts(self):
        """A filter matching many items is read by walking the listing's order (SQLite), one
        matching a few by sorting its matches: the page lists the same items either way."""
        MethodologyPageFactory(title="Adaptace pro rodiče", target_groups=[self.parents])
        for walked_above in (0, 10**6):
            with patch("portal.core.listings.SORTED_FILTER_MAX", walked_above):
                self.assertEqual(self.titles(self.listing(skupina="deti")), ["Metodika"])
                self.assertEqual(
                    self.titles(self.listing(skupina="rodice", zdroj="vysocina")), ["Metodika"]
                )

    def test_a_listing_of_one_type_counts_its_items_once_walked_or_not(self):
        MethodologyPageFactory(title="Adaptace pro rodiče", target_groups=[self.parents])
        methodologies = (Listed(MethodologyPage, order="title"),)
        for walked_above in (0, 10**6):
            with (
                patch("portal.core.listings.SORTED_FILTER_MAX", walked_above),
                CaptureQueriesContext(connection) as captured,
            ):
                listing = self.listing(methodologies, skupina="rodice")
                self.assertEqual(self.titles(listing), ["Adaptace pro rodiče", "Metodika"])
                self.assertEqual(listing.count, 2)
            counts = [q["sql"] for q in captured if q["sql"].startswith("SELECT COUNT(*)")]
            self.assertEqual(len(counts), 1, counts)
