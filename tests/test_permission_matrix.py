"""Who may view, edit, publish and download what: the whole matrix, cell by cell.

Rows are the six kinds of visitor, columns the four actions, for three pieces of content:
a public period report of project A with its PDF, a staff-only methodology of project A
with a PDF in A's private collection, and a public period report of project B with its PDF.
Every cell is checked against the real site (front end, admin views, document downloads);
a "no" cell must also not show the content's title or the file's bytes.
"""

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Page

from methodology.factories import MethodologyPageFactory
from methodology.models import Audience, MethodologyDocument
from news.factories import PeriodReportPageFactory
from news.models import PeriodReportDocument
from portal.accounts.roles import setup_roles
from portal.core.access import staff_group
from portal.projects.factories import ProjectPageFactory
from portal.search.tests.builders import czech_pdf, upload_document

ACTORS = ["anonymous", "staff", "editor_a", "editor_b", "reviewer", "administrator"]
ACTIONS = ["view", "edit", "publish", "download"]
Y, N = True, False

# (content, actor): (view, edit, publish, download)
EXPECTED = {
    "report_a": {
        "anonymous": (Y, N, N, Y),
        "staff": (Y, N, N, Y),
        "editor_a": (Y, Y, N, Y),
        "editor_b": (Y, N, N, Y),
        "reviewer": (Y, Y, Y, Y),
        "administrator": (Y, Y, Y, Y),
    },
    "staff_methodology_a": {
        "anonymous": (N, N, N, N),
        "staff": (Y, N, N, Y),
        "editor_a": (N, Y, N, N),  # edits and previews it in the admin, not on the site
        "editor_b": (N, N, N, N),
        "reviewer": (N, Y, Y, N),  # reviews it in the admin
        "administrator": (Y, Y, Y, Y),
    },
    "report_b": {
        "anonymous": (Y, N, N, Y),
        "staff": (Y, N, N, Y),
        "editor_a": (Y, N, N, Y),
        "editor_b": (Y, Y, N, Y),
        "reviewer": (Y, Y, Y, Y),
        "administrator": (Y, Y, Y, Y),
    },
}


def publish(page):
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific


class PermissionMatrixTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        groups = setup_roles()
        project_a = ProjectPageFactory(title="Projekt A")
        project_b = ProjectPageFactory(title="Projekt B")
        cls.content = {
            "report_a": cls.page_with_pdf(
                PeriodReportPageFactory(parent=project_a, title="Zpráva A za 1. období"),
                PeriodReportDocument,
                project_a.team.collection,
            ),
            "staff_methodology_a": cls.page_with_pdf(
                MethodologyPageFactory(
                    parent=project_a, title="Interní postup A", audience=Audience.STAFF
                ),
                MethodologyDocument,
                project_a.team.collection.get_children().get(),
            ),
            "report_b": cls.page_with_pdf(
                PeriodReportPageFactory(parent=project_b, title="Zpráva B za 1. období"),
                PeriodReportDocument,
                project_b.team.collection,
            ),
        }
        memberships = {
            "staff": [staff_group()],
            "editor_a": [project_a.team.editors],
            "editor_b": [project_b.team.editors],
            "reviewer": [groups["reviewers"]],
            "administrator": [groups["admins"], staff_group()],
        }
        cls.users = {"anonymous": None}
        for name, member_of in memberships.items():
            user = get_user_model().objects.create_user(name, password="x")
            user.groups.add(*member_of)
            cls.users[name] = user

    @classmethod
    def page_with_pdf(cls, page, attachment_model, collection):
        document = upload_document(
            f"Příloha: {page.title}",
            f"priloha-{page.pk}.pdf",
            czech_pdf(f"Text přílohy {page.title}."),
            collection=collection,
        )
        attachment_model.objects.create(page=page, document=document)
        return publish(page), document

    def act_as(self, actor):
        self.client.logout()
        if self.users[actor] is not None:
            self.client.force_login(self.users[actor])
        return self.users[actor]

    def can_view(self, page, document):
        response = self.client.get(page.url)
        allowed = response.status_code == 200 and page.title in response.content.decode()
        if not allowed:
            self.assertIn(response.status_code, (302, 403, 404))
            self.assertNotIn(page.title, response.content.decode())
            if response.status_code == 302:
                self.assertTrue(response["Location"].startswith("/prihlaseni/?next="))
        return allowed

    def can_edit(self, page, document):
        page_editor = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        document_editor = self.client.get(reverse("wagtaildocs:edit", args=[document.pk]))
        allowed = [response.status_code == 200 for response in (page_editor, document_editor)]
        self.assertEqual(allowed[0], allowed[1], "page and its document must agree")
        if not allowed[0]:
            self.assertNotIn(page.title, page_editor.content.decode())
        return allowed[0]

    def can_publish(self, page, document):
        user = self.users[self.current_actor]
        if user is None:
            return False
        return page.permissions_for_user(user).can_publish()

    def can_download(self, page, document):
        response = self.client.get(document.url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        allowed = response.status_code == 200 and body.startswith(b"%PDF-")
        if not allowed:
            self.assertIn(response.status_code, (302, 403, 404))
            self.assertNotIn(b"%PDF-", body)
        return allowed

    def test_every_cell_of_the_matrix(self):
        table, wrong = [], []
        for content_name, (page, document) in self.content.items():
            for actor in ACTORS:
                self.current_actor = actor
                self.act_as(actor)
                got = tuple(getattr(self, f"can_{action}")(page, document) for action in ACTIONS)
                expected = EXPECTED[content_name][actor]
                table.append((content_name, actor, got))
                if got != expected:
                    wrong.append(f"{content_name} × {actor}: got {got}, expected {expected}")
        print("\n" + render(table))
        self.assertEqual(wrong, [], "\n".join(wrong))

    def test_staff_readers_have_no_admin_access(self):
        self.act_as("staff")
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("wagtailadmin_login"), response["Location"])

    def test_editor_explorer_shows_only_their_own_project(self):
        page, _ = self.content["report_a"]
        self.act_as("editor_b")
        response = self.client.get(reverse("wagtailadmin_explore", args=[page.get_parent().pk]))
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn("Zpráva A za 1. období", response.content.decode())

    def test_editor_uploads_only_into_their_project_collections(self):
        from wagtail.documents import get_document_model
        from wagtail.permissions import policy_registry

        policy = policy_registry.get_by_type(get_document_model())
        allowed = policy.collections_user_has_permission_for(self.users["editor_a"], "add")
        names = sorted(collection.name for collection in allowed)
        self.assertEqual(
            names, ["Projekt: Projekt A", "Projekt: Projekt A – jen pro pracovníky OSPOD"]
        )


def render(table):
    """The matrix as text: one line per content and actor, ✓ or · per action."""
    lines = [f"{'content':22} {'actor':14} " + " ".join(f"{a:8}" for a in ACTIONS)]
    for content_name, actor, cells in table:
        marks = " ".join(f"{'✓' if cell else '·':8}" for cell in cells)
        lines.append(f"{content_name:22} {actor:14} {marks}")
    return "\n".join(lines)
