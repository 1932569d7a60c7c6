"""Editors create the portal's own page types in the Wagtail admin, and see Czech errors."""

from decimal import Decimal

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from portal.core.factories import home_page
from portal.core.models import StandardPage
from portal.core.tests.utils import EditorTestCase
from portal.projects.factories import ProjectIndexPageFactory
from portal.projects.models import ProjectIndexPage, ProjectPage
from portal.taxonomy.factories import OrganisationFactory, PersonFactory, RegionFactory


def project_form(title, slug, **overrides):
    """The admin form of a ProjectPage with every formset present (empty unless overridden)."""
    data = {
        "title": title,
        "slug": slug,
        "summary": "Čtyřleté inovační hnízdo čtyř OSPOD Pardubického kraje.",
        "registration_number": "",
        "funding_sentence": "",
        "start_date": "2018-01-01",
        "end_date": "2021-12-31",
        "problem": rich_text("<p>Pracovníci tráví mnoho času administrativou.</p>"),
        "goals": rich_text(""),
        "body": streamfield([]),
        "partners": inline_formset([]),
        "target_indicators": inline_formset([]),
        "result_indicators": inline_formset([]),
        "services": inline_formset([]),
        "documents": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def list_block(items):
    """Form data of a ListBlock of StructBlocks."""
    data = {
        str(index): {"value": {"description": "", **item}, "deleted": "", "order": str(index)}
        for index, item in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def result(label, before="", after="", unit="", change_label=""):
    return {
        "label": label,
        "value_before": before,
        "value_after": after,
        "unit": unit,
        "change_label": change_label,
        "source": "",
        "note": "",
    }


class ProjectIndexAdminTests(EditorTestCase):
    def test_editor_creates_the_project_index(self):
        page = self.create_via_admin(
            home_page(),
            ProjectIndexPage,
            nested_form_data(
                {
                    "title": "Projekty",
                    "slug": "projekty",
                    "summary": "",
                    "intro": rich_text("<p>Projekty, z nichž portál čerpá.</p>"),
                }
            ),
        )
        self.assertRendersOnSite(page, "Projekty", "Projekty, z nichž portál čerpá.")


class ProjectAdminTests(EditorTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.index = ProjectIndexPageFactory()
        cls.organisation = OrganisationFactory(name="Gov Lab, z.ú.")
        cls.partner = OrganisationFactory(name="Pardubický kraj")
        cls.contact = PersonFactory(name="Martina Cirbusová", organisation=cls.organisation)
        cls.region = RegionFactory(slug="pardubicky")

    def test_editor_creates_a_project_with_results_and_targets(self):
        data = project_form(
            "Hnízdo inovací v OSPOD",
            "hnizdo-inovaci",
            registration_number="CZ.03.2.63/0.0/0.0/19_098/0015128",
            implementing_organisation=str(self.organisation.pk),
            contact_person=str(self.contact.pk),
            partners=inline_formset(
                [
                    {
                        "organisation": str(self.partner.pk),
                        "kind": "partner",
                        "role": "partner projektu",
                    }
                ]
            ),
            result_indicators=inline_formset(
                [result("Čas přímé práce s klienty", "111", "96", "min/den")]
            ),
            target_indicators=inline_formset(
                [
                    {
                        "label": "Zapojení pracovníci OSPOD",
                        "planned_value": "10",
                        "is_minimum": "on",
                        "unit": "pracovníků",
                        "achieved_value": "",
                    }
                ]
            ),
            services=inline_formset([{"name": "SAS pro rodiny s dětmi", "description": ""}]),
            body=streamfield(
                [
                    ("paragraph", rich_text("<p>Hnízdo inovací běželo čtyři roky.</p>")),
                    (
                        "development_themes",
                        {
                            "heading": "Rozvojová témata",
                            "themes": list_block(
                                [{"name": "Rozvody", "workplace": "OSPOD Přelouč"}]
                            ),
                        },
                    ),
                ]
            ),
        )
        data["regions"] = [str(self.region.pk)]
        page = self.create_via_admin(self.index, ProjectPage, data)

        self.assertEqual(page.registration_number, "CZ.03.2.63/0.0/0.0/19_098/0015128")
        self.assertEqual(list(page.regions.all()), [self.region])
        self.assertEqual(page.partners.get().organisation, self.partner)
        indicator = page.result_indicators.get()
        self.assertEqual((indicator.value_before, indicator.value_after), (111, 96))
        self.assertEqual(indicator.percent_change, Decimal("-14"))
        target = page.target_indicators.get()
        self.assertEqual(target.planned_value, 10)
        self.assertTrue(target.is_minimum)
        self.assertRendersOnSite(
            page,
            "Hnízdo inovací v OSPOD",
            "CZ.03.2.63/0.0/0.0/19_098/0015128",
            "111",
            "96",
            "min/den",
            "Zapojení pracovníci OSPOD",
            "Pardubický kraj",
            "Rozvody",
        )

    def test_the_three_registration_number_styles_are_accepted(self):
        for number in (
            "CZ.03.2.63/0.0/0.0/19_098/0015128",
            "CZ.03.2.63/0.0/0.0./15_007/0003048",
            "CZ.03.2.X/0.0/0.0./17_076/0011431",
        ):
            with self.subTest(number=number):
                slug = "projekt-" + number.split("/")[-1]
                page = self.create_via_admin(
                    self.index,
                    ProjectPage,
                    project_form(f"Projekt {number}", slug, registration_number=number),
                )
                self.assertEqual(page.registration_number, number)

    def test_a_malformed_registration_number_is_refused(self):
        response = self.post_add_form(
            self.index,
            ProjectPage,
            project_form("Projekt s chybou", "projekt-s-chybou", registration_number="CZ-123"),
        )
        self.assertRefused(response, ProjectPage, "Registrační číslo má tvar")
        self.assertFalse(ProjectPage.objects.filter(slug="projekt-s-chybou").exists())

    def test_a_result_without_values_or_change_is_refused(self):
        response = self.post_add_form(
            self.index,
            ProjectPage,
            project_form(
                "Projekt bez výsledku",
                "projekt-bez-vysledku",
                result_indicators=inline_formset([result("Spokojenost rodičů")]),
            ),
        )
        self.assertRefused(response, ProjectPage, "Vyplňte hodnoty před a po")
        self.assertFalse(ProjectPage.objects.filter(slug="projekt-bez-vysledku").exists())

    def test_a_result_stated_only_as_a_change_is_accepted(self):
        page = self.create_via_admin(
            self.index,
            ProjectPage,
            project_form(
                "Projekt se změnou",
                "projekt-se-zmenou",
                result_indicators=inline_formset(
                    [result("Čas na přímou práci", change_label="+11 %")]
                ),
            ),
        )
        indicator = page.result_indicators.get()
        self.assertEqual(indicator.change_label, "+11 %")
        self.assertIsNone(indicator.percent_change)


class StandardPageAdminTests(EditorTestCase):
    def test_editor_creates_a_standard_page_and_a_child_page(self):
        body = streamfield(
            [
                ("heading", {"text": "Kdo portál provozuje", "level": "h2"}),
                ("paragraph", rich_text("<p>Portál slouží pracovníkům OSPOD.</p>")),
                (
                    "quote",
                    {
                        "text": "Konečně máme metodiky na jednom místě.",
                        "attribution": "Jana Nováková",
                        "role": "sociální pracovnice",
                    },
                ),
            ]
        )
        about = self.create_via_admin(
            home_page(),
            StandardPage,
            nested_form_data({"title": "O portálu", "slug": "o-portalu", "body": body}),
        )
        self.assertRendersOnSite(
            about,
            "O portálu",
            "Kdo portál provozuje",
            "Portál slouží pracovníkům OSPOD.",
            "Konečně máme metodiky na jednom místě.",
            "Jana Nováková",
        )
        child = self.create_via_admin(
            about,
            StandardPage,
            nested_form_data(
                {
                    "title": "Prohlášení o přístupnosti",
                    "slug": "pristupnost",
                    "body": streamfield([("paragraph", rich_text("<p>Web je přístupný.</p>"))]),
                }
            ),
        )
        self.assertEqual(child.get_parent().pk, about.pk)
        self.assertRendersOnSite(child, "Prohlášení o přístupnosti", "Web je přístupný.")
