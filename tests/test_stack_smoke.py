"""The production stack (deploy/stack.py) for real: Varnish, gunicorn, PostgreSQL, Redis.

Starts the whole stack once on free ports in a temporary folder (tests/conftest.py), then
runs the load, fault and benchmark scripts for a few seconds each so they keep working, and
checks what the front cache keeps and what it must never keep, which addresses the portal's
output names, and that text travels compressed.
"""

import re
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.bench import bench_stack, load_stack

# The stack runs its own PostgreSQL cluster whatever the suite's database.
pytestmark = pytest.mark.own_database

STAFF_ONLY = """
from wagtail.models import CollectionViewRestriction, PageViewRestriction
from portal.core.access import staff_group
from portal.core.models import PortalDocument
page = PageViewRestriction.objects.filter(restriction_type="groups").first().page
document = PortalDocument.objects.get(title__startswith="Interní kontrolní seznam")
restriction, _ = CollectionViewRestriction.objects.get_or_create(
    collection=document.collection, restriction_type="groups"
)
restriction.groups.add(staff_group())
print("URL", page.url)
print("URL", document.url)
"""


def get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_front_cache_keeps_public_pages(stack):
    get(stack.url + "/projekty/")
    status, headers, _ = get(stack.url + "/projekty/")
    assert status == 200
    assert headers["X-Cache"] == "HIT"
    assert "max-age=0" in headers["Cache-Control"]  # browsers always ask again


def test_front_cache_never_keeps_staff_only_pages_documents_or_the_admin(stack):
    out = stack.manage("shell", "-c", STAFF_ONLY)
    page, document = [line.split()[1] for line in out.splitlines() if line.startswith("URL ")]
    for path in (page, document, "/admin/login/"):
        for _ in range(2):
            status, headers, body = get(stack.url + path)
            assert headers["X-Cache"] == "MISS", path
        if path != "/admin/login/":
            assert status in (302, 403), path
            assert b"%PDF" not in body


def test_logged_in_visitors_pass_the_front_cache(stack):
    get(stack.url + "/aktuality/")
    _, headers, _ = get(stack.url + "/aktuality/", {"Cookie": "sessionid=abc"})
    assert headers["X-Cache"] == "MISS"


def test_production_headers_behind_tls(stack):
    tls = {"X-Forwarded-Proto": "https"}
    _, headers, body = get(stack.app_url + "/admin/login/", tls)
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    cookie = headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie
    _, _, home = get(stack.app_url + "/", tls)
    css = re.search(rb'href="(/static/portal/css/portal\.[0-9a-f]{12}\.css)"', home)
    assert css, "static files must have hashed names"
    status, headers, _ = get(stack.app_url + css.group(1).decode(), tls)
    assert status == 200
    assert "immutable" in headers["Cache-Control"]


PUBLIC_OUTPUT = (
    "/",
    "/robots.txt",
    "/sitemap.xml",
    "/rss/aktuality/",
    "/atom/aktuality/",
    "/atom/zpravy/",
    "/aktuality/",
    "/videa/",
)


def test_absolute_urls_name_the_address_the_visitor_used(stack):
    """Every absolute URL is the stack's public address, never an internal host name."""
    for path in PUBLIC_OUTPUT:
        for _ in range(2):  # from the portal, then from the front cache
            status, headers, body = get(stack.url + path)
            assert status == 200, path
            text = body.decode()
            assert "localhost" not in text and "//portal" not in text, path
            assert f"{stack.url}/" in text, path
        assert headers["X-Cache"] == "HIT", path
    _, _, robots = get(stack.url + "/robots.txt")
    assert f"Sitemap: {stack.url}/sitemap.xml".encode() in robots


def test_text_travels_compressed_through_the_front_cache(stack):
    _, _, home = get(stack.url + "/")
    css = re.search(rb'href="(/static/portal/css/portal\.[0-9a-f]{12}\.css)"', home).group(1)
    paths = ["/", "/aktuality/", "/atom/aktuality/", "/api/hledat/?q=opatrovnik", css.decode()]
    for path in paths:
        for accepted, expected in (("gzip, deflate, br", "br"), ("gzip", "gzip"), ("", None)):
            status, headers, body = get(stack.url + path, {"Accept-Encoding": accepted})
            assert status == 200, path
            assert headers["Content-Encoding"] == expected, (path, accepted)
            assert "Accept-Encoding" in headers.get("Vary", ""), path
    figures = bench_stack.compression(stack)
    assert figures["br"] < figures["gzip"] < figures["none"] / 3


def test_load_script_shows_every_published_change(stack, capsys):
    result = load_stack.run(stack, duration=4, users=2, publish_every=1.0, with_faults=False)
    out = capsys.readouterr().out
    assert "requests/s" in out and "latency ms: p50" in out
    assert result["errors"] == 0
    assert result["visibility"] and float("inf") not in result["visibility"]
    assert result["lost"] == 0


def test_fault_run_recovers_and_loses_nothing(stack, capsys):
    result = load_stack.run(stack, duration=8, users=2, publish_every=1.0, with_faults=True)
    out = capsys.readouterr().out
    assert "worker_killed" in out and "db_back" in out
    assert "anonymous readers while PostgreSQL was down, per status:" in out
    with capsys.disabled():  # the figure the fault run is for, shown in the suite's output
        print("\n" + next(line for line in out.splitlines() if line.startswith("anonymous")))
    assert result["outage_statuses"], "no reader asked anything while the database was down"
    # Readers get the cached copy, or a Czech 503 for what was never cached: never a 500.
    assert set(result["outage_statuses"]) <= {200, 301, 302, 404, 503}, result["outage_statuses"]
    assert result["lost"] == 0
    assert result["recovery"] != float("inf")


def test_while_the_database_is_down_readers_get_copies_and_the_rest_a_czech_503(stack):
    get(stack.url + "/projekty/")  # now in the front cache
    stack.pg_ctl("stop")
    try:
        time.sleep(3)  # the front cache's health probe notices within about 2 s
        status, headers, _ = get(stack.url + "/projekty/")
        assert status == 200
        for url in (stack.url + "/hledat/?q=nikdy-necachovano", stack.url + "/admin/"):
            status, headers, body = get(url)
            assert status == 503, url
            assert "Portál je na chvíli mimo provoz" in body.decode(), url
            assert headers["Retry-After"] == "30"
        # gunicorn itself, without the front cache: the same Czech page.
        status, _, body = get(stack.app_url + "/hledat/?q=primo")
        assert status == 503 and "Portál je na chvíli mimo provoz" in body.decode()
    finally:
        stack.pg_ctl("start")
        wait_until_healthy(stack)


def wait_until_healthy(stack, seconds=30):
    """Until the front cache's probe sees the database again (the next test needs it)."""
    deadline = time.monotonic() + seconds
    while get(stack.url + "/zdravi/")[0] != 200:
        assert time.monotonic() < deadline, "the stack did not recover"
        time.sleep(0.5)


def test_benchmark_prints_both_figures(stack, capsys):
    figures = bench_stack.run(stack, seconds=1)
    out = capsys.readouterr().out
    assert "front cache / nginx" in out and "gunicorn alone" in out
    assert figures["front_cache"] > 0 and figures["nginx"] > 0 and figures["gunicorn"] > 0
    assert figures["errors"] == 0


def login_from(stack, source, password, port=None, forwarded=None):
    """The staff login posted from the local address `source` (127.0.0.x) through Varnish."""
    import http.client
    import http.cookies

    port = port or stack.port
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=30, source_address=(source, 0)
    )
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    connection.request("GET", "/prihlaseni/", headers=headers)
    response = connection.getresponse()
    page = response.read().decode()
    cookies = http.cookies.SimpleCookie(response.headers.get("Set-Cookie", ""))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode(
        {"username": "pracovnik", "password": password, "csrfmiddlewaretoken": token}
    )
    connection.request(
        "POST",
        "/prihlaseni/",
        body=body,
        headers={
            **headers,
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookies['csrftoken'].value}",
            "Referer": f"http://127.0.0.1:{port}/prihlaseni/",
        },
    )
    status = connection.getresponse().status
    connection.close()
    return status


def test_one_visitors_failures_lock_out_nobody_else(stack):
    right, wrong = "pracovnik-demo-heslo", "spatne-heslo"
    # The fifth failure locks the username for this visitor only.
    assert [login_from(stack, "127.0.0.2", wrong) for _ in range(5)] == [200] * 4 + [429]
    assert login_from(stack, "127.0.0.2", right) == 429
    # Another visitor, through the same front cache, logs in as that user at once.
    assert login_from(stack, "127.0.0.3", right) == 302


def test_a_forged_forwarded_header_changes_nothing(stack):
    right, wrong = "pracovnik-demo-heslo", "spatne-heslo"
    # Each failure claims to come from somewhere else: they still count for one visitor.
    statuses = [
        login_from(stack, "127.0.0.4", wrong, forwarded=f"127.0.0.{50 + n}") for n in range(5)
    ]
    assert statuses == [200] * 4 + [429]
    assert login_from(stack, "127.0.0.4", right, forwarded="127.0.0.60") == 429
    # Straight to gunicorn from an address that is no proxy: the header is not read either.
    for _ in range(5):
        login_from(stack, "127.0.0.5", wrong, port=stack.app_port, forwarded="127.0.0.6")
    assert login_from(stack, "127.0.0.5", right, port=stack.app_port, forwarded="127.0.0.6") == 429
    assert login_from(stack, "127.0.0.6", right) == 302
