"""Review before publishing: editors submit, reviewers approve or reject with a comment;
scheduled publishing; revisions compared and reverted; roles set up idempotently."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    TaskState,
    WorkflowState,
)
from wagtail.test.utils.form_data import inline_formset

from news.models import PeriodReportPage
from news.tests.test_admin_pages import period_report_form
from portal.accounts.roles import WORKFLOW_NAME, setup_roles
from portal.projects.factories import ProjectPageFactory


def report_form(title, slug, action, **extra):
    """The period report form with a workflow button (``action``) pressed."""
    form = period_report_form(title, slug, comments=inline_formset([]), **extra)
    return {**form, action: action}


class ReviewWorkflowTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        groups = setup_roles()
        cls.project = ProjectPageFactory(title="Projekt A")
        users = get_user_model().objects
        cls.editor = users.create_user("redaktor", password="x")
        cls.editor.groups.add(cls.project.team.editors)
        cls.reviewer = users.create_user("recenzent", password="x")
        cls.reviewer.groups.add(groups["reviewers"])

    def add_report(self, action, **extra):
        self.client.force_login(self.editor)
        url = reverse("wagtailadmin_pages:add", args=("news", "periodreportpage", self.project.pk))
        response = self.client.post(
            url, report_form("Zpráva za 1. období", "zprava-1", action, **extra)
        )
        self.assertEqual(response.status_code, 302, response.content.decode()[:2000])
        return PeriodReportPage.objects.get(slug="zprava-1")

    def workflow_action(self, page, action, comment=""):
        task_state = TaskState.objects.get(
            workflow_state__base_content_type__isnull=False,
            workflow_state__object_id=str(page.pk),
            status=TaskState.STATUS_IN_PROGRESS,
        )
        self.client.force_login(self.reviewer)
        url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
        return self.client.post(url, {"comment": comment})

    def test_the_review_workflow_covers_the_whole_site(self):
        for page in Page.objects.filter(depth__gt=1):
            workflow = page.get_workflow()
            self.assertIsNotNone(workflow, page)
            self.assertEqual(workflow.name, WORKFLOW_NAME)

    def test_an_editor_cannot_publish_but_submits_and_a_reviewer_approves(self):
        report = self.add_report("action-publish")
        self.assertFalse(report.live, "an editor's publish must not publish")
        report = self.add_report_submitted_again(report)
        self.assertEqual(report.current_workflow_state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertFalse(report.live)
        response = self.workflow_action(report, "approve", "Vše v pořádku.")
        self.assertLess(response.status_code, 400)
        report.refresh_from_db()
        self.assertTrue(report.live)
        self.client.logout()
        self.assertContains(self.client.get(self.project.url), "Zpráva za 1. období")

    def test_approving_in_the_editor_says_the_page_was_approved_and_published(self):
        report = self.add_report("action-submit")
        self.client.force_login(self.reviewer)
        data = report_form("Zpráva za 1. období", "zprava-1", "action-workflow-action")
        data |= {"workflow-action-name": "approve", "workflow-action-extra-data": "{}"}
        url = reverse("wagtailadmin_pages:edit", args=(report.pk,))
        response = self.client.post(url, data, follow=True)
        said = [str(message).strip() for message in response.context["messages"]]
        self.assertIn("Schváleno a zveřejněno: stránka „Zpráva za 1. období“ je na webu.", said)
        self.assertNotIn("aktualizována", " ".join(said))
        report.refresh_from_db()
        self.assertTrue(report.live)

    def add_report_submitted_again(self, report):
        """Submit the editor's draft for review from the edit view."""
        self.client.force_login(self.editor)
        url = reverse("wagtailadmin_pages:edit", args=(report.pk,))
        data = report_form("Zpráva za 1. období", "zprava-1", "action-submit")
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302, response.content.decode()[:2000])
        return PeriodReportPage.objects.get(pk=report.pk)

    def test_a_reviewer_rejects_with_a_comment_the_editor_sees(self):
        report = self.add_report("action-submit")
        self.workflow_action(report, "reject", "Doplňte prosím čísla za období.")
        report.refresh_from_db()
        self.assertFalse(report.live)
        state = TaskState.objects.get(status=TaskState.STATUS_REJECTED)
        self.assertEqual(state.comment, "Doplňte prosím čísla za období.")
        self.client.force_login(self.editor)
        history = self.client.get(reverse("wagtailadmin_pages:workflow_history", args=(report.pk,)))
        self.assertEqual(history.status_code, 200)
        detail_url = reverse(
            "wagtailadmin_pages:workflow_history_detail",
            args=(report.pk, report.workflow_states.get().pk),
        )
        self.assertContains(self.client.get(detail_url), "Doplňte prosím čísla za období.")

    def test_an_approved_report_scheduled_for_later_goes_live_on_its_date(self):
        go_live = timezone.now() + datetime.timedelta(days=2)
        report = self.add_report(
            "action-submit", go_live_at=timezone.localtime(go_live).strftime("%Y-%m-%d %H:%M")
        )
        self.workflow_action(report, "approve")
        report.refresh_from_db()
        self.assertFalse(report.live, "scheduled, not yet live")
        call_command("publish_scheduled", verbosity=0)
        report.refresh_from_db()
        self.assertFalse(report.live)
        # Two days pass: the revision's go-live moment is now in the past.
        past = timezone.now() - datetime.timedelta(minutes=1)
        revision = report.latest_revision
        revision.approved_go_live_at = past
        revision.content["go_live_at"] = past.isoformat()
        revision.save()
        call_command("publish_scheduled", verbosity=0)
        report.refresh_from_db()
        self.assertTrue(report.live)

    def test_the_editor_compares_and_reverts_revisions(self):
        report = self.add_report("action-submit")
        first = report.latest_revision
        report.title = "Zpráva za 1. období (opraveno)"
        second = report.save_revision(user=self.editor)
        self.client.force_login(self.editor)
        compare = reverse(
            "wagtailadmin_pages:revisions_compare", args=(report.pk, first.pk, second.pk)
        )
        response = self.client.get(compare)
        self.assertContains(response, "(opraveno)")
        revert = reverse("wagtailadmin_pages:revisions_revert", args=(report.pk, first.pk))
        response = self.client.get(revert)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["form"].initial["title"], "Zpráva za 1. období")


class SetupRolesTest(TestCase):
    def test_running_it_twice_changes_nothing_and_new_projects_get_a_team(self):
        ProjectPageFactory(title="Projekt A")
        call_command("setup_roles", verbosity=0)

        def counts():
            return [
                model.objects.count()
                for model in (Group, GroupPagePermission, GroupCollectionPermission, Collection)
            ]

        before = counts()
        call_command("setup_roles", verbosity=0)
        self.assertEqual(counts(), before)
        project = ProjectPageFactory(title="Projekt C")
        self.assertEqual(project.team.editors.name, "Redakce: Projekt C")
        self.assertTrue(
            GroupPagePermission.objects.filter(group=project.team.editors, page=project).exists()
        )
        namesake = ProjectPageFactory(title="Projekt C", slug="projekt-c-2")
        self.assertEqual(namesake.team.editors.name, f"Redakce: Projekt C ({namesake.pk})")
