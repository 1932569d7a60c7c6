"""Staff see that they are logged in and the staff-only items in listings; nobody else does."""

import re

from django.contrib.auth.models import User
from django.test import Client, override_settings

from methodology.models import MethodologyPage
from portal.core.access import staff_group
from portal.demo.testing import DemoPortalTestCase

STAFF_ONLY_TITLE = "Standardy výkonu SPOD v ORP Jihlava a Telč"
COUNT = re.compile(r"Celkem (\d+) polož")
BADGE = "Jen pro pracovníky OSPOD"


def listed_count(html):
    return int(COUNT.search(html)[1])


class StaffStateTests(DemoPortalTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.staff = User.objects.create_user(
            "pracovnice", password="x", first_name="Jana", last_name="Nováková"
        )
        cls.staff.groups.add(staff_group())
        cls.outsider = User.objects.create_user("verejnost", password="x")

    def staff_client(self):
        client = Client()
        client.force_login(self.staff)
        return client

    def test_the_staff_methodology_is_in_the_demo(self):
        page = MethodologyPage.objects.get(title=STAFF_ONLY_TITLE)
        self.assertEqual(page.audience, "staff")

    def test_staff_see_their_name_and_a_logout_button_on_public_pages(self):
        client = self.staff_client()
        for path in ["/", "/metodiky/", "/projekty/", "/kraje/", "/temata/", "/hledat/?q=dítě"]:
            html = client.get(path).content.decode()
            self.assertIn("Jana Nováková", html, path)
            form = re.search(r'class="staff-bar__logout" method="post" action="([^"]+)"', html)
            self.assertIsNotNone(form, path)
            self.assertEqual(form[1], "/odhlaseni/")
            self.assertIn('name="csrfmiddlewaretoken"', html)

    def test_the_logout_button_logs_out(self):
        client = self.staff_client()
        client.post("/odhlaseni/")
        self.assertNotIn("Jana Nováková", client.get("/metodiky/").content.decode())

    def test_anonymous_visitors_see_no_staff_bar_nor_staff_items(self):
        html = self.client.get("/metodiky/").content.decode()
        self.assertNotIn("staff-bar", html)
        self.assertNotIn(STAFF_ONLY_TITLE, html)
        self.assertNotIn(BADGE, html)
        self.assertNotIn("csrfmiddlewaretoken", html)

    def test_staff_see_staff_items_marked_in_listings_with_the_count(self):
        anonymous = self.client.get("/metodiky/").content.decode()
        staff = self.staff_client().get("/metodiky/").content.decode()
        self.assertIn(STAFF_ONLY_TITLE, staff)
        card = staff[staff.index(STAFF_ONLY_TITLE) :]
        self.assertIn(BADGE, card[: card.index("</article>")])
        self.assertEqual(staff.count(BADGE), 1)
        self.assertEqual(listed_count(staff), listed_count(anonymous) + 1)

    def test_a_logged_in_user_outside_the_staff_group_sees_no_staff_items(self):
        client = Client()
        client.force_login(self.outsider)
        html = client.get("/metodiky/").content.decode()
        self.assertIn("staff-bar", html)
        self.assertNotIn(STAFF_ONLY_TITLE, html)

    def test_staff_see_staff_items_on_topic_pages_marked(self):
        html = self.staff_client().get("/temata/standardy-spod/").content.decode()
        card = html[html.index(STAFF_ONLY_TITLE) :]
        self.assertIn(BADGE, card[: card.index("</article>")])
        anonymous = self.client.get("/temata/standardy-spod/").content.decode()
        self.assertNotIn(STAFF_ONLY_TITLE, anonymous)

    def test_staff_see_the_staff_item_on_its_project_page(self):
        path = "/projekty/podpora-rozvoje-a-profesionalizace-spod/"
        self.assertIn(STAFF_ONLY_TITLE, self.staff_client().get(path).content.decode())
        self.assertNotIn(STAFF_ONLY_TITLE, self.client.get(path).content.decode())

    def test_a_listing_rendered_for_staff_is_not_served_to_anonymous_visitors(self):
        project = "/projekty/podpora-rozvoje-a-profesionalizace-spod/"
        for path in ["/metodiky/", "/metodiky/?kraj=vysocina", project]:
            self.assertIn(STAFF_ONLY_TITLE, self.staff_client().get(path).content.decode())
            self.assertNotIn(STAFF_ONLY_TITLE, self.client.get(path).content.decode(), path)

    @override_settings(FRONT_CACHE_SECONDS=300)
    def test_the_front_cache_keeps_no_staff_page_for_anonymous_visitors(self):
        staff = self.staff_client().get("/metodiky/")
        self.assertNotIn("public", staff.get("Cache-Control", ""))
        anonymous = Client().get("/metodiky/")
        self.assertIn("public", anonymous["Cache-Control"])
        self.assertNotIn(STAFF_ONLY_TITLE, anonymous.content.decode())
        self.assertNotIn("staff-bar", anonymous.content.decode())
