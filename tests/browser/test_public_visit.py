"""What an anonymous visitor's browser sees: no cookies, nothing fetched from elsewhere."""

from urllib.parse import urlparse

PUBLIC_PATHS = ["/", "/projekty/", "/aktuality/", "/metodiky/", "/nastroje/", "/videa/", "/temata/"]


def test_anonymous_visit_sets_no_cookie_and_stays_on_the_site(page, context, portal_url):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    for path in PUBLIC_PATHS:
        response = page.goto(portal_url + path)
        assert response.status == 200, path
    assert context.cookies() == []
    assert hosts == {urlparse(portal_url).netloc}


def test_phone_sized_screen_has_no_horizontal_scroll(browser, portal_url):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    for path in PUBLIC_PATHS:
        page.goto(portal_url + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320 px"
    context.close()


def test_skip_link_is_the_first_stop_of_the_keyboard(page, portal_url):
    page.goto(portal_url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#obsah"
