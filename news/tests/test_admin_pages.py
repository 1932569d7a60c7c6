"""Editors create news, event reports, period reports and videos in the admin."""

import datetime

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from news.factories import NewsCategoryFactory, NewsIndexPageFactory, VideoIndexPageFactory
from news.models import NewsIndexPage, NewsPage, PeriodReportPage, VideoIndexPage, VideoPage
from portal.core.factories import PortalDocumentFactory, home_page, text_document
from portal.core.tests.utils import EditorTestCase
from portal.projects.factories import ProjectPageFactory
from portal.taxonomy.factories import MunicipalityFactory, PersonFactory, RegionFactory


def news_form(title, slug, **overrides):
    data = {
        "title": title,
        "slug": slug,
        "summary": "",
        "published_at": "2022-08-23 10:00",
        "body": streamfield([]),
        "event_venue": "",
        "event_topics": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def period_report_form(title, slug, **overrides):
    data = {
        "title": title,
        "slug": slug,
        "summary": "",
        "period_number": "1",
        "period_start": "2020-09-01",
        "period_end": "2021-02-28",
        "prepared_by": "odborný tým projektu",
        "body": streamfield([]),
        "figures": inline_formset([]),
        "documents": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def video_form(title, slug, **overrides):
    data = {
        "title": title,
        "slug": slug,
        "summary": "",
        "embed_url": "",
        "transcript": rich_text("<p>Rodiče mluví o tom, co dítěti pomáhá.</p>"),
        "audience": "rodiče",
    }
    data.update(overrides)
    return nested_form_data(data)


class IndexPagesAdminTests(EditorTestCase):
    def test_editor_creates_the_news_and_video_indexes(self):
        news = self.create_via_admin(
            home_page(),
            NewsIndexPage,
            nested_form_data({"title": "Aktuality", "slug": "aktuality", "summary": ""}),
        )
        self.assertRendersOnSite(news, "Aktuality")
        videos = self.create_via_admin(
            home_page(),
            VideoIndexPage,
            nested_form_data(
                {
                    "title": "Videa",
                    "slug": "videa",
                    "summary": "",
                    "intro": rich_text("<p>Edukační spoty pro rodiče.</p>"),
                }
            ),
        )
        self.assertRendersOnSite(videos, "Videa", "Edukační spoty pro rodiče.")


class NewsAdminTests(EditorTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.index = NewsIndexPageFactory()
        cls.research = NewsCategoryFactory(name="Výzkum")
        cls.author = PersonFactory(name="Petr Svoboda", role="vedoucí odboru")
        cls.slapanice = MunicipalityFactory(
            name="Šlapanice", region=RegionFactory(slug="jihomoravsky")
        )

    def test_editor_publishes_a_news_item_with_a_category(self):
        page = self.create_via_admin(
            self.index,
            NewsPage,
            news_form(
                "Model sítě služeb",
                "model-site-sluzeb",
                category=str(self.research.pk),
                author=str(self.author.pk),
                body=streamfield([("paragraph", rich_text("<p>Výsledky výzkumu pro MPSV.</p>"))]),
            ),
        )
        self.assertEqual(page.category, self.research)
        self.assertEqual(page.published_at.date(), datetime.date(2022, 8, 23))
        self.assertFalse(page.is_event_report)
        self.assertRendersOnSite(
            page, "Model sítě služeb", "Výzkum", "Výsledky výzkumu pro MPSV.", "Petr Svoboda"
        )

    def test_editor_publishes_an_event_report(self):
        page = self.create_via_admin(
            self.index,
            NewsPage,
            news_form(
                "Kulatý stůl k sanaci rodiny",
                "kulaty-stul",
                event_date="2018-06-15",
                event_venue="Zámek Šlapanice",
                event_municipality=str(self.slapanice.pk),
                participant_count="40",
                event_topics=inline_formset(
                    [{"name": "Sanace rodiny"}, {"name": "Spolupráce se soudy"}]
                ),
            ),
        )
        self.assertTrue(page.is_event_report)
        self.assertEqual(page.participant_count, 40)
        self.assertEqual(
            [topic.name for topic in page.event_topics.all()],
            ["Sanace rodiny", "Spolupráce se soudy"],
        )
        self.assertRendersOnSite(
            page, "Kulatý stůl k sanaci rodiny", "40", "Šlapanice", "Sanace rodiny"
        )

    def test_participants_without_an_event_date_are_refused(self):
        response = self.post_add_form(
            self.index,
            NewsPage,
            news_form("Akce bez data", "akce-bez-data", participant_count="40"),
        )
        self.assertRefused(response, NewsPage, "U zprávy z akce vyplňte datum akce.")
        self.assertFalse(NewsPage.objects.filter(slug="akce-bez-data").exists())


class PeriodReportAdminTests(EditorTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.project = ProjectPageFactory(title="Kolizní opatrovnictví Jihlava a Telč")

    def test_editor_adds_a_period_report_under_a_project(self):
        page = self.create_via_admin(
            self.project,
            PeriodReportPage,
            period_report_form(
                "Zpráva za 1. období",
                "zprava-1",
                figures=inline_formset(
                    [{"value": "32", "unit": "hodin", "label": "vzdělávání pracovníků"}]
                ),
                body=streamfield([("paragraph", rich_text("<p>Proběhly kulaté stoly.</p>"))]),
            ),
        )
        self.assertEqual(page.get_parent().pk, self.project.pk)
        self.assertEqual(page.project, self.project)
        self.assertEqual(page.figures.get().value, 32)
        self.assertRendersOnSite(
            page,
            "Zpráva za 1. období",
            "32",
            "hodin",
            "vzdělávání pracovníků",
            "odborný tým projektu",
        )
        project_html = self.client.get(self.project.url)
        self.assertContains(project_html, "Zpráva za 1. období")

    def test_a_period_ending_before_it_starts_is_refused(self):
        response = self.post_add_form(
            self.project,
            PeriodReportPage,
            period_report_form(
                "Obrácené období",
                "obracene-obdobi",
                period_start="2021-03-01",
                period_end="2020-09-01",
            ),
        )
        self.assertRefused(response, PeriodReportPage, "Konec období musí být po jeho začátku.")
        self.assertFalse(PeriodReportPage.objects.filter(slug="obracene-obdobi").exists())


class VideoAdminTests(EditorTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.index = VideoIndexPageFactory()
        cls.telc = MunicipalityFactory(name="Telč", region=RegionFactory(slug="vysocina"))
        cls.video_file = PortalDocumentFactory(title="SPOT TELČ (MP4)")
        cls.captions = text_document(
            "SPOT TELČ titulky",
            "spot-telc.vtt",
            "WEBVTT\n\n00:00.000 --> 00:04.000\nDítě potřebuje oba rodiče.\n",
        )

    def test_editor_publishes_an_uploaded_spot_with_captions(self):
        page = self.create_via_admin(
            self.index,
            VideoPage,
            video_form(
                "SPOT TELČ",
                "spot-telc",
                video_file=str(self.video_file.pk),
                captions=str(self.captions.pk),
                duration_seconds="95",
                municipality=str(self.telc.pk),
            ),
        )
        self.assertEqual(page.video_file, self.video_file)
        self.assertEqual(page.duration_display, "1:35")
        self.assertRendersOnSite(page, "SPOT TELČ", "Rodiče mluví o tom, co dítěti pomáhá.")

    def test_editor_publishes_a_spot_hosted_elsewhere(self):
        url = "https://www.youtube.com/watch?v=abcdefghijk"
        page = self.create_via_admin(
            self.index, VideoPage, video_form("SPOT JIHLAVA", "spot-jihlava", embed_url=url)
        )
        self.assertEqual(page.embed_url, url)
        self.assertIsNone(page.video_file)
        response = self.assertRendersOnSite(page, "SPOT JIHLAVA", "Rodiče mluví o tom")
        self.assertContains(response, url)

    def test_both_a_file_and_an_embed_are_refused(self):
        response = self.post_add_form(
            self.index,
            VideoPage,
            video_form(
                "SPOT JIHLAVA",
                "spot-jihlava",
                video_file=str(self.video_file.pk),
                embed_url="https://www.youtube.com/watch?v=abcdefghijk",
            ),
        )
        self.assertRefused(response, VideoPage, "Vyberte buď nahraný soubor, nebo adresu videa")
        self.assertFalse(VideoPage.objects.filter(slug="spot-jihlava").exists())
