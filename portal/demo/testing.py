"""The demo portal for tests: built once per test session and database, then reused.

Building the demo takes half a minute, so it is built once, into a copy of the empty
migrated test database that the tests reading the demo switch to and back from:

- SQLite (the test database lives in memory): SQLite's backup copies the built demo into
  the test database, and the empty database back afterwards;
- PostgreSQL: a database made with the empty test database as its template; the
  connection points to it while the demo tests run.

Each test class still runs inside TestCase's transaction, so whatever a test changes is
rolled back and the built demo stays as it was built.
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


class _SqliteCopy:
    """Two in-memory snapshots (empty and demo) copied into the test database in turn."""

    def __init__(self):
        connection.ensure_connection()
        self.empty = self._snapshot()
        self.output = _load_demo()
        self.demo = self._snapshot()
        self.leave()

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
        connection.close()
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{self.demo_name}"')
            cursor.execute(f'CREATE DATABASE "{self.demo_name}" TEMPLATE "{self.test_name}"')
        self.enter()
        self.output = _load_demo()
        self.leave()

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
