"""Helpers the apps' tests share: creating pages as an editor, and counting queries."""

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data

# Every query count a listing makes must stay under this, whatever the number of items.
LISTING_QUERY_LIMIT = 15


class EditorTestCase(WagtailPageTestCase):
    """A page test logged in as an editor (a superuser until per-role permissions exist)."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.editor = get_user_model().objects.create_superuser(
            username="redaktorka", email="redaktorka@example.cz", password="heslo-redaktorky"
        )

    def setUp(self):
        super().setUp()
        self.client.force_login(self.editor)

    def post_add_form(self, parent, model, data, publish=True):
        """POST the admin "add page" form as the editor would, with the comments formset."""
        data = {**nested_form_data({"comments": inline_formset([])}), **data}
        if publish:
            data["action-publish"] = "action-publish"
        url = reverse(
            "wagtailadmin_pages:add",
            args=(model._meta.app_label, model._meta.model_name, parent.pk),
        )
        return self.client.post(url, data)

    def create_via_admin(self, parent, model, data):
        """Create and publish a page through the admin; fail with the form's errors if refused."""
        response = self.post_add_form(parent, model, data)
        if response.status_code != 302:
            self.fail(
                f"Creating a {model.__name__} was refused ({response.status_code}):\n"
                + form_errors(response)
            )
        return model.objects.child_of(parent).get(slug=data["slug"])

    def assertRefused(self, response, model, message):
        """The form came back (200, nothing saved) showing `message` to the editor."""
        self.assertEqual(response.status_code, 200, "The form should be shown again.")
        self.assertIn("form", response.context, "The admin did not re-render the page form.")
        self.assertIn(message, form_errors(response))
        self.assertContains(response, message)

    def assertSecondIndexRefused(self, model):
        """With one `model` under the HomePage, the admin refuses to add another."""
        from portal.core.factories import home_page

        home = home_page()
        self.assertEqual(model.objects.child_of(home).count(), 1)
        self.assertFalse(model.can_create_at(home))
        response = self.post_add_form(home, model, {"title": "Druhý přehled", "slug": "druhy"})
        # Wagtail sends the editor back to the dashboard with "permission denied".
        self.assertRedirects(response, reverse("wagtailadmin_home"), fetch_redirect_response=False)
        self.assertEqual(model.objects.count(), 1)

    def assertRendersOnSite(self, page, *texts):
        page.refresh_from_db()
        self.assertTrue(page.live, f"{page} should be live after publishing.")
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200)
        for text in texts:
            self.assertContains(response, text)
        return response


def form_errors(response):
    """All errors of a re-rendered page form and its inline formsets, as one text."""
    if response.context is None or "form" not in response.context:
        return "(no form in the response)"
    form = response.context["form"]
    lines = [f"{field}: {' '.join(errors)}" for field, errors in form.errors.items()]
    for name, formset in getattr(form, "formsets", {}).items():
        if formset.non_form_errors():
            lines.append(f"{name}: {' '.join(formset.non_form_errors())}")
        for index, child in enumerate(formset.forms):
            for field, errors in child.errors.items():
                lines.append(f"{name}[{index}].{field}: {' '.join(errors)}")
    return "\n".join(lines)


def count_queries(client, url, warm_up=True):
    """Queries one GET of `url` makes (after a first, unmeasured GET that fills caches)."""
    if warm_up:
        client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, f"GET {url} returned {response.status_code}"
    return len(queries), response


class ListingQueriesMixin:
    """Pins that a listing's query count does not grow with the number of items it shows."""

    def assertQueriesDoNotGrow(self, url, add_items, n=4, limit=LISTING_QUERY_LIMIT):
        """Render `url` with n items, then with 3n (add_items(k) adds k more); same count.

        Returns the response with 3n items, for checking that they are really listed.
        """
        add_items(n)
        small, _ = count_queries(self.client, url)
        add_items(2 * n)
        large, response = count_queries(self.client, url)
        print(f"\n[queries] {url}: {small} with {n} items, {large} with {3 * n} items")
        self.assertEqual(
            small,
            large,
            f"{url} makes {small} queries with {n} items but {large} with {3 * n}: an N+1.",
        )
        self.assertLessEqual(large, limit, f"{url} makes {large} queries (limit {limit}).")
        return response

    def assertOutOfRangePagesAreShown(self, url, first_page_title, last_page_title):
        """?strana= with a bad or too large number shows the nearest page, never 404/500.

        `first_page_title` is listed only on the first page, `last_page_title` only on the last.
        """
        for value, shown, hidden in (
            ("abc", first_page_title, last_page_title),
            ("", first_page_title, last_page_title),
            ("1", first_page_title, last_page_title),
            ("2", last_page_title, first_page_title),
            ("999", last_page_title, first_page_title),
            ("0", last_page_title, first_page_title),
            ("-1", last_page_title, first_page_title),
        ):
            with self.subTest(strana=value):
                response = self.client.get(url, {"strana": value})
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, shown)
                self.assertNotContains(response, hidden)
