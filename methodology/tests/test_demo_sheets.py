"""Every demo methodology and tool: its sheet is one A4 page with its title, summary and the
date of the page it was made from; its page with the sheet link and the comparison form
stays within the query budget."""

import io

from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from methodology.models import MethodologyPage, ToolPage
from methodology.record_rows import summary_of
from portal.core.templatetags.portal_tags import czech_date
from portal.demo.testing import DemoPortalTestCase

BUDGET_QUERIES = 15


def words(text):
    return " ".join(text.replace("\xa0", " ").split())


class DemoSheetTests(DemoPortalTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.reader = User.objects.create_superuser("ctenar-karet", password="x")

    def setUp(self):
        # Staff-only demo methodologies have sheets too: read every one as a superuser.
        self.client.force_login(self.reader)

    def demo_pages(self):
        pages = [*MethodologyPage.objects.live(), *ToolPage.objects.live()]
        self.assertGreaterEqual(len(pages), 2)
        return pages

    def test_every_sheet_is_one_a4_page_with_title_summary_and_date(self):
        for page in self.demo_pages():
            with self.subTest(page=page.url):
                response = self.client.get(page.url + "karta.pdf")
                self.assertEqual(response.status_code, 200)
                reader = PdfReader(io.BytesIO(response.content))
                self.assertEqual(len(reader.pages), 1)
                box = reader.pages[0].mediabox
                self.assertEqual((round(float(box.width)), round(float(box.height))), (595, 842))
                text = words(reader.pages[0].extract_text())
                self.assertIn(words(page.title), text)
                self.assertIn(words(summary_of(page)), text)
                self.assertIn(words(czech_date(page.last_published_at)), text)

    def test_detail_pages_stay_within_the_query_budget(self):
        self.client.logout()
        for page in self.demo_pages():
            if page.get_view_restrictions():
                continue
            with self.subTest(page=page.url):
                self.client.get(page.url)  # the caches of a first request are not the page's
                with CaptureQueriesContext(connection) as queries:
                    response = self.client.get(page.url)
                self.assertEqual(response.status_code, 200)
                self.assertLessEqual(len(queries), BUDGET_QUERIES)
