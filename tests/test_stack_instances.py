"""Two application servers behind the front cache (tests/conftest.py's stack: --instances 2
--s3): each runs from its own folder, they share PostgreSQL, Redis and the media bucket, and
readers notice nothing when one of them is lost."""

import html
import http.client
import http.cookies
import io
import json
import re
import secrets
import string
import time
import urllib.parse

import pytest
from PIL import Image

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

UPLOADED = """
import json
from portal.core.models import PortalDocument, PortalImage
image = PortalImage.objects.get(title="Sdílený obrázek")
document = PortalDocument.objects.get(title="Sdílený dokument")
print(json.dumps({"image": image.pk, "original": image.file.url, "document": document.url}))
"""

RENDITION = """
from portal.core.models import PortalImage
print(PortalImage.objects.get(pk={pk}).get_rendition("fill-80x60").url)
"""

GONE_DOCUMENT = """
from django.core.files.base import ContentFile
from wagtail.models import Collection
from portal.core.models import PortalDocument
document = PortalDocument(title="Ztracený dokument", collection=Collection.get_first_root_node())
document.file.save("ztraceny-dokument.txt", ContentFile("Brzy pryč".encode()), save=False)
document.save()
document.file.storage.delete(document.file.name)
print(document.url)
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


class Browser:
    """A browser on one address: keeps its cookies, sends forms with their CSRF token."""

    def __init__(self, base_url):
        parts = urllib.parse.urlsplit(base_url)
        self.base_url, self.host, self.port = base_url, parts.hostname, parts.port
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if method == "POST":  # what a browser sends with a form of the same site
            headers.update({"Origin": self.base_url, "Referer": self.base_url + path})
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in http.cookies.SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, response.headers, content

    def form(self, path):
        status, _, page = self.request("GET", path)
        assert status == 200, (path, status)
        page = page.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return page, token

    def post(self, path, fields, files=()):
        """A multipart form as a browser sends it; files are (field, name, content)."""
        boundary = "----portal" + secrets.token_hex(8)
        body = io.BytesIO()
        for name, value in fields.items():
            body.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                       f"{value}\r\n".encode())  # fmt: skip
        for name, filename, content in files:
            body.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                       f'filename="{filename}"\r\nContent-Type: application/octet-stream'
                       "\r\n\r\n".encode())  # fmt: skip
            body.write(content + b"\r\n")
        body.write(f"--{boundary}--\r\n".encode())
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        return self.request("POST", path, body.getvalue(), headers)

    def log_in(self, username, password):
        _, token = self.form("/admin/login/")
        body = urllib.parse.urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": token}
        )
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        status, _, _ = self.request("POST", "/admin/login/", body, headers)
        assert status == 302, status


def own_collection(page):
    """The first collection the editor's upload form offers (their project's)."""
    select = re.search(r'<select name="collection".*?</select>', page, re.S).group(0)
    return re.search(r'<option value="(\d+)"', select).group(1)


def upload_as_editor(front):
    """A project's editor uploads an image and a document in the admin, through the front."""
    editor = Browser(front)
    editor.log_in("redaktor-jihlava", "redaktor-jihlava-demo-heslo")
    picture = io.BytesIO()
    Image.new("RGB", (240, 160), (200, 40, 90)).save(picture, "PNG")
    page, token = editor.form("/admin/images/add/")
    fields = {"csrfmiddlewaretoken": token, "title": "Sdílený obrázek",
              "collection": own_collection(page)}  # fmt: skip
    status, _, body = editor.post(
        "/admin/images/add/", fields, [("file", "sdileny-obrazek.png", picture.getvalue())]
    )
    assert status == 302, html.unescape(body.decode())[-3000:]
    page, token = editor.form("/admin/documents/add/")
    fields = {"csrfmiddlewaretoken": token, "title": "Sdílený dokument",
              "collection": own_collection(page)}  # fmt: skip
    text = "Zkouška úložiště".encode()
    status, _, body = editor.post(
        "/admin/documents/add/", fields, [("file", "sdileny-dokument.txt", text)]
    )
    assert status == 302, html.unescape(body.decode())[-3000:]


def test_an_upload_through_the_front_is_served_by_either_server(stack):
    first, second = stack.instances
    upload_as_editor(stack.url)
    uploaded = json.loads(shell(stack, UPLOADED, first))
    # The files went to the bucket, not to a folder of either server.
    keys = stack.bucket.keys()
    assert any(key.startswith("original_images/sdileny-obrazek") for key in keys), keys
    assert any(key.startswith("documents/sdileny-dokument") for key in keys), keys
    for instance in stack.instances:
        assert not (instance.var / "media").exists()

    for instance in stack.instances:
        status, _, body = get(instance.url + uploaded["document"])
        assert status == 200 and body.decode() == "Zkouška úložiště", instance.url
    status, _, original = get(stack.url + uploaded["original"])
    assert status == 200 and original.startswith(b"\x89PNG"), status

    rendition = shell(stack, RENDITION.format(pk=uploaded["image"]), second)
    assert rendition.startswith("/media/images/"), rendition
    status, headers, body = get(stack.url + rendition)
    assert status == 200 and body.startswith(b"\x89PNG"), status
    assert headers["Content-Type"] == "image/png"
    # The first server finds the rendition the second one made.
    assert shell(stack, RENDITION.format(pk=uploaded["image"]), first) == rendition
    # A file that is not there is missing, whatever the bucket answers strangers.
    status, _, _ = get(stack.url + rendition.replace("/media/images/", "/media/images/chybi-"))
    assert status == 404


def test_a_document_whose_file_left_the_bucket_is_missing_not_an_error(stack):
    url = shell(stack, GONE_DOCUMENT)
    for instance in stack.instances:
        status, _, body = get(instance.url + url)
        assert status == 404 and "Stránka nenalezena" in body.decode(), (instance.url, status)


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
    assert result["errors"] == 0, out
    assert result["lost"] == 0, out
    assert result["visibility"] and max(result["visibility"]) <= 2.0, result["visibility"]
