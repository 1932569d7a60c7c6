"""What the SQLite and PostgreSQL engines share: the database finds, the facet table counts.

Each engine's matching statement returns, for every visible match, its entry id and
whether its title matches the query too; ``facet_table`` ranks those by the shared first
score and counts the facets over them in memory (why: see ``facet_table.py``).
"""

from django.db import connection

from portal.search import facet_table


def find(matching, params, filters, limit):
    """Run ``matching`` (rows: entry id, whether the title matches too); rank and count."""
    with connection.cursor() as cursor:
        cursor.execute(matching, params)
        rows = cursor.fetchall()
    return facet_table.found(rows, filters, limit)
