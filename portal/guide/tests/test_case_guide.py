"""/postup/: the steps of an OSPOD case in order, each with what editors assigned to it."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from methodology.factories import ToolPageFactory
from methodology.models import MethodologyPage, ToolPage
from portal.core.factories import home_page
from portal.core.tests.utils import LISTING_QUERY_LIMIT, EditorTestCase
from portal.demo.testing import DemoPortalTestCase
from portal.guide.models import CaseGuidePage

STEPS = [
    "Oznámení nebo podnět přijat",
    "Posouzení naléhavosti",
    "Vyhodnocení situace dítěte a rodiny",
    "Individuální plán ochrany dítěte",
    "Případová konference",
    "Řízení před soudem",
    "Revize a ukončení případu",
]


class CaseGuideTests(DemoPortalTestCase):
    def html(self):
        response = self.client.get("/postup/")
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def step_sections(self, html):
        parts = re.split(r'<li class="case-step" id="[^"]+">', html)[1:]
        return {re.search(r"<h2>(.*?)</h2>", part).group(1): part for part in parts}

    def test_the_steps_are_listed_in_order_with_their_methodologies_tools_and_videos(self):
        html = self.html()
        self.assertEqual(re.findall(r'<li class="case-step"[^>]*>\s*<h2>(.*?)</h2>', html), STEPS)
        sections = self.step_sections(html)
        tool = ToolPage.objects.get(slug="plan-bezpeci-ditete")
        self.assertIn(f'href="{tool.url}"', sections["Posouzení naléhavosti"])
        self.assertIn("Nástroj nebo prototyp:", sections["Posouzení naléhavosti"])
        court = sections["Řízení před soudem"]
        self.assertIn("Metodika:", court)
        self.assertIn("Kolizní opatrovnictví podle cochemské praxe", court)
        self.assertIn("Video:", court)
        self.assertIn("SPOT JIHLAVA", court)

    def test_staff_only_material_assigned_to_a_step_is_not_shown_to_the_public(self):
        staff_only = MethodologyPage.objects.get(slug="standardy-vykonu-spod-orp-jihlava-telc")
        guide = CaseGuidePage.objects.get()
        assigned = [
            page.pk for block in guide.steps for page in block.value["pages"] if page is not None
        ]
        self.assertIn(staff_only.pk, assigned)
        html = self.html()
        self.assertNotIn(staff_only.title, html)
        self.assertNotIn(staff_only.url, html)

    def test_the_guide_keeps_the_query_budget(self):
        self.html()
        with CaptureQueriesContext(connection) as queries:
            self.html()
        self.assertLessEqual(len(queries), LISTING_QUERY_LIMIT)


def list_block(values):
    """The admin form data of a ListBlock holding `values`."""
    items = {
        str(i): {"value": v, "order": str(i), "deleted": "", "id": ""} for i, v in enumerate(values)
    }
    return {"count": str(len(values)), **items}


class CaseGuideAdminTests(EditorTestCase):
    def test_editor_writes_the_steps_and_assigns_a_tool_to_one(self):
        tool = ToolPageFactory(title="Plán bezpečí dítěte")
        step = {
            "title": "Posouzení naléhavosti",
            "description": "Hrozí dítěti bezprostřední nebezpečí?",
            "pages": list_block([str(tool.pk)]),
        }
        data = nested_form_data(
            {
                "title": "Postup v případu",
                "slug": "postup",
                "summary": "",
                "intro": rich_text(""),
                "steps": streamfield([("step", step)]),
            }
        )
        guide = self.create_via_admin(home_page(), CaseGuidePage, data)
        response = self.assertRendersOnSite(
            guide, "Posouzení naléhavosti", "Hrozí dítěti bezprostřední nebezpečí?"
        )
        self.assertContains(response, f'<a href="{tool.url}">Plán bezpečí dítěte</a>')
