"""Where methodologies and tools may live in the tree."""

from home.models import HomePage
from methodology.factories import MethodologyIndexPageFactory, ToolIndexPageFactory
from methodology.models import MethodologyIndexPage, MethodologyPage, ToolIndexPage, ToolPage
from news.models import NewsIndexPage
from portal.core.models import StandardPage
from portal.core.tests.utils import EditorTestCase
from portal.projects.models import ProjectPage


class MethodologyTreeTests(EditorTestCase):
    def test_index_pages_live_only_under_the_home_page(self):
        for index in (MethodologyIndexPage, ToolIndexPage):
            with self.subTest(index=index.__name__):
                self.assertAllowedParentPageTypes(index, {HomePage})
                self.assertCanNotCreateAt(StandardPage, index)

    def test_methodology_lives_under_the_methodology_index_or_its_project(self):
        self.assertAllowedParentPageTypes(MethodologyPage, {MethodologyIndexPage, ProjectPage})
        self.assertAllowedSubpageTypes(MethodologyIndexPage, {MethodologyPage})
        self.assertCanNotCreateAt(ToolIndexPage, MethodologyPage)
        self.assertCanNotCreateAt(NewsIndexPage, MethodologyPage)

    def test_tool_lives_under_the_tool_index_or_its_project(self):
        self.assertAllowedParentPageTypes(ToolPage, {ToolIndexPage, ProjectPage})
        self.assertAllowedSubpageTypes(ToolIndexPage, {ToolPage})
        self.assertCanNotCreateAt(MethodologyIndexPage, ToolPage)

    def test_a_second_methodology_or_tool_index_cannot_be_created(self):
        for factory, model in (
            (MethodologyIndexPageFactory, MethodologyIndexPage),
            (ToolIndexPageFactory, ToolIndexPage),
        ):
            with self.subTest(index=model.__name__):
                factory()
                self.assertSecondIndexRefused(model)
