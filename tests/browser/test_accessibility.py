"""Every page type and listing of the demo portal in Chromium: axe-core finds no WCAG 2.1 A/AA
violation, the keyboard reaches every control, phones need no sideways scrolling, and an
anonymous visit sets no cookie and asks nothing of other sites.

axe-core comes with the `axe-playwright-python` test dependency (its bundled axe.min.js);
it is evaluated through the DevTools protocol, so no script is injected into the page.
"""

import json
from pathlib import Path
from urllib.parse import urlparse

import pytest

# One page of every type, every listing and its filtered and paged views.
SPOT_TELC = "/projekty/podpora-rozvoje-a-profesionalizace-spod/spot-telc/"
PAGE_TYPES = [
    "/",
    "/projekty/",
    "/projekty/inovacni-hnizdo-ospod-pardubicky-kraj/",
    "/projekty/podpora-rozvoje-a-profesionalizace-spod/",
    "/projekty/podpora-rozvoje-a-profesionalizace-spod/zprava-za-1-obdobi/",
    "/aktuality/",
    "/aktuality/?typ=zpravy",
    "/aktuality/?rok=loni",
    "/projekty/podpora-spod-na-krajskem-urade-jmk-ii/ospod-sobe-setkani-ve-slapanicich/",
    "/projekty/podpora-systemovych-zmen-v-peci-o-ohrozene-deti/model-site-sluzeb/",
    "/videa/",
    "/videa/?tema=mediace",
    SPOT_TELC,
    "/metodiky/",
    "/projekty/podpora-rozvoje-a-profesionalizace-spod/kolizni-opatrovnictvi-podle-cochemske-praxe/",
    "/nastroje/",
    "/projekty/inovacni-hnizdo-ospod-pardubicky-kraj/pruvodce-zmenou-na-pracovisti-ospod/",
    "/o-portalu/",
    "/prohlaseni-o-pristupnosti/",
    "/temata/",
    "/temata/mediace/",
    "/hledat/?q=pěstoun",
]
# Pages whose controls are walked with the Tab key (one of each kind of control).
KEYBOARD_PAGES = [
    "/",
    "/aktuality/",
    SPOT_TELC,
    "/projekty/inovacni-hnizdo-ospod-pardubicky-kraj/",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_source():
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


def expected_status(path):
    return 400 if "rok=loni" in path else 200


@pytest.fixture(scope="module")
def visits(browser, portal_url):
    """Every page visited once at desktop width: axe results, cookies and hosts asked."""
    context = browser.new_context(locale="cs-CZ", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    source = axe_source()
    results = {}
    for path in PAGE_TYPES:
        response = page.goto(portal_url + path)
        assert response.status == expected_status(path), path
        page.evaluate(source)
        results[path] = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
            ".then(r => r.violations.map(v => ({id: v.id, help: v.help,"
            " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})))",
            AXE_TAGS,
        )
    cookies = context.cookies()
    context.close()
    return {"axe": results, "cookies": cookies, "hosts": hosts}


def test_axe_finds_no_violation_on_any_page_type(visits):
    failing = {path: found for path, found in visits["axe"].items() if found}
    assert not failing, json.dumps(failing, ensure_ascii=False, indent=1)


def test_anonymous_visitor_gets_no_cookie_and_nothing_from_other_sites(visits, portal_url):
    assert visits["cookies"] == []
    assert visits["hosts"] == {urlparse(portal_url).netloc}


@pytest.mark.parametrize("width", [320, 360])
def test_no_page_scrolls_sideways_on_a_phone(browser, portal_url, width):
    context = browser.new_context(viewport={"width": width, "height": 700})
    page = context.new_page()
    overflowing = {}
    for path in PAGE_TYPES:
        page.goto(portal_url + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            overflowing[path] = overflow
    context.close()
    assert not overflowing, f"scrolls sideways at {width} px: {overflowing}"


CONTROLS_JS = """() => {
    const selector = 'a[href], button, input:not([type=hidden]), select, textarea, '
        + 'video[controls], [tabindex]:not([tabindex="-1"])';
    return [...document.querySelectorAll(selector)]
        .filter(el => !el.disabled && !el.closest('[hidden]') && el.getClientRects().length)
        .map((el, i) => { el.dataset.control = i; return i; });
}"""


@pytest.mark.parametrize("path", KEYBOARD_PAGES)
def test_keyboard_reaches_every_control(page, portal_url, path):
    page.goto(portal_url + path)
    controls = set(page.evaluate(CONTROLS_JS))
    reached = set()
    for _ in range(len(controls) * 2 + 5):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.dataset.control ?? null")
        if focused is not None:
            reached.add(int(focused))
        if reached >= controls:
            break
    assert reached >= controls, f"never focused: {sorted(controls - reached)} of {path}"
    visible_focus = page.evaluate(
        "getComputedStyle(document.activeElement).outlineStyle !== 'none'"
        " || getComputedStyle(document.activeElement).boxShadow !== 'none'"
    )
    assert visible_focus, "the focused control shows no focus indicator"


def test_uploaded_video_plays_from_the_portal(page, portal_url):
    page.goto(portal_url + SPOT_TELC)
    state = page.evaluate(
        """() => new Promise(resolve => {
            const video = document.querySelector('video');
            video.muted = true;
            video.addEventListener('playing', () => resolve({
                src: video.currentSrc, tracks: video.textTracks.length,
                language: video.textTracks[0] && video.textTracks[0].language}));
            video.addEventListener('error', () => resolve({error: video.error.code}));
            video.play().catch(e => resolve({error: String(e)}));
        })"""
    )
    assert "error" not in state, state
    assert urlparse(state["src"]).netloc == urlparse(portal_url).netloc
    assert state["tracks"] == 1 and state["language"] == "cs"


def test_embedded_video_asks_the_provider_only_after_the_click(page, portal_url):
    """The embed markup of a video page with a YouTube link (the demo has none)."""
    off_site = []

    def record_and_block(route):
        off_site.append(route.request.url)
        route.abort()

    page.route(lambda url: urlparse(url).netloc != urlparse(portal_url).netloc, record_and_block)
    page.goto(portal_url + "/videa/")
    page.evaluate(
        """() => document.querySelector('main').insertAdjacentHTML('beforeend',
            '<div class="video-embed" data-player-url="https://www.youtube-nocookie.com/embed/x1"'
            + ' data-player-title="Ukázka"><button type="button" class="video-embed__play"'
            + ' hidden>Přehrát video (YouTube)</button></div>')"""
    )
    page.add_script_tag(url="/static/portal/js/video-embed.js")
    button = page.get_by_role("button", name="Přehrát video (YouTube)")
    button.wait_for()
    assert off_site == []
    with page.expect_request(lambda request: "youtube-nocookie.com" in request.url):
        button.click()
    frame = page.locator("iframe.video-embed__frame")
    assert frame.get_attribute("src") == "https://www.youtube-nocookie.com/embed/x1"
    assert frame.get_attribute("title") == "Video: Ukázka"
    assert page.evaluate("document.activeElement.tagName") == "IFRAME"
