"""Project, region and detail pages in Chromium: axe-core finds no violation (anonymous
and as staff), phones need no sideways scrolling, and staff see their logged-in state."""

import json
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import AXE_TAGS, axe_source
from tests.browser.test_staff_area import staff_login

PAGES = [
    "/projekty/inovacni-hnizdo-ospod-pardubicky-kraj/",
    "/projekty/podpora-systemovych-zmen-v-peci-o-ohrozene-deti/",
    "/kraje/",
    "/kraje/pardubicky/",
    "/metodiky/?kraj=vysocina",
    # The other detail pages with the side column.
    "/projekty/podpora-rozvoje-a-profesionalizace-spod/kolizni-opatrovnictvi-podle-cochemske-praxe/",
    "/projekty/inovacni-hnizdo-ospod-pardubicky-kraj/pruvodce-zmenou-na-pracovisti-ospod/",
    "/projekty/podpora-spod-na-krajskem-urade-jmk-ii/ospod-sobe-setkani-ve-slapanicich/",
    "/projekty/podpora-rozvoje-a-profesionalizace-spod/zprava-za-1-obdobi/",
]
AXE_JS = (
    "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
    ".then(r => r.violations.map(v => ({id: v.id, help: v.help,"
    " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})))"
)


def axe_violations(page, portal_url, paths):
    source, found = axe_source(), {}
    for path in paths:
        response = page.goto(portal_url + path)
        assert response.status == 200, path
        page.evaluate(source)
        violations = page.evaluate(AXE_JS, AXE_TAGS)
        if violations:
            found[path] = violations
    return found


def test_axe_finds_no_violation_for_anonymous_visitors(page, portal_url):
    found = axe_violations(page, portal_url, PAGES)
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)


def test_axe_finds_no_violation_for_staff_and_they_see_who_is_logged_in(browser, portal_url):
    context = browser.new_context(locale="cs-CZ", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    staff_login(page, portal_url, "/prihlaseni/?next=/metodiky/")
    page.wait_for_url(portal_url + "/metodiky/")
    expect(page.locator(".staff-bar")).to_contain_text("pracovnik")
    expect(page.get_by_role("button", name="Odhlásit se")).to_be_visible()
    expect(page.locator(".badge--staff")).to_have_count(1)
    found = axe_violations(page, portal_url, ["/metodiky/", *PAGES])
    page.get_by_role("button", name="Odhlásit se").click()
    page.wait_for_load_state()
    expect(page.locator(".staff-bar")).to_have_count(0)
    context.close()
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)


def screenshot(page, path, width):
    """A full-page screenshot into $PORTAL_SCREENSHOTS (not committed), when it is set."""
    folder = os.environ.get("PORTAL_SCREENSHOTS")
    if folder:
        name = path.strip("/").replace("/", "_").replace("?", "_") or "home"
        page.screenshot(path=Path(folder) / f"{name}-{width}.png", full_page=True)


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_no_sideways_scrolling(browser, portal_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    overflowing = {}
    for path in PAGES:
        page.goto(portal_url + path)
        screenshot(page, path, width)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            overflowing[path] = overflow
    context.close()
    assert not overflowing, overflowing


def test_the_project_page_uses_a_side_column_on_a_desktop(page, portal_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(portal_url + PAGES[0])
    main = page.locator(".detail-main").bounding_box()
    facts = page.locator(".detail-aside--facts").bounding_box()
    assert facts["x"] > main["x"] + main["width"] - 1
    assert facts["y"] < main["y"] + 200
