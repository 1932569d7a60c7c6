"""What the SQLite and PostgreSQL engines share: the database finds, the facet table counts.

For each distinct word of the query the engine's statement returns the ids of the visible
entries that contain it and of those whose titles do, each list as one comma-separated
text (one value instead of thousands of rows); ``facet_table`` works out from them which
entries have all, most or some of the words, ranks them by tier and the shared first score
and counts the facets over them in memory (why: see ``facet_table.py``).
"""

import numpy as np
from django.db import connection

from portal.search import facet_table


def id_array(text):
    """Ids from a comma-separated text (None: no ids)."""
    if not text:
        return np.zeros(0, dtype=np.int64)
    return np.array(text.split(","), dtype=np.int64)


def fetch_pair(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return (id_array(row[0]), id_array(row[1])) if row else (id_array(None), id_array(None))


def find(engine, query, filters, include_staff, limit):
    """Each term's matches from the engine, then tiers, order and counts from the table."""
    hits = [engine.term_matches(term, include_staff) for term in query.terms]
    return facet_table.found_terms(query, hits, filters, include_staff, limit)
