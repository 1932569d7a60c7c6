"""Regressions found by the URL fuzz (tests/bench/fuzz_public_urls.py): bad input is never a 500."""

from django.test import TestCase

from news.factories import NewsIndexPageFactory, NewsPageFactory
from portal.core.pagination import PAGE_SIZE


class ListingPageNumberTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = NewsIndexPageFactory()
        for number in range(PAGE_SIZE + 1):
            NewsPageFactory(parent=cls.index, title=f"Aktualita {number}")

    def test_unicode_digits_as_page_number_show_the_first_page(self):
        # "²".isdigit() is true, but int("²") fails: the canonical link must not crash on it.
        for value in ("²", "٣", "１２"):
            with self.subTest(strana=value):
                response = self.client.get(self.index.url, {"strana": value})
                self.assertEqual(response.status_code, 200)
                self.assertContains(
                    response, f'rel="canonical" href="http://localhost{self.index.url}"'
                )
