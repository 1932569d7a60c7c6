"""Listings read who may see a page from the page's own `visibility` column: it must follow
every way a page is published, hidden, restricted or moved, or the news listing would show a
staff-only report to the public or lose a public one."""

import io
import re

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from news.factories import NewsIndexPageFactory, NewsPageFactory, PeriodReportPageFactory
from news.models import NewsPage, PeriodReportPage
from portal.core.access import staff_group
from portal.core.visibility import Visibility, fill_visibility
from portal.projects.factories import ProjectPageFactory
from portal.taxonomy.models import PageTopic, Topic


class ListingVisibilityTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        NewsIndexPageFactory()
        cls.news = NewsPageFactory(title="Aktualita pro všechny")
        cls.open_project = ProjectPageFactory(title="Projekt Telč")
        cls.closed_project = ProjectPageFactory(title="Projekt Jihlava")
        cls.report = PeriodReportPageFactory(parent=cls.closed_project, title="Zpráva z Jihlavy")
        cls.staff_reader = get_user_model().objects.create_user("pracovnice", password="x")
        cls.staff_reader.groups.add(staff_group())

    def setUp(self):
        cache.clear()  # the listing fragment is cached under the content version

    def restrict_to_staff(self, page):
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(staff_group())
        return restriction

    def listed(self, title, client=None):
        cache.clear()
        return title in (client or self.client).get("/aktuality/").content.decode()

    def visibility(self, page):
        return type(page).objects.values_list("visibility", flat=True).get(pk=page.pk)

    def test_published_pages_are_public_and_unpublished_ones_leave_the_listing(self):
        self.assertEqual(self.visibility(self.news), Visibility.PUBLIC)
        self.assertTrue(self.listed("Aktualita pro všechny"))
        self.news.unpublish()
        self.assertEqual(self.visibility(self.news), Visibility.OFFLINE)
        self.assertFalse(self.listed("Aktualita pro všechny"))
        self.news.save_revision().publish()
        self.assertTrue(self.listed("Aktualita pro všechny"))

    def test_a_staff_only_section_hides_its_reports_from_the_public_until_lifted(self):
        restriction = self.restrict_to_staff(self.closed_project)
        self.assertEqual(self.visibility(self.report), Visibility.STAFF)
        self.assertFalse(self.listed("Zpráva z Jihlavy"))
        staff = self.client_class()
        staff.force_login(self.staff_reader)
        self.assertTrue(self.listed("Zpráva z Jihlavy", client=staff))
        restriction.delete()
        self.assertEqual(self.visibility(self.report), Visibility.PUBLIC)
        self.assertTrue(self.listed("Zpráva z Jihlavy"))

    def test_staff_only_reports_are_not_counted_for_the_public(self):
        self.restrict_to_staff(self.closed_project)
        cache.clear()
        response = self.client.get("/aktuality/?typ=zpravy")
        self.assertEqual(response.context["listing"].count, 0)

    def test_a_page_moved_into_or_out_of_a_restricted_section_follows_it(self):
        self.restrict_to_staff(self.closed_project)
        self.report.move(fresh(self.open_project), pos="last-child")
        self.assertEqual(self.visibility(self.report), Visibility.PUBLIC)
        self.assertTrue(self.listed("Zpráva z Jihlavy"))
        fresh(self.open_project).move(fresh(self.closed_project), pos="last-child")
        self.assertEqual(self.visibility(self.report), Visibility.STAFF)
        self.assertFalse(self.listed("Zpráva z Jihlavy"))

    def test_a_page_saved_as_wagtails_own_page_keeps_its_visibility_true(self):
        plain = Page.objects.get(pk=self.news.pk)
        plain.live = False
        plain.save()
        self.assertEqual(self.visibility(self.news), Visibility.OFFLINE)
        self.assertFalse(self.listed("Aktualita pro všechny"))

    def test_a_draft_of_a_live_page_leaves_it_listed(self):
        self.news.title = "Rozpracovaný nový název"
        self.news.save_revision()
        self.assertEqual(self.visibility(self.news), Visibility.PUBLIC)
        self.assertTrue(self.listed("Aktualita pro všechny"))

    def test_privacy_set_in_the_admin_hides_the_section_at_once(self):
        admin = get_user_model().objects.create_superuser("spravce", password="x")
        self.client.force_login(admin)
        url = reverse("wagtailadmin_pages:set_privacy", args=[self.closed_project.pk])
        response = self.client.post(
            url, {"restriction_type": "groups", "groups": [staff_group().pk]}
        )
        self.assertEqual(response.status_code, 200)
        self.client.logout()
        self.assertEqual(self.visibility(self.report), Visibility.STAFF)
        self.assertFalse(self.listed("Zpráva z Jihlavy"))

    def topic_count(self, client=None):
        """The count the /aktuality/ topic filter offers for "Sanace rodiny" (0: not offered)."""
        cache.clear()
        html = (client or self.client).get("/aktuality/").content.decode()
        found = re.search(r'<option value="sanace-rodiny">Sanace rodiny \((\d+)\)</option>', html)
        return int(found[1]) if found else 0

    def file_under_a_topic(self, *pages):
        topic = Topic.objects.create(name="Sanace rodiny", slug="sanace-rodiny")
        for page in pages:
            page.topics.add(topic)
            page.save_revision().publish()

    def test_topic_counts_leave_out_what_the_visitor_may_not_see(self):
        self.file_under_a_topic(self.news, self.report)
        self.assertEqual(self.topic_count(), 2)
        self.restrict_to_staff(self.closed_project)
        self.assertEqual(self.topic_count(), 1)
        staff = self.client_class()
        staff.force_login(self.staff_reader)
        self.assertEqual(self.topic_count(client=staff), 2)
        NewsPage.objects.get(pk=self.news.pk).unpublish()  # as the admin does: a fresh copy
        self.assertEqual(self.topic_count(), 0)
        self.assertEqual(self.topic_count(client=staff), 1)

    def topic_listing(self, client=None):
        """(number of items, {type: count}, {project: count}) of /aktuality/?tema=…"""
        cache.clear()
        response = (client or self.client).get("/aktuality/", {"tema": "sanace-rodiny"})
        listing = response.context["listing"]
        facets = {
            facet.param: {choice.value: choice.count for choice in facet.choices}
            for facet in listing.facets
        }
        return listing.count, facets["typ"], facets["projekt"]

    def test_a_topic_filter_counts_only_what_the_visitor_may_read(self):
        """Filtered by a topic alone, the listing counts the topic's links (their copies of
        their pages' type and visibility), not the pages: a draft and a staff-only report
        filed under the topic must not count for the public."""
        draft = NewsPageFactory(title="Rozepsaná aktualita", live=False)
        for page in (self.news, draft):
            page.related_projects.add(self.open_project)
        self.file_under_a_topic(self.news, self.report)
        draft.topics.add(Topic.objects.get(slug="sanace-rodiny"))
        draft.save()
        self.restrict_to_staff(self.closed_project)
        self.assertEqual(self.topic_listing(), (1, {"aktuality": 1}, {self.open_project.slug: 1}))
        staff = self.client_class()
        staff.force_login(self.staff_reader)
        count, kinds, _projects = self.topic_listing(client=staff)
        self.assertEqual((count, kinds), (2, {"aktuality": 1, "zpravy": 1}))

    def facet_counts(self, client=None):
        """{facet parameter: {value: count}} the unfiltered /aktuality/ offers."""
        cache.clear()
        response = (client or self.client).get("/aktuality/")
        return {
            facet.param: {choice.value: choice.count for choice in facet.choices}
            for facet in response.context["listing"].facets
        }

    def test_project_and_year_counts_leave_out_what_the_visitor_may_not_see(self):
        """Unfiltered, the counts per project and per year are read off link tables and
        indexes of their own: they must still count only what the visitor may read."""
        project = self.open_project
        draft = NewsPageFactory(title="Rozepsaná aktualita", live=False)
        staff_only = NewsPageFactory(title="Aktualita pro pracovníky")
        for page in (self.news, draft, staff_only):
            page.related_projects.add(project)
            page.save()
        self.restrict_to_staff(staff_only)
        year = str(timezone.localtime(self.news.published_at).year)
        public = self.facet_counts()
        self.assertEqual(public["projekt"][project.slug], 1)
        staff = self.client_class()
        staff.force_login(self.staff_reader)
        for_staff = self.facet_counts(client=staff)
        self.assertEqual(for_staff["projekt"][project.slug], 2)
        # The report under the other project may fall in the same year: count the difference.
        self.assertEqual(for_staff["rok"][year] - public["rok"][year], 1)

    def test_report_counts_per_project_leave_out_what_the_visitor_may_not_see(self):
        """Unfiltered, the reports per project are every report of the type less the hidden
        ones: a draft and a staff-only report must not count for the public."""
        project = self.open_project
        PeriodReportPageFactory(parent=project, title="Zpráva z Telče")
        PeriodReportPageFactory(parent=project, title="Rozepsaná zpráva", live=False)
        self.restrict_to_staff(PeriodReportPageFactory(parent=project, title="Interní zpráva"))
        self.assertEqual(self.facet_counts()["projekt"][project.slug], 1)
        staff = self.client_class()
        staff.force_login(self.staff_reader)
        self.assertEqual(self.facet_counts(client=staff)["projekt"][project.slug], 2)

    def test_a_bulk_import_is_set_right_by_the_refresh_command(self):
        self.file_under_a_topic(self.news)
        imported = NewsPageFactory(title="Importovaná aktualita")
        NewsPage.objects.filter(pk=imported.pk).update(visibility=Visibility.OFFLINE)
        topic = Topic.objects.get(slug="sanace-rodiny")
        PageTopic.objects.bulk_create([PageTopic(content_object_id=imported.pk, tag=topic)])
        self.assertFalse(self.listed("Importovaná aktualita"))
        call_command("refresh_visibility", stdout=io.StringIO())
        self.assertTrue(self.listed("Importovaná aktualita"))
        self.assertEqual(self.topic_count(), 2)

    def test_the_migration_fills_the_visibility_of_existing_pages(self):
        self.restrict_to_staff(self.closed_project)
        NewsPage.objects.update(visibility=Visibility.OFFLINE)
        PeriodReportPage.objects.update(visibility=Visibility.OFFLINE)
        fill_visibility("news").code(apps, None)
        self.assertEqual(self.visibility(self.news), Visibility.PUBLIC)
        self.assertEqual(self.visibility(self.report), Visibility.STAFF)


def fresh(page):
    """The page as the tree now stores it (a move changes other pages' paths and counts)."""
    return Page.objects.get(pk=page.pk)
