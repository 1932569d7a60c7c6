"""Crafted admin form posts get a 400 with a Czech message, never a 500; nothing is saved."""

from django.test import TestCase
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from portal.core.factories import StandardPageFactory, home_page


def standard_page_form(**overrides):
    data = nested_form_data(
        {
            "title": "O portálu",
            "slug": "o-portalu",
            "summary": "",
            "body": streamfield([]),
            "comments": inline_formset([]),
        }
    )
    data.update(overrides)
    return data


class BadAdminInputTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        from django.contrib.auth import get_user_model

        cls.admin = get_user_model().objects.create_superuser("admin", password="x")
        cls.page = StandardPageFactory(parent=home_page(), title="O portálu", slug="o-portalu")

    def setUp(self):
        self.client.force_login(self.admin)

    def post_edit(self, data):
        return self.client.post(reverse("wagtailadmin_pages:edit", args=[self.page.pk]), data)

    def assertBadRequest(self, response):
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Formulář přišel neúplný nebo poškozený", status_code=400)
        self.page.refresh_from_db()
        self.assertEqual(self.page.title, "O portálu")

    def test_a_missing_stream_count(self):
        data = standard_page_form(title="Změněno")
        del data["body-count"]
        self.assertBadRequest(self.post_edit(data))

    def test_a_non_numeric_chooser_id(self):
        self.assertBadRequest(self.post_edit(standard_page_form(title="Z", listing_image="abc")))

    def test_a_non_numeric_document_in_a_stream_block(self):
        data = standard_page_form(title="Změněno")
        data.update(
            {
                "body-count": "1",
                "body-0-type": "documents",
                "body-0-deleted": "",
                "body-0-order": "0",
                "body-0-id": "",
                "body-0-value-heading": "",
                "body-0-value-documents-count": "1",
                "body-0-value-documents-0-value": "abc",
                "body-0-value-documents-0-deleted": "",
                "body-0-value-documents-0-order": "0",
                "body-0-value-documents-0-id": "",
            }
        )
        self.assertBadRequest(self.post_edit(data))
