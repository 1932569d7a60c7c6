"""A real portal (SQLite file with the demo content, Django's server) and Debian's Chromium.

The server runs in its own process, as a visitor would meet it, on a copy of the demo the
test session built (portal.demo.testing) in a temporary folder.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[2]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


def wait_until_serving(url, process, log, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the portal server stopped: {log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the portal server did not answer at {url}")


def put_demo_portal(env, var_dir):
    """The session's built demo copied into ``var_dir``, or a demo built there when this
    session has no SQLite test database (only browser tests run, or on PostgreSQL); then
    the demo accounts of every role, which the test settings would hash with a hasher the
    served settings refuse."""
    from django.db import connection

    from portal.demo.testing import save_demo_files

    test_database = connection.creation._get_test_db_name()
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"] == test_database:
        save_demo_files(var_dir)
    else:
        manage(env, "migrate", "--noinput")
    manage(env, "load_demo_content", "--with-admin")


@pytest.fixture(scope="session")
def smtp_server():
    """A real SMTP server on 127.0.0.1: everything the served portal e-mails arrives here."""
    from portal.alerts.tests.smtp import LocalSMTPServer

    server = LocalSMTPServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def portal_url(tmp_path_factory, django_db_setup, django_db_blocker, smtp_server):
    """Base URL of a demo portal served on 127.0.0.1 for this test session."""
    var_dir = tmp_path_factory.mktemp("portal")
    port = free_port()
    env = {
        **os.environ,
        "PORTAL_VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",  # the demo Site's address
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_server.port),
    }
    with django_db_blocker.unblock():
        put_demo_portal(env, var_dir)
    # The server logs every request to stderr: a file, as a pipe nobody reads fills up
    # after some hundreds of requests and then blocks the server mid-session.
    log = var_dir / "runserver.log"
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log_file,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(url + "/", process, log)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def chromium():
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: `make test` installs it.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def browser(portal_url):
    """Chromium for one test module, started once the portal is served.

    Playwright's sync API keeps an event loop running until it stops, and Django refuses
    the ORM inside one: the loop must not outlive the module, as database tests may follow
    on the same worker process.
    """
    with chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def stack_browser():
    """Chromium for the production stack's tests: they visit the stack, so need not wait
    for the demo portal this session serves (built, on a busy machine, a minute later)."""
    with chromium() as browser:
        yield browser


@pytest.fixture
def context(browser):
    context = browser.new_context(locale="cs-CZ", viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()
