"""E-mail alerts end to end: a visitor subscribes to a topic and confirms from the e-mail
that reached the local SMTP server; a reviewer publishes a page on the topic and the alert
arrives; one click on the unsubscribe header ends it and nothing more arrives."""

import json
import re

from playwright.sync_api import expect

from portal.alerts.tests.smtp import text_of
from portal.alerts.tests.smtp import unsubscribe_url as one_click_url
from tests.browser.test_accessibility import AXE_TAGS, axe_source
from tests.browser.test_editorial_flow import admin_login

ADDRESS = "ctenarka@example.cz"
TOPIC = "pěstounská péče"


def axe_violations(page):
    page.evaluate(axe_source())
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.target)})))",
        AXE_TAGS,
    )


def assert_accessible(page):
    violations = axe_violations(page)
    assert not violations, json.dumps(violations, ensure_ascii=False)


def link_in(message, path_part):
    return re.search(rf"https?://\S+{path_part}\S+/", text_of(message)).group(0)


def publish_news_on_topic(browser, portal_url, title):
    """A project editor writes a news item on the topic and submits it; a reviewer approves
    and publishes it."""
    editor = browser.new_context(locale="cs-CZ")
    page = editor.new_page()
    admin_login(page, portal_url, "redaktor-jihlava")
    page.goto(portal_url + "/admin/pages/")  # the editor's explorer opens on their project
    project_id = re.search(r"/admin/pages/(\d+)/$", page.url).group(1)
    page.goto(f"{portal_url}/admin/pages/add/news/newspage/{project_id}/")
    page.fill("#id_title", title)
    page.fill("#id_summary", "Krátké shrnutí pro upozornění e-mailem.")
    # The topics field sits on another tab of the editor: open the tab that holds it.
    tab = page.locator("#id_topics").evaluate("field => field.closest('[role=tabpanel]').id")
    page.click(f"a[role=tab][href='#{tab}']")
    tag_input = page.locator("#id_topics ~ ul.tagit .tagit-new input")
    tag_input.fill(TOPIC)
    tag_input.press("Enter")
    expect(page.locator("#id_topics")).to_have_value(re.compile(TOPIC))
    page.get_by_role("button", name="Další akce").click()
    page.click("button[name=action-submit]")
    expect(page.locator(".messages")).to_contain_text("odeslána ke schválení")
    edit_url = page.locator(".messages a[href*='/edit/']").first.get_attribute("href")
    editor.close()

    reviewer = browser.new_context(locale="cs-CZ")
    page = reviewer.new_page()
    admin_login(page, portal_url, "recenzent")
    page.goto(portal_url + edit_url)
    page.get_by_role("button", name="Další akce").click()
    page.get_by_role("button", name="Schválit s komentářem a zveřejnit").click()
    page.fill(".modal-dialog textarea", "Schváleno.")
    page.locator(".modal-dialog button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    expect(page.locator(".messages")).to_contain_text("Schváleno a zveřejněno")
    reviewer.close()


def test_subscribe_confirm_receive_and_unsubscribe(browser, portal_url, smtp_server):
    visitor = browser.new_context(locale="cs-CZ")
    page = visitor.new_page()
    page.goto(portal_url + "/odber/")
    assert_accessible(page)
    page.fill("#id_email", ADDRESS)
    page.get_by_label(TOPIC, exact=True).check()
    page.get_by_role("button", name="Přihlásit k odběru").click()
    expect(page.locator("h1")).to_have_text("Zkontrolujte svou e-mailovou schránku")
    assert_accessible(page)

    [confirmation] = smtp_server.to(ADDRESS)
    page.goto(link_in(confirmation, "/odber/potvrdit/"))
    assert_accessible(page)
    page.get_by_role("button", name="Potvrdit odběr").click()
    expect(page.locator("h1")).to_have_text("Nastavení odběru")
    expect(page.get_by_label(TOPIC, exact=True)).to_be_checked()
    assert_accessible(page)

    publish_news_on_topic(browser, portal_url, "Nová příručka pro pěstouny")
    alerts = smtp_server.to(ADDRESS)[1:]
    assert len(alerts) == 1
    assert "Nová příručka pro pěstouny" in text_of(alerts[0])
    assert alerts[0]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    unsubscribe_url = one_click_url(alerts[0])
    page.goto(unsubscribe_url)  # opening the link only asks
    assert_accessible(page)
    mail_client = browser.new_context()  # RFC 8058: a POST without cookies or CSRF token
    answer = mail_client.request.post(unsubscribe_url, form={"List-Unsubscribe": "One-Click"})
    assert answer.status == 200
    mail_client.close()

    publish_news_on_topic(browser, portal_url, "Další zpráva o pěstounské péči")
    assert len(smtp_server.to(ADDRESS)) == 2, "nothing more after unsubscribing"
    page.goto(link_in(alerts[0], "/odber/nastaveni/"))
    expect(page.locator("h1")).to_have_text("Odkaz neplatí")
    visitor.close()
