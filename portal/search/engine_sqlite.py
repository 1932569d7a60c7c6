"""Search on SQLite: the FTS5 table over the analysed terms.

A search asks SQLite, for each word of the query, only which rows of the FTS index hold it
and which hold it in the title column, each list as one text (``group_concat``): no entry
row is read. ``facet_table.py`` keeps which entries are staff-only, works out the tiers (all,
most, some of the words), ranks them by the shared cheap first score (``ranking.py``) and
counts the facets. bm25() would read every match's terms: over 20,000 matches it costs
more than the rest of the search, and the final order is ``ranking.rerank``'s anyway.
``autocomplete`` (a few titles) uses it.

The MATCH expression is built from analysed terms only, each quoted as an FTS5 string,
so nothing a user types can act as FTS5 syntax (AND, OR, NOT, NEAR, *, quotes,
parentheses). It is passed as a parameter, never interpolated into the SQL.
"""

from django.db import connection

from portal.search import engine_sql
from portal.search.engine_base import SearchEngine
from portal.search.hits import visibility_clause
from portal.search.schema import ENTRY_TABLE, FTS_TABLE
from portal.search.visibility import sees_staff_material

# One word's matches and title matches, each as one comma-separated text of ids.
_TERM_MATCHES = (
    f"SELECT (SELECT group_concat(rowid) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s), "  # nosec B608 # constant names; values are parameters
    f"(SELECT group_concat(rowid) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"
)


def quote(term):
    """An FTS5 string: the term taken literally."""
    return '"' + term.replace('"', '""') + '"'


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

    def term_matches(self, term, include_staff):
        """Staff-only entries are left out by the facet table, which knows them."""
        expression = quote(term)
        return engine_sql.fetch_pair(_TERM_MATCHES, [expression, title_expression(expression)])

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
