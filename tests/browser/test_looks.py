"""How the portal looks in Chromium: screenshots of every page type at a desktop and a phone
width (into var/screenshots/, or SCREENSHOT_DIR), the first search result on the first
screen, no sideways scrolling at 320 px and the weight of each page with its styles, fonts
and icons.
"""

import os
import re
from pathlib import Path

import pytest

from tests.browser.test_accessibility import PAGE_TYPES, SPOT_TELC, expected_status

ROOT = Path(__file__).resolve().parents[2]
SCREENS = {"desktop": (1280, 800), "phone": (390, 844)}
SEARCHES = ["/hledat/?q=pěstoun", "/hledat/?q=metodika", "/hledat/?q=kolizní+opatrovník"]
BUDGET_BYTES = 100_000
# What a page weighs: its HTML, styles, scripts, fonts and icons; the pictures of its
# content (image renditions, documents, video) are not part of the page's frame.
CONTENT_FILES = re.compile(r"/media/|\.(mp4|webm|vtt|pdf)$")


LOAD_LAZY_IMAGES = "document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading='eager')"
IMAGES_LOADED = "() => [...document.images].every(image => image.complete)"


def screenshot_dir():
    return Path(os.environ.get("SCREENSHOT_DIR", ROOT / "var" / "screenshots"))


def file_name(path):
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"


@pytest.mark.parametrize("screen", SCREENS)
def test_screenshots_of_every_page_type(browser, portal_url, screen):
    width, height = SCREENS[screen]
    folder = screenshot_dir() / screen
    folder.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(locale="cs-CZ", viewport={"width": width, "height": height})
    page = context.new_page()
    taken = []
    for path in PAGE_TYPES:
        response = page.goto(portal_url + path)
        assert response.status == expected_status(path), path
        page.evaluate(LOAD_LAZY_IMAGES)
        page.wait_for_function(IMAGES_LOADED)  # the screenshot waits for the fonts itself
        target = folder / f"{file_name(path)}.png"
        page.screenshot(path=target, full_page=True)
        taken.append(target)
    context.close()
    assert all(target.stat().st_size > 5_000 for target in taken)


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("path", SEARCHES)
def test_first_search_result_is_on_the_first_screen(browser, portal_url, screen, path):
    width, height = SCREENS[screen]
    context = browser.new_context(locale="cs-CZ", viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(portal_url + path)
    first = page.locator(".search-results__list .search-result").first
    title = first.locator(".search-result__title").bounding_box()
    meta = first.locator(".search-result__meta").bounding_box()
    context.close()
    assert meta["y"] >= 0
    assert title["y"] + title["height"] <= height, f"{path}: first result at {title['y']} px"


def test_filters_are_a_side_column_on_desktop_and_a_closed_panel_on_phones(browser, portal_url):
    positions = {}
    for screen, (width, height) in SCREENS.items():
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        page.goto(portal_url + SEARCHES[0])
        panel = page.locator(".search-facets__panel")
        results = page.locator(".search-results").bounding_box()
        positions[screen] = (panel.evaluate("p => p.open"), panel.bounding_box(), results)
        context.close()
    desktop_open, desktop_panel, desktop_results = positions["desktop"]
    assert desktop_open and desktop_panel["x"] + desktop_panel["width"] <= desktop_results["x"]
    phone_open, phone_panel, phone_results = positions["phone"]
    assert not phone_open and phone_panel["height"] < 80
    # The closed panel is all that comes between the search field and the results.
    assert 0 <= phone_results["y"] - (phone_panel["y"] + phone_panel["height"]) < 40


def test_no_page_scrolls_sideways_at_320_px(browser, portal_url):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    overflowing = {}
    for path in [*PAGE_TYPES, *SEARCHES]:
        page.goto(portal_url + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            overflowing[path] = overflow
    context.close()
    assert not overflowing, overflowing


WEIGHT_JS = """() => {
    const entries = [performance.getEntriesByType('navigation')[0],
                     ...performance.getEntriesByType('resource')];
    return entries.map(e => [e.name, e.encodedBodySize || e.transferSize]);
}"""


def test_every_page_with_its_styles_fonts_and_icons_stays_under_the_budget(browser, portal_url):
    context = browser.new_context(locale="cs-CZ", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    heavy = {}
    fonts_seen = set()
    for path in [*PAGE_TYPES, SEARCHES[0]]:
        page.goto(portal_url + path)
        page.evaluate("document.fonts.ready.then(() => true)")
        files = dict(page.evaluate(WEIGHT_JS))
        fonts_seen.update(name for name in files if name.endswith(".woff2"))
        weight = sum(size for name, size in files.items() if not CONTENT_FILES.search(name))
        if weight >= BUDGET_BYTES:
            heavy[path] = weight
    context.close()
    assert fonts_seen, "the design system's fonts were not loaded"
    assert not heavy, heavy


def test_the_video_page_has_its_facts_beside_the_player_on_desktops_and_below_on_phones(
    browser, portal_url
):
    boxes = {}
    for screen, (width, height) in SCREENS.items():
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        page.goto(portal_url + SPOT_TELC)
        player = page.locator(".video__player").bounding_box()
        facts = page.locator("#o-videu").bounding_box()
        boxes[screen] = (player, facts)
        context.close()
    player, facts = boxes["desktop"]
    assert facts["x"] >= player["x"] + player["width"], "the key facts stand beside the player"
    assert abs(facts["y"] - player["y"]) < 50
    player, facts = boxes["phone"]
    assert player["y"] < SCREENS["phone"][1], "the player starts on a phone's first screen"
    assert facts["y"] > player["y"] + player["height"]
