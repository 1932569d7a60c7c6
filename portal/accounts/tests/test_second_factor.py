"""The admin's second factor: enrolling, logging in with it, recovery codes, who must use it."""

from django.contrib.auth import get_user_model
from django.test import TestCase, override_settings
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts.roles import setup_roles
from portal.core.access import staff_group

PASSWORD = "heslo-pro-test-42"


def app_code(device, steps_ahead=0):
    """The code the user's authenticator app shows now (or a step later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, steps_ahead)
    return f"{totp.token():06d}"


class SecondFactorTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        groups = setup_roles()
        users = get_user_model().objects
        cls.reviewer = users.create_user("recenzent", password=PASSWORD)
        cls.reviewer.groups.add(groups["reviewers"])
        cls.root = users.create_superuser("admin", password=PASSWORD)
        cls.reader = users.create_user("pracovnik", password=PASSWORD)
        cls.reader.groups.add(staff_group())

    def password_login(self, user):
        self.client.logout()
        response = self.client.post(
            reverse("wagtailadmin_login"), {"username": user.username, "password": PASSWORD}
        )
        self.assertEqual(response.status_code, 302)

    def enrol(self, user):
        self.password_login(user)
        page = self.client.get(reverse("portal_2fa_enrol"))
        self.assertContains(page, "Zapnutí dvoufázového ověření")
        self.assertContains(page, "<svg")
        device = TOTPDevice.objects.get(user=user, confirmed=False)
        response = self.client.post(reverse("portal_2fa_enrol"), {"code": app_code(device)})
        self.assertContains(response, "Dvoufázové ověření je zapnuté")
        return device, response.context["codes"]

    @override_settings(PORTAL_SECOND_FACTOR_REQUIRED=True)
    def test_production_sends_an_administrator_to_enrol_before_any_admin_page(self):
        for user in (self.root, self.reviewer):
            with self.subTest(user=user.username):
                self.password_login(user)
                for url in ("/admin/", "/admin/pages/", "/django-admin/"):
                    response = self.client.get(url)
                    self.assertRedirects(
                        response,
                        f"{reverse('portal_2fa_enrol')}?next={url}",
                        fetch_redirect_response=False,
                    )
                self.enrol(user)
                self.assertEqual(self.client.get("/admin/").status_code, 200)

    @override_settings(PORTAL_SECOND_FACTOR_REQUIRED=True)
    def test_the_next_login_asks_for_the_code_and_refuses_a_wrong_one(self):
        device, _codes = self.enrol(self.reviewer)
        self.password_login(self.reviewer)
        response = self.client.get("/admin/")
        self.assertRedirects(
            response, f"{reverse('portal_2fa_verify')}?next=/admin/", fetch_redirect_response=False
        )
        wrong = self.client.post(reverse("portal_2fa_verify"), {"code": "000000", "next": "/"})
        self.assertContains(wrong, "Kód neplatí")
        device.refresh_from_db()
        device.throttle_reset()  # a wrong code blocks the next try for a second
        right = self.client.post(
            reverse("portal_2fa_verify"), {"code": app_code(device, 1), "next": "/admin/"}
        )
        self.assertRedirects(right, "/admin/", fetch_redirect_response=False)
        self.assertEqual(self.client.get("/admin/").status_code, 200)

    @override_settings(PORTAL_SECOND_FACTOR_REQUIRED=True)
    def test_a_recovery_code_works_once(self):
        _device, codes = self.enrol(self.reviewer)
        self.assertEqual(len(codes), 10)
        for expected in (302, 200):  # the second use is refused
            self.password_login(self.reviewer)
            response = self.client.post(reverse("portal_2fa_verify"), {"code": codes[0]})
            self.assertEqual(response.status_code, expected)

    def test_without_the_production_setting_passwords_are_enough(self):
        self.password_login(self.root)
        self.assertEqual(self.client.get("/admin/").status_code, 200)

    def test_who_enrolled_must_always_enter_the_code(self):
        self.enrol(self.root)
        self.password_login(self.root)
        self.assertEqual(self.client.get("/admin/").status_code, 302)

    @override_settings(PORTAL_SECOND_FACTOR_REQUIRED=True)
    def test_the_staff_readers_login_stays_password_only(self):
        self.client.logout()
        response = self.client.post(
            reverse("staff_login"), {"username": "pracovnik", "password": PASSWORD, "next": "/"}
        )
        self.assertRedirects(response, "/", fetch_redirect_response=False)


def test_the_production_settings_require_it():
    import os
    import subprocess  # nosec B404
    import sys
    from pathlib import Path

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "s" * 60,
        "ALLOWED_HOSTS": "portal.example.cz",
        "DATABASE_URL": "postgres://portal@127.0.0.1:5432/portal",
        "WAGTAILADMIN_BASE_URL": "https://portal.example.cz",
    }
    code = "from django.conf import settings; print(settings.PORTAL_SECOND_FACTOR_REQUIRED)"
    result = subprocess.run(  # nosec B603
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=Path(__file__).resolve().parents[3],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip().splitlines()[-1] == "True", result.stderr
