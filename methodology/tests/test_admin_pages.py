"""Editors create methodologies and tools (with their validation history) in the admin."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from methodology.factories import (
    MethodologyIndexPageFactory,
    MethodologyKindFactory,
    ToolIndexPageFactory,
)
from methodology.models import MethodologyIndexPage, MethodologyPage, ToolIndexPage, ToolPage
from portal.core.factories import PortalDocumentFactory, home_page
from portal.core.tests.utils import EditorTestCase
from portal.projects.factories import ProjectPageFactory
from portal.taxonomy.factories import (
    MunicipalityFactory,
    PersonFactory,
    RegionFactory,
    TargetGroupFactory,
)


class IndexPagesAdminTests(EditorTestCase):
    def test_editor_creates_the_methodology_and_tool_indexes(self):
        for model, title, slug in (
            (MethodologyIndexPage, "Metodiky", "metodiky"),
            (ToolIndexPage, "Nástroje a prototypy", "nastroje"),
        ):
            with self.subTest(model=model.__name__):
                page = self.create_via_admin(
                    home_page(),
                    model,
                    nested_form_data(
                        {
                            "title": title,
                            "slug": slug,
                            "summary": "",
                            "intro": rich_text("<p>Vše ověřené v praxi OSPOD.</p>"),
                        }
                    ),
                )
                self.assertRendersOnSite(page, title, "Vše ověřené v praxi OSPOD.")


class MethodologyAdminTests(EditorTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.index = MethodologyIndexPageFactory()
        cls.kind = MethodologyKindFactory(name="Asistovaný kontakt", slug="asistovany-kontakt")
        cls.parents = TargetGroupFactory(name="Rodiče v rozvodovém procesu")
        cls.project = ProjectPageFactory(title="Inovace pro setrvání dětí v rodině")
        cls.contact = PersonFactory(name="Martina Cirbusová", degrees_before="Mgr.")
        cls.document = PortalDocumentFactory(title="Metodika asistovaného kontaktu (PDF)")

    def test_editor_publishes_a_methodology_with_documents_and_history(self):
        data = nested_form_data(
            {
                "title": "Metodika asistovaného kontaktu",
                "slug": "asistovany-kontakt",
                "summary": "Jak připravit a vést asistovaný kontakt rodiče s dítětem.",
                "kind": str(self.kind.pk),
                "audience": "public",
                "version": "1.1",
                "last_reviewed": "2021-12-31",
                "source_project": str(self.project.pk),
                "contact_person": str(self.contact.pk),
                "pilot_participants": "6",
                "pilot_description": "rodiče v rozvodovém procesu",
                "body": streamfield(
                    [("paragraph", rich_text("<p>Kontakt probíhá v bezpečí.</p>"))]
                ),
                "documents": inline_formset([{"document": str(self.document.pk), "title": ""}]),
                "changes": inline_formset(
                    [{"date": "2021-12-31", "version": "1.1", "description": "Doplněny vzory."}]
                ),
            }
        )
        data["target_groups"] = [str(self.parents.pk)]
        page = self.create_via_admin(self.index, MethodologyPage, data)
        self.assertEqual(page.kind, self.kind)
        self.assertEqual(list(page.target_groups.all()), [self.parents])
        self.assertEqual(page.funding_project, self.project)
        self.assertEqual(page.documents.get().link_title, "Metodika asistovaného kontaktu (PDF)")
        self.assertRendersOnSite(
            page,
            "Metodika asistovaného kontaktu",
            "Asistovaný kontakt",
            "Kontakt probíhá v bezpečí.",
            "Metodika asistovaného kontaktu (PDF)",
        )

    def staff_methodology_form(self, document):
        return nested_form_data(
            {
                "title": "Interní standard",
                "slug": "interni-standard",
                "summary": "",
                "audience": "staff",
                "body": streamfield([]),
                "documents": inline_formset([{"document": str(document.pk), "title": ""}]),
                "changes": inline_formset([]),
            }
        )

    def test_a_staff_only_methodology_refuses_a_public_document(self):
        response = self.post_add_form(
            self.index, MethodologyPage, self.staff_methodology_form(self.document)
        )
        self.assertRefused(response, MethodologyPage, "je ve veřejné sbírce")
        self.assertFalse(MethodologyPage.objects.filter(slug="interni-standard").exists())

    def test_a_staff_only_methodology_attaches_a_staff_only_document(self):
        from portal.core.access import staff_collection

        private = PortalDocumentFactory(title="Interní formulář", collection=staff_collection())
        page = self.create_via_admin(
            self.index, MethodologyPage, self.staff_methodology_form(private)
        )
        self.assertEqual(page.documents.get().document, private)


class ToolAdminTests(EditorTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.index = ToolIndexPageFactory()
        pardubicky = RegionFactory(slug="pardubicky")
        cls.prelouc = MunicipalityFactory(name="Přelouč", region=pardubicky)
        cls.holice = MunicipalityFactory(name="Holice", region=pardubicky)

    def test_tool_stage_follows_its_newest_step(self):
        data = nested_form_data(
            {
                "title": "Týmová porada s časovým plánem",
                "slug": "tymova-porada",
                "summary": "",
                "tool_kind": "team_ritual",
                "how_to_use": streamfield(
                    [("paragraph", rich_text("<p>Porada trvá 30 minut.</p>"))]
                ),
                "documents": inline_formset([]),
                # Entered out of order on purpose: the stage follows the date, not the form order.
                "stage_changes": inline_formset(
                    [
                        {
                            "stage": "validated",
                            "date": "2021-06-30",
                            "municipality": str(self.holice.pk),
                            "note": "",
                        },
                        {
                            "stage": "prototype",
                            "date": "2019-03-01",
                            "municipality": str(self.prelouc.pk),
                            "note": "",
                        },
                    ]
                ),
            }
        )
        page = self.create_via_admin(self.index, ToolPage, data)
        self.assertEqual(page.stage_changes.count(), 2)
        self.assertEqual(page.validation_stage, "validated")
        self.assertRendersOnSite(page, "Týmová porada s časovým plánem", "Přelouč", "Holice")
