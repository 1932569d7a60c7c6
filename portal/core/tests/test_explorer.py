"""The admin explorer of a large section: a page of rows at a time, and no "sort menu order"
mode that would render every one of its thousands of children."""

from unittest import mock

from django.urls import reverse

from news.factories import NewsIndexPageFactory, NewsPageFactory
from portal.core.tests.utils import EditorTestCase

DRAG_HANDLE = 'data-w-orderable-target="item"'


class ExplorerTests(EditorTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.index = NewsIndexPageFactory()
        for number in range(3):
            NewsPageFactory(parent=cls.index, title=f"Aktualita {number}")

    def explore(self, query=""):
        return self.client.get(reverse("wagtailadmin_explore", args=[self.index.pk]) + query)

    def reorder_url(self):
        return reverse("wagtailadmin_explore", args=[self.index.pk]) + "?ordering=ord"

    def test_a_small_section_can_be_reordered_by_dragging(self):
        response = self.explore("?ordering=ord")
        self.assertEqual(response.content.decode().count(DRAG_HANDLE), 3)
        self.assertNotContains(response, "Pořadí v menu lze")

    @mock.patch("portal.core.explorer.REORDER_LIMIT", 2)
    def test_a_section_too_large_to_drag_is_listed_a_page_at_a_time_with_a_reason(self):
        response = self.explore("?ordering=ord")
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, DRAG_HANDLE)
        self.assertContains(response, "Pořadí v menu lze přetahováním měnit jen v sekcích")
        self.assertContains(response, "Aktualita 2")
        self.assertNotContains(self.explore(), self.reorder_url())  # nor is it offered

    def test_a_small_section_offers_to_sort_its_menu_order(self):
        self.assertContains(self.explore(), self.reorder_url())

    def test_the_explorer_lists_25_pages_at_a_time(self):
        for number in range(3, 26):
            NewsPageFactory(parent=self.index, title=f"Aktualita {number}")
        first, second = self.explore(), self.explore("?p=2")
        self.assertEqual(len(first.context["object_list"]), 25)
        self.assertEqual(len(second.context["object_list"]), 1)
