"""The strict Content-Security-Policy as Chromium enforces it: public pages break no rule,
and the portal's own scripts run because they carry the response's nonce."""

from tests.browser.test_public_visit import PUBLIC_PATHS

COLLECT_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def test_public_pages_raise_no_csp_violation(page, portal_url):
    page.add_init_script(COLLECT_VIOLATIONS)
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    for path in [*PUBLIC_PATHS, "/hledat/?q=metodika"]:
        response = page.goto(portal_url + path)
        assert "script-src" in response.headers["content-security-policy"], path
        page.wait_for_load_state("load")
        assert page.evaluate("window.cspViolations") == [], path
    assert not [m for m in messages if "Content Security Policy" in m]


def test_search_script_runs_under_the_nonce(page, portal_url):
    page.goto(portal_url + "/hledat/?q=metodika")
    # search.js attaches a suggestion list to the field; it only runs if the nonce matched.
    page.wait_for_selector("datalist", state="attached")
    assert page.locator("input[list]").count() >= 1
