"""Pages created by a script or an import carry no publication dates: every public view that
lists or dates pages still answers (no 500), and lists them."""

from django.test import TestCase
from django.utils import timezone

from home.models import HomePage
from methodology.factories import MethodologyIndexPageFactory, ToolPageFactory
from news.factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    PeriodReportPageFactory,
    VideoIndexPageFactory,
    VideoPageFactory,
)
from portal.projects.factories import ProjectIndexPageFactory, ProjectPageFactory
from portal.taxonomy.factories import TopicFactory


class UndatedPagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        HomePage.objects.get()
        for factory in (
            NewsIndexPageFactory,
            VideoIndexPageFactory,
            MethodologyIndexPageFactory,
            ProjectIndexPageFactory,
        ):
            factory()
        cls.topic = TopicFactory(name="Dovezený obsah")
        # Saved live without ever being published, as an import script saves them.
        undated = {"first_published_at": None, "last_published_at": None, "topics": [cls.topic]}
        project = ProjectPageFactory(
            title="Dovezený projekt", start_date=None, end_date=None, **undated
        )
        cls.pages = [
            NewsPageFactory(title="Dovezená aktualita", **undated),
            PeriodReportPageFactory(parent=project, title="Dovezená zpráva", **undated),
            VideoPageFactory(title="Dovezené video", **undated),
            ToolPageFactory(title="Dovezený nástroj", **undated),
            NewsPageFactory(title="Datovaná aktualita", topics=[cls.topic]),
            project,
        ]

    def test_feeds_list_undated_pages_last(self):
        for path in (
            "/rss/aktuality/",
            "/atom/aktuality/",
            "/rss/zpravy/",
            f"/rss/temata/{self.topic.slug}/",
            f"/atom/temata/{self.topic.slug}/",
        ):
            with self.subTest(path=path):
                response = self.client.get(path)
                self.assertEqual(response.status_code, 200)
        topic_feed = self.client.get(f"/rss/temata/{self.topic.slug}/").content.decode()
        self.assertIn("Dovezené video", topic_feed)
        self.assertLess(topic_feed.index("Datovaná aktualita"), topic_feed.index("Dovezené video"))

    def test_listings_home_topics_and_sitemap_show_undated_pages(self):
        year = str(timezone.localdate().year)  # the portal's year, as its listings count
        cases = {
            "/": "Dovezené video",
            "/videa/": "Dovezené video",
            f"/videa/?rok={year}": "Filtrům nic neodpovídá.",
            "/projekty/": "Dovezený projekt",
            f"/aktuality/?tema={self.topic.slug}": "Dovezená zpráva",
            f"/temata/{self.topic.slug}/": "Dovezený nástroj",
            "/temata/": "Dovezený obsah",
            "/sitemap-stranky.xml": self.pages[2].url,
        }
        for path, text in cases.items():
            with self.subTest(path=path):
                self.assertContains(self.client.get(path), text)
