"""Search on SQLite: the FTS5 table over the analysed terms.

A search asks SQLite only for each visible match's id and whether its title matches the
query too (a second MATCH on the title column, run once); ``facet_table.py`` ranks them by
the shared cheap first score (``ranking.py``) and counts the facets. bm25() would read
every match's terms: over 20,000 matches it costs more than the rest of the search, and
the final order is ``ranking.rerank``'s anyway. ``autocomplete`` (a few titles) uses it.

The MATCH expression is built from analysed terms only, each quoted as an FTS5 string,
so nothing a user types can act as FTS5 syntax (AND, OR, NOT, NEAR, *, quotes,
parentheses). It is passed as a parameter, never interpolated into the SQL.
"""

from django.db import connection

from portal.search import engine_sql
from portal.search.engine import SearchEngine, visibility_clause
from portal.search.schema import ENTRY_TABLE, FACETS_INDEX, FTS_TABLE
from portal.search.visibility import sees_staff_material

# The visible matches, with whether their titles match too: the staff-only flag is read
# through the covering index (the entry table's rows are wide: terms, snippet text). The
# title matches become a lookup table once per statement (a non-correlated IN).
_MATCHING = (
    f"SELECT e.id, e.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s) "  # nosec B608 # constant names; values are parameters
    f"FROM {FTS_TABLE} JOIN {ENTRY_TABLE} e INDEXED BY {FACETS_INDEX} "
    f"ON e.id = {FTS_TABLE}.rowid WHERE {FTS_TABLE} MATCH %s"
)


def quote(term):
    """An FTS5 string: the term taken literally."""
    return '"' + term.replace('"', '""') + '"'


def match_expression(query, match_all=True):
    """All terms of an alternative (any alternative), or any term at all."""
    if match_all:
        return " OR ".join(
            "(" + " AND ".join(quote(term) for term in terms) + ")" for terms in query.alternatives
        )
    return " OR ".join(quote(term) for term in query.terms)


def title_expression(expression):
    """The same match, on the title terms only."""
    return "{title_terms} : (" + expression + ")"


def prefix_expression(words, prefixes):
    """Title terms: every finished word, and the unfinished one as a prefix."""
    last = " OR ".join(f"{quote(prefix)} *" for prefix in prefixes)
    parts = [quote(word) for word in words] + [f"({last})"]
    return title_expression(" AND ".join(parts))


def _fetch(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class SQLiteEngine(SearchEngine):
    name = "sqlite"

    def find(self, query, filters, include_staff, match_all, limit):
        visibility, params = visibility_clause(include_staff)
        expression = match_expression(query, match_all)
        params = [title_expression(expression), expression, *params]
        return engine_sql.find(_MATCHING + visibility, params, filters, limit)

    def autocomplete(self, words, prefixes, user, limit=8):
        visibility, params = visibility_clause(sees_staff_material(user))
        # Only constant table/column names are interpolated; values are parameters.
        sql = (
            f"SELECT e.title FROM {FTS_TABLE} JOIN {ENTRY_TABLE} e ON e.id = {FTS_TABLE}.rowid "  # nosec B608
            f"WHERE {FTS_TABLE} MATCH %s{visibility} "
            f"ORDER BY bm25({FTS_TABLE}, 1.0, 0.0), e.id LIMIT %s"
        )
        rows = _fetch(sql, [prefix_expression(words, prefixes), *params, limit * 3])
        return list(dict.fromkeys(row[0] for row in rows))[:limit]
