"""The news listing's filters: counted in the database, refused cheaply, projects by name."""

import datetime
from collections import Counter

from django.core.cache import cache
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from news.factories import NewsIndexPageFactory, NewsPageFactory, PeriodReportPageFactory
from news.models import PeriodReportPage
from portal.projects.facets import MAX_LISTED_CHOICES
from portal.projects.factories import ProjectPageFactory
from portal.taxonomy.factories import TopicFactory
from portal.taxonomy.models import Region


class NewsFilterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = NewsIndexPageFactory()
        cls.topic = TopicFactory(name="Sanace rodiny")
        cls.project = ProjectPageFactory(title="Hnízdo inovací")
        news = NewsPageFactory(title="Kulatý stůl v Telči", topics=[cls.topic])
        news.related_projects.add(cls.project)
        news.save_revision().publish()
        PeriodReportPageFactory(
            parent=cls.project,
            title="Zpráva za první období",
            period_start=datetime.date(2021, 1, 1),
            period_end=datetime.date(2021, 6, 30),
        )
        NewsPageFactory(title="Nesouvisející zpráva")

    def test_the_project_filter_finds_news_and_the_reports_under_the_project(self):
        response = self.client.get(self.index.url, {"projekt": self.project.slug})
        self.assertContains(response, "Kulatý stůl v Telči")
        self.assertContains(response, "Zpráva za první období")
        self.assertNotContains(response, "Nesouvisející zpráva")
        self.assertContains(response, "Vybráno 2 položky")

    def test_a_project_counts_its_news_and_the_reports_under_it(self):
        response = self.client.get(self.index.url)
        facets = {facet.param: facet for facet in response.context["listing"].facets}
        projects = {c.value: c.count for c in facets["projekt"].choices}
        self.assertEqual(projects, {self.project.slug: 2})

    def test_a_project_can_be_typed_by_its_title(self):
        response = self.client.get(self.index.url, {"projekt": "hnízdo INOVACÍ"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Vybráno 2 položky")

    def test_counts_of_each_choice_follow_the_other_filters(self):
        response = self.client.get(self.index.url, {"tema": self.topic.slug})
        facets = {facet.param: facet for facet in response.context["listing"].facets}
        projects = {c.value: c.count for c in facets["projekt"].choices}
        self.assertEqual(projects, {self.project.slug: 1})
        kinds = {c.value: c.count for c in facets["typ"].choices}
        self.assertEqual(kinds, {"aktuality": 1})
        years = {c.value: c.count for c in facets["rok"].choices}
        self.assertEqual(sum(years.values()), 1)

    def test_topic_counts_follow_the_project_filter(self):
        """Under a project, a topic counts the project's news and the reports under it."""
        self.addCleanup(cache.clear)
        report = PeriodReportPage.objects.get(title="Zpráva za první období")
        report.topics.add(self.topic)
        report.save_revision().publish()
        response = self.client.get(self.index.url, {"projekt": self.project.slug})
        facets = {facet.param: facet for facet in response.context["listing"].facets}
        topics = {c.value: c.count for c in facets["tema"].choices}
        self.assertEqual(topics, {self.topic.slug: 2})

    def test_bad_values_are_refused_in_czech_with_400(self):
        cases = {
            "tema": ("neznama", "Téma „neznama“ v tomto výpisu nenajdete."),
            "projekt": ("neexistuje", "Projekt „neexistuje“ v tomto výpisu nenajdete."),
            "rok": ("loni", "Rok „loni“ neznáme; zadejte ho číslem, např. 2021."),
            "typ": ("vse", "Druh obsahu „vse“ neznáme."),
        }
        for param, (value, message) in cases.items():
            with self.subTest(param=param):
                response = self.client.get(self.index.url, {param: value})
                self.assertEqual(response.status_code, 400)
                self.assertContains(response, message, status_code=400)

    def test_a_topic_without_news_is_not_in_this_listing(self):
        unused = TopicFactory(name="Pěstounská péče")
        response = self.client.get(self.index.url, {"tema": unused.slug})
        self.assertContains(
            response, "Téma „pestounska-pece“ v tomto výpisu nenajdete.", status_code=400
        )

    def test_many_projects_make_the_filter_a_type_ahead_field(self):
        for number in range(MAX_LISTED_CHOICES + 5):
            project = ProjectPageFactory(title=f"Projekt {number:03d}")
            news = NewsPageFactory(published_at=timezone.now())
            news.related_projects.add(project)
            news.save_revision().publish()
        response = self.client.get(self.index.url)
        html = response.content.decode()
        self.assertIn('<input type="search" id="filtr-projekt" name="projekt"', html)
        self.assertIn('data-autocomplete-url="/api/projekty/naseptavac/"', html)
        datalist = html[html.index("<datalist") : html.index("</datalist>")]
        self.assertEqual(datalist.count("<option "), MAX_LISTED_CHOICES)
        self.assertEqual(html.count('<option value="Projekt '), MAX_LISTED_CHOICES - 1)
        self.assertIn("portal/js/search.js", html)
        suggestions = self.client.get("/api/projekty/naseptavac/", {"q": "projekt 00"}).json()
        self.assertEqual(suggestions[:2], ["Projekt 000", "Projekt 001"])


class NewsYearTests(TestCase):
    """Years are Prague's: an item published on New Year's Eve at 23:30 UTC is of the new year."""

    @classmethod
    def setUpTestData(cls):
        cls.index = NewsIndexPageFactory()
        utc = datetime.UTC
        NewsPageFactory(
            title="Novoroční přání",
            published_at=datetime.datetime(2021, 12, 31, 23, 30, tzinfo=utc),
        )
        NewsPageFactory(
            title="Letní setkání", published_at=datetime.datetime(2021, 6, 1, 9, 0, tzinfo=utc)
        )
        NewsPageFactory(
            title="Silvestrovská zpráva",
            published_at=datetime.datetime(2021, 12, 31, 22, 30, tzinfo=utc),
        )

    def test_the_year_filter_counts_and_lists_by_prague_time(self):
        response = self.client.get(self.index.url)
        self.assertContains(response, '<option value="2022">2022 (1)</option>')
        self.assertContains(response, '<option value="2021">2021 (2)</option>')
        new_year = self.client.get(self.index.url, {"rok": "2022"})
        self.assertContains(new_year, "Novoroční přání")
        self.assertNotContains(new_year, "Silvestrovská zpráva")
        self.assertContains(new_year, "Vybráno 1 položka")


class NewsRegionCountTests(TestCase):
    """A news item reaches a kraj through its projects or its place of event: each kraj
    counts it once, however many of them lead there."""

    @classmethod
    def setUpTestData(cls):
        from portal.taxonomy.factories import MunicipalityFactory, RegionFactory

        cls.index = NewsIndexPageFactory()
        pardubice, vysocina = RegionFactory(slug="pardubicky"), RegionFactory(slug="vysocina")
        project = ProjectPageFactory(title="Hnízdo inovací")
        project.regions.add(pardubice)
        project.save_revision().publish()
        neighbour = ProjectPageFactory(title="Sousední projekt")
        neighbour.regions.add(pardubice)
        neighbour.save_revision().publish()
        both_ways = NewsPageFactory(title="Setkání v Pardubicích")
        both_ways.related_projects.add(project, neighbour)
        both_ways.event_municipality = MunicipalityFactory(name="Pardubice", region=pardubice)
        both_ways.save_revision().publish()
        elsewhere = NewsPageFactory(title="Seminář v Jihlavě")
        elsewhere.related_projects.add(project)
        elsewhere.event_municipality = MunicipalityFactory(name="Jihlava", region=vysocina)
        elsewhere.save_revision().publish()
        NewsPageFactory(title="Zpráva bez kraje")

    def test_each_kraj_counts_an_item_once(self):
        html = self.client.get(self.index.url).content.decode()
        self.assertIn('<option value="pardubicky">Pardubický kraj (2)</option>', html)
        self.assertIn('<option value="vysocina">Kraj Vysočina (1)</option>', html)
        filtered = self.client.get(self.index.url, {"kraj": "pardubicky"})
        self.assertContains(filtered, "Vybráno 2 položky")

    def test_a_report_counts_in_the_kraj_of_the_project_it_sits_under(self):
        self.addCleanup(cache.clear)  # the listing as this test leaves it is not the class's
        project = ProjectPageFactory(title="Projekt na Vysočině")
        project.regions.add(Region.objects.get(slug="vysocina"))
        project.save_revision().publish()
        PeriodReportPageFactory(parent=project, title="Zpráva z Vysočiny")
        pardubice = ProjectPageFactory(title="Projekt v Pardubicích")
        pardubice.regions.add(Region.objects.get(slug="pardubicky"))
        pardubice.save_revision().publish()
        PeriodReportPageFactory(parent=pardubice, title="Zpráva z Pardubic")
        html = self.client.get(self.index.url).content.decode()
        self.assertIn('<option value="vysocina">Kraj Vysočina (2)</option>', html)
        self.assertIn('<option value="pardubicky">Pardubický kraj (3)</option>', html)
        filtered = self.client.get(self.index.url, {"kraj": "vysocina"})
        self.assertContains(filtered, "Zpráva z Vysočiny")
        self.assertNotContains(filtered, "Zpráva z Pardubic")  # the next project's, not this
        self.assertContains(filtered, "Vybráno 2 položky")

    def test_what_the_facets_share_is_read_once(self):
        """The project and kraj facets both count the news per project, and the type facet
        counts what the pagination counts: no query of a listing runs twice, filtered or not."""
        for params in ({}, {"typ": "aktuality"}, {"rok": str(timezone.localdate().year)}):
            cache.clear()  # as a publish leaves it: nothing of the listing is kept
            with self.subTest(**params), CaptureQueriesContext(connection) as captured:
                response = self.client.get(self.index.url, params)
                self.assertEqual(response.status_code, 200)
                queries = Counter(query["sql"] for query in captured)
                self.assertEqual([sql for sql, times in queries.items() if times > 1], [])
