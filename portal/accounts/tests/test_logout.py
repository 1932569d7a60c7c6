"""Logging out takes a POST on every login surface: a link or image on another site cannot."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import TestCase

LOGOUT_URLS = ("/odhlaseni/", "/admin/logout/", "/django-admin/logout/")


class LogoutTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = get_user_model().objects.create_superuser("spravce", password="heslo")

    def setUp(self):
        self.client.force_login(self.user)

    def test_a_get_request_logs_nobody_out(self):
        for url in LOGOUT_URLS:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 405)
                self.assertNotIn(settings.SESSION_COOKIE_NAME, response.cookies)
                self.assertIn("_auth_user_id", self.client.session)
                self.assertEqual(self.client.get("/admin/").status_code, 200)

    def test_a_post_logs_out(self):
        for url in LOGOUT_URLS:
            with self.subTest(url=url):
                self.client.force_login(self.user)
                response = self.client.post(url)
                self.assertEqual(response.status_code, 302)
                self.assertNotIn("_auth_user_id", self.client.session)
