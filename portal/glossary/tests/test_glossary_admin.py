"""Editors manage the glossary in the admin; a published term is defined in page texts."""

from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import nested_form_data, rich_text

from portal.core.factories import StandardPageFactory, home_page
from portal.core.tests.utils import EditorTestCase
from portal.glossary.models import GlossaryPage, GlossaryTermPage


class GlossaryAdminTests(EditorTestCase):
    def test_editor_creates_the_glossary_and_a_term_that_texts_then_define(self):
        glossary = self.create_via_admin(
            home_page(),
            GlossaryPage,
            nested_form_data(
                {"title": "Slovník pojmů", "slug": "slovnik", "summary": "", "intro": rich_text("")}
            ),
        )
        term = self.create_via_admin(
            glossary,
            GlossaryTermPage,
            nested_form_data(
                {
                    "title": "intervize",
                    "slug": "intervize",
                    "definition": "Rozbor případu mezi kolegy bez vnějšího supervizora.",
                    "forms": "intervizi\nintervizí",
                }
            ),
        )
        self.assertEqual(term.form_list(), ["intervize", "intervizi", "intervizí"])
        listing = self.assertRendersOnSite(glossary, 'id="intervize"', "Také: intervizi, intervizí")
        self.assertContains(listing, "Rozbor případu mezi kolegy")

        page = StandardPageFactory(title="Porady")
        page.body = [("paragraph", RichText("<p>Po intervizí se tým domluví.</p>"))]
        page.save_revision().publish()
        response = self.client.get(page.url)
        self.assertContains(response, 'popovertarget="pojem-intervize">intervizí<')
        self.assertContains(response, "Rozbor případu mezi kolegy bez vnějšího supervizora.")

    def test_a_term_without_a_definition_is_refused(self):
        glossary = self.create_via_admin(
            home_page(),
            GlossaryPage,
            nested_form_data(
                {"title": "Slovník pojmů", "slug": "slovnik", "summary": "", "intro": rich_text("")}
            ),
        )
        response = self.post_add_form(
            glossary,
            GlossaryTermPage,
            nested_form_data({"title": "SAS", "slug": "sas", "definition": "", "forms": ""}),
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(GlossaryTermPage.objects.exists())
