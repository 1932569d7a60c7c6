"""The tallies of what came out of each project: an unfiltered listing's project and kraj
facets read them while they are current, and count every item again from the moment a
change is saved until the refresh after its commit has counted it."""

import re

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import F
from django.test import TestCase
from wagtail.models import PageViewRestriction

from news.factories import NewsIndexPageFactory, NewsPageFactory, PeriodReportPageFactory
from news.models import NewsPage
from news.tests.test_admin_pages import news_form
from portal.core.access import staff_group
from portal.core.tests.utils import EditorTestCase
from portal.projects.factories import ProjectPageFactory
from portal.projects.tallies import OutputTally, refresh_output_tallies, tallies_current
from portal.taxonomy.factories import MunicipalityFactory, RegionFactory


def options(html, param):
    """{label (count)} of one filter's choices, as the visitor reads them (none: no field)."""
    select = re.search(rf'<select id="filtr-{param}".*?</select>', html, re.S)
    found = re.findall(
        r'<option value="[^"]+"[^>]*>([^<]+)</option>', select.group(0) if select else ""
    )
    return set(found)


class OutputTallyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = NewsIndexPageFactory()
        pardubice, vysocina = RegionFactory(slug="pardubicky"), RegionFactory(slug="vysocina")
        cls.project = ProjectPageFactory(title="Hnízdo inovací")
        neighbour = ProjectPageFactory(title="Sousední projekt")
        closed = ProjectPageFactory(title="Projekt pro pracovníky")
        for project, region in (
            (cls.project, pardubice),
            (neighbour, pardubice),
            (closed, vysocina),
        ):
            project.regions.add(region)
            project.save_revision().publish()
        restriction = PageViewRestriction.objects.create(
            page=closed, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(staff_group())
        cls.both = both = NewsPageFactory(title="Setkání dvou projektů")
        both.related_projects.add(cls.project, neighbour)
        both.event_municipality = MunicipalityFactory(name="Jihlava", region=vysocina)
        both.save_revision().publish()
        PeriodReportPageFactory(parent=cls.project, title="Zpráva za první období")
        PeriodReportPageFactory(parent=closed, title="Zpráva jen pro pracovníky")
        draft = NewsPageFactory(title="Rozepsaná aktualita", live=False)
        draft.related_projects.add(cls.project)
        cls.staff_reader = get_user_model().objects.create_user("pracovnice", password="x")
        cls.staff_reader.groups.add(staff_group())

    def setUp(self):
        refresh_output_tallies()  # as the task leaves them once the content above is committed
        self.addCleanup(cache.clear)

    def facets(self, client=None):
        cache.clear()
        html = (client or self.client).get(self.index.url).content.decode()
        return options(html, "projekt"), options(html, "kraj")

    def test_the_facets_read_the_tallies_while_they_are_current(self):
        expected = (
            {"Hnízdo inovací (2)", "Sousední projekt (1)"},
            # An item with two projects in one kraj counts there once; Vysočina has the
            # item's place of event, and the staff-only report only for staff.
            {"Pardubický kraj (2)", "Kraj Vysočina (1)"},
        )
        self.assertEqual(self.facets(), expected)
        news = ContentType.objects.get_for_model(NewsPage)
        tallied = OutputTally.objects.filter(slug=self.project.slug, content_type=news)
        tallied.update(number=F("number") + 40)  # no signal: the tallies alone say 42
        self.assertIn("Hnízdo inovací (42)", self.facets()[0])

    def test_a_type_filter_reads_the_tallies_of_the_type_it_keeps(self):
        news = ContentType.objects.get_for_model(NewsPage)
        OutputTally.objects.filter(slug=self.project.slug, content_type=news).update(number=41)
        cache.clear()
        html = self.client.get(self.index.url, {"typ": "aktuality"}).content.decode()
        self.assertIn("Hnízdo inovací (41)", options(html, "projekt"))  # the report not added

    def test_a_filtered_listing_counts_an_item_with_two_projects_once_per_kraj(self):
        # Filtered by a year, the kraj facet sums the items per project, and the tallies say
        # whether an item has several projects whose surplus to take off.
        cache.clear()
        params = {"typ": "aktuality", "rok": str(self.both.published_at.year)}
        html = self.client.get(self.index.url, params).content.decode()
        self.assertIn("Pardubický kraj (1)", options(html, "kraj"))

    def test_staff_counts_include_the_staff_only_report(self):
        self.client.force_login(self.staff_reader)
        projects, kraje = self.facets()
        self.assertIn("Kraj Vysočina (2)", kraje)
        self.assertEqual(projects, {"Hnízdo inovací (2)", "Sousední projekt (1)"})  # public ones

    def test_a_change_is_counted_again_until_the_refresh_after_its_commit(self):
        OutputTally.objects.filter(slug=self.project.slug).update(number=40)
        with self.captureOnCommitCallbacks() as after_commit:
            news = NewsPageFactory(title="Nová aktualita")
            news.related_projects.add(self.project)
            news.save_revision().publish()
        self.assertIn("Hnízdo inovací (3)", self.facets()[0])  # not the stale 40
        for callback in after_commit:
            callback()  # the commit: the refresh task runs (immediately, in these settings)
        self.assertTrue(tallies_current())  # read from now on (see the first test)
        self.assertIn("Hnízdo inovací (3)", self.facets()[0])
        news.unpublish()
        self.assertFalse(tallies_current())
        self.assertIn("Hnízdo inovací (2)", self.facets()[0])

    def test_a_database_without_tallies_counts_every_item(self):
        OutputTally.objects.filter(dimension=OutputTally.Dimension.COMPLETE).delete()
        OutputTally.objects.update(number=99)
        self.assertIn("Hnízdo inovací (2)", self.facets()[0])


class TalliesFollowEveryChangeTests(EditorTestCase):
    """Whatever way content changes, the refresh after its commit leaves the tallies as
    counting every item would: a publish in the admin, a move, a view restriction, a kraj."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.index = NewsIndexPageFactory()
        cls.pardubice, cls.vysocina = (
            RegionFactory(slug="pardubicky"),
            RegionFactory(slug="vysocina"),
        )
        cls.telc = ProjectPageFactory(title="Podpora rodin v Telči")
        cls.jihlava = ProjectPageFactory(title="Síť služeb Jihlava")
        for project, region in ((cls.telc, cls.pardubice), (cls.jihlava, cls.vysocina)):
            project.regions.add(region)
            project.save_revision().publish()
        cls.report = PeriodReportPageFactory(parent=cls.telc, title="Zpráva z Telče")

    def setUp(self):
        super().setUp()
        refresh_output_tallies()
        self.addCleanup(cache.clear)
        self.client.logout()  # the facets as the public sees them

    def committed(self):
        """The callbacks of what the test saved ran, as after a commit (the refresh task)."""
        return self.captureOnCommitCallbacks(execute=True)

    def assertTallied(self, projects, kraje):
        self.assertTrue(tallies_current())
        cache.clear()
        html = self.client.get(self.index.url).content.decode()
        self.assertEqual((options(html, "projekt"), options(html, "kraj")), (projects, kraje))

    def test_a_news_item_published_in_the_admin(self):
        self.client.force_login(self.editor)
        with self.committed():
            self.create_via_admin(
                self.index,
                NewsPage,
                news_form("Setkání v Telči", "setkani", related_projects="Podpora rodin v Telči"),
            )
        self.client.logout()
        self.assertTallied({"Podpora rodin v Telči (2)"}, {"Pardubický kraj (2)"})

    def test_a_report_moved_to_another_project(self):
        with self.committed():
            self.report.move(self.jihlava, pos="last-child")
        self.assertTallied({"Síť služeb Jihlava (1)"}, {"Kraj Vysočina (1)"})

    def test_a_project_restricted_to_staff(self):
        with self.committed():
            restriction = PageViewRestriction.objects.create(
                page=self.telc, restriction_type=PageViewRestriction.GROUPS
            )
            restriction.groups.add(staff_group())
        self.assertTallied(set(), set())

    def test_a_project_moved_to_another_kraj(self):
        with self.committed():
            self.telc.regions.set([self.vysocina])
            self.telc.save_revision().publish()
        self.assertTallied({"Podpora rodin v Telči (1)"}, {"Kraj Vysočina (1)"})
