"""What the SQLite and PostgreSQL engines share: the database finds, the facet table counts.

Each engine's matching statement returns, for every visible match, its entry id and
whether its title matches the query too; ``facet_table`` ranks those by the shared first
score and counts the facets over them in memory (why: see ``facet_table.py``).
"""

from django.db import connection

from portal.search import facet_table


def find(matching, params, filters, limit, before=()):
    """Run ``matching``; ``before``: statements for this transaction (planner settings)."""
    with connection.cursor() as cursor:
        for statement in before:
            cursor.execute(statement)
        cursor.execute(matching, params)
        rows = cursor.fetchall()
    return facet_table.found(rows, filters, limit)
