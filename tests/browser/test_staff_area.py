"""A staff-only methodology: readable after the staff login, absent by every other route."""

from urllib.parse import quote

from playwright.sync_api import expect

from portal.demo.loader import project_named

JIHLAVA_TELC_SLUG = "podpora-rozvoje-a-profesionalizace-spod"
JIHLAVA_TELC = project_named(JIHLAVA_TELC_SLUG)
STAFF_METHODOLOGY = next(m for m in JIHLAVA_TELC["methodologies"] if m["audience"] == "staff")
TITLE = STAFF_METHODOLOGY["title"]
PAGE_URL = f"/projekty/{JIHLAVA_TELC_SLUG}/{STAFF_METHODOLOGY['slug']}/"
DOCUMENT = JIHLAVA_TELC["documents"]["interni-kontrolni-seznam"]
QUERY = quote("Standardy výkonu SPOD")

# Every public route that could show the methodology, its document or their titles.
ROUTES = [
    f"/hledat/?q={QUERY}",
    f"/api/hledat/?q={QUERY}",
    f"/api/hledat/?q={quote('kontrolní seznam')}",
    f"/api/hledat/naseptavac/?q={quote('Standardy')}",
    "/sitemap.xml",
    "/sitemap-stranky.xml",
    "/rss/aktuality/",
    "/atom/aktuality/",
    "/metodiky/",
    "/temata/standardy-spod/",
    "/temata/",
    f"/projekty/{JIHLAVA_TELC_SLUG}/",
    "/",
]


def staff_login(page, portal_url, next_url):
    page.goto(f"{portal_url}{next_url}")
    expect(page.locator("h1")).to_have_text("Přihlášení pracovníků OSPOD")
    page.get_by_label("Uživatelské jméno").fill("pracovnik")
    page.get_by_label("Heslo").fill("pracovnik-demo-heslo")
    page.get_by_role("button", name="Přihlásit se").click()


def test_staff_read_it_after_logging_in_and_nobody_else_finds_it(browser, portal_url):
    staff = browser.new_context(locale="cs-CZ")
    page = staff.new_page()
    staff_login(page, portal_url, PAGE_URL)  # the page sends them to the login first
    page.wait_for_url(portal_url + PAGE_URL)
    expect(page.locator("h1")).to_contain_text(TITLE)
    document_url = page.locator("a[href^='/dokumenty/']").first.get_attribute("href")
    download = staff.request.get(portal_url + document_url)
    assert download.status == 200 and download.body().startswith(b"%PDF-")
    assert TITLE in staff.request.get(f"{portal_url}/hledat/?q={QUERY}").text()
    staff.close()

    anonymous = browser.new_context(locale="cs-CZ")
    page = anonymous.new_page()
    page.goto(portal_url + PAGE_URL)
    assert page.url.startswith(f"{portal_url}/prihlaseni/?next=")
    expect(page.locator("h1")).to_have_text("Přihlášení pracovníků OSPOD")
    assert TITLE not in page.content()

    stored_name = document_url.rstrip("/").rsplit("/", 1)[-1]
    closed = [document_url, f"/media/documents/{stored_name}", f"/media/{stored_name}"]
    for path in closed:
        response = anonymous.request.get(portal_url + path, max_redirects=0)
        assert response.status in (302, 404), path
        if response.status == 302:
            assert response.headers["location"].startswith("/prihlaseni/"), path
        assert not response.body().startswith(b"%PDF-"), path

    for path in ROUTES:
        body = anonymous.request.get(portal_url + path).text()
        assert TITLE not in body, path
        assert DOCUMENT["title"] not in body, path
        assert STAFF_METHODOLOGY["slug"] not in body, path
    anonymous.close()
