"""An editor turns on the second factor with an authenticator app and logs in with it."""

from base64 import b32decode

from django_otp.oath import TOTP
from playwright.sync_api import expect

from tests.browser.test_editorial_flow import admin_login

USER = "redaktor-vysocina"  # no other browser test logs in as this editor


def app_code(secret, steps_ahead=0):
    """What an authenticator app shows for the key the enrol page printed."""
    key = secret.replace(" ", "")
    key = b32decode(key + "=" * (-len(key) % 8))
    return f"{TOTP(key, drift=steps_ahead).token():06d}"


def test_an_editor_enrols_an_app_and_logs_in_with_its_code(browser, portal_url):
    context = browser.new_context(locale="cs-CZ")
    page = context.new_page()
    admin_login(page, portal_url, USER)
    page.goto(portal_url + "/admin/account/#tab-actions")  # the "more actions" tab
    page.get_by_role("link", name="Zapnout dvoufázové ověření").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zapnutí dvoufázového ověření")
    expect(page.get_by_role("img", name="QR kód pro ověřovací aplikaci")).to_be_visible()
    secret = page.get_by_test_id("totp-secret").inner_text()
    page.get_by_role("textbox", name="Kód").fill(app_code(secret))
    page.get_by_role("button", name="Potvrdit a zapnout").click()
    expect(page.get_by_text("Dvoufázové ověření je zapnuté.")).to_be_visible()
    expect(page.get_by_test_id("recovery-codes").locator("li")).to_have_count(10)
    context.close()

    # The next login asks for the code before the admin opens.
    context = browser.new_context(locale="cs-CZ")
    page = context.new_page()
    page.goto(portal_url + "/admin/login/")
    page.fill("#id_username", USER)
    page.fill("#id_password", f"{USER}-demo-heslo")
    page.click("button[type=submit]")
    expect(
        page.get_by_role("heading", name="Zadejte kód z ověřovací aplikace").first
    ).to_be_visible()
    page.get_by_role("textbox", name="Kód").fill(
        "123456" if app_code(secret, 1) != "123456" else "654321"
    )
    page.get_by_role("button", name="Ověřit").click()
    expect(page.get_by_role("status").get_by_text("Kód neplatí")).to_be_visible()
    page.wait_for_timeout(1100)  # a wrong code blocks the next try for a second
    page.get_by_role("textbox", name="Kód").fill(app_code(secret, 1))
    page.get_by_role("button", name="Ověřit").click()
    page.wait_for_url(portal_url + "/admin/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    context.close()
