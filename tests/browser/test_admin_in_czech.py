"""The admin speaks Czech to a project editor and to a reviewer.

Both walk the screens they use (dashboard, page explorer, the edit form of every page type
with its tabs and side panels, the choosers, the review workflow, documents, images,
snippets, reports) and every text a screen shows (and its placeholders, tooltips and labels
for screen readers) is compared with the English strings of Wagtail's and Django's own
catalogues, so that strings added by an upgrade are checked too. Strings that are the same
in Czech ("OK", "URL") are those a Czech catalogue translates as themselves.
"""

import html
import re

import polib
from playwright.sync_api import expect
from wagtail.models import Page, get_page_models

from tests.admin_strings import PACKAGES, catalogue, english_entries
from tests.browser.test_editorial_flow import admin_login

PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdif]|\{\w*\}")
CZECH_CATALOGUES = "portal/locale/cs/LC_MESSAGES"
VISIBLE_STRINGS = """() => {
    const found = document.body.innerText.split("\\n");
    for (const element of document.querySelectorAll("[placeholder], [aria-label], [title]")) {
        for (const name of ["placeholder", "aria-label", "title"]) {
            if (element.getAttribute(name)) found.push(element.getAttribute(name));
        }
    }
    return [document.title, ...found];
}"""
ONE_EDIT_LINK_PER_PAGE_TYPE = """() => {
    const headers = [...document.querySelectorAll("main table thead th")];
    const column = headers.findIndex(th => th.innerText.trim().startsWith("Typ"));
    if (column < 0) return null;
    const links = new Map();
    for (const row of document.querySelectorAll("main table tbody tr")) {
        const link = row.querySelector("a[href$='/edit/']");
        const type = row.children[column]?.innerText.trim();
        if (link && !links.has(type)) links.set(type, link.pathname);
    }
    return [...links.values()];
}"""
CHOOSER_STRINGS = """async (url) => {
    const response = await fetch(url, {headers: {"X-Requested-With": "XMLHttpRequest"}});
    const modal = document.createElement("div");
    modal.innerHTML = (await response.json()).html;
    document.querySelector("main").replaceChildren(modal);
}"""


def normalised(text):
    text = re.sub(r"<br\s*/?>", " ", text)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return " ".join(text.split())


def same_in_czech():
    """English strings some Czech catalogue translates as themselves."""
    same = set()
    for domain in ("django", "djangojs"):
        entries = [e for name in PACKAGES for e in catalogue(name, "cs", domain)]
        entries += list(polib.pofile(f"{CZECH_CATALOGUES}/{domain}.po"))
        same |= {e.msgid for e in entries if e.msgstr.strip() == e.msgid.strip()}
    return same


class EnglishStrings:
    """Finds the admin's English strings among the lines a screen shows."""

    def __init__(self):
        skip = same_in_czech()
        self.exact = {}
        self.patterns = []
        for domain in ("django", "djangojs"):
            for _package, entry in english_entries(domain):
                for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
                    if msgid not in skip:
                        self.add(normalised(msgid))

    def add(self, msgid):
        literal = PLACEHOLDER.sub(" ", msgid)
        if len(re.findall(r"[A-Za-z]", literal)) < 3:
            return  # a bare placeholder, a number or a symbol: nothing English to see
        if not PLACEHOLDER.search(msgid):
            self.exact[msgid] = msgid
            return
        parts = [re.escape(part) for part in PLACEHOLDER.split(msgid)]
        longest = max(PLACEHOLDER.split(msgid), key=len).strip()
        self.patterns.append((longest, re.compile(".+?".join(parts)), msgid))

    def in_line(self, line):
        if line in self.exact:
            return self.exact[line]
        for longest, pattern, msgid in self.patterns:
            if longest in line and pattern.fullmatch(line):
                return msgid
        return None


class Walk:
    """One user's walk through the admin, remembering every line each screen showed."""

    def __init__(self, page, portal_url):
        self.page = page
        self.url = portal_url
        self.seen = {}

    def look(self, where=None):
        for line in self.page.evaluate(VISIBLE_STRINGS):
            line = " ".join(line.split())
            if line:
                self.seen.setdefault(line, where or self.page.url.removeprefix(self.url))

    def visit(self, path):
        self.page.goto(self.url + path)
        self.look()

    def chooser(self, path):
        self.page.goto(self.url + "/admin/")
        self.page.evaluate(CHOOSER_STRINGS, self.url + path)
        self.look(f"{path} (chooser)")

    def edit_form(self, path):
        """The edit form with each tab and side panel open, and the footer's menu."""
        self.visit(path)
        for tab in self.page.locator("[role=tab]").all():
            tab.click()
            self.look()
        for toggle in self.page.locator("button[data-side-panel-toggle]").all():
            toggle.click()
            self.look()
            toggle.click()
        more = self.page.get_by_role("button", name="Další akce")
        if more.count():
            more.click()
            self.look()

    def links(self, selector):
        hrefs = self.page.locator(selector).evaluate_all("els => els.map(e => e.pathname)")
        return list(dict.fromkeys(hrefs))

    def shared_screens(self):
        for path in (
            "/admin/",
            "/admin/pages/search/?q=projekt",
            "/admin/documents/",
            "/admin/documents/multiple/add/",
            "/admin/images/",
            "/admin/images/multiple/add/",
            "/admin/snippets/",
            "/admin/account/",
            "/admin/reports/locked/",
            "/admin/reports/workflow/",
            "/admin/reports/workflow_tasks/",
            "/admin/reports/site-history/",
            "/admin/reports/aging-pages/",
            "/admin/reports/page-types-usage/",
        ):
            self.visit(path)
        for path in (
            "/admin/choose-page/",
            "/admin/choose-external-link/",
            "/admin/images/chooser/",
            "/admin/documents/chooser/",
        ):
            self.chooser(path)
        for listing in ("/admin/documents/", "/admin/images/"):
            self.visit(listing)
            for path in self.links("main a[href*='/edit/']")[:1]:
                self.edit_form(path)


def english_found(walk, strings):
    return sorted(
        f"{where}: {line!r} (English: {msgid!r})"
        for line, where in walk.seen.items()
        if (msgid := strings.in_line(line))
    )


def editor_walk(browser, portal_url):
    """The Jihlava editor's screens; submits one of the project's pages for review."""
    page = browser.new_context(locale="cs-CZ").new_page()
    walk = Walk(page, portal_url)
    walk.visit("/admin/login/")
    admin_login(page, portal_url, "redaktor-jihlava")
    walk.visit("/admin/pages/")  # opens on the editor's project
    project = page.url.removeprefix(portal_url)
    children = page.evaluate(ONE_EDIT_LINK_PER_PAGE_TYPE)  # the same form, other content
    assert children, "the explorer shows no page type column"
    for path in walk.links("main a[href*='/admin/pages/'][href$='/']"):
        if re.fullmatch(r"/admin/pages/\d+/", path) and path != project:
            walk.visit(path)  # one level down the project
            break
    walk.visit(project + "add_subpage/")
    add_forms = walk.links("main a[href*='/admin/pages/add/']")
    for path in add_forms:
        walk.edit_form(path)
    walk.visit(add_forms[0])
    page.locator("#id_title").fill("")
    page.locator("#page-edit-form").evaluate("form => { form.noValidate = true; }")
    with page.expect_navigation():  # the form comes back with its errors as a new document
        page.locator("#page-edit-form button[type=submit]").first.click()
    expect(page.locator("#id_title")).to_have_attribute("aria-invalid", "true")
    walk.look("empty add form, saved")
    for path in children:
        walk.edit_form(path)
    walk.shared_screens()
    submitted = children[-1]
    walk.visit(submitted)
    page.get_by_role("button", name="Další akce").click()
    page.click("button[name=action-submit]")
    expect(page.locator(".messages")).to_contain_text("odeslána ke schválení")
    walk.look()
    page.context.close()
    return walk, submitted


def reviewer_walk(browser, portal_url, submitted):
    """The reviewer's screens: every page type's edit form, then approves the submission."""
    page = browser.new_context(locale="cs-CZ").new_page()
    walk = Walk(page, portal_url)
    admin_login(page, portal_url, "recenzent")
    walk.visit("/admin/")
    expect(page.locator("main")).to_contain_text("Čeká na vaši kontrolu")
    walk.visit("/admin/pages/")
    walk.visit("/admin/reports/page-types-usage/")  # links the last edited page of each type
    forms = walk.links("main a[href$='/edit/']")
    page_types = [model for model in get_page_models() if model is not Page]
    assert len(forms) >= len(page_types), "the demo lacks a page of some type"
    for path in forms:
        walk.edit_form(path)
    walk.shared_screens()
    walk.visit(submitted.replace("/edit/", "/workflow_history/"))
    walk.edit_form(submitted)
    page.get_by_role("button", name="Schválit a zveřejnit").click()
    expect(page.locator(".messages")).to_contain_text("Schváleno a zveřejněno")
    walk.look()
    page.context.close()
    return walk


def test_the_editor_and_the_reviewer_see_no_english(browser, portal_url):
    editor, submitted = editor_walk(browser, portal_url)
    reviewer = reviewer_walk(browser, portal_url, submitted)
    assert len(editor.seen) > 500 and len(reviewer.seen) > 500, "the walks saw too little"
    strings = EnglishStrings()
    english = english_found(editor, strings) + english_found(reviewer, strings)
    assert not english, "English in the admin:\n" + "\n".join(english)
