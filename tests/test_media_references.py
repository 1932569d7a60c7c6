"""A page uses only media its editor may choose; staff-only documents only on staff-only pages.

Otherwise an editor could put another project's (or a staff-only) document into a page by its
id, and once the page is approved its title would show publicly.
"""

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from news.factories import PeriodReportPageFactory
from news.models import PeriodReportDocument, PeriodReportPage
from portal.accounts.roles import setup_roles
from portal.core.factories import PortalDocumentFactory, PortalImageFactory
from portal.projects.factories import ProjectPageFactory

FOREIGN = "je ve sbírce, ze které nemůžete vybírat"
STAFF_ONLY = "je jen pro pracovníky OSPOD a veřejná stránka ho nesmí použít"


def report_form(slug, documents=(), body="", image=None):
    return nested_form_data(
        {
            "title": f"Zpráva {slug}",
            "slug": slug,
            "summary": "",
            "listing_image": image.pk if image else "",
            "period_number": "1",
            "period_start": "2020-09-01",
            "period_end": "2021-02-28",
            "prepared_by": "tým",
            "body": streamfield([("paragraph", rich_text(body))] if body else []),
            "figures": inline_formset([]),
            "documents": inline_formset([{"document": d.pk, "title": ""} for d in documents]),
            "comments": inline_formset([]),
        }
    )


class MediaReferencesTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        groups = setup_roles()
        cls.project_a = ProjectPageFactory(title="Projekt A")
        cls.project_b = ProjectPageFactory(title="Projekt B")
        collection_a = cls.project_a.team.collection
        cls.own = PortalDocumentFactory(title="Vlastní zpráva", collection=collection_a)
        cls.staff_only = PortalDocumentFactory(
            title="Interní postup A", collection=collection_a.get_children().get()
        )
        cls.foreign = PortalDocumentFactory(
            title="Cizí dokument B", collection=cls.project_b.team.collection
        )
        cls.foreign_image = PortalImageFactory(
            title="Cizí obrázek B", collection=cls.project_b.team.collection
        )
        users = get_user_model().objects
        cls.editor = users.create_user("redaktor-a", password="x")
        cls.editor.groups.add(cls.project_a.team.editors)
        cls.reviewer = users.create_user("recenzent", password="x")
        cls.reviewer.groups.add(groups["reviewers"])

    def add_report(self, user, data, action="action-submit"):
        self.client.force_login(user)
        url = reverse(
            "wagtailadmin_pages:add",
            args=("news", "periodreportpage", self.project_a.pk),
        )
        return self.client.post(url, {**data, action: action} if action else data)

    def assertRefused(self, response, message, title):
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, message)
        self.assertContains(response, title)
        self.assertFalse(PeriodReportPage.objects.filter(slug__startswith="z-").exists())

    def test_an_editor_cannot_use_another_projects_document_by_its_id(self):
        for action in (None, "action-submit"):  # save as draft, submit for review
            with self.subTest(action=action):
                response = self.add_report(
                    self.editor, report_form("z-prilohy", [self.foreign]), action
                )
                self.assertRefused(response, FOREIGN, "Cizí dokument B")

    def test_nor_link_to_it_from_the_text_nor_use_its_image(self):
        link = f'<p><a linktype="document" id="{self.foreign.pk}">zpráva</a></p>'
        response = self.add_report(self.editor, report_form("z-odkaz", body=link))
        self.assertRefused(response, FOREIGN, "Cizí dokument B")
        response = self.add_report(self.editor, report_form("z-obr", image=self.foreign_image))
        self.assertRefused(response, FOREIGN, "Cizí obrázek B")

    def test_a_staff_only_document_is_refused_on_a_public_page_even_for_a_reviewer(self):
        page = PeriodReportPageFactory(parent=self.project_a, slug="verejna")
        self.client.force_login(self.reviewer)
        for action in ({}, {"action-publish": "action-publish"}):  # save draft, publish
            with self.subTest(action=action):
                data = {**report_form("verejna", [self.staff_only]), **action}
                response = self.client.post(
                    reverse("wagtailadmin_pages:edit", args=[page.pk]), data
                )
                self.assertRefused(response, STAFF_ONLY, "Interní postup A")
                page.refresh_from_db()
                self.assertFalse(page.get_latest_revision_as_object().documents.exists())

    def test_the_editors_own_documents_are_accepted(self):
        response = self.add_report(self.editor, report_form("vlastni", [self.own]))
        self.assertEqual(response.status_code, 302)
        page = PeriodReportPage.objects.get(slug="vlastni")
        revision = page.get_latest_revision_as_object()
        self.assertEqual([d.document for d in revision.documents.all()], [self.own])

    def test_what_the_page_already_used_does_not_stop_its_editor(self):
        self.add_report(self.editor, report_form("stara"), action=None)
        page = PeriodReportPage.objects.get(slug="stara")
        PeriodReportDocument.objects.create(page=page, document=self.foreign)
        page.save_revision()
        self.client.force_login(self.editor)
        response = self.client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            report_form("stara", [self.foreign, self.own]),
        )
        self.assertEqual(response.status_code, 302)
