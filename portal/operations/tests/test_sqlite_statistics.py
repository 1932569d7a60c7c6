"""The embedded SQLite database keeps its query planner's statistics as it is used."""

import sqlite3

import pytest
from django.db.utils import ConnectionHandler

from portal.settings.base import with_sqlite_options


def used_and_closed(path, engine):
    """A connection with the portal's settings (or `engine`) that reads by an index, closed."""
    settings = with_sqlite_options({"ENGINE": "django.db.backends.sqlite3", "NAME": str(path)})
    connection = ConnectionHandler({"default": {**settings, "ENGINE": engine}})["default"]
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE news (id INTEGER PRIMARY KEY, published TEXT)")
        cursor.execute("CREATE INDEX news_published ON news (published)")
        cursor.executemany(
            "INSERT INTO news (published) VALUES (%s)",
            [(f"2024-{n % 12 + 1:02}",) for n in range(500)],
        )
        cursor.execute("SELECT id FROM news WHERE published > %s ORDER BY published", ["2024-06"])
        cursor.fetchall()
    connection.close()


def statistics(path):
    with sqlite3.connect(path) as database:
        if not database.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
        ).fetchone():
            return []
        return database.execute("SELECT tbl, idx FROM sqlite_stat1").fetchall()


@pytest.mark.parametrize(
    "engine, analyzed",
    [("portal.operations.sqlite", True), ("django.db.backends.sqlite3", False)],
)
def test_a_closed_connection_leaves_statistics_of_the_tables_it_read(
    tmp_path, engine, analyzed, django_db_blocker
):
    path = tmp_path / "db.sqlite3"
    with django_db_blocker.unblock():  # a database of its own, not the suite's
        used_and_closed(path, engine)
    assert (("news", "news_published") in statistics(path)) is analyzed
