"""Only a superuser may grant superuser status or change a superuser's account."""

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse

from portal.accounts.roles import setup_roles

User = get_user_model()


def new_user_form(username, **extra):
    return {
        "username": username,
        "email": f"{username}@example.cz",
        "first_name": "Jan",
        "last_name": "Novák",
        "password1": "dlouhe-tajne-heslo-42",
        "password2": "dlouhe-tajne-heslo-42",
        **extra,
    }


class SuperuserStatusTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        groups = setup_roles()
        cls.root = User.objects.create_superuser("admin", "admin@example.cz", "puvodni-heslo")
        cls.manager = User.objects.create_user("spravce", "spravce@example.cz", "heslo")
        cls.manager.groups.add(groups["admins"])
        cls.editor = User.objects.create_user("redaktor", "redaktor@example.cz", "heslo")

    def test_a_portal_administrator_cannot_create_a_superuser(self):
        self.client.force_login(self.manager)
        form = self.client.get(reverse("wagtailusers_users:add"))
        self.assertNotIn('name="is_superuser"', form.content.decode())
        response = self.client.post(
            reverse("wagtailusers_users:add"), new_user_form("novy", is_superuser="on")
        )
        self.assertEqual(response.status_code, 302)
        self.assertFalse(User.objects.get(username="novy").is_superuser)

    def test_nor_make_anyone_a_superuser(self):
        self.client.force_login(self.manager)
        for user in (self.editor, self.manager):
            with self.subTest(user=user.username):
                self.client.post(
                    reverse("wagtailusers_users:edit", args=[user.pk]),
                    {
                        "username": user.username,
                        "email": user.email,
                        "first_name": "Jan",
                        "last_name": "Novák",
                        "is_superuser": "on",
                    },
                )
                user.refresh_from_db()
                self.assertFalse(user.is_superuser)

    def test_nor_change_a_superusers_password_or_address(self):
        self.client.force_login(self.manager)
        url = reverse("wagtailusers_users:edit", args=[self.root.pk])
        self.assertIn(self.client.get(url).status_code, (302, 403))  # Wagtail: back home
        response = self.client.post(
            url,
            {
                "username": "admin",
                "email": "utocnik@example.cz",
                "password1": "nove-heslo-utocnika-1",
                "password2": "nove-heslo-utocnika-1",
                "is_superuser": "on",
            },
        )
        self.assertIn(response.status_code, (302, 403))
        self.root.refresh_from_db()
        self.assertTrue(self.root.check_password("puvodni-heslo"))
        self.assertEqual(self.root.email, "admin@example.cz")

    def test_nor_deactivate_a_superuser_in_bulk(self):
        self.client.force_login(self.manager)
        url = (
            reverse("wagtail_bulk_action", args=("auth", "user", "set_active_state"))
            + f"?id={self.root.pk}"
        )
        response = self.client.post(url, {"mark_as_active": "False"})
        self.assertIn(response.status_code, (302, 403))
        self.root.refresh_from_db()
        self.assertTrue(self.root.is_active)

    def test_a_superuser_still_can(self):
        self.client.force_login(self.root)
        self.client.post(
            reverse("wagtailusers_users:edit", args=[self.editor.pk]),
            {
                "username": "redaktor",
                "email": "redaktor@example.cz",
                "first_name": "Petr",
                "last_name": "Svoboda",
                "is_superuser": "on",
            },
        )
        self.editor.refresh_from_db()
        self.assertTrue(self.editor.is_superuser)
