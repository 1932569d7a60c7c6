"""The news and video listings: complete, paginated, and at a fixed number of queries."""

import datetime

from django.test import TestCase
from django.utils import timezone

from news.factories import (
    NewsCategoryFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PeriodReportPageFactory,
    VideoIndexPageFactory,
    VideoPageFactory,
)
from portal.core.factories import PortalImageFactory
from portal.core.pagination import PAGE_SIZE
from portal.core.tests.utils import ListingQueriesMixin
from portal.projects.factories import ProjectPageFactory
from portal.taxonomy.factories import MunicipalityFactory, PersonFactory, TopicFactory


def aware(*args):
    return timezone.make_aware(datetime.datetime(*args))


class NewsListingTests(ListingQueriesMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = NewsIndexPageFactory()
        cls.topic = TopicFactory(name="Sanace rodiny")

    def add_news(self, count):
        for _ in range(count):
            NewsPageFactory(
                category=NewsCategoryFactory(name="Výzkum"),
                author=PersonFactory(),
                listing_image=PortalImageFactory(),
                topics=[self.topic],
            )

    def test_queries_do_not_grow_with_the_number_of_news(self):
        response = self.assertQueriesDoNotGrow(self.index.url, self.add_news)
        self.assertEqual(len(response.context["news_page"]), 12)
        self.assertContains(response, "Výzkum")

    def test_newest_news_first_and_bad_page_numbers_show_the_nearest_page(self):
        start = timezone.make_aware(datetime.datetime(2022, 1, 1, 9))
        NewsPageFactory(title="Nejstarší zpráva", published_at=start)
        for day in range(1, PAGE_SIZE):
            NewsPageFactory(published_at=start + datetime.timedelta(days=day))
        NewsPageFactory(title="Nejnovější zpráva", published_at=start + datetime.timedelta(days=99))
        NewsPageFactory(title="Koncept zprávy", live=False, published_at=start)
        response = self.client.get(self.index.url)
        self.assertEqual(response.context["news_page"][0].title, "Nejnovější zpráva")
        self.assertNotContains(response, "Koncept zprávy")
        self.assertOutOfRangePagesAreShown(self.index.url, "Nejnovější zpráva", "Nejstarší zpráva")

    def test_news_and_reports_interleave_by_date_across_pages(self):
        """A report counts from its period's last day; news of that day come before it."""
        project = ProjectPageFactory()
        expected = []
        for day in range(10, 0, -1):
            NewsPageFactory(title=f"Zpráva z {day}. března", published_at=aware(2022, 3, day, 9))
            PeriodReportPageFactory(
                parent=project,
                title=f"Období do {day}. března",
                period_start=datetime.date(2022, 1, 1),
                period_end=datetime.date(2022, 3, day),
            )
            expected += [f"Zpráva z {day}. března", f"Období do {day}. března"]
        NewsPageFactory(title="Dvě zprávy téhož dne A", published_at=aware(2022, 2, 1, 9))
        NewsPageFactory(title="Dvě zprávy téhož dne B", published_at=aware(2022, 2, 1, 9))
        expected += ["Dvě zprávy téhož dne A", "Dvě zprávy téhož dne B"]
        listed = []
        for number in (1, 2):
            response = self.client.get(self.index.url, {"strana": number})
            listed += [page.title for page in response.context["news_page"]]
        self.assertEqual(listed, expected)

    def test_each_card_links_its_own_topics_whatever_its_type(self):
        reunification = TopicFactory(name="Návrat dítěte domů")
        NewsPageFactory(title="Zpráva o sanaci", topics=[self.topic])
        PeriodReportPageFactory(parent=ProjectPageFactory(), topics=[reunification])
        response = self.client.get(self.index.url)
        for topic in (self.topic, reunification):
            link = f'<a class="tag" href="/temata/{topic.slug}/">{topic.name}</a>'
            self.assertContains(response, link, count=1, html=True)

    def test_a_cards_topics_are_in_czech_alphabetical_order(self):
        names = ["Týrání dítěte", "Šikana", "Sanace rodiny"]
        NewsPageFactory(topics=[TopicFactory(name=name) for name in names])
        response = self.client.get(self.index.url)
        card = response.content.decode().split('class="topics__list"')[1].split("</ul>")[0]
        shown = sorted(names, key=card.index)
        self.assertEqual(shown, ["Sanace rodiny", "Šikana", "Týrání dítěte"])


class VideoListingTests(ListingQueriesMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = VideoIndexPageFactory()
        cls.project = ProjectPageFactory()
        cls.telc = MunicipalityFactory(name="Telč")

    def add_videos(self, count):
        for _ in range(count):
            VideoPageFactory(
                poster=PortalImageFactory(),
                listing_image=PortalImageFactory(),
                municipality=self.telc,
                source_project=self.project,
                topics=[TopicFactory(name="Rozvod a dítě")],
            )

    def test_queries_do_not_grow_with_the_number_of_videos(self):
        response = self.assertQueriesDoNotGrow(self.index.url, self.add_videos)
        self.assertEqual(len(response.context["videos_page"]), 12)

    def test_bad_page_numbers_show_the_nearest_page(self):
        # Listed newest first by first publication.
        VideoPageFactory(title="První spot", first_published_at=aware(2019, 1, 1))
        for month in range(1, PAGE_SIZE):
            VideoPageFactory(first_published_at=aware(2020, month, 1))
        VideoPageFactory(title="Poslední spot", first_published_at=aware(2023, 1, 1))
        self.assertOutOfRangePagesAreShown(self.index.url, "Poslední spot", "První spot")
