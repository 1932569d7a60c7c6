"""Where news, period reports and videos may live in the tree."""

from home.models import HomePage
from methodology.models import MethodologyIndexPage
from news.factories import NewsIndexPageFactory, VideoIndexPageFactory
from news.models import NewsIndexPage, NewsPage, PeriodReportPage, VideoIndexPage, VideoPage
from portal.core.models import StandardPage
from portal.core.tests.utils import EditorTestCase
from portal.projects.models import ProjectIndexPage, ProjectPage


class NewsTreeTests(EditorTestCase):
    def test_index_pages_live_only_under_the_home_page(self):
        for index in (NewsIndexPage, VideoIndexPage):
            with self.subTest(index=index.__name__):
                self.assertAllowedParentPageTypes(index, {HomePage})
                self.assertCanNotCreateAt(StandardPage, index)

    def test_news_lives_under_the_news_index_or_its_project(self):
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage, ProjectPage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedSubpageTypes(NewsPage, set())

    def test_period_report_lives_only_under_a_project(self):
        self.assertAllowedParentPageTypes(PeriodReportPage, {ProjectPage})
        for parent in (NewsIndexPage, HomePage, ProjectIndexPage, StandardPage):
            with self.subTest(parent=parent.__name__):
                self.assertCanNotCreateAt(parent, PeriodReportPage)
        self.assertAllowedSubpageTypes(PeriodReportPage, set())

    def test_video_lives_under_the_video_index_or_its_project(self):
        self.assertAllowedParentPageTypes(VideoPage, {VideoIndexPage, ProjectPage})
        self.assertAllowedSubpageTypes(VideoIndexPage, {VideoPage})
        self.assertCanNotCreateAt(MethodologyIndexPage, VideoPage)

    def test_a_second_news_or_video_index_cannot_be_created(self):
        for factory, model in (
            (NewsIndexPageFactory, NewsIndexPage),
            (VideoIndexPageFactory, VideoIndexPage),
        ):
            with self.subTest(index=model.__name__):
                factory()
                self.assertSecondIndexRefused(model)
