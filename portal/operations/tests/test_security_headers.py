"""Security headers a browser enforces: strict CSP on public pages, relaxed only in the admin.

Production-only parts (HSTS, secure cookies) are checked against the running production
stack in tests/test_stack_smoke.py and by `check --deploy` below.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

from django.test import TestCase

ROOT = Path(__file__).resolve().parents[3]


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


class PublicPagePolicyTests(TestCase):
    def test_search_page_scripts_run_only_with_this_responses_nonce(self):
        response = self.client.get("/hledat/", {"q": "metodika"})
        self.assertEqual(response.status_code, 200)
        script_src = directives(response)["script-src"]
        nonces = [s for s in script_src if s.startswith("'nonce-")]
        self.assertEqual(len(nonces), 1)
        self.assertNotIn("'unsafe-inline'", script_src)
        self.assertNotIn("'unsafe-eval'", script_src)
        self.assertIn("'strict-dynamic'", script_src)
        nonce = nonces[0][len("'nonce-") : -1]
        tags = re.findall(r"<script\b[^>]*>", response.content.decode())
        self.assertTrue(tags)
        for tag in tags:
            self.assertIn(f'nonce="{nonce}"', tag)

        second = self.client.get("/hledat/", {"q": "metodika"})
        self.assertNotIn(nonces[0], second["Content-Security-Policy"])

    def test_public_policy_forbids_inline_styles_plugins_and_framing(self):
        policy = directives(self.client.get("/hledat/"))
        self.assertEqual(policy["style-src"], ["'self'"])
        self.assertEqual(policy["object-src"], ["'none'"])
        self.assertEqual(policy["base-uri"], ["'none'"])
        self.assertEqual(policy["frame-ancestors"], ["'none'"])

    def test_hardening_headers_on_public_pages(self):
        response = self.client.get("/hledat/")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response["X-Frame-Options"], "DENY")
        self.assertEqual(response["Referrer-Policy"], "strict-origin-when-cross-origin")
        self.assertEqual(response["Cross-Origin-Opener-Policy"], "same-origin")
        self.assertIn("camera=()", response["Permissions-Policy"])
        self.assertIn("geolocation=()", response["Permissions-Policy"])

    def test_admin_gets_the_relaxed_policy_it_needs(self):
        response = self.client.get("/admin/login/")
        self.assertEqual(response.status_code, 200)
        policy = directives(response)
        self.assertIn("'unsafe-inline'", policy["script-src"])
        self.assertIn("'unsafe-inline'", policy["style-src"])
        self.assertEqual(policy["object-src"], ["'none'"])


def test_check_deploy_is_clean_with_production_settings():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "k" * 20 + "-production-like-secret-for-the-deploy-check-" + "q" * 20,
        "ALLOWED_HOSTS": "portal.example.cz",
        "DATABASE_URL": "postgres://portal@127.0.0.1:5432/portal",
        "WAGTAILADMIN_BASE_URL": "https://portal.example.cz",
        "REDIS_URL": "redis://127.0.0.1:6379/5",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_every_script_tag_in_our_templates_carries_the_nonce():
    folders = [ROOT / "templates", *ROOT.glob("*/templates")]
    missing = [
        f"{path.relative_to(ROOT)}: {tag}"
        for folder in folders
        for path in folder.rglob("*.html")
        for tag in re.findall(r"<script\b[^>]*>", path.read_text())
        if 'nonce="{{ request.csp_nonce }}"' not in tag
    ]
    assert not missing, "scripts the CSP would block:\n" + "\n".join(missing)


class AdminUpdateCheckTest(TestCase):
    def test_the_admin_dashboard_does_not_call_wagtails_release_server(self):
        # The update check fetches an outside address, which the admin's CSP refuses.
        from django.contrib.auth import get_user_model

        admin = get_user_model().objects.create_superuser("admin", password="x")
        self.client.force_login(admin)
        response = self.client.get("/admin/")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("w-upgrade", response.content.decode())
