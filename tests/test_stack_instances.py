"""Two application servers behind the front cache (tests/conftest.py's stack: --instances 2
--s3): each runs from its own folder, they share PostgreSQL, Redis and the media bucket, and
readers notice nothing when one of them is lost."""

import http.client
import http.cookies
import re
import secrets
import string
import time
import urllib.parse

import pytest

from tests.bench import load_stack
from tests.test_stack_smoke import get

pytestmark = pytest.mark.own_database


def shell(stack, code, instance=None):
    """The last line `manage.py shell -c code` prints (the shell announces its imports first)."""
    return stack.manage("shell", "-c", code, instance=instance).strip().splitlines()[-1]


PUBLISH = """
from django.contrib.auth import get_user_model
from news.models import NewsPage
page = NewsPage.objects.live().order_by("pk").first()
page.title = "Aktualita {word}"
page.save_revision(user=get_user_model().objects.get(username="admin")).publish()
"""

STAFF_PAGE = """
from wagtail.models import PageViewRestriction
print(PageViewRestriction.objects.filter(restriction_type="groups").first().page.url)
"""


def test_each_server_runs_from_a_folder_of_its_own(stack):
    first, second = stack.instances
    assert first.code != second.code and first.var != second.var
    assert (second.code / "manage.py").exists() and (second.var / "static").is_dir()
    for instance in stack.instances:
        status, _, body = get(instance.url + "/")
        assert status == 200 and "Portál pro praxi OSPOD" in body.decode()


def test_nothing_but_images_is_read_from_the_bucket_through_the_front(stack):
    keys = stack.bucket.keys("documents/")
    assert keys
    for path in (f"/media/{keys[0]}", f"/media/images/../{keys[0]}", "/media/images/%2e%2e/x"):
        status, _, _ = get(stack.url + path)
        assert status in (400, 404), path


def login(instance, username, password):
    """The staff login on one server directly; returns the session cookie."""
    connection = http.client.HTTPConnection("127.0.0.1", instance.app_port, timeout=30)
    connection.request("GET", "/prihlaseni/")
    response = connection.getresponse()
    page = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    csrf = http.cookies.SimpleCookie(response.headers["Set-Cookie"])["csrftoken"].value
    body = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": token}
    )
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf}"}
    connection.request("POST", "/prihlaseni/", body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    assert response.status == 302
    cookies = http.cookies.SimpleCookie()
    for header in response.headers.get_all("Set-Cookie"):
        cookies.load(header)
    return cookies["sessionid"].value


def test_a_login_on_one_server_holds_on_the_other(stack):
    first, second = stack.instances
    page = shell(stack, STAFF_PAGE)
    status, _, _ = get(second.url + page)
    assert status in (302, 403)
    session = login(first, "pracovnik", "pracovnik-demo-heslo")
    status, _, body = get(second.url + page, {"Cookie": f"sessionid={session}"})
    assert status == 200, status


def test_a_change_published_on_one_server_is_found_on_the_other(stack):
    first, second = stack.instances
    word = "".join(secrets.choice(string.ascii_lowercase) for _ in range(12))
    get(second.url + f"/api/hledat/?q={word}")  # the second server's search is warm
    stack.manage("shell", "-c", PUBLISH.format(word=word), instance=first)
    deadline = time.monotonic() + 20
    while True:
        _, _, body = get(second.url + f"/api/hledat/?q={word}")
        if f"Aktualita {word}" in body.decode():
            break
        assert time.monotonic() < deadline, "the second server's search never saw the change"
        time.sleep(0.2)


def test_readers_notice_nothing_when_a_server_is_lost(stack, capsys):
    try:
        result = load_stack.run(
            stack, duration=16, users=3, publish_every=1.0, with_faults=False, kill=True
        )
    finally:
        stack.restart_instance(2)
    out = capsys.readouterr().out
    with capsys.disabled():  # the figures the run is for, shown in the suite's output
        figures = ("requests:", "errors", "published", "instance")
        print("\n" + "\n".join(line for line in out.splitlines() if line.startswith(figures)))
    assert "instance_2_killed" in out
    assert result["errors"] == 0
    assert result["lost"] == 0
    assert result["visibility"] and max(result["visibility"]) <= 2.0, result["visibility"]
