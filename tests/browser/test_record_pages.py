"""The practitioner's record in Chromium: the record pages, the evidence scale, the standards
and provisions pages and the new listing filters pass axe-core (WCAG 2.1 A/AA) and fit a phone."""

import json

import pytest

from tests.browser.test_accessibility import AXE_TAGS, axe_source

PARDUBICE = "/projekty/inovacni-hnizdo-ospod-pardubicky-kraj/"
RECORD_PAGES = [
    "/jak-hodnotime/",
    PARDUBICE + "provazeni-zmenou-v-kontextu-spod/",
    PARDUBICE + "plan-bezpeci-ditete/",
    "/projekty/podpora-rozvoje-a-profesionalizace-spod/kolizni-opatrovnictvi-podle-cochemske-praxe/",
    "/metodiky/?prostredi=soud",
    "/nastroje/?ucinnost=promising&skupina=pracovnici-ospod",
    "/standardy-kvality/",
    "/standardy-kvality/profesni-rozvoj/",
    "/pravni-predpisy/",
    "/pravni-predpisy/zakon-359-1999-par-17/",
]


def test_record_pages_pass_axe(browser, portal_url):
    context = browser.new_context(locale="cs-CZ", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    source = axe_source()
    failing = {}
    for path in RECORD_PAGES:
        response = page.goto(portal_url + path)
        assert response.status == 200, path
        page.evaluate(source)
        found = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
            ".then(r => r.violations.map(v => ({id: v.id, help: v.help,"
            " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})))",
            AXE_TAGS,
        )
        if found:
            failing[path] = found
    context.close()
    assert not failing, json.dumps(failing, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("width", [320])
def test_record_pages_fit_a_phone(browser, portal_url, width):
    context = browser.new_context(viewport={"width": width, "height": 700})
    page = context.new_page()
    overflowing = {}
    for path in RECORD_PAGES:
        page.goto(portal_url + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            overflowing[path] = overflow
    page.goto(portal_url + RECORD_PAGES[1])
    page.screenshot(path="/tmp/record-phone.png", full_page=True)
    context.close()
    assert not overflowing, f"scrolls sideways at {width} px: {overflowing}"
