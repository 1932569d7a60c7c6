"""The project listing and the topic page: complete, paginated, at a fixed number of queries."""

import datetime

from django.test import TestCase

from methodology.factories import MethodologyPageFactory, ToolPageFactory
from news.factories import NewsCategoryFactory, NewsPageFactory, PeriodReportPageFactory
from portal.core.factories import PortalImageFactory
from portal.core.pagination import PAGE_SIZE
from portal.core.tests.utils import ListingQueriesMixin
from portal.projects.factories import (
    ProjectIndexPageFactory,
    ProjectPageFactory,
    add_partner,
    add_project_document,
    add_result_indicator,
    add_service,
    add_target_indicator,
)
from portal.taxonomy.factories import OrganisationFactory, RegionFactory, TopicFactory


class ProjectListingTests(ListingQueriesMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = ProjectIndexPageFactory()

    def add_projects(self, count):
        for _ in range(count):
            project = ProjectPageFactory(
                implementing_organisation=OrganisationFactory(),
                listing_image=PortalImageFactory(),
                topics=[TopicFactory(name="Inovace v OSPOD")],
            )
            project.regions.add(RegionFactory(slug="vysocina"))
            project.save()
            add_partner(project)
            add_result_indicator(project, "Čas přímé práce", 111, 96, "min/den")
            PeriodReportPageFactory(parent=project)

    def test_queries_do_not_grow_with_the_number_of_projects(self):
        response = self.assertQueriesDoNotGrow(self.index.url, self.add_projects)
        self.assertEqual(len(response.context["projects"]), 12)

    def test_newest_project_first_and_undated_ones_last(self):
        ProjectPageFactory(title="Projekt bez data zahájení", start_date=None)
        ProjectPageFactory(title="Projekt z roku 2016", start_date=datetime.date(2016, 1, 1))
        ProjectPageFactory(title="Projekt z roku 2020", start_date=datetime.date(2020, 5, 1))
        titles = [page.title for page in self.client.get(self.index.url).context["projects"]]
        self.assertEqual(
            titles, ["Projekt z roku 2020", "Projekt z roku 2016", "Projekt bez data zahájení"]
        )

    def test_bad_page_numbers_do_not_break_the_listing(self):
        for _ in range(PAGE_SIZE + 1):
            ProjectPageFactory()
        for value in ("abc", "999", "0", "-1"):
            with self.subTest(strana=value):
                self.assertEqual(
                    self.client.get(self.index.url, {"strana": value}).status_code, 200
                )


class TopicPageListingTests(ListingQueriesMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.topic = TopicFactory(name="Kolizní opatrovnictví")
        cls.url = f"/temata/{cls.topic.slug}/"

    def add_pages(self, count):
        """`count` pages of four kinds, each kind in the same proportion."""
        for index in range(count):
            kind = index % 4
            if kind == 0:
                NewsPageFactory(
                    topics=[self.topic],
                    category=NewsCategoryFactory(name="Výzkum"),
                    listing_image=PortalImageFactory(),
                )
            elif kind == 1:
                MethodologyPageFactory(topics=[self.topic], listing_image=PortalImageFactory())
            elif kind == 2:
                ToolPageFactory(topics=[self.topic])
            else:
                ProjectPageFactory(topics=[self.topic], listing_image=PortalImageFactory())

    def test_queries_do_not_grow_with_the_number_of_pages_on_a_topic(self):
        response = self.assertQueriesDoNotGrow(self.url, self.add_pages)
        self.assertEqual(len(response.context["pages"]), 12)

    def test_newest_first_and_bad_page_numbers_show_the_nearest_page(self):
        NewsPageFactory(title="Nejstarší článek", topics=[self.topic])
        for _ in range(PAGE_SIZE - 1):
            MethodologyPageFactory(topics=[self.topic])
        NewsPageFactory(title="Nejnovější článek", topics=[self.topic])
        self.assertOutOfRangePagesAreShown(self.url, "Nejnovější článek", "Nejstarší článek")


class ProjectPageQueryTests(ListingQueriesMixin, TestCase):
    """A project page lists partners, indicators, services, documents and period reports."""

    @classmethod
    def setUpTestData(cls):
        cls.project = ProjectPageFactory(title="Podpora rozvoje a profesionalizace SPOD")

    def add_rows(self, count):
        for _ in range(count):
            add_partner(self.project, role="partner projektu")
            add_result_indicator(self.project, "Čas přímé práce", 111, 96, "min/den")
            add_target_indicator(self.project, "Kulaté stoly", 4, "kulaté stoly")
            add_service(self.project, "Sociálně aktivizační služby")
            add_project_document(self.project)
            PeriodReportPageFactory(parent=self.project)

    def test_queries_do_not_grow_with_the_rows_of_a_project(self):
        # 10 queries today (the project's facts come from the fragment cache once rendered),
        # whatever the number of rows.
        response = self.assertQueriesDoNotGrow(self.project.url, self.add_rows, limit=15)
        outputs = {item["key"]: item["pages"] for item in response.context["output_lists"]}
        self.assertEqual(len(outputs["periodreportpage"]), 12)
