"""Regressions found by the URL fuzz (tests/bench/fuzz_public_urls.py): bad input is never a 500."""

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

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


class ListingFacetNulTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = NewsIndexPageFactory()
        NewsPageFactory(parent=cls.index, title="Aktualita")

    def test_a_nul_in_a_filter_is_a_czech_400_and_never_reaches_the_database(self):
        # PostgreSQL answers a NUL in a query parameter with an error: that was a 500.
        for param in ("tema", "projekt", "kraj", "typ", "rok"):
            with self.subTest(param=param), CaptureQueriesContext(connection) as queries:
                response = self.client.get(self.index.url, {param: "a\x00b"})
                self.assertEqual(response.status_code, 400)
                self.assertContains(response, "Nulové znaky", status_code=400)
            assert not any("\x00" in query["sql"] for query in queries.captured_queries)
