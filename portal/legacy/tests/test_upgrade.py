"""A database made by the first layout upgrades in place and keeps everything.

The first layout's code (the last commit before the move) builds a portal database with
the demo content, an editor's draft with revisions, a scheduled revision, search entries
and uploaded files; today's code migrates it. Both read the same snapshot (snapshot.py):
row counts per model, the page tree with each page's content type, revisions, documents
and images with their files' checksums, collections, groups and their permissions, search
entries. On SQLite, and on PostgreSQL when the suite runs there (TEST_DATABASE_URL).
"""

import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import dj_database_url
import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[3]
FIRST_LAYOUT_COMMIT = "3b88b1cf53dd43ba3baa59ba8731a1361e8274d1"
SNAPSHOT = (Path(__file__).parent / "snapshot.py").read_text()

# The first layout's portal is only the starting point, so it is built in one process
# (migrate, the demo, an editor's work); today's code upgrades it with the operator's
# commands, one process each, as the README says.
BUILD_THE_FIRST_LAYOUT = """
from django.core.management import call_command

call_command("migrate", interactive=False, verbosity=0)
call_command("load_demo_content", with_admin=True)
"""

EDITORS_WORK = """
from datetime import timedelta
from django.utils import timezone
from news.models import NewsPage

draft, scheduled = NewsPage.objects.live().order_by("pk")[:2]
draft.title = draft.title + " (rozpracováno)"
draft.save_revision()
draft.summary = "Rozpracovaný perex, který ještě nikdo neschválil."
draft.save_revision()
scheduled.title = scheduled.title + " (naplánováno)"
scheduled.go_live_at = timezone.now() + timedelta(days=30)
scheduled.save_revision().publish()
"""

AFTER_UPGRADE = """
import json
from django.test import Client
from portal.search.engine import get_engine
from portal.search.hits import Filters
from portal.search.query import term_query

result = get_engine().search(term_query("pěstounská péče"), Filters(), None, 1, 10)
home = Client().get("/")
print(json.dumps({"search_hits": result.total, "home_status": home.status_code}))
"""

SETTINGS = """
from portal.settings.dev import *  # noqa: F403

DATABASES = {databases!r}
MEDIA_ROOT = {media!r}
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
"""


def first_layout_code(destination):
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", FIRST_LAYOUT_COMMIT],
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(destination, filter="data")
    return destination


def database(tmp_path):
    """The database both layouts use: a SQLite file, or a fresh PostgreSQL database."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "db.sqlite3")}
    config = dj_database_url.parse(url)
    config["NAME"] = f"{config['NAME']}_upgrade"
    admin = dj_database_url.parse(url)
    with psycopg.connect(
        host=admin["HOST"], port=admin["PORT"] or 5432, user=admin["USER"], dbname="postgres",
        autocommit=True,
    ) as connection:  # fmt: skip
        connection.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}"')
        connection.execute(f'CREATE DATABASE "{config["NAME"]}"')
    return config


class Portal:
    """manage.py of one layout's code, on the shared database and media folder."""

    def __init__(self, code, env):
        self.code, self.env = code, env

    def manage(self, *args, stdin=None):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=self.code, env=self.env, input=stdin, capture_output=True, text=True,
        )  # fmt: skip
        assert result.returncode == 0, f"manage.py {args[0]} failed:\n{result.stderr[-3000:]}"
        return result.stdout

    def shell(self, code):
        return self.manage("shell", "--no-imports", stdin=code)

    def snapshot(self, before=""):
        """The snapshot, taken after running `before` in the same process."""
        return json.loads(self.shell(before + SNAPSHOT).strip().splitlines()[-1])


pytestmark = pytest.mark.each_database  # the upgrade builds its databases on the suite's server


@pytest.fixture(scope="module")
def upgrade(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("upgrade")
    settings_dir = tmp_path / "settings"
    settings_dir.mkdir()
    (settings_dir / "upgrade_settings.py").write_text(
        SETTINGS.format(databases={"default": database(tmp_path)}, media=str(tmp_path / "media"))
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "upgrade_settings",
        "PYTHONPATH": str(settings_dir),
        "PORTAL_VAR_DIR": str(tmp_path / "var"),
    }
    old = Portal(first_layout_code(tmp_path / "first-layout"), env)
    before = old.snapshot(before=BUILD_THE_FIRST_LAYOUT + EDITORS_WORK)
    new = Portal(ROOT, env)
    new.manage("migrate", "--noinput")
    # The README's upgrade step: the index is rebuilt with today's Czech analysis.
    new.manage("rebuild_search_index")
    return before, new.snapshot(), json.loads(new.shell(AFTER_UPGRADE).strip().splitlines()[-1])


COUNTED_ELSEWHERE = ("contenttypes.contenttype", "auth.permission")
# Counted from the content when `migrate` finds them missing (the listings' tallies, see
# portal/core/tallies.py): rows of a new model that no table moved there.
COUNTED_FROM_CONTENT = ("shared.listingtally",)


def app_of(key):
    return key.split(".", 1)[0]


def test_every_row_is_kept(upgrade):
    before, after, _ = upgrade
    assert before["rows"]["shared.projectpage"] == 5
    kept = {key: n for key, n in before["rows"].items() if key not in COUNTED_ELSEWHERE}
    assert {key: after["rows"].get(key) for key in kept} == kept
    # A model new since holds no rows in an app that existed (a moved table would).
    new = {key: n for key, n in after["rows"].items() if key not in before["rows"]}
    new = {key: n for key, n in new.items() if key not in COUNTED_FROM_CONTENT}
    old_apps = {app_of(key) for key in before["rows"]}
    assert not {key: n for key, n in new.items() if n and app_of(key) in old_apps}, new


def test_content_types_and_permissions_move_with_their_models(upgrade):
    """Every content type and permission stays; new ones belong to apps or models new since."""
    before, after, _ = upgrade
    assert "shared.projectpage" in before["content_types"]
    old_apps = {app_of(key) for key in before["content_types"]}
    new_models = set(after["rows"]) - set(before["rows"])
    for name in ("content_types", "permissions"):
        assert set(before[name]) <= set(after[name]), name
        added = {key.split(":")[0] for key in set(after[name]) - set(before[name])}
        stray = [key for key in added if app_of(key) in old_apps and key not in new_models]
        assert not stray, (name, stray)


def test_the_page_tree_and_each_page_content_type_are_kept(upgrade):
    before, after, _ = upgrade
    assert len(before["pages"]) > 30
    assert after["pages"] == before["pages"]


def test_drafts_and_scheduled_revisions_are_kept(upgrade):
    before, after, _ = upgrade
    scheduled = [revision for revision in before["revisions"] if revision[4]]
    drafts = [revision for revision in before["revisions"] if "(rozpracováno)" in revision[5]]
    assert len(scheduled) == 1 and len(drafts) == 2
    assert after["revisions"] == before["revisions"]


def test_files_collections_and_permissions_are_kept(upgrade):
    before, after, _ = upgrade
    assert len(before["files"]["documents"]) > 20 and before["files"]["images"]
    assert after["files"] == before["files"]
    assert after["collections"] == before["collections"]
    editors = [name for name in before["groups"] if name.startswith("Redakce: ")]
    assert len(editors) == 5 and all(before["groups"][name]["pages"] for name in editors)
    assert after["groups"] == before["groups"]


def test_search_entries_are_kept_and_search_still_finds(upgrade):
    before, after, checks = upgrade
    assert len(before["search"]) > 30
    assert after["search"] == before["search"]
    assert checks["search_hits"] > 0
    assert checks["home_status"] == 200


def test_every_public_url_still_answers_with_its_heading(upgrade):
    before, after, _ = upgrade
    assert len(before["rendered"]) > 30
    assert all(status == 200 for status, _text in before["rendered"].values())
    for url, (status, text) in before["rendered"].items():
        assert after["rendered"][url] == [status, text], url
