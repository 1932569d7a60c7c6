"""Anyone sends a suggestion; reviewers get it in their queue and by e-mail; abuse is refused."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings

from portal.accounts.roles import REVIEWER_GROUP_NAME, setup_roles
from portal.suggestions.models import Suggestion, SuggestionStatus

REAL_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def form_data(**changes):
    data = {
        "kind": "tool",
        "title": "Ekomapa rodiny v úvodním rozhovoru",
        "description": "Kreslíme s rodinou ekomapu hned při prvním setkání; pomáhá najít oporu.",
        "name": "Jana Nováková",
        "email": "jana.novakova@example.cz",
        "organisation": "OSPOD Litomyšl",
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return data


def stored_files():
    return [path for path in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if path.is_file()]


class SuggestionTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        setup_roles()
        cls.reviewer = get_user_model().objects.create_user(
            "recenzentka", "recenzentka@example.cz", "heslo-recenzentky"
        )
        cls.reviewer.groups.add(Group.objects.get(name=REVIEWER_GROUP_NAME))

    def setUp(self):
        cache.clear()  # the per-client submission counter

    def post(self, **changes):
        files = changes.pop("files", {})
        return self.client.post("/navrhnout/", {**form_data(**changes), **files})


class SubmissionTests(SuggestionTestCase):
    def test_the_form_is_in_czech(self):
        response = self.client.get("/navrhnout/")
        self.assertContains(response, "Navrhnout praxi nebo nástroj")
        self.assertContains(response, 'enctype="multipart/form-data"')
        self.assertIn("no-cache", response["Cache-Control"])

    def test_an_anonymous_suggestion_reaches_the_queue_the_reviewers_and_the_public_list(self):
        pdf = SimpleUploadedFile("ekomapa.pdf", REAL_PDF, content_type="application/pdf")
        with self.captureOnCommitCallbacks(execute=True):
            response = self.post(files={"attachment": pdf})
        self.assertContains(response, "Návrh jsme přijali")
        suggestion = Suggestion.objects.get()
        self.assertEqual(suggestion.status, SuggestionStatus.NEW)
        self.assertEqual(suggestion.email, "jana.novakova@example.cz")

        [message] = mail.outbox
        self.assertEqual(message.to, ["recenzentka@example.cz"])
        self.assertIn("Ekomapa rodiny v úvodním rozhovoru", message.subject)
        self.assertIn(f"/admin/snippets/suggestions/suggestion/edit/{suggestion.pk}/", message.body)
        self.assertNotIn("jana.novakova", message.body)

        listing = self.client.get("/navrhnout/posuzovane/")
        self.assertContains(listing, "Ekomapa rodiny v úvodním rozhovoru")
        self.assertContains(listing, "Nový")
        for private in (
            "Jana Nováková",
            "jana.novakova@example.cz",
            "OSPOD Litomyšl",
            "ekomapa.pdf",
        ):
            self.assertNotContains(listing, private)

    def test_the_file_is_kept_out_of_public_media_and_only_reviewers_download_it(self):
        pdf = SimpleUploadedFile("ekomapa.pdf", REAL_PDF, content_type="application/pdf")
        self.post(files={"attachment": pdf})
        suggestion = Suggestion.objects.get()
        path = Path(suggestion.attachment.path)
        self.assertTrue(path.is_relative_to(settings.PRIVATE_MEDIA_ROOT))
        self.assertFalse(path.is_relative_to(settings.MEDIA_ROOT))
        url = f"/admin/navrhy/{suggestion.pk}/priloha/"

        self.assertEqual(self.client.get(url).status_code, 302)  # to the admin login
        staff = get_user_model().objects.create_user("pracovnik", password="heslo-pracovnika")
        self.client.force_login(staff)
        self.assertNotEqual(self.client.get(url).status_code, 200)

        self.client.force_login(self.reviewer)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(b"".join(response.streaming_content), REAL_PDF)
        self.assertIn("attachment", response["Content-Disposition"])

    def test_missing_fields_are_named_in_czech_and_the_text_stays(self):
        response = self.post(email="", consent="")
        self.assertContains(response, "Vyplňte e-mail", status_code=400)
        self.assertContains(response, "Bez souhlasu", status_code=400)
        self.assertContains(response, "pomáhá najít oporu", status_code=400)
        self.assertFalse(Suggestion.objects.exists())


class AbuseTests(SuggestionTestCase):
    def setUp(self):
        super().setUp()
        self.files_before = stored_files()

    def assertRefused(self, response, message, status=400):
        self.assertContains(response, message, status_code=status)
        self.assertFalse(Suggestion.objects.exists())
        self.assertEqual(stored_files(), self.files_before)
        self.assertEqual(mail.outbox, [])

    def test_a_filled_honeypot_is_refused(self):
        self.assertRefused(self.post(website="https://spam.example"), "které se nemá vyplňovat")

    @override_settings(PORTAL_SUGGESTION_RATE=(2, 3600))
    def test_a_flood_from_one_client_is_refused_after_the_limit(self):
        for number in range(2):
            self.assertEqual(self.post(title=f"Návrh {number}").status_code, 200)
        response = self.post(title="Třetí návrh")
        self.assertContains(response, "příliš mnoho návrhů", status_code=429)
        self.assertContains(response, "pomáhá najít oporu", status_code=429)  # nothing typed lost
        self.assertEqual(Suggestion.objects.count(), 2)
        # Another client is not affected.
        other = self.client.post("/navrhnout/", form_data(), REMOTE_ADDR="192.0.2.7")
        self.assertEqual(other.status_code, 200)

    @override_settings(SUGGESTION_MAX_ATTACHMENT_BYTES=1024)
    def test_an_oversized_file_is_refused(self):
        big = SimpleUploadedFile("velky.pdf", REAL_PDF + b"0" * 2048)
        self.assertRefused(self.post(files={"attachment": big}), "Soubor je příliš velký")

    def test_a_web_page_disguised_as_a_pdf_is_refused(self):
        fake = SimpleUploadedFile("zprava.pdf", b"<html><script>alert(1)</script></html>")
        self.assertRefused(
            self.post(files={"attachment": fake}), "Obsah souboru neodpovídá příponě"
        )

    def test_a_program_is_refused(self):
        program = SimpleUploadedFile("nastroj.exe", b"MZ\x90\x00")
        self.assertRefused(self.post(files={"attachment": program}), "„exe“ nepřijímáme")


class ReviewTests(SuggestionTestCase):
    def setUp(self):
        super().setUp()
        self.suggestion = Suggestion.objects.create(
            kind="practice",
            title="Společné porady se školou",
            description="Scházíme se se školou dřív, než nastane krize.",
            email="navrh@example.cz",
        )
        self.url = f"/admin/snippets/suggestions/suggestion/edit/{self.suggestion.pk}/"
        self.client.force_login(self.reviewer)

    def review(self, **changes):
        data = {"title": self.suggestion.title, "status": "in_review", "reason": "", "listed": "on"}
        data.update(changes)
        return self.client.post(self.url, data)

    def test_the_reviewer_sees_the_queue(self):
        response = self.client.get("/admin/snippets/suggestions/suggestion/")
        self.assertContains(response, "Společné porady se školou")

    def test_nobody_adds_a_suggestion_in_the_admin(self):
        admin = get_user_model().objects.create_superuser("spravce", password="heslo-spravce")
        self.client.force_login(admin)
        response = self.client.get("/admin/snippets/suggestions/suggestion/add/")
        self.assertNotEqual(response.status_code, 200)

    def test_a_decline_needs_a_reason_and_the_public_list_follows_the_stage(self):
        response = self.review(status="declined")
        self.assertContains(response, "U zamítnutého návrhu uveďte důvod.")
        self.suggestion.refresh_from_db()
        self.assertEqual(self.suggestion.status, SuggestionStatus.NEW)

        response = self.review(status="declined", reason="Nejde o praxi OSPOD.")
        self.assertEqual(response.status_code, 302)
        self.client.logout()
        self.assertContains(self.client.get("/navrhnout/posuzovane/"), "Zamítnuto")

    def test_a_hidden_suggestion_leaves_the_public_list(self):
        self.review(listed="")
        self.client.logout()
        self.assertNotContains(self.client.get("/navrhnout/posuzovane/"), "Společné porady")
