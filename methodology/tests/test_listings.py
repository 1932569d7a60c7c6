"""The methodology and tool listings: complete, paginated, and at a fixed number of queries."""

import datetime

from django.test import TestCase

from methodology.factories import (
    MethodologyIndexPageFactory,
    MethodologyKindFactory,
    MethodologyPageFactory,
    ToolIndexPageFactory,
    ToolPageFactory,
)
from portal.core.factories import PortalImageFactory
from portal.core.pagination import PAGE_SIZE
from portal.core.tests.utils import ListingQueriesMixin
from portal.projects.factories import ProjectPageFactory
from portal.taxonomy.factories import (
    MunicipalityFactory,
    PersonFactory,
    TargetGroupFactory,
    TopicFactory,
)


class MethodologyListingTests(ListingQueriesMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = MethodologyIndexPageFactory()
        cls.project = ProjectPageFactory()

    def add_methodologies(self, count):
        for _ in range(count):
            page = MethodologyPageFactory(
                kind=MethodologyKindFactory(name="Asistovaný kontakt", slug="asistovany-kontakt"),
                source_project=self.project,
                contact_person=PersonFactory(),
                listing_image=PortalImageFactory(),
                topics=[TopicFactory(name="Asistovaný kontakt")],
            )
            page.target_groups.add(TargetGroupFactory(name="Rodiče"))
            page.save()

    def test_queries_do_not_grow_with_the_number_of_methodologies(self):
        response = self.assertQueriesDoNotGrow(self.index.url, self.add_methodologies)
        self.assertEqual(len(response.context["methodologies_page"]), 12)
        self.assertContains(response, "Asistovaný kontakt")

    def test_alphabetical_and_bad_page_numbers_show_the_nearest_page(self):
        MethodologyPageFactory(title="Adaptace pěstounů")
        for number in range(PAGE_SIZE - 1):
            MethodologyPageFactory(title=f"Metodika {number:02d}")
        MethodologyPageFactory(title="Zprostředkování kontaktu")
        self.assertOutOfRangePagesAreShown(
            self.index.url, "Adaptace pěstounů", "Zprostředkování kontaktu"
        )


class ToolListingTests(ListingQueriesMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = ToolIndexPageFactory()
        cls.project = ProjectPageFactory()
        cls.prelouc = MunicipalityFactory(name="Přelouč")

    def add_tools(self, count):
        for _ in range(count):
            ToolPageFactory(
                source_project=self.project,
                listing_image=PortalImageFactory(),
                topics=[TopicFactory(name="Týmová spolupráce")],
                stages=[
                    ("prototype", datetime.date(2019, 3, 1), self.prelouc),
                    ("validated", datetime.date(2021, 6, 30), self.prelouc),
                ],
            )

    def test_queries_do_not_grow_with_the_number_of_tools(self):
        response = self.assertQueriesDoNotGrow(self.index.url, self.add_tools)
        self.assertEqual(len(response.context["tools_page"]), 12)

    def test_bad_page_numbers_show_the_nearest_page(self):
        ToolPageFactory(title="Anamnestický dotazník")
        for number in range(PAGE_SIZE - 1):
            ToolPageFactory(title=f"Nástroj {number:02d}")
        ToolPageFactory(title="Zpětná vazba od rodin")
        self.assertOutOfRangePagesAreShown(
            self.index.url, "Anamnestický dotazník", "Zpětná vazba od rodin"
        )
