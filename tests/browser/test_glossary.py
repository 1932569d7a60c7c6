"""The glossary's inline definitions open without JavaScript; /slovnik/, /postup/ and an
opened definition pass axe-core."""

import json

import pytest

from tests.browser.test_accessibility import AXE_TAGS, axe_source

ABOUT = "/o-portalu/"


@pytest.fixture
def no_script_page(browser):
    context = browser.new_context(locale="cs-CZ", java_script_enabled=False)
    yield context.new_page()
    context.close()


def axe_violations(page):
    page.evaluate(axe_source())
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.map(v => ({id: v.id, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})))",
        AXE_TAGS,
    )


def test_a_definition_opens_and_closes_in_place_without_javascript(no_script_page, portal_url):
    page = no_script_page
    page.goto(portal_url + ABOUT)
    definition = page.locator("#pojem-ospod")
    assert not definition.is_visible()
    page.get_by_role("button", name="OSPOD (vysvětlení pojmu)").click()
    definition.wait_for(state="visible")
    assert "Orgán sociálně-právní ochrany dětí" in definition.inner_text()
    assert page.url == portal_url + ABOUT
    definition.get_by_role("button", name="Zavřít").click()
    definition.wait_for(state="hidden")


def test_the_keyboard_opens_a_definition(page, portal_url):
    page.goto(portal_url + ABOUT)
    button = page.get_by_role("button", name="OSPOD (vysvětlení pojmu)")
    button.focus()
    page.keyboard.press("Enter")
    page.locator("#pojem-ospod").wait_for(state="visible")
    assert button.get_attribute("popovertarget") == "pojem-ospod"
    page.keyboard.press("Escape")
    page.locator("#pojem-ospod").wait_for(state="hidden")


@pytest.mark.parametrize("path", ["/slovnik/", "/slovnik/ospod/", "/postup/"])
def test_axe_finds_no_violation_on_the_glossary_and_the_guide(page, portal_url, path):
    assert page.goto(portal_url + path).status == 200
    found = axe_violations(page)
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)


def test_axe_finds_no_violation_with_a_definition_open(page, portal_url):
    page.goto(portal_url + ABOUT)
    page.get_by_role("button", name="OSPOD (vysvětlení pojmu)").click()
    page.locator("#pojem-ospod").wait_for(state="visible")
    found = axe_violations(page)
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)
