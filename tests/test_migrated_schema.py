"""The PostgreSQL run's test database comes from the dump the stack kept of its just
migrated database (tests/migrated_schema.py): what is restored is what was dumped, and a
failed dump leaves nothing to restore."""

import os

import psycopg
import pytest

from tests import migrated_schema

pytestmark = pytest.mark.own_database  # scratch databases on the local server


@pytest.fixture
def scratch_databases(tmp_path, monkeypatch):
    monkeypatch.setattr(migrated_schema, "FOLDER", tmp_path)
    names = [f"portal_schema_{os.getpid()}_{n}" for n in ("dumped", "restored")]
    with psycopg.connect(
        host="127.0.0.1", user="postgres", dbname="postgres", autocommit=True
    ) as c:
        for name in names:
            c.execute(f'DROP DATABASE IF EXISTS "{name}"')
            c.execute(f'CREATE DATABASE "{name}"')
    yield names
    with psycopg.connect(
        host="127.0.0.1", user="postgres", dbname="postgres", autocommit=True
    ) as c:
        for name in names:
            c.execute(f'DROP DATABASE IF EXISTS "{name}"')


def test_the_restored_database_has_the_dumped_tables_and_rows(scratch_databases):
    dumped, restored = scratch_databases
    with psycopg.connect(host="127.0.0.1", user="postgres", dbname=dumped) as connection:
        connection.execute("CREATE TABLE django_migrations (app text, name text)")
        connection.execute("INSERT INTO django_migrations VALUES ('news', '0006_listing')")
    migrated_schema.keep(dumped)
    assert migrated_schema.restore(restored)
    with psycopg.connect(host="127.0.0.1", user="postgres", dbname=restored) as connection:
        rows = connection.execute("SELECT app, name FROM django_migrations").fetchall()
    assert rows == [("news", "0006_listing")]


def test_a_failed_dump_leaves_nothing_to_restore(scratch_databases):
    _dumped, restored = scratch_databases
    migrated_schema.keep("portal_schema_no_such_database")
    assert list(migrated_schema.FOLDER.iterdir()) == []
    assert migrated_schema.restore(restored) is False
