"""Shared by every test in the project.

Tests read the same compiled Czech catalogue as the site: `make install` compiles it, and a
catalogue edited since then is compiled again before the first test, so plurals never come
from a stale file."""

import os
import sqlite3
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import TransactionTestCase

from portal.core.locking import exclusive
from tests import migrated_schema

CATALOGUE = Path(__file__).resolve().parent / "portal" / "locale" / "cs" / "LC_MESSAGES"


def pytest_sessionstart(session):
    source, compiled = CATALOGUE / "django.po", CATALOGUE / "django.mo"
    if not compiled.exists() or compiled.stat().st_mtime < source.stat().st_mtime:
        call_command("compilemessages", locale=["cs"], ignore_patterns=[".*", "var"], verbosity=0)


DATABASE_FIXTURES = {"db", "transactional_db", "django_db_setup"}


def uses_a_database(item):
    """Whether a test touches the suite's database, or says it runs on each database."""
    if item.get_closest_marker("django_db") or item.get_closest_marker("each_database"):
        return True
    test_class = getattr(item, "cls", None)
    if test_class is not None and issubclass(test_class, TransactionTestCase):
        return True
    return bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config, items):
    """On PostgreSQL the suite repeats only the tests that depend on the database: the
    others ran, identically, in the SQLite run."""
    if os.environ.get("TEST_DATABASE_URL", "").startswith("postgres"):
        repeated, skipped = [], []
        for item in items:
            (repeated if uses_a_database(item) else skipped).append(item)
        if skipped:
            config.hook.pytest_deselected(items=skipped)
            items[:] = repeated
    check_stack_tests_share_a_unit(items)
    items.sort(key=lambda item: item.nodeid.startswith(STOPS_THE_STACK))  # a stable sort


STOPS_THE_STACK = "tests/test_stack_stop.py::"


# --- how pytest-xdist shares the work out (`--dist loadscope`) ---------------------------
# Each test module (or class) is one unit of work, as with loadscope, except these units of
# several modules: the tests sharing the production stack (tests/conftest.py) run on one
# worker, which starts it once. The long units (half a minute or more on two cores) go out
# first, in this order, the longest first: one picked up last would keep one worker busy
# while the other has nothing left. The others follow by size, as loadscope orders them.
# Shorter units that read the session's demo stay out of this list: sent out early, they
# would only wait for the worker building it.
LONG_UNITS = {
    "production-stack": (
        "tests/test_stack_smoke.py",
        "tests/test_stack_instances.py",
        "tests/browser/test_stack_admin.py",
        "tests/test_stack_stop.py",  # stops the stack: runs after the others (see below)
    ),
    "upgrade": ("portal/legacy/tests/test_upgrade.py",),  # builds two portals
    "tests/test_demo_pages.py": ("tests/test_demo_pages.py",),
    "tests/browser/test_admin_in_czech.py": ("tests/browser/test_admin_in_czech.py",),
    "tests/browser/test_looks.py": ("tests/browser/test_looks.py",),
}
LONGEST_FIRST = list(LONG_UNITS)


def unit_of(nodeid):
    module = nodeid.split("::", 1)[0]
    return next((unit for unit, modules in LONG_UNITS.items() if module in modules), None)


def check_stack_tests_share_a_unit(items):
    for item in items:
        if "stack" in getattr(item, "fixturenames", ()) and unit_of(item.nodeid) is None:
            raise pytest.UsageError(
                f"{item.nodeid} uses the production stack: add its module to the "
                '"production-stack" unit in conftest.py, so that the stack starts once.'
            )


def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class LongUnitsFirstScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            return unit_of(nodeid) or super()._split_scope(nodeid)

        def _assign_work_unit(self, node):
            if not getattr(self, "long_units_first", False):
                # Before the first unit goes out: the long ones first, then the others by
                # size, as loadscope orders them (workers run tests by their index in their
                # own collection, so the collections stay as they are).
                units = sorted(self.workqueue.items(), key=lambda unit: order(*unit))
                self.workqueue.clear()
                self.workqueue.update(units)
                self.long_units_first = True
            super()._assign_work_unit(node)

    return LongUnitsFirstScheduling(config, log)


def order(unit, tests):
    if unit in LONG_UNITS:
        return (0, LONGEST_FIRST.index(unit))
    return (1, -len(tests))


# --- the migrated test database, made once per session -----------------------------------
# Migrating an empty database takes the better part of a minute; each pytest-xdist worker
# used to do it for its own test database. The first worker to need one migrates it and
# keeps a copy (SQLite: a file; PostgreSQL: a template database); the others start from it.


def shared_folder(config):
    """A folder every worker of this session sees (the basetemp's parent), or None."""
    if not hasattr(config, "workerinput"):
        return None
    return config._tmp_path_factory.getbasetemp().parent


class MigrateOnce:
    """Stands in for create_test_db's `migrate` (the first call only)."""

    def __init__(self, folder, original):
        self.folder, self.original, self.done = folder, original, False

    def __call__(self, name, *args, **options):
        if name != "migrate" or self.done:
            return self.original(name, *args, **options)
        self.done = True
        from django.db import connection

        marker = self.folder / f"migrated-{connection.vendor}"
        with exclusive(self.folder / "migrated.lock"):
            if marker.exists():
                self.restore(connection, marker)
            else:
                self.migrate(connection, name, *args, **options)
                self.keep(connection, marker)
                marker.touch()
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()
        return None

    def migrate(self, connection, name, *args, **options):
        """On PostgreSQL, from the schema the SQLite run's stack migrated when there is one
        (tests/migrated_schema.py): migrate then finds nothing left to do."""
        on_postgres = connection.vendor == "postgresql"
        database = connection.settings_dict
        where = (database["NAME"], database["HOST"], database["PORT"], database["USER"])
        restored = on_postgres and migrated_schema.restore(*where)
        self.original(name, *args, **options)
        if on_postgres and not restored:
            migrated_schema.keep(*where)

    def keep(self, connection, marker):
        if connection.vendor == "sqlite":
            with sqlite3.connect(marker.with_suffix(".sqlite3")) as copy:
                connection.connection.backup(copy)
            copy.close()
            return
        name = connection.settings_dict["NAME"]
        template = f"{name}_migrated"[:63]
        connection.close()
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{template}"')
            cursor.execute(f'CREATE DATABASE "{template}" TEMPLATE "{name}"')
        marker.write_text(template)  # dropped at the end of the session

    def restore(self, connection, marker):
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            with sqlite3.connect(marker.with_suffix(".sqlite3")) as copy:
                copy.backup(connection.connection)
            copy.close()
            return
        name = connection.settings_dict["NAME"]
        connection.close()
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{marker.read_text()}"')


def pytest_sessionfinish(session):
    """The controller drops the template databases the workers copied (the migrated one,
    the built demo)."""
    if hasattr(session.config, "workerinput") or session.config.getoption("dist", "no") == "no":
        return
    shared = session.config._tmp_path_factory.getbasetemp()
    markers = [shared / "migrated-postgresql", shared / "demo-postgresql" / "template"]
    templates = [marker.read_text() for marker in markers if marker.exists()]
    if templates:
        from django.db import connection
        from pytest_django.plugin import blocking_manager_key

        with session.config.stash[blocking_manager_key].unblock(), connection._nodb_cursor() as c:
            for template in templates:
                c.execute(f'DROP DATABASE IF EXISTS "{template}"')


@pytest.fixture(scope="session")
def _migrate_once_per_session(request):
    folder = shared_folder(request.config)
    if folder is None:
        yield
        return
    import django.core.management

    original = django.core.management.call_command
    django.core.management.call_command = MigrateOnce(folder, original)
    try:
        yield
    finally:
        django.core.management.call_command = original


@pytest.fixture(scope="session")
def django_db_setup(_migrate_once_per_session, django_db_setup):
    """pytest-django's test databases, migrated once per session (see above)."""
    yield


@pytest.fixture(scope="session")
def migrated_sqlite_file(request, django_db_setup):
    """This session's migrated empty SQLite database (a file), when the session has one: for
    the scripts that build a database of their own."""
    folder = shared_folder(request.config)
    path = folder / "migrated-sqlite.sqlite3" if folder else None
    return path if path and path.exists() else None


@pytest.fixture(scope="session", autouse=True)
def _the_built_demo(request, django_db_blocker):
    """The demo is built once for the session's processes (see portal.demo.testing) and
    removed at its end."""
    from portal.demo import testing

    testing.share_builds_in(shared_folder(request.config))
    yield

    with django_db_blocker.unblock():
        testing.drop_built_demo()


@pytest.fixture(autouse=True)
def _site_root_paths_follow_the_database():
    """Wagtail keeps the sites' root paths in the Django cache, and a test that changes a
    Site (the demo points it at the test server) is rolled back without telling it: forget
    them after each test, so the next one reads the Site it really has."""
    yield
    from wagtail.models import Site

    Site.clear_site_root_paths_cache()
