"""Editors name a news item's projects by title: the form never lists every project."""

from django.urls import reverse

from news.factories import NewsIndexPageFactory, NewsPageFactory
from news.models import NewsPage
from news.tests.test_admin_pages import news_form
from portal.core.tests.utils import EditorTestCase
from portal.projects.factories import ProjectPageFactory


class RelatedProjectsFieldTests(EditorTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.index = NewsIndexPageFactory()
        cls.telc = ProjectPageFactory(title="Podpora rodin v Telči")
        cls.jihlava = ProjectPageFactory(title="Síť služeb Jihlava")
        for number in range(40):
            ProjectPageFactory(title=f"Jiný projekt {number}")

    def test_the_edit_form_shows_the_chosen_projects_only(self):
        news = NewsPageFactory(parent=self.index, title="Kulatý stůl")
        news.related_projects.add(self.telc)
        news.save_revision().publish()
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[news.pk]))
        self.assertContains(response, "Podpora rodin v Telči</textarea>")
        self.assertNotContains(response, "Jiný projekt 7")

    def test_projects_typed_by_title_in_any_case_are_saved(self):
        page = self.create_via_admin(
            self.index,
            NewsPage,
            news_form(
                "Setkání týmů",
                "setkani-tymu",
                related_projects="podpora rodin v telci\nSíť služeb Jihlava",
            ),
        )
        self.assertEqual(set(page.related_projects.all()), {self.telc, self.jihlava})

    def test_an_unknown_title_is_refused_by_name(self):
        response = self.post_add_form(
            self.index,
            NewsPage,
            news_form("Setkání", "setkani", related_projects="Neexistující projekt"),
        )
        self.assertRefused(response, NewsPage, "Neexistující projekt")
        self.assertFalse(NewsPage.objects.filter(slug="setkani").exists())
