"""The listings' tallies (portal.core.tallies): an unfiltered listing, or one filtered by one
facet, reads every count from them while they are current, and shows what counting the items
shows; from the moment a change is saved until the refresh after its commit, it counts."""

import datetime
import re
from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import F
from django.test import TestCase
from wagtail.models import PageViewRestriction

from methodology.factories import ToolIndexPageFactory, ToolPageFactory
from methodology.models import ValidationStage
from news.factories import NewsIndexPageFactory, NewsPageFactory, PeriodReportPageFactory
from news.models import NewsPage
from news.tests.test_admin_pages import news_form
from portal.adoption.models import Adoption
from portal.core.access import staff_group
from portal.core.tallies import (
    COMPLETE,
    ListingTally,
    ListingTallyChange,
    refresh_listing_tallies,
    tallies_current,
)
from portal.core.tests.utils import EditorTestCase
from portal.projects.facets import ProjectFacet
from portal.projects.factories import ProjectPageFactory
from portal.taxonomy.factories import (
    MunicipalityFactory,
    RegionFactory,
    TargetGroupFactory,
    TopicFactory,
)


def options(html, param):
    """{label (count)} of one filter's choices, as the visitor reads them (none: no field)."""
    select = re.search(rf'<select id="filtr-{param}".*?</select>', html, re.S)
    found = re.findall(
        r'<option value="[^"]+"[^>]*>([^<]+)</option>', select.group(0) if select else ""
    )
    return set(found)


def choices(html, param):
    """The values one filter offers."""
    select = re.search(rf'<select id="filtr-{param}".*?</select>', html, re.S)
    return re.findall(r'<option value="([^"]+)"', select.group(0) if select else "")


def every_filter_shows_what_counting_shows(test, client, url):
    """Each single-filter listing of `url` (every choice of every filter field it shows) as
    the tallies say and as counting its items says: the same filters, counts and items."""
    cache.clear()
    html = client.get(url).content.decode()
    params = sorted(set(re.findall(r'<select id="filtr-([a-z]+)"', html)))
    urls = [{}] + [{param: value} for param in params for value in choices(html, param)]
    test.assertGreater(len(urls), 8)
    for query in urls:
        shown = []
        for pending in (False, True):
            if pending:
                ListingTallyChange.objects.create()  # a change not counted yet: counting
            cache.clear()
            page = client.get(url, query).content.decode()
            shown.append(({p: sorted(options(page, p)) for p in params}, page.count('class="card')))
        ListingTallyChange.objects.all().delete()
        test.assertEqual(shown[0], shown[1], query)


class ListingTallyTests(TestCase):
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
        cls.care, family = TopicFactory(name="Náhradní péče"), TopicFactory(name="Rodina")
        cls.both = both = NewsPageFactory(title="Setkání dvou projektů", topics=[cls.care])
        both.related_projects.add(cls.project, neighbour)
        both.event_municipality = MunicipalityFactory(name="Jihlava", region=vysocina)
        both.save_revision().publish()
        NewsPageFactory(title="Den otevřených dveří", topics=[cls.care, family])
        PeriodReportPageFactory(parent=cls.project, title="Zpráva za první období", topics=[family])
        PeriodReportPageFactory(parent=closed, title="Zpráva jen pro pracovníky")
        draft = NewsPageFactory(title="Rozepsaná aktualita", live=False, topics=[cls.care])
        draft.related_projects.add(cls.project)
        cls.staff_reader = get_user_model().objects.create_user("pracovnice", password="x")
        cls.staff_reader.groups.add(staff_group())

    def setUp(self):
        refresh_listing_tallies()  # as the task leaves them once the content above is committed
        self.addCleanup(cache.clear)

    def page(self, client=None, **params):
        cache.clear()
        return (client or self.client).get(self.index.url, params).content.decode()

    def facets(self, client=None, **params):
        html = self.page(client, **params)
        return options(html, "projekt"), options(html, "kraj")

    def raise_tally(self, by=40, **which):
        """A tally raised behind the signals' back: the page shows it only if it reads it."""
        news = ContentType.objects.get_for_model(NewsPage)
        raised = ListingTally.objects.filter(content_type=news, **which)
        self.assertTrue(raised.exists(), which)
        raised.update(number=F("number") + by)

    def test_the_facets_read_the_tallies_while_they_are_current(self):
        expected = (
            {"Hnízdo inovací (2)", "Sousední projekt (1)"},
            # An item with two projects in one kraj counts there once; Vysočina has the
            # item's place of event, and the staff-only report only for staff.
            {"Pardubický kraj (2)", "Kraj Vysočina (1)"},
        )
        self.assertEqual(self.facets(), expected)
        self.raise_tally(filter_param="", param="projekt", value=self.project.slug)
        self.assertIn("Hnízdo inovací (42)", self.facets()[0])

    def test_a_listing_filtered_by_one_facet_reads_the_counts_under_it(self):
        self.assertIn("Hnízdo inovací (1)", self.facets(tema=self.care.slug)[0])
        self.raise_tally(filter_value=self.care.slug, param="projekt", value=self.project.slug)
        self.assertIn("Hnízdo inovací (41)", self.facets(tema=self.care.slug)[0])
        # Its own choices are counted among every item: two of them have the topic.
        self.assertIn("Náhradní péče (2)", options(self.page(tema=self.care.slug), "tema"))

    def test_two_filters_count_the_items(self):
        self.raise_tally(filter_value=self.care.slug, param="projekt", value=self.project.slug)
        params = {"tema": self.care.slug, "rok": str(self.both.published_at.year)}
        self.assertIn("Hnízdo inovací (1)", self.facets(**params)[0])

    def test_a_type_filter_reads_the_tallies_of_the_type_it_keeps(self):
        self.raise_tally(by=39, filter_param="", param="projekt", value=self.project.slug)
        html = self.page(typ="aktuality")
        self.assertIn("Hnízdo inovací (40)", options(html, "projekt"))  # the report not added
        self.assertEqual(
            options(html, "typ"), {"Aktuality a zprávy z akcí (2)", "Zprávy za období (1)"}
        )

    def test_every_single_filter_shows_what_counting_shows(self):
        for client in (self.client, self.staff_client()):
            every_filter_shows_what_counting_shows(self, client, self.index.url)

    def staff_client(self):
        client = self.client_class()
        client.force_login(self.staff_reader)
        return client

    def test_a_filtered_listing_counts_an_item_with_two_projects_once_per_kraj(self):
        params = {"typ": "aktuality", "rok": str(self.both.published_at.year)}
        self.assertIn("Pardubický kraj (1)", options(self.page(**params), "kraj"))
        self.assertIn("Pardubický kraj (1)", self.facets(tema=self.care.slug)[1])

    def test_staff_counts_include_the_staff_only_report(self):
        projects, kraje = self.facets(self.staff_client())
        self.assertIn("Kraj Vysočina (2)", kraje)
        self.assertEqual(projects, {"Hnízdo inovací (2)", "Sousední projekt (1)"})  # public ones

    def test_a_change_is_counted_again_until_the_refresh_after_its_commit(self):
        ListingTally.objects.filter(value=self.project.slug).update(number=40)
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
        ListingTally.objects.filter(param=COMPLETE).delete()
        ListingTally.objects.update(number=99)
        self.assertIn("Hnízdo inovací (2)", self.facets()[0])


def suggested(html, param):
    """The typed filter's value and its offered choices, in order: [label: count]."""
    field = re.search(rf'<input type="search" id="filtr-{param}"[^>]*value="([^"]*)"', html)
    offered = re.findall(
        r'<option value="([^"]+)">(\d+)</option>',
        re.search(rf'<datalist id="filtr-{param}-volby">.*?</datalist>', html, re.S).group(0),
    )
    return field.group(1), [f"{label}: {count}" for label, count in offered]


@mock.patch("portal.projects.facets.MAX_LISTED_CHOICES", 2)
@mock.patch.object(ProjectFacet, "tally_most", 3)
class MostFrequentProjectsTests(TestCase):
    """Past a number of projects the project filter becomes a typed field offering the most
    frequent ones: only those are read of the tallies, summed over news and reports in
    SQL, and it offers what counting offers (two offered here instead of 30)."""

    @classmethod
    def setUpTestData(cls):
        cls.index = NewsIndexPageFactory()
        cls.topic = TopicFactory(name="Sanace rodiny")
        # Items: Alfa 3 (news and a report), Beta and Gama 2 each (a tie), Delta and Epsilon 1.
        for title, news, reports in (
            ("Alfa", 2, 1),
            ("Beta", 2, 0),
            ("Gama", 0, 2),
            ("Delta", 1, 0),
            ("Epsilon", 0, 1),
        ):
            project = ProjectPageFactory(title=f"Projekt {title}", slug=title.lower())
            for number in range(news):
                item = NewsPageFactory(title=f"{title} {number}", topics=[cls.topic])
                item.related_projects.add(project)
                item.save()
            for number in range(reports):
                PeriodReportPageFactory(parent=project, title=f"Zpráva {title} {number}")

    def setUp(self):
        refresh_listing_tallies()
        self.addCleanup(cache.clear)

    def offered(self, pending=False, **params):
        if pending:
            ListingTallyChange.objects.create()  # a change not counted yet: counting
        cache.clear()
        html = self.client.get(self.index.url, params).content.decode()
        ListingTallyChange.objects.all().delete()
        return suggested(html, "projekt")

    def test_the_most_frequent_projects_are_offered_as_counting_offers_them(self):
        self.assertEqual(self.offered(), ("", ["Projekt Alfa: 3", "Projekt Beta: 2"]))
        for params in ({}, {"projekt": "epsilon"}, {"tema": self.topic.slug}, {"typ": "zpravy"}):
            with self.subTest(**params):
                self.assertEqual(self.offered(**params), self.offered(pending=True, **params))
        # A chosen project outside the most frequent still shows its name.
        self.assertEqual(self.offered(projekt="epsilon")[0], "Projekt Epsilon")
        self.assertEqual(self.offered(typ="zpravy"), ("", ["Projekt Gama: 2", "Projekt Alfa: 1"]))


class ToolListingTallyTests(TestCase):
    """The tool listing's own facets keep tallies too: target groups, the kraje of the
    project and of the validation steps, the kraje where a tool is used."""

    @classmethod
    def setUpTestData(cls):
        cls.index = ToolIndexPageFactory()
        pardubice, vysocina = RegionFactory(slug="pardubicky"), RegionFactory(slug="vysocina")
        jihlava = MunicipalityFactory(name="Jihlava", region=vysocina)
        project = ProjectPageFactory(title="Hnízdo inovací")
        project.regions.add(pardubice)
        project.save_revision().publish()
        cls.children = children = TargetGroupFactory(name="Děti")
        parents = TargetGroupFactory(name="Rodiče")
        topic = TopicFactory(name="Sanace rodiny")
        first = ToolPageFactory(
            title="Mapa sítě", source_project=project, topics=[topic],
            stages=[(ValidationStage.PROTOTYPE, datetime.date(2023, 3, 1), jihlava)],
        )  # fmt: skip
        first.target_groups.add(children, parents)
        first.save_revision().publish()
        second = ToolPageFactory(title="Rodinná konference", source_project=project)
        second.target_groups.add(children)
        second.save_revision().publish()
        ToolPageFactory(title="Kontrolní seznam", topics=[topic])
        Adoption.objects.create(page=second, municipality=jihlava)

    def setUp(self):
        refresh_listing_tallies()
        self.addCleanup(cache.clear)

    def test_every_single_filter_shows_what_counting_shows(self):
        every_filter_shows_what_counting_shows(self, self.client, self.index.url)
        cache.clear()
        html = self.client.get(self.index.url, {"skupina": self.children.slug}).content.decode()
        # Both tools by their project's kraj; one by the place of its validation step too.
        self.assertEqual(options(html, "kraj"), {"Pardubický kraj (2)", "Kraj Vysočina (1)"})


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
        refresh_listing_tallies()
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

    def test_a_topic_given_to_a_report_and_renamed(self):
        with self.committed():
            topic = TopicFactory(name="Sanace rodiny")
            self.report.topics.add(topic)
            self.report.save_revision().publish()
        self.assertTallied({"Podpora rodin v Telči (1)"}, {"Pardubický kraj (1)"})
        self.assertEqual(self.topics(), {"Sanace rodiny (1)"})
        with self.committed():
            topic.name = "Sanace a podpora rodiny"
            topic.save()
        self.assertTrue(tallies_current())
        self.assertEqual(self.topics(), {"Sanace a podpora rodiny (1)"})

    def topics(self):
        cache.clear()
        return options(self.client.get(self.index.url).content.decode(), "tema")

    def test_a_project_moved_to_another_kraj(self):
        with self.committed():
            self.telc.regions.set([self.vysocina])
            self.telc.save_revision().publish()
        self.assertTallied({"Podpora rodin v Telči (1)"}, {"Kraj Vysočina (1)"})
