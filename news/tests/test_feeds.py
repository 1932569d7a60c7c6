"""The news feeds: the newest items of news and period reports together, newest first."""

import datetime
from xml.etree import ElementTree

from django.test import TestCase
from django.utils import timezone

from news.factories import NewsIndexPageFactory, NewsPageFactory, PeriodReportPageFactory
from news.feeds import FEED_SIZE
from portal.projects.factories import ProjectIndexPageFactory, ProjectPageFactory

START = datetime.date(2024, 1, 1)


class NewsFeedOrderTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        NewsIndexPageFactory()
        ProjectIndexPageFactory()
        project = ProjectPageFactory(title="Projekt se zprávami")
        # News on even days (9:00), reports ending on odd days (dated at noon): more of both
        # than a feed shows, so the feed must take the newest of each and merge them.
        cls.moments = {}
        for number in range(FEED_SIZE):
            day = START + datetime.timedelta(days=2 * number)
            moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
            news = NewsPageFactory(title=f"Aktualita ze dne {day}", published_at=moment)
            cls.moments[news.title] = moment
            end = day + datetime.timedelta(days=1)
            report = PeriodReportPageFactory(
                parent=project,
                title=f"Zpráva do {end}",
                period_start=end - datetime.timedelta(days=30),
                period_end=end,
            )
            cls.moments[report.title] = report.date_published

    def titles(self, path):
        feed = ElementTree.fromstring(self.client.get(path).content)
        return [item.findtext("title") for item in feed.iter("item")]

    def test_the_news_feed_shows_the_newest_of_news_and_reports_newest_first(self):
        newest = sorted(self.moments, key=self.moments.get, reverse=True)[:FEED_SIZE]
        self.assertEqual(self.titles("/rss/aktuality/"), newest)
        self.assertIn("Zpráva do", newest[0])
        self.assertIn("Aktualita", newest[1])

    def test_the_report_feed_shows_only_reports_newest_first(self):
        reports = [title for title in self.moments if title.startswith("Zpráva")]
        newest = sorted(reports, key=self.moments.get, reverse=True)
        self.assertEqual(self.titles("/rss/zpravy/"), newest[:FEED_SIZE])
