"""An editor adds a period report with a PDF and submits it; a reviewer approves it."""

import re

from fpdf import FPDF
from playwright.sync_api import expect

from portal.demo.loader import project_named

JIHLAVA_TELC_SLUG = "podpora-rozvoje-a-profesionalizace-spod"
VYSOCINA_PROJECT = project_named("inovace-pro-setrvani-deti-v-rodine")["project"]
PROJECT_URL = f"/projekty/{JIHLAVA_TELC_SLUG}/"


def admin_login(page, portal_url, username):
    page.goto(portal_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"{username}-demo-heslo")
    page.click("button[type=submit]")
    page.wait_for_url(portal_url + "/admin/")


def a_pdf(path):
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.set_font("DejaVu", size=12)
    pdf.multi_cell(0, 7, "Příloha zprávy za páté období: přehled setkání a supervizí.")
    pdf.output(str(path))
    return path


def test_editor_submits_a_period_report_and_a_reviewer_approves_it(browser, portal_url, tmp_path):
    editor = browser.new_context(locale="cs-CZ")
    page = editor.new_page()
    admin_login(page, portal_url, "redaktor-jihlava")
    page.goto(portal_url + "/admin/pages/")  # the editor's explorer opens on their project
    project_id = re.search(r"/admin/pages/(\d+)/$", page.url).group(1)
    page.goto(f"{portal_url}/admin/pages/add/news/periodreportpage/{project_id}/")
    # Pre-filled: the period after the demo's fourth report.
    expect(page.locator("#id_title")).to_have_value("Zpráva za 5. období")
    expect(page.locator("#id_period_number")).to_have_value("5")
    expect(page.locator("#id_period_start")).to_have_value("2022-05-01")
    expect(page.locator("#id_period_end")).to_have_value("2022-10-31")
    page.fill("#id_summary", "Co projekt udělal v pátém období.")
    page.click("#id_documents-ADD")
    page.locator("#id_documents-FORMS button", has_text="Zvolit dokument").first.click()
    page.click("#tab-label-upload")
    page.set_input_files("#id_document-chooser-upload-file", a_pdf(tmp_path / "priloha.pdf"))
    page.fill("#id_document-chooser-upload-title", "Příloha k 5. období")
    page.locator("form[data-chooser-modal-creation-form] button[type=submit]").click()
    expect(page.locator("#id_documents-FORMS")).to_contain_text("Příloha k 5. období")
    page.get_by_role("button", name="Další akce").click()
    expect(page.locator("button[name=action-submit]")).to_have_text("Odeslat ke schválení")
    page.click("button[name=action-submit]")
    expect(page.locator(".messages")).to_contain_text("odeslána ke schválení")
    edit_url = page.locator(".messages a[href*='/edit/']").first.get_attribute("href")
    editor.close()

    anonymous = browser.new_context()
    assert "Zpráva za 5. období" not in anonymous.request.get(portal_url + PROJECT_URL).text()

    reviewer = browser.new_context(locale="cs-CZ")
    page = reviewer.new_page()
    admin_login(page, portal_url, "recenzent")
    page.goto(portal_url + edit_url)
    page.get_by_role("button", name="Další akce").click()
    page.get_by_role("button", name="Schválit s komentářem a zveřejnit").click()
    page.fill(".modal-dialog textarea", "Schváleno, děkujeme.")
    page.locator(".modal-dialog button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    expect(page.locator(".messages")).to_contain_text(
        "Schváleno a zveřejněno: stránka „Zpráva za 5. období“ je na webu."
    )
    reviewer.close()

    page = anonymous.new_page()
    page.goto(portal_url + PROJECT_URL)
    page.get_by_role("link", name=re.compile("Zpráva za 5. období")).first.click()
    expect(page.locator("h1")).to_contain_text("Zpráva za 5. období")
    pdf_link = page.locator("a[href^='/dokumenty/']", has_text="Příloha k 5. období").first
    download = anonymous.request.get(portal_url + pdf_link.get_attribute("href"))
    assert download.status == 200
    assert download.body().startswith(b"%PDF-")
    for feed in ("/rss/aktuality/", "/atom/aktuality/", "/rss/zpravy/"):
        assert "Zpráva za 5. období" in anonymous.request.get(portal_url + feed).text(), feed
    page.goto(portal_url + "/aktuality/?typ=zpravy")
    expect(page.locator("main")).to_contain_text("Zpráva za 5. období")
    anonymous.close()


def test_an_editor_cannot_open_another_projects_pages(browser, portal_url):
    reviewer = browser.new_context(locale="cs-CZ")
    page = reviewer.new_page()
    admin_login(page, portal_url, "recenzent")
    page.goto(portal_url + "/admin/pages/search/?q=" + VYSOCINA_PROJECT["title"])
    link = page.locator("a[href*='/edit/']", has_text=VYSOCINA_PROJECT["title"]).first
    other_project_id = re.search(r"/admin/pages/(\d+)/", link.get_attribute("href")).group(1)
    reviewer.close()

    editor = browser.new_context(locale="cs-CZ")
    page = editor.new_page()
    admin_login(page, portal_url, "redaktor-jihlava")
    for path in (
        f"/admin/pages/{other_project_id}/edit/",
        f"/admin/pages/{other_project_id}/",
        f"/admin/pages/add/news/periodreportpage/{other_project_id}/",
    ):
        page.goto(portal_url + path)
        # Sent back to the dashboard or to their own project, never shown the other one.
        assert not page.url.endswith(path), path
        assert VYSOCINA_PROJECT["title"] not in page.content(), path
    editor.close()
