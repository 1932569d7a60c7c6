"""The kraj filter on listings and the region pages /kraje/, on the demo portal."""

import re

from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from methodology.models import MethodologyPage, ToolPage
from portal.core.privacy import public
from portal.demo.testing import DemoPortalTestCase
from portal.projects.models import ProjectPage
from portal.taxonomy.models import Region

COUNT = re.compile(r"(?:Vybráno|Celkem) (\d+) polož")


def count_in(html):
    return int(COUNT.search(html)[1])


def projects_in(slug):
    match = Q(regions__slug=slug) | Q(municipalities__region__slug=slug)
    return public(ProjectPage.objects.live()).filter(match).distinct()


def from_projects_in(model, slug):
    return public(model.objects.live()).filter(source_project__in=projects_in(slug)).distinct()


class RegionFilterTests(DemoPortalTestCase):
    def test_projects_filter_by_kraj_with_the_right_count(self):
        for slug in ["jihomoravsky", "vysocina", "pardubicky", "zlinsky"]:
            html = self.client.get(f"/projekty/?kraj={slug}").content.decode()
            expected = projects_in(slug)
            self.assertEqual(count_in(html), expected.count(), slug)
            for project in expected:
                self.assertIn(project.title, html)

    def test_the_kraj_facet_shows_counts(self):
        html = self.client.get("/projekty/").content.decode()
        self.assertIn('<select id="filtr-kraj" name="kraj">', html)
        jmk = projects_in("jihomoravsky").count()
        self.assertIn(f'<option value="jihomoravsky">Jihomoravský kraj ({jmk})</option>', html)

    def test_methodologies_and_tools_filter_by_the_kraj_of_their_project(self):
        for path, model in [("/metodiky/", MethodologyPage), ("/nastroje/", ToolPage)]:
            html = self.client.get(f"{path}?kraj=pardubicky").content.decode()
            expected = from_projects_in(model, "pardubicky")
            self.assertGreater(expected.count(), 0, path)
            self.assertEqual(count_in(html), expected.count(), path)
            for page in expected:
                self.assertIn(page.title, html)

    def test_news_filter_by_kraj_of_their_project_or_venue(self):
        html = self.client.get("/aktuality/?kraj=jihomoravsky").content.decode()
        self.assertIn("„OSPOD sobě“ – setkání zástupců OSPOD", html)
        everything = self.client.get("/aktuality/").content.decode()
        self.assertLess(count_in(html), count_in(everything))

    def test_period_reports_filter_by_the_kraj_of_their_project(self):
        html = self.client.get("/aktuality/?typ=zpravy&kraj=vysocina").content.decode()
        self.assertGreater(count_in(html), 0)
        none = self.client.get("/aktuality/?typ=zpravy&kraj=karlovarsky").content.decode()
        self.assertLess(count_in(none), count_in(html))

    def test_every_kraj_count_is_the_number_its_filter_lists(self):
        """Counted in the database per lookup (methodologies: their project's kraje; period
        reports: the kraje of the project they sit under; news: several lookups)."""
        for path in ["/aktuality/?typ=zpravy", "/aktuality/?typ=aktuality", "/metodiky/"]:
            html = self.client.get(path).content.decode()
            select = html[
                html.index('name="kraj"') : html.index("</select>", html.index('name="kraj"'))
            ]
            options = re.findall(r'<option value="([a-z-]+)">[^<]*\((\d+)\)</option>', select)
            self.assertTrue(options, path)
            for slug, count in options:
                filtered = self.client.get(f"{path}{'&' if '?' in path else '?'}kraj={slug}")
                self.assertEqual(count_in(filtered.content.decode()), int(count), (path, slug))

    def test_kraj_combines_with_other_filters(self):
        both = self.client.get("/metodiky/?kraj=vysocina&tema=mediace")
        self.assertEqual(both.status_code, 200)
        html = both.content.decode()
        expected = from_projects_in(MethodologyPage, "vysocina").filter(
            topic_items__tag__slug="mediace"
        )
        self.assertEqual(count_in(html), expected.count())

    def test_an_unknown_kraj_is_a_czech_400(self):
        for path in ["/projekty/", "/metodiky/", "/nastroje/", "/aktuality/"]:
            response = self.client.get(f"{path}?kraj=atlantida")
            self.assertEqual(response.status_code, 400, path)
            self.assertIn("Kraj „atlantida“ neznáme.", response.content.decode())

    def test_search_filters_by_kraj_and_refuses_an_unknown_one(self):
        everything = self.client.get("/api/hledat/?q=OSPOD").json()
        in_jmk = self.client.get("/api/hledat/?q=OSPOD&kraj=jihomoravsky").json()
        self.assertLess(in_jmk["count"], everything["count"])
        self.assertGreater(in_jmk["count"], 0)
        refused = self.client.get("/api/hledat/?q=OSPOD&kraj=atlantida")
        self.assertEqual(refused.status_code, 400)
        self.assertIn("Neznámý kraj „atlantida“", refused.json()["error"])
        page = self.client.get("/hledat/?q=OSPOD&kraj=atlantida")
        self.assertContains(page, "Neznámý kraj „atlantida“", status_code=400)


class RegionPageTests(DemoPortalTestCase):
    def test_the_index_lists_every_kraj_with_counts(self):
        response = self.client.get("/kraje/")
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        for region in Region.objects.all():
            self.assertIn(f'href="/kraje/{region.slug}/">{region.name}</a>', html)
        self.assertIn(f"Projekty:&nbsp;{projects_in('pardubicky').count()}", html)

    def test_a_region_page_lists_its_projects_tools_and_methodologies(self):
        response = self.client.get("/kraje/pardubicky/")
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn("<h1>Pardubický kraj</h1>", html)
        expected = [
            *projects_in("pardubicky"),
            *from_projects_in(ToolPage, "pardubicky"),
            *from_projects_in(MethodologyPage, "pardubicky"),
        ]
        self.assertGreaterEqual(len(expected), 4)
        for page in expected:
            self.assertIn(f'href="{page.url}"', html)
        self.assertIn('href="/nastroje/?kraj=pardubicky"', html)

    def test_region_pages_render_within_the_query_budget(self):
        for path in ["/kraje/", "/kraje/vysocina/", "/kraje/jihomoravsky/"]:
            with CaptureQueriesContext(connection) as queries:
                response = self.client.get(path)
            self.assertEqual(response.status_code, 200)
            self.assertLessEqual(len(queries), 15, path)

    def test_an_unknown_region_is_404(self):
        self.assertEqual(self.client.get("/kraje/atlantida/").status_code, 404)

    def test_the_home_page_links_browsing_by_region(self):
        self.assertIn('href="/kraje/"', self.client.get("/").content.decode())
