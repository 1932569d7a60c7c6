"""The Czech staff login, and the lockout that stops guessing passwords on every login form."""

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import TestCase, override_settings
from django.urls import reverse

from portal.core.access import staff_group

LOCKED = "Přihlašování je dočasně zablokováno"


class StaffLoginTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.staff = get_user_model().objects.create_user("pracovnice", password="spravne-heslo")
        cls.staff.groups.add(staff_group())
        cls.editor = get_user_model().objects.create_user("redaktor", password="heslo-redaktora")
        cls.editor.groups.add(staff_group())

    def setUp(self):
        cache.clear()  # the per-address attempt counter lives in the cache

    def login(self, url, username, password, **extra):
        return self.client.post(url, {"username": username, "password": password, **extra})

    def test_the_login_page_is_czech_and_not_indexed(self):
        response = self.client.get(reverse("staff_login"), {"next": "/metodiky/"})
        self.assertContains(response, "Přihlášení pracovníků OSPOD")
        self.assertContains(response, '<html lang="cs"')
        self.assertContains(response, '<meta name="robots" content="noindex">')
        self.assertContains(response, 'value="/metodiky/"')

    def test_a_wrong_password_gets_a_czech_message(self):
        response = self.login(reverse("staff_login"), "pracovnice", "spatne")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Zadejte správn")
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_staff_log_in_and_go_where_they_were_going(self):
        response = self.login(
            reverse("staff_login"), "pracovnice", "spravne-heslo", next="/metodiky/"
        )
        self.assertRedirects(response, "/metodiky/", fetch_redirect_response=False)
        self.assertEqual(int(self.client.session["_auth_user_id"]), self.staff.pk)

    def test_five_failures_lock_the_account_out_on_every_login_form(self):
        for _ in range(5):
            self.login(reverse("staff_login"), "pracovnice", "hadam")
        for url in (reverse("staff_login"), reverse("wagtailadmin_login"), "/django-admin/login/"):
            with self.subTest(url=url):
                # Even the right password is refused now, with a Czech 429 page.
                response = self.login(url, "pracovnice", "spravne-heslo")
                self.assertEqual(response.status_code, 429)
                self.assertContains(response, LOCKED, status_code=429)
                self.assertNotIn("_auth_user_id", self.client.session)

    def test_guessing_at_the_admin_login_locks_it_too(self):
        for _ in range(5):
            self.login(reverse("wagtailadmin_login"), "redaktor", "hadam")
        response = self.login(reverse("wagtailadmin_login"), "redaktor", "heslo-redaktora")
        self.assertContains(response, LOCKED, status_code=429)

    def test_a_colleague_at_the_same_address_can_still_log_in(self):
        for _ in range(5):
            self.login(reverse("staff_login"), "pracovnice", "hadam")
        response = self.login(reverse("staff_login"), "redaktor", "heslo-redaktora")
        self.assertEqual(response.status_code, 302)

    @override_settings(PORTAL_LOGIN_RATE=(3, 300))
    def test_many_attempts_from_one_address_are_slowed_down(self):
        for username in ("a", "b", "c"):
            self.login(reverse("staff_login"), username, "hadam")
        response = self.login(reverse("wagtailadmin_login"), "redaktor", "heslo-redaktora")
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "Příliš mnoho pokusů", status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)
