"""What the SQLite and PostgreSQL engines share: one SQL statement per search.

A common word matches nearly every entry. Reading 20,000 matches into Python to count
their facets and sort them cost more than finding them, so the database does both: the
matches go into a materialised CTE ``m`` once, then one ``UNION ALL`` returns the best
``limit`` ids with their scores, the totals and, per facet, the number of matches per
stored value. Region and topic ids are stored as lists (" 3 7 "): the distinct lists are
counted first, then split by the database's own function (``split_ids``). Apart from that
split the SQL is the same on both databases, so are facet counts and the order.
"""

from collections import Counter

from django.db import connection

from portal.search.engine import FACETS, Found

MULTI_VALUED = {"region", "topic"}
NUMERIC = {"project", "year", "region", "topic"}

# What an engine's matching SELECT returns, named as the statement below expects.
MATCH_SELECT = (
    "SELECT e.id AS id, {score} AS score, e.kind AS kind, e.project_id AS project, "
    "e.year AS year, e.validation_stage AS stage, e.region_ids AS region, e.topic_ids AS topic "
)
_BEST, _MATCHED, _TOTAL = "id", "matched", "total"


def _condition(facet, values):
    """SQL on ``m`` (and parameters): the row has one of the selected values."""
    if facet in MULTI_VALUED:  # padded id lists: " 3 7 "
        return "(" + " OR ".join(f"m.{facet} LIKE %s" for _ in values) + ")", [
            f"% {int(value)} %" for value in values
        ]
    return f"m.{facet} IN ({', '.join(['%s'] * len(values))})", list(values)


def _where(conditions, ignored=None):
    chosen = [sql_params for facet, sql_params in conditions.items() if facet != ignored]
    if not chosen:
        return "", []
    return " WHERE " + " AND ".join(sql for sql, _ in chosen), [p for _, ps in chosen for p in ps]


def _facet_branch(facet, where, split_ids):
    if facet not in MULTI_VALUED:
        return (
            f"SELECT '{facet}', CAST(m.{facet} AS TEXT), count(*), NULL "  # nosec B608 # constant names; values are parameters
            f"FROM m{where} GROUP BY m.{facet}"
        )
    table, column = split_ids
    return (
        f"SELECT '{facet}', CAST({column} AS TEXT), CAST(sum(lists.n) AS BIGINT), NULL "  # nosec B608 # constant names; values are parameters
        f"FROM (SELECT m.{facet} AS ids, count(*) AS n FROM m{where} GROUP BY m.{facet}) lists, "
        f"{table.format(ids='lists.ids')} GROUP BY {column}"
    )


def search_statement(matching, matching_params, filters, limit, split_ids):
    """The statement (and its parameters) answering one search over ``matching``.

    ``split_ids``: (a table expression of the ids in the list ``{ids}``, its id column).
    """
    conditions = {facet: _condition(facet, getattr(filters, facet)) for facet in filters.active()}
    where, where_params = _where(conditions)
    branches = [
        (
            f"SELECT * FROM (SELECT '{_BEST}' AS facet, CAST(NULL AS TEXT) AS value, "  # nosec B608 # constant names; values are parameters
            f"m.id AS number, m.score AS score FROM m{where} "
            "ORDER BY m.score DESC, m.id LIMIT %s) best",
            [*where_params, limit],
        ),
        (f"SELECT '{_MATCHED}', NULL, count(*), NULL FROM m", []),  # nosec B608 # constant names; values are parameters
        (f"SELECT '{_TOTAL}', NULL, count(*), NULL FROM m{where}", where_params),  # nosec B608 # constant names; values are parameters
    ]
    for facet in FACETS:
        facet_where, params = _where(conditions, ignored=facet)
        branches.append((_facet_branch(facet, facet_where, split_ids), params))
    sql = f"WITH m AS MATERIALIZED ({matching}) " + " UNION ALL ".join(sql for sql, _ in branches)
    return sql, [*matching_params, *(p for _, params in branches for p in params)]


def read_found(rows):
    """A ``Found`` from the rows of ``search_statement``."""
    best, totals = [], {}
    facets = {facet: Counter() for facet in FACETS}
    for facet, value, number, score in rows:
        if facet == _BEST:
            best.append((-score, number))
        elif facet in (_MATCHED, _TOTAL):
            totals[facet] = number
        elif value is not None and value != "":
            facets[facet][int(value) if facet in NUMERIC else value] += number
    best.sort()  # UNION ALL does not promise to keep the branch's order
    return Found([id_ for _, id_ in best], totals[_TOTAL], facets, totals[_MATCHED])


def find(matching, matching_params, filters, limit, split_ids, before=()):
    """Run the statement; ``before``: statements for this transaction (planner settings)."""
    sql, params = search_statement(matching, matching_params, filters, limit, split_ids)
    with connection.cursor() as cursor:
        for statement in before:
            cursor.execute(statement)
        cursor.execute(sql, params)
        return read_found(cursor.fetchall())
