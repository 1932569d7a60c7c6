"""Suggestions from the field and adoption in Chromium: a visitor sends a suggestion and sees
it under review, OSPOD staff record that they use a tool, and axe-core finds no WCAG 2.1 A/AA
violation on the new pages (with and without errors shown)."""

import json

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import AXE_TAGS, axe_source

TOOL = "/projekty/inovacni-hnizdo-ospod-pardubicky-kraj/pruvodce-zmenou-na-pracovisti-ospod/"
AXE_JS = (
    "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
    ".then(r => r.violations.map(v => ({id: v.id, help: v.help,"
    " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})))"
)


def violations(page):
    page.evaluate(axe_source())
    return page.evaluate(AXE_JS, AXE_TAGS)


def assert_accessible(page):
    found = violations(page)
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)


@pytest.mark.parametrize(
    "path", ["/navrhnout/", "/navrhnout/posuzovane/", TOOL, "/nastroje/?razeni=nejpouzivanejsi"]
)
def test_axe_finds_no_violation(page, portal_url, path):
    response = page.goto(portal_url + path)
    assert response.status == 200
    assert_accessible(page)


def test_the_tool_page_shows_its_map_and_table(page, portal_url):
    page.goto(portal_url + TOOL)
    section = page.get_by_role("region", name="Kde se používá")
    expect(section.get_by_role("img", name="Mapa krajů")).to_be_visible()
    table = section.get_by_role("table")
    expect(table.get_by_role("row", name="Pardubický kraj")).to_contain_text("Žamberk")


def test_a_visitor_sends_a_suggestion_and_sees_it_under_review(page, portal_url):
    page.goto(portal_url + "/navrhnout/")
    page.get_by_role("button", name="Odeslat návrh").click()
    expect(page.get_by_role("alert")).to_contain_text("Vyplňte název")
    assert_accessible(page)  # the form with its errors

    page.get_by_label("Nástroj", exact=True).check()
    page.get_by_label("Název (zveřejní se").fill("Genogram v týmové poradě")
    page.get_by_label("Popis").fill("Kreslíme genogram rodiny společně na poradě týmu.")
    page.get_by_label("E-mail").fill("navrh-genogram@example.cz")
    page.get_by_label("Souhlasím").check()
    page.get_by_role("button", name="Odeslat návrh").click()
    expect(page.locator("h1")).to_have_text("Návrh jsme přijali")

    page.get_by_role("link", name="Přehled posuzovaných návrhů").click()
    row = page.get_by_role("row", name="Genogram v týmové poradě")
    expect(row).to_contain_text("Nový")
    assert "navrh-genogram@example.cz" not in page.content()


def test_staff_record_that_they_use_the_tool(browser, portal_url):
    context = browser.new_context(locale="cs-CZ")
    page = context.new_page()
    page.goto(portal_url + TOOL)
    page.get_by_role("link", name="Používáte ho na svém pracovišti OSPOD?").click()
    next_url = page.url.removeprefix(portal_url + "/prihlaseni/?next=")
    page.get_by_label("Uživatelské jméno").fill("pracovnik")
    page.get_by_label("Heslo").fill("pracovnik-demo-heslo")
    page.get_by_role("button", name="Přihlásit se").click()
    expect(page.locator("h1")).to_have_text("Zaznamenat využití")
    assert next_url.startswith("/pouzivame/")
    assert_accessible(page)

    page.get_by_label("Pracoviště OSPOD (ORP)").select_option(label="Jihlava")
    page.get_by_label("Krátká zkušenost").fill("Průvodce nám pomohl rozdělit změnu do kroků.")
    page.get_by_role("button", name="Zaznamenat").click()
    expect(page.get_by_role("alert")).to_contain_text("Potvrďte prosím")
    assert_accessible(page)
    page.get_by_label("Potvrzuji").check()
    page.get_by_role("button", name="Zaznamenat").click()
    expect(page.locator("h1")).to_have_text("Využití zaznamenáno")

    page.goto(portal_url + TOOL)
    table = page.get_by_role("region", name="Kde se používá").get_by_role("table")
    expect(table.get_by_role("row", name="Kraj Vysočina")).to_contain_text("Jihlava")
    assert "rozdělit změnu do kroků" not in page.content()  # until a reviewer approves it
    context.close()
