"""Where the portal's own page types may live in the tree."""

from home.models import HomePage
from methodology.models import MethodologyIndexPage, MethodologyPage, ToolIndexPage, ToolPage
from news.models import NewsIndexPage, NewsPage, PeriodReportPage, VideoIndexPage, VideoPage
from portal.core.models import StandardPage
from portal.core.tests.utils import EditorTestCase
from portal.glossary.models import GlossaryPage
from portal.guide.models import CaseGuidePage
from portal.projects.factories import ProjectIndexPageFactory, ProjectPageFactory
from portal.projects.models import ProjectIndexPage, ProjectPage


class ProjectTreeTests(EditorTestCase):
    def test_project_index_lives_only_under_the_home_page(self):
        self.assertAllowedParentPageTypes(ProjectIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ProjectIndexPage, {ProjectPage})

    def test_project_lives_only_under_the_project_index(self):
        self.assertAllowedParentPageTypes(ProjectPage, {ProjectIndexPage})
        for parent in (HomePage, NewsIndexPage, StandardPage, ProjectPage):
            with self.subTest(parent=parent.__name__):
                self.assertCanNotCreateAt(parent, ProjectPage)

    def test_a_project_holds_its_own_outputs(self):
        # Under the project its editors' page permissions cover them (portal.roles).
        self.assertAllowedSubpageTypes(
            ProjectPage, {PeriodReportPage, NewsPage, VideoPage, MethodologyPage, ToolPage}
        )

    def test_standard_page_lives_under_home_and_other_standard_pages(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})
        self.assertCanNotCreateAt(ProjectIndexPage, StandardPage)
        self.assertCanNotCreateAt(NewsIndexPage, StandardPage)

    def test_home_page_offers_the_index_pages_and_standard_pages(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                ProjectIndexPage,
                StandardPage,
                NewsIndexPage,
                VideoIndexPage,
                MethodologyIndexPage,
                ToolIndexPage,
                GlossaryPage,
                CaseGuidePage,
            },
        )
        self.assertCanNotCreateAt(HomePage, NewsPage)
        self.assertCanNotCreateAt(HomePage, PeriodReportPage)

    def test_a_second_project_index_cannot_be_created(self):
        ProjectIndexPageFactory()
        self.assertSecondIndexRefused(ProjectIndexPage)

    def test_project_created_by_factory_sits_under_the_one_index(self):
        first, second = ProjectPageFactory(), ProjectPageFactory()
        self.assertEqual(first.get_parent().pk, second.get_parent().pk)
        self.assertEqual(ProjectIndexPage.objects.count(), 1)
