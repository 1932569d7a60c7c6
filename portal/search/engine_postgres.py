"""Search on PostgreSQL: the tsvector column (title A, body B) with its GIN index.

A search asks PostgreSQL, for each word of the query, only for the visible matches' ids and
those whose titles match too (``schema.MATCHES_FUNCTION``; the small title vector tells),
each list as one value of packed integers; ``facet_table.py`` works out the tiers (all,
most, some of the words), ranks them by the shared first score and counts the facets.
ts_rank_cd would read each match's whole tsvector (kilobytes, out of line in TOAST): over
20,000 matches of a common word that takes ~150 ms; the final order is ``ranking.rerank``'s
anyway, the same as on SQLite. ``autocomplete`` (a few titles) uses it.

The tsquery text is built from analysed terms only, each a quoted lexeme, and passed as
a parameter to ``to_tsquery('simple', …)``: nothing a user types can act as tsquery
syntax (&, |, !, <->, :*, quotes, parentheses).
"""

from django.db import connection

from portal.search import engine_sql
from portal.search.engine_base import SearchEngine
from portal.search.hits import visibility_clause
from portal.search.schema import ENTRY_TABLE, MATCHES_FUNCTION, VECTOR_COLUMN
from portal.search.visibility import sees_staff_material

_TERM_MATCHES = f"SELECT ids, title_ids FROM {MATCHES_FUNCTION}(to_tsquery('simple', %s), %s)"  # nosec B608 # constant names
_MATCHING = f"FROM {ENTRY_TABLE} e, to_tsquery('simple', %s) query WHERE e.{VECTOR_COLUMN} @@ query"


def lexeme(term):
    """A quoted tsquery lexeme: the term taken literally."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def prefix_tsquery_text(words, prefixes):
    """Title terms (weight A): every finished word, and the unfinished one as a prefix."""
    last = " | ".join(f"{lexeme(prefix)}:*A" for prefix in prefixes)
    return " & ".join([f"{lexeme(word)}:A" for word in words] + [f"({last})"])


def _fetch(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class PostgresEngine(SearchEngine):
    name = "postgresql"

    def term_matches(self, term, include_staff):
        return engine_sql.fetch_pair(_TERM_MATCHES, [lexeme(term), include_staff])

    def autocomplete(self, words, prefixes, user, limit=8):
        visibility, params = visibility_clause(sees_staff_material(user))
        sql = (
            f"SELECT e.title {_MATCHING}{visibility} "
            f"ORDER BY ts_rank_cd(e.{VECTOR_COLUMN}, query) DESC, e.id LIMIT %s"
        )
        rows = _fetch(sql, [prefix_tsquery_text(words, prefixes), *params, limit * 3])
        return list(dict.fromkeys(row[0] for row in rows))[:limit]
