"""A period report three levels deep: found by URL in few queries, hidden when unpublished
or restricted, and never in the listing, feeds or sitemap while restricted."""

from django.core.cache import cache
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from news.factories import NewsIndexPageFactory, PeriodReportPageFactory
from portal.projects.factories import ProjectPageFactory


class PeriodReportRoutingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        NewsIndexPageFactory(title="Aktuality", slug="aktuality")
        cls.project = ProjectPageFactory(title="Projekt Telč")
        cls.report = PeriodReportPageFactory(parent=cls.project, title="Zpráva za 1. období")

    def setUp(self):
        # The content version lives in the cache and outlives each test's rolled-back rows.
        cache.clear()

    def test_a_deep_page_is_served_with_a_fixed_routing_cost(self):
        self.client.get(self.report.url)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(self.report.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Zpráva za 1. období")
        routing = [q for q in queries if '"url_path" =' in q["sql"] or '"slug" =' in q["sql"]]
        self.assertEqual(len(routing), 1, "one lookup by URL, not one per level")

    def test_unknown_and_unpublished_pages_are_not_found(self):
        self.assertEqual(self.client.get(self.report.url + "dalsi/").status_code, 404)
        self.assertEqual(self.client.get(self.project.url + "neni-tu/").status_code, 404)
        self.report.unpublish()
        self.assertEqual(self.client.get(self.report.url).status_code, 404)

    def test_a_restricted_project_hides_its_reports_everywhere(self):
        PageViewRestriction.objects.create(
            page=self.project, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        response = self.client.get(self.report.url)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "Zpráva za 1. období", status_code=200)
        self.assertContains(response, 'type="password"')
        for path in ["/aktuality/", "/rss/aktuality/", "/atom/zpravy/"]:
            with self.subTest(path=path):
                self.assertNotContains(self.client.get(path), "Zpráva za 1. období")
        self.assertNotContains(self.client.get("/sitemap-stranky.xml"), self.report.url)

    def test_the_sitemap_index_points_to_sections_that_follow_publishing(self):
        index = self.client.get("/sitemap.xml").content.decode()
        self.assertIn("<sitemapindex", index)
        site = Site.objects.get(is_default_site=True)  # its address, not the request's Host
        self.assertIn(f"<loc>{site.root_url}/sitemap-stranky.xml</loc>", index)
        self.assertContains(self.client.get("/sitemap-stranky.xml"), self.report.url)
        self.report.unpublish()
        self.assertNotContains(self.client.get("/sitemap-stranky.xml"), self.report.url)
