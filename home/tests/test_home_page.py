"""The home page: the newest of each kind of content, at a fixed number of queries."""

import datetime

from django.test import TestCase
from wagtail.models import Page, Site

from home.listings import HOME_LIST_SIZE
from home.models import HomePage
from methodology.factories import MethodologyPageFactory, ToolPageFactory
from news.factories import (
    NewsCategoryFactory,
    NewsPageFactory,
    PeriodReportPageFactory,
    VideoPageFactory,
)
from portal.core.factories import PortalImageFactory
from portal.core.tests.utils import ListingQueriesMixin
from portal.projects.factories import ProjectPageFactory
from portal.taxonomy.factories import OrganisationFactory, TopicFactory


class HomePageTests(ListingQueriesMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = HomePage.objects.get()
        cls.project = ProjectPageFactory(
            title="Hnízdo inovací", start_date=datetime.date(2019, 1, 1)
        )

    def add_one_of_each(self, count):
        for _ in range(count):
            topic = TopicFactory(name="Náhradní rodinná péče")
            NewsPageFactory(
                category=NewsCategoryFactory(name="Výzkum"),
                listing_image=PortalImageFactory(),
                topics=[topic],
            )
            PeriodReportPageFactory(parent=self.project)
            MethodologyPageFactory(topics=[topic])
            ToolPageFactory(stages=[("tested", datetime.date(2020, 1, 1), None)])
            VideoPageFactory(poster=PortalImageFactory())
            ProjectPageFactory(implementing_organisation=OrganisationFactory())

    def test_home_page_is_the_site_root_and_renders(self):
        response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["page"].specific, self.home)

    def test_there_is_only_ever_one_home_page(self):
        root = Page.get_first_root_node()
        self.assertEqual(HomePage.objects.count(), 1)
        self.assertFalse(HomePage.can_create_at(root))
        self.assertEqual(self.home.get_parent().pk, root.pk)
        self.assertEqual(Site.objects.get(is_default_site=True).root_page_id, self.home.pk)

    def test_queries_do_not_grow_with_the_number_of_items(self):
        # Each list shows at most HOME_LIST_SIZE items: compare 1 and 3 of each kind.
        # Six lists, each one query and one view-restriction check by .public(), and the
        # card pictures with their renditions in two more: 23 today.
        self.assertLessEqual(3, HOME_LIST_SIZE)
        response = self.assertQueriesDoNotGrow("/", self.add_one_of_each, n=1, limit=24)
        for key in ("latest_news", "latest_reports", "methodologies", "tools", "videos"):
            with self.subTest(listing=key):
                self.assertEqual(len(response.context[key]), 3)

    def test_each_list_shows_the_newest_few_and_no_drafts(self):
        for number in range(HOME_LIST_SIZE + 2):
            NewsPageFactory(title=f"Aktualita číslo {number:02d}")
        NewsPageFactory(title="Koncept aktuality", live=False)
        response = self.client.get("/")
        self.assertEqual(len(response.context["latest_news"]), HOME_LIST_SIZE)
        self.assertContains(response, f"Aktualita číslo {HOME_LIST_SIZE + 1:02d}")
        self.assertNotContains(response, "Aktualita číslo 00")
        self.assertNotContains(response, "Koncept aktuality")

    def test_undated_projects_and_methodologies_come_after_dated_ones(self):
        """On PostgreSQL a descending order puts NULL first unless told otherwise."""
        for number in range(HOME_LIST_SIZE):
            ProjectPageFactory(title=f"Projekt bez data {number}", start_date=None)
            MethodologyPageFactory(title=f"Metodika bez revize {number}", last_reviewed=None)
        ProjectPageFactory(title="Projekt z roku 2020", start_date=datetime.date(2020, 1, 1))
        MethodologyPageFactory(
            title="Metodika revidovaná 2022", last_reviewed=datetime.date(2022, 4, 29)
        )
        response = self.client.get("/")
        self.assertEqual(response.context["projects"][0].title, "Projekt z roku 2020")
        self.assertEqual(response.context["methodologies"][0].title, "Metodika revidovaná 2022")
