"""What the SQLite and PostgreSQL engines share: the database finds, the facet table counts.

For each distinct word of the query the engine's statement returns the ids of the visible
entries that contain it and of those whose titles do, each list as one value (SQLite: a
comma-separated text; PostgreSQL: packed 8-byte integers) instead of thousands of rows;
``facet_table`` works out from them which entries have all, most or some of the words, ranks
them by tier and the shared first score and counts the facets over them in memory (why: see
``facet_table.py``).
"""

import numpy as np
from django.db import connection

from portal.search import facet_table


def id_array(value):
    """Ids from a comma-separated text or from 8-byte big-endian integers (None: no ids)."""
    if not value:
        return np.zeros(0, dtype=np.int64)
    if isinstance(value, str):
        return np.array(value.split(","), dtype=np.int64)
    return np.frombuffer(value, dtype=">i8").astype(np.int64)


def fetch_pair(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return (id_array(row[0]), id_array(row[1])) if row else (id_array(None), id_array(None))


def find(engine, query, filters, include_staff, limit):
    """Each term's matches from the engine (or the table, which keeps the common words'),
    then tiers, order and counts from the table."""
    table = facet_table.current()
    hits = [table.matches(term, include_staff, engine.term_matches) for term in query.terms]
    return facet_table.found_terms(query, hits, filters, include_staff, limit, table)
