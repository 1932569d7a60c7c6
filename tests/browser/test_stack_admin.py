"""Through the production stack (Varnish in front of gunicorn): a browser logs in to the
admin, publishes a change, and the public sees it through the front cache."""

import re
import time

from playwright.sync_api import expect

from tests.browser.test_second_factor import app_code

ABOUT = "/o-portalu/"
PAGE_ID = (
    "from wagtail.models import Page; print(Page.objects.get(url_path__endswith='/o-portalu/').id)"
)


def public_text(context, url):
    return context.request.get(url).text()


def test_a_browser_logs_in_through_the_front_cache_and_publishes(stack, stack_browser):
    anonymous = stack_browser.new_context()
    assert "O portálu" in public_text(anonymous, stack.url + ABOUT)  # now in the front cache
    page_id = stack.manage("shell", "-c", PAGE_ID).split()[-1]  # after the shell's own notes

    admin = stack_browser.new_context(locale="cs-CZ")
    page = admin.new_page()
    page.goto(stack.url + "/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "admin-demo-heslo")
    page.click("button[type=submit]")  # no "Origin checking failed"
    # Production settings let an administrator in only with a second factor: enrol first.
    expect(page.get_by_role("heading", level=1)).to_have_text("Zapnutí dvoufázového ověření")
    secret = page.get_by_test_id("totp-secret").inner_text()
    page.get_by_role("textbox", name="Kód").fill(app_code(secret))
    page.get_by_role("button", name="Potvrdit a zapnout").click()
    page.get_by_role("link", name="Pokračovat do administrace").click()
    page.wait_for_url(stack.url + "/admin/")
    page.goto(f"{stack.url}/admin/pages/{page_id}/edit/")
    page.fill("#id_title", "O portálu pro praxi")
    page.get_by_role("button", name="Další akce").click()
    page.click("button[name=action-publish]")
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    expect(page.locator(".messages")).to_contain_text("O portálu pro praxi")
    admin.close()

    deadline = time.monotonic() + 15
    while "O portálu pro praxi" not in public_text(anonymous, stack.url + ABOUT):
        assert time.monotonic() < deadline, "the front cache still shows the old page"
        time.sleep(0.5)
    anonymous.close()
