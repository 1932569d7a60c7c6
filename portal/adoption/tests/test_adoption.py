"""OSPOD staff record where they use a tool or methodology; reviewers moderate experiences;
the page shows the map and its table; the tool listing filters and sorts by adoption."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import TestCase

from methodology.factories import MethodologyPageFactory, ToolPageFactory, tool_index
from portal.accounts.roles import REVIEWER_GROUP_NAME, setup_roles
from portal.adoption.models import Adoption, ExperienceStatus
from portal.core.access import staff_group
from portal.core.tests.utils import LISTING_QUERY_LIMIT, count_queries
from portal.taxonomy.factories import MunicipalityFactory, RegionFactory

EXPERIENCE = "Nástroj nám zkrátil první schůzku s rodinou a rodiče lépe rozumí postupu."


class AdoptionTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        setup_roles()
        cls.pardubicky = RegionFactory(slug="pardubicky")
        cls.vysocina = RegionFactory(slug="vysocina")
        cls.zamberk = MunicipalityFactory(name="Žamberk", region=cls.pardubicky)
        cls.lanskroun = MunicipalityFactory(name="Lanškroun", region=cls.pardubicky)
        cls.telc = MunicipalityFactory(name="Telč", region=cls.vysocina)
        cls.tool = ToolPageFactory(title="Plán bezpečí dítěte")
        users = get_user_model().objects
        cls.worker = users.create_user("pracovnice", "pracovnice@example.cz", "heslo-pracovnice")
        cls.worker.groups.add(staff_group())
        cls.reviewer = users.create_user("recenzent", "recenzent@example.cz", "heslo-recenzenta")
        cls.reviewer.groups.add(Group.objects.get(name=REVIEWER_GROUP_NAME))

    def setUp(self):
        cache.clear()  # cached listing fragments

    def record(self, page, municipality, experience="", confirmed=True):
        data = {"municipality": municipality.pk, "experience": experience}
        if confirmed:
            data["no_case_data"] = "on"
        return self.client.post(f"/pouzivame/{page.pk}/", data)


class RecordingTests(AdoptionTestCase):
    def test_only_logged_in_staff_record(self):
        url = f"/pouzivame/{self.tool.pk}/"
        response = self.client.get(url)
        self.assertRedirects(response, f"/prihlaseni/?next={url}", fetch_redirect_response=False)
        self.client.force_login(get_user_model().objects.create_user("verejnost"))
        self.assertContains(self.client.get(url), "Jen pro pracovníky OSPOD", status_code=403)
        self.assertFalse(Adoption.objects.exists())

    def test_the_form_says_no_case_data(self):
        self.client.force_login(self.worker)
        response = self.client.get(f"/pouzivame/{self.tool.pk}/")
        self.assertContains(response, "Neuvádějte žádné údaje o klientech ani případech")

    def test_staff_record_use_and_the_experience_waits_for_a_reviewer(self):
        self.client.force_login(self.worker)
        response = self.record(self.tool, self.zamberk, EXPERIENCE)
        self.assertContains(response, "zkontroluje recenzent")
        adoption = Adoption.objects.get()
        self.assertEqual(adoption.experience_status, ExperienceStatus.PENDING)
        self.assertEqual(adoption.recorded_by, self.worker)

        page = self.client.get(self.tool.url)
        self.assertContains(page, "Používá ho 1 pracoviště OSPOD")
        self.assertContains(page, "Žamberk")
        self.assertNotContains(page, EXPERIENCE)

    def test_a_reviewer_approves_the_experience_in_the_admin_and_it_shows(self):
        self.client.force_login(self.worker)
        self.record(self.tool, self.zamberk, EXPERIENCE)
        adoption = Adoption.objects.get()
        self.client.force_login(self.reviewer)
        edit_url = f"/admin/snippets/adoption/adoption/edit/{adoption.pk}/"
        response = self.client.post(
            edit_url, {"experience": EXPERIENCE, "experience_status": ExperienceStatus.APPROVED}
        )
        self.assertEqual(response.status_code, 302)
        adoption.refresh_from_db()
        self.assertEqual(adoption.experience_status, ExperienceStatus.APPROVED)
        self.client.logout()
        self.assertContains(self.client.get(self.tool.url), EXPERIENCE)

    def test_identifying_details_and_an_unconfirmed_experience_are_refused(self):
        self.client.force_login(self.worker)
        response = self.record(
            self.tool, self.zamberk, "Matka (rodné číslo 855315/1234) souhlasila."
        )
        self.assertContains(response, "zřejmě obsahuje osobní údaje", status_code=400)
        response = self.record(self.tool, self.zamberk, EXPERIENCE, confirmed=False)
        self.assertContains(response, "Potvrďte prosím", status_code=400)
        self.assertContains(response, EXPERIENCE, status_code=400)  # the text stays in the form
        self.assertFalse(Adoption.objects.exists())

    def test_recording_again_keeps_one_row_per_office(self):
        self.client.force_login(self.worker)
        self.record(self.tool, self.zamberk)
        self.record(self.tool, self.zamberk)
        self.assertEqual(Adoption.objects.count(), 1)

    def test_only_tools_and_methodologies_take_adoption(self):
        self.client.force_login(self.worker)
        response = self.record(tool_index(), self.zamberk)
        self.assertEqual(response.status_code, 404)
        methodology = MethodologyPageFactory(title="Asistovaný kontakt")
        self.assertEqual(self.record(methodology, self.telc).status_code, 200)


class MapTests(AdoptionTestCase):
    def test_the_page_shows_the_tile_map_and_its_table(self):
        for municipality in (self.zamberk, self.lanskroun, self.telc):
            Adoption.objects.create(page=self.tool, municipality=municipality)
        html = self.client.get(self.tool.url).content.decode()
        self.assertIn("Používá ho 3 pracoviště OSPOD. Počet krajů: 2.", html)
        svg = re.search(r"<svg class=\"tile-map\".*?</svg>", html, re.DOTALL).group(0)
        self.assertIn('role="img"', svg)
        self.assertEqual(svg.count("<rect"), 14)
        self.assertIn("<title>Pardubický kraj: 2 pracoviště</title>", svg)
        self.assertIn("<title>Kraj Vysočina: 1 pracoviště</title>", svg)
        self.assertIn("<title>Zlínský kraj: 0 pracovišť</title>", svg)
        self.assertNotIn("style=", svg)
        table = re.search(
            r"<table>.*?</table>", html[html.index("vyuziti-tabulka") - 200 :], re.DOTALL
        )
        rows = re.findall(
            r"<tr><th scope=\"row\">(.*?)</th><td>(\d+)</td><td>(.*?)</td></tr>", table.group(0)
        )
        self.assertEqual(
            rows, [("Kraj Vysočina", "1", "Telč"), ("Pardubický kraj", "2", "Lanškroun, Žamberk")]
        )

    def test_a_page_nobody_uses_says_so(self):
        self.assertContains(self.client.get(self.tool.url), "Zatím nikdo nezaznamenal")


class ListingTests(AdoptionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.unused = ToolPageFactory(title="Administrativní checklist")
        cls.popular = ToolPageFactory(title="Ekomapa")
        for municipality in (cls.zamberk, cls.lanskroun, cls.telc):
            Adoption.objects.create(page=cls.popular, municipality=municipality)
        Adoption.objects.create(page=cls.tool, municipality=cls.zamberk)

    def titles(self, query):
        response = self.client.get(f"/nastroje/{query}")
        self.assertEqual(response.status_code, 200)
        return re.findall(
            r'class="card__title"[^>]*>\s*<a[^>]*>([^<]+)</a>', response.content.decode()
        )

    def test_default_order_is_by_title(self):
        self.assertEqual(
            self.titles(""), ["Administrativní checklist", "Ekomapa", "Plán bezpečí dítěte"]
        )

    def test_most_used_first(self):
        self.assertEqual(
            self.titles("?razeni=nejpouzivanejsi"),
            ["Ekomapa", "Plán bezpečí dítěte", "Administrativní checklist"],
        )

    def test_filter_by_region_of_use(self):
        self.assertEqual(self.titles("?pouziti=vysocina"), ["Ekomapa"])
        self.assertEqual(self.titles("?pouziti=pardubicky"), ["Ekomapa", "Plán bezpečí dítěte"])
        html = self.client.get("/nastroje/").content.decode()
        self.assertIn('<option value="pardubicky">Pardubický kraj (2)</option>', html)

    def test_unknown_values_are_refused_in_czech(self):
        response = self.client.get("/nastroje/?pouziti=atlantida")
        self.assertContains(response, "Kraj „atlantida“ v tomto výpisu nenajdete.", status_code=400)
        response = self.client.get("/nastroje/?razeni=nahodne")
        self.assertContains(response, "Řazení „nahodne“ neznáme", status_code=400)

    def test_the_sorted_and_filtered_listing_and_the_page_keep_the_query_budget(self):
        for url in (
            "/nastroje/?razeni=nejpouzivanejsi",
            "/nastroje/?pouziti=pardubicky&razeni=nejpouzivanejsi",
            self.popular.url,
        ):
            queries, _response = count_queries(self.client, url)
            self.assertLessEqual(queries, LISTING_QUERY_LIMIT, url)
