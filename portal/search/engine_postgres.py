"""Search on PostgreSQL: the weighted tsvector column (title A, body B), scored by ts_rank_cd.

The tsquery text is built from analysed terms only, each a quoted lexeme, and passed as
a parameter to ``to_tsquery('simple', …)``: nothing a user types can act as tsquery
syntax (&, |, !, <->, :*, quotes, parentheses).
"""

from django.db import connection, transaction

from portal.search import engine_sql
from portal.search.engine import SearchEngine, visibility_clause
from portal.search.schema import ENTRY_TABLE, TITLE_VECTOR_COLUMN, VECTOR_COLUMN
from portal.search.visibility import sees_staff_material

# ts_rank_cd weights for {D, C, B, A}: a title term counts ten times a body term.
RANK_WEIGHTS = "{0.1, 0.1, 0.1, 1.0}"
# 1: divide the rank by 1 + log(document length), as bm25 favours shorter documents.
RANK_NORMALIZATION = 1
# ts_rank_cd reads each match's whole tsvector (kilobytes, out of line in TOAST): over
# 20,000 matches of a common word that takes ~150 ms. So every match first gets the shared
# cheap score (``ranking.py``, ``facet_table.py``; the small title vector tells whether
# the title matches too); only the best RESCORED get ts_rank_cd.
RESCORED = 300

_MATCHING = f"FROM {ENTRY_TABLE} e, to_tsquery('simple', %s) query WHERE e.{VECTOR_COLUMN} @@ query"
# The visible matches, with whether their titles match too (the small title vector).
_FIND = f"SELECT e.id, e.{TITLE_VECTOR_COLUMN} @@ query {_MATCHING}"
_FINE_SCORE = (
    f"ts_rank_cd('{RANK_WEIGHTS}', e.{VECTOR_COLUMN}, query, {RANK_NORMALIZATION}) * e.rank_weight"
)


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
    rescored = RESCORED

    def find(self, query, filters, include_staff, match_all, limit):
        visibility, params = visibility_clause(include_staff)
        params = [tsquery_text(query, match_all), *params]
        with transaction.atomic():
            # When most rows match, the planner prefers a sequential scan, which must
            # read every tsvector to test it; the GIN bitmap scan reads none of them.
            planner = ["SET LOCAL enable_seqscan = off"]
            return engine_sql.find(_FIND + visibility, params, filters, limit, before=planner)

    def rescore(self, ids, query, match_all):
        best = ids[: self.rescored]
        if not best:
            return ids
        # Only constant table/column names are interpolated; values are parameters.
        sql = (
            f"SELECT e.id FROM {ENTRY_TABLE} e, to_tsquery('simple', %s) query "  # nosec B608
            f"WHERE e.id = ANY(%s) ORDER BY {_FINE_SCORE} DESC, e.id"
        )
        rows = _fetch(sql, [tsquery_text(query, match_all), best])
        return [row[0] for row in rows] + ids[self.rescored :]

    def autocomplete(self, words, prefixes, user, limit=8):
        visibility, params = visibility_clause(sees_staff_material(user))
        sql = (
            f"SELECT e.title {_MATCHING}{visibility} "
            f"ORDER BY ts_rank_cd(e.{VECTOR_COLUMN}, query) DESC, e.id LIMIT %s"
        )
        rows = _fetch(sql, [prefix_tsquery_text(words, prefixes), *params, limit * 3])
        return list(dict.fromkeys(row[0] for row in rows))[:limit]
