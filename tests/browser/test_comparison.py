"""The comparison of demo tools, reached from the tools listing without JavaScript, its
accessibility (axe-core), its print view, and the sheet behind a detail page's link."""

import json

import pytest

from tests.browser.test_accessibility import AXE_TAGS, axe_source

TOOLS = "/nastroje/"
METHODOLOGY = (
    "/projekty/podpora-rozvoje-a-profesionalizace-spod/kolizni-opatrovnictvi-podle-cochemske-praxe/"
)


def axe_violations(page):
    page.evaluate(axe_source())
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.map(v => ({id: v.id, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})))",
        AXE_TAGS,
    )


@pytest.fixture(scope="module")
def compared(browser, portal_url):
    """Two demo tools ticked in the listing and compared, in a browser without JavaScript:
    the comparison's address and the tools' titles."""
    context = browser.new_context(locale="cs-CZ", java_script_enabled=False)
    page = context.new_page()
    page.goto(portal_url + TOOLS)
    boxes = page.get_by_role("checkbox", name="Porovnat")
    assert boxes.count() >= 2
    titles = [page.locator(".card__title").nth(index).inner_text() for index in (0, 1)]
    boxes.nth(0).check()
    boxes.nth(1).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Porovnat vybrané").click()
    url = page.url
    context.close()
    return url, titles


@pytest.fixture
def comparison(page, compared):
    url, titles = compared
    assert page.goto(url).status == 200
    return page, titles


def test_two_demo_tools_compare_side_by_side(comparison):
    page, titles = comparison
    assert "/porovnat/?stranky=" in page.url and page.url.count("stranky=") == 2
    headers = page.locator("thead th[scope=col]").all_inner_texts()
    assert len(headers) == 2
    for title, header in zip(titles, headers, strict=True):
        assert title in header
    assert page.locator("tbody th[scope=row]").count() >= 3


def test_the_comparison_passes_axe(comparison):
    page, _ = comparison
    violations = axe_violations(page)
    assert not violations, json.dumps(violations, ensure_ascii=False, indent=1)


def test_the_comparison_prints_without_the_site_chrome(comparison):
    page, _ = comparison
    page.emulate_media(media="print")
    for chrome in (".main-nav", ".search-form", ".footer-nav", ".skip-link"):
        assert not page.locator(chrome).is_visible(), chrome
    assert page.locator(".compare table").is_visible()
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


@pytest.mark.parametrize("path", [TOOLS, "/metodiky/", METHODOLOGY])
def test_the_pages_offering_a_comparison_pass_axe(browser, portal_url, path):
    context = browser.new_context(locale="cs-CZ", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    assert page.goto(portal_url + path).status == 200
    violations = axe_violations(page)
    context.close()
    assert not violations, json.dumps(violations, ensure_ascii=False, indent=1)


def test_a_detail_page_links_its_printed_sheet(page, portal_url):
    page.goto(portal_url + METHODOLOGY)
    link = page.get_by_role("link", name="Stáhnout kartu (PDF)")
    href = link.get_attribute("href")
    assert href == METHODOLOGY + "karta.pdf"
    response = page.request.get(portal_url + href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
