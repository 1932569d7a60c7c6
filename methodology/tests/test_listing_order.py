"""The A–Z and newest-first orders of listings come from sort keys each page type stores
(`portal.core.sort_keys`): they must follow every way a title or a first publication changes,
and only the live one, or the tool listing would sort a page under its draft's title."""

import datetime
import io

from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone
from wagtail.models import Page

from methodology.factories import ToolIndexPageFactory, ToolPageFactory
from methodology.models import ToolPage
from news.factories import VideoIndexPageFactory, VideoPageFactory
from portal.core.sort_keys import fill_sort_keys


class ToolOrderTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = ToolIndexPageFactory()
        for title in ("Ekomapa", "Časová osa rodiny", "Genogram", "Cesta dítěte"):
            ToolPageFactory(title=title)

    def titles(self, query=""):
        cache.clear()  # the listing fragment is cached under the content version
        response = self.client.get(self.index.url + query)
        return [page.title for page in response.context["tools_page"]]

    def tool(self, title):
        return ToolPage.objects.get(title=title)

    def test_tools_are_listed_a_to_z_without_regard_to_diacritics_or_case(self):
        ToolPageFactory(title="anamnéza rodiny")
        self.assertEqual(
            self.titles(),
            ["anamnéza rodiny", "Časová osa rodiny", "Cesta dítěte", "Ekomapa", "Genogram"],
        )

    def test_a_draft_title_does_not_move_the_tool_until_it_is_published(self):
        page = self.tool("Ekomapa")
        page.title = "Atlas vztahů"
        revision = page.save_revision()
        self.assertEqual(self.titles()[-2:], ["Ekomapa", "Genogram"])
        revision.publish()
        self.assertEqual(self.titles()[0], "Atlas vztahů")

    def test_a_title_changed_through_wagtails_own_page_moves_the_tool(self):
        plain = Page.objects.get(pk=self.tool("Genogram").pk)
        plain.title = "Analýza sítě"
        plain.save()
        self.assertEqual(self.titles()[0], "Analýza sítě")

    def test_titles_written_around_the_orm_are_sorted_after_the_refresh_command(self):
        Page.objects.filter(title="Genogram").update(title="Analýza sítě")
        self.assertEqual(self.titles()[-1], "Analýza sítě")  # still sorted as "genogram"
        call_command("refresh_visibility", stdout=io.StringIO())
        self.assertEqual(self.titles()[0], "Analýza sítě")

    def test_the_migration_fills_the_keys_of_existing_pages(self):
        ToolPage.objects.update(sort_title="", first_published=None)
        fill_sort_keys("methodology").code(apps, None)
        self.assertEqual(self.tool("Časová osa rodiny").sort_title, "casova osa rodiny")
        self.assertEqual(
            self.titles(), ["Časová osa rodiny", "Cesta dítěte", "Ekomapa", "Genogram"]
        )
        self.assertIsNotNone(self.tool("Ekomapa").first_published)

    def test_the_year_filter_counts_the_first_publication(self):
        last_year = timezone.now() - datetime.timedelta(days=400)
        page = self.tool("Genogram")
        Page.objects.filter(pk=page.pk).update(first_published_at=last_year)
        call_command("refresh_visibility", stdout=io.StringIO())
        self.assertEqual(self.titles(f"?rok={last_year.year}"), ["Genogram"])


class VideoOrderTests(TestCase):
    def test_videos_are_listed_newest_first_and_a_republished_one_keeps_its_place(self):
        index = VideoIndexPageFactory()
        old = VideoPageFactory(title="Starší spot")
        new = VideoPageFactory(title="Novější spot")
        week_ago = timezone.now() - datetime.timedelta(days=7)
        Page.objects.filter(pk=old.pk).update(first_published_at=week_ago)
        call_command("refresh_visibility", stdout=io.StringIO())
        cache.clear()
        titles = [page.title for page in self.client.get(index.url).context["videos_page"]]
        self.assertEqual(titles, ["Novější spot", "Starší spot"])
        old = type(old).objects.get(pk=old.pk)
        old.save_revision().publish()  # a new version, not a new first publication
        cache.clear()
        titles = [page.title for page in self.client.get(index.url).context["videos_page"]]
        self.assertEqual(titles, ["Novější spot", "Starší spot"])
        self.assertEqual(new.first_published_at, type(new).objects.get(pk=new.pk).first_published)

    def test_videos_of_the_same_moment_are_listed_a_to_z(self):
        index = VideoIndexPageFactory()
        moment = timezone.now() - datetime.timedelta(days=1)
        for title in ("Zvládání krize", "adopce krok za krokem", "Čtení s dětmi"):
            video = VideoPageFactory(title=title)
            Page.objects.filter(pk=video.pk).update(first_published_at=moment)
        call_command("refresh_visibility", stdout=io.StringIO())
        cache.clear()
        titles = [page.title for page in self.client.get(index.url).context["videos_page"]]
        self.assertEqual(titles, ["adopce krok za krokem", "Čtení s dětmi", "Zvládání krize"])
