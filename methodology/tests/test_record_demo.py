"""The demo's records: every methodology and tool shows its summary first; the scale page."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from methodology.models import MethodologyPage, ToolPage
from methodology.tests.test_record import SECTIONS
from portal.demo.testing import DemoPortalTestCase
from portal.taxonomy.models import LegalProvision, QualityStandard


class DemoRecordTests(DemoPortalTestCase):
    def setUp(self):
        self.client.force_login(self.staff_reader())

    @staticmethod
    def staff_reader():
        from django.contrib.auth import get_user_model

        return get_user_model().objects.create_superuser("ctenarka", "c@example.cz", "heslo")

    def test_every_demo_record_shows_its_summary_first(self):
        pages = [*MethodologyPage.objects.live(), *ToolPage.objects.live()]
        self.assertEqual(len(pages), 8)
        for page in pages:
            with self.subTest(page=page.title):
                self.assertTrue(page.plain_summary)
                response = self.client.get(page.url)
                html = response.content.decode()
                start = html.index("<h1>")
                first_section = html.index("<h2", start)
                self.assertIn(">Ve zkratce</h2>", html[first_section : first_section + 80])
                shown = [heading for heading in SECTIONS if f">{heading}</h2>" in html]
                positions = [html.index(f">{heading}</h2>") for heading in shown]
                self.assertEqual(positions, sorted(positions))

    def test_public_record_pages_stay_within_the_query_budget(self):
        self.client.logout()
        for page in [*MethodologyPage.objects.live(), *ToolPage.objects.live()]:
            if getattr(page, "audience", "public") == "staff":
                continue
            with self.subTest(page=page.title):
                self.client.get(page.url)  # warm the caches, as the benchmark does
                with CaptureQueriesContext(connection) as queries:
                    response = self.client.get(page.url)
                self.assertEqual(response.status_code, 200)
                self.assertLessEqual(len(queries), 15)
                self.assertLess(len(response.content), 100_000)

    def test_the_standards_and_provisions_are_seeded(self):
        self.assertEqual(
            list(QualityStandard.objects.values_list("number", flat=True)), [*range(1, 15)]
        )
        self.assertTrue(LegalProvision.objects.filter(act="473/2012").exists())
        self.assertTrue(LegalProvision.objects.filter(section="§ 17").exists())


class EvidenceScalePageTests(DemoPortalTestCase):
    def test_the_scale_page_is_public_and_names_every_level(self):
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get("/jak-hodnotime/")
        self.assertEqual(response.status_code, 200)
        self.assertLessEqual(len(queries), 15)
        for level in ("Popsaná praxe", "Slibná", "Podložená výzkumem", "Nedoporučeno"):
            self.assertContains(response, level)

    def test_each_evidence_badge_links_to_the_scale(self):
        page = ToolPage.objects.get(slug="pravidelna-porada-s-intervizi")
        response = self.client.get(page.url)
        self.assertContains(response, 'href="/jak-hodnotime/"')
        self.assertContains(response, "Doložení účinnosti: slibná")
        scale = self.client.get("/jak-hodnotime/")
        self.assertEqual(scale.status_code, 200)

    def test_demo_listing_filters_by_setting_with_counts(self):
        response = self.client.get("/metodiky/", {"prostredi": "soud"})
        self.assertEqual(response.status_code, 200)
        titles = [page.title for page in response.context["methodologies_page"]]
        self.assertEqual(titles, ["Kolizní opatrovnictví podle cochemské praxe"])
