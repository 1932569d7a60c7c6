"""Search on PostgreSQL: the tsvector column (title A, body B) with its GIN index.

A search asks PostgreSQL only for each visible match's id and whether its title matches
the query too (``schema.MATCHES_FUNCTION``; the small title vector tells); ``facet_table.py``
ranks them by the shared cheap first score and counts the facets. ts_rank_cd would read
each match's whole tsvector (kilobytes, out of line in TOAST): over 20,000 matches of a
common word that takes ~150 ms; the final order is ``ranking.rerank``'s anyway, the same
as on SQLite. ``autocomplete`` (a few titles) uses it.

The tsquery text is built from analysed terms only, each a quoted lexeme, and passed as
a parameter to ``to_tsquery('simple', …)``: nothing a user types can act as tsquery
syntax (&, |, !, <->, :*, quotes, parentheses).
"""

from django.db import connection

from portal.search import engine_sql
from portal.search.engine import SearchEngine, visibility_clause
from portal.search.schema import ENTRY_TABLE, MATCHES_FUNCTION, VECTOR_COLUMN
from portal.search.visibility import sees_staff_material

_FIND = f"SELECT id, title_match FROM {MATCHES_FUNCTION}(to_tsquery('simple', %s), %s)"  # nosec B608 # constant names
_MATCHING = f"FROM {ENTRY_TABLE} e, to_tsquery('simple', %s) query WHERE e.{VECTOR_COLUMN} @@ query"


def lexeme(term):
    """A quoted tsquery lexeme: the term taken literally."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery_text(query, match_all=True):
    if match_all:
        return " | ".join(
            "(" + " & ".join(lexeme(term) for term in terms) + ")" for terms in query.alternatives
        )
    return " | ".join(lexeme(term) for term in query.terms)


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

    def find(self, query, filters, include_staff, match_all, limit):
        params = [tsquery_text(query, match_all), include_staff]
        return engine_sql.find(_FIND, params, filters, limit)

    def autocomplete(self, words, prefixes, user, limit=8):
        visibility, params = visibility_clause(sees_staff_material(user))
        sql = (
            f"SELECT e.title {_MATCHING}{visibility} "
            f"ORDER BY ts_rank_cd(e.{VECTOR_COLUMN}, query) DESC, e.id LIMIT %s"
        )
        rows = _fetch(sql, [prefix_tsquery_text(words, prefixes), *params, limit * 3])
        return list(dict.fromkeys(row[0] for row in rows))[:limit]
