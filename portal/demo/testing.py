"""The demo portal for tests: built once per test session and database, then reused.

Building the demo takes half a minute, so it is built once, into a copy of the empty
migrated test database that the tests reading the demo switch to and back from:

- SQLite (the test database lives in memory): SQLite's backup copies the built demo into
  the test database, and the empty database back afterwards;
- PostgreSQL: a database made with the empty test database as its template; the
  connection points to it while the demo tests run.

Each test class still runs inside TestCase's transaction, so whatever a test changes is
rolled back and the built demo stays as it was built.

When the suite runs in several processes (pytest-xdist), the first one to need the demo
builds it and leaves it in a folder they all see (``share_builds_in``): the SQLite file or
a PostgreSQL template database, the media files and the build's output. The others copy it
instead of building their own: every process's test database starts from the same migrated
copy, so the rows' ids agree.
"""

import io
import shutil
import sqlite3
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import TestCase

from portal.core.locking import exclusive
from portal.search import facet_table


def _forget_cached_content():
    """Caches that could still describe the database the connection used before."""
    cache.clear()
    ContentType.objects.clear_cache()
    facet_table._tables.clear()


def _load_demo():
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


_shared_folder = None


def share_builds_in(folder):
    """Processes of one test session keep the built demo in ``folder`` for each other."""
    global _shared_folder
    _shared_folder = Path(folder) if folder else None


class _SharedBuild:
    """The demo one process built, where the others of the session find it."""

    MEDIA = {"media": "MEDIA_ROOT", "private": "PRIVATE_MEDIA_ROOT"}

    def __init__(self, vendor):
        self.folder = _shared_folder / f"demo-{vendor}"

    @contextmanager
    def claimed(self):
        """Inside the block, ``found`` tells whether another process built the demo."""
        with exclusive(_shared_folder / f"{self.folder.name}.lock"):
            yield (self.folder / "output.txt").exists()

    def keep(self, output):
        for name, setting in self.MEDIA.items():
            shutil.copytree(getattr(settings, setting), self.folder / name, dirs_exist_ok=True)
        (self.folder / "output.txt").write_text(output)

    def take(self):
        for name, setting in self.MEDIA.items():
            shutil.copytree(self.folder / name, getattr(settings, setting), dirs_exist_ok=True)
        return (self.folder / "output.txt").read_text()


def _built_once(vendor, build, keep, take):
    """``build()`` the demo, or ``take()`` what another process of the session built."""
    if _shared_folder is None:
        return build()
    shared = _SharedBuild(vendor)
    with shared.claimed() as found:
        if found:
            take(shared.folder)
            return shared.take()
        output = build()
        shared.folder.mkdir(parents=True, exist_ok=True)
        keep(shared.folder)
        shared.keep(output)
        return output


class _SqliteCopy:
    """Two in-memory snapshots (empty and demo) copied into the test database in turn."""

    def __init__(self):
        connection.ensure_connection()
        self.empty = self._snapshot()
        self.output = _built_once("sqlite", _load_demo, self._keep, self._take)
        self.demo = self._snapshot()
        self.leave()

    def _keep(self, folder):
        with sqlite3.connect(folder / "demo.sqlite3") as copy:
            connection.connection.backup(copy)
        copy.close()

    def _take(self, folder):
        with sqlite3.connect(folder / "demo.sqlite3") as copy:
            copy.backup(connection.connection)
        copy.close()

    def _snapshot(self):
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        return copy

    def enter(self):
        connection.ensure_connection()
        self.demo.backup(connection.connection)
        _forget_cached_content()

    def leave(self):
        self.empty.backup(connection.connection)
        _forget_cached_content()

    def save_as(self, path):
        """The built demo as an SQLite file (for a server in another process)."""
        with sqlite3.connect(path) as target:
            self.demo.backup(target)
        target.close()

    def drop(self):
        self.empty.close()
        self.demo.close()


class _PostgresCopy:
    """A database made from the empty test database, holding the built demo."""

    def __init__(self):
        self.test_name = connection.settings_dict["NAME"]
        self.demo_name = f"{self.test_name}_demo"
        self.output = _built_once("postgresql", self._build, self._keep, self._take)
        self.leave()

    def _create_demo_database(self, template):
        connection.close()
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{self.demo_name}"')
            cursor.execute(f'CREATE DATABASE "{self.demo_name}" TEMPLATE "{template}"')

    def _build(self):
        self._create_demo_database(self.test_name)
        self.enter()
        return _load_demo()

    def _keep(self, folder):
        """A template the other processes copy (nobody connects to it, as a copy needs)."""
        template = f"{self.demo_name}_shared"[:63]
        connection.close()
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{template}"')
            cursor.execute(f'CREATE DATABASE "{template}" TEMPLATE "{self.demo_name}"')
        (folder / "template").write_text(template)

    def _take(self, folder):
        self._create_demo_database((folder / "template").read_text())

    def _use(self, name):
        connection.close()
        connection.settings_dict["NAME"] = name
        _forget_cached_content()

    def enter(self):
        self._use(self.demo_name)

    def leave(self):
        self._use(self.test_name)

    def drop(self):
        connection.close()
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{self.demo_name}"')


_built = None


def built_demo():
    """This session's built demo (built on first use, with the test database empty)."""
    global _built
    if _built is None:
        copy_class = _SqliteCopy if connection.vendor == "sqlite" else _PostgresCopy
        _built = copy_class()
    return _built


def drop_built_demo():
    global _built
    if _built is not None:
        _built.drop()
        _built = None


@contextmanager
def demo_database():
    """The connection reads the built demo inside this block; what ``load_demo_content`` printed
    when it built the demo is what the block gets."""
    demo = built_demo()
    demo.enter()
    try:
        yield demo.output
    finally:
        demo.leave()


def save_demo_files(var_dir):
    """The built demo (SQLite database and media files) in ``var_dir``, laid out as the dev
    settings expect it, so that a server in another process serves it without a build."""
    var_dir = Path(var_dir)
    built_demo().save_as(var_dir / "db.sqlite3")
    shutil.copytree(settings.MEDIA_ROOT, var_dir / "media", dirs_exist_ok=True)


class DemoPortalTestCase(TestCase):
    """A TestCase whose database holds the demo portal (``load_demo_content``) from the start."""

    @classmethod
    def setUpClass(cls):
        context = demo_database()
        cls.demo_output = context.__enter__()
        cls.addClassCleanup(context.__exit__, None, None, None)
        super().setUpClass()
