"""One search interface over the engines that hold the index.

``get_engine()`` picks the engine: Elasticsearch/OpenSearch when Wagtail's search backend
is configured for a cluster (``SEARCH_BACKEND=elasticsearch``, see ``backends.py``),
otherwise the database's own full-text search (SQLite FTS5 or PostgreSQL).

An engine answers ``search()`` with one page of ranked hits, the total and the facet
counts over the whole matching set. Every engine matches all terms first and falls back
to any term only when that finds nothing.
"""

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from portal.search import ranking
from portal.search.models import SearchEntry
from portal.search.visibility import sees_staff_material

FACETS = ("kind", "topic", "project", "region", "stage", "year")


@dataclass(frozen=True)
class TermQuery:
    """Analysed query terms: alternatives (from synonyms), each a list of terms to match."""

    alternatives: tuple[tuple[str, ...], ...]

    @classmethod
    def from_alternatives(cls, alternatives):
        cleaned = tuple(tuple(terms) for terms in alternatives if terms)
        return cls(tuple(dict.fromkeys(cleaned)))

    @property
    def terms(self):
        """Every distinct term of every alternative, in order."""
        return tuple(dict.fromkeys(t for terms in self.alternatives for t in terms))

    def __bool__(self):
        return bool(self.alternatives)


@dataclass(frozen=True)
class Filters:
    """Selected facet values; within a facet any value matches, facets combine with AND."""

    kind: tuple[str, ...] = ()
    topic: tuple[int, ...] = ()
    project: tuple[int, ...] = ()
    region: tuple[int, ...] = ()
    stage: tuple[str, ...] = ()
    year: tuple[int, ...] = ()

    def active(self):
        return [name for name in FACETS if getattr(self, name)]


# A match is a tuple read straight from the database, in this column order; regions and
# topics come as the padded id lists of SearchEntry (" 3 7 "). ``score``: higher is better.
MATCH_COLUMNS = (
    "e.id, {score}, e.kind, e.project_id, e.year, e.validation_stage, e.region_ids, e.topic_ids"
)
_ID, _SCORE = 0, 1
_FACET_COLUMN = {"kind": 2, "project": 3, "year": 4, "stage": 5, "region": 6, "topic": 7}
_MULTI_VALUED = {"region", "topic"}
_NUMERIC = {"project", "year", "region", "topic"}


def _row_values(row, facet):
    value = row[_FACET_COLUMN[facet]]
    if facet in _MULTI_VALUED:
        return value.split() if value else ()
    return () if value is None or value == "" else (value,)


def _selected(filters, facet):
    values = getattr(filters, facet)
    return {str(v) for v in values} if facet in _MULTI_VALUED else set(values)


@dataclass
class SearchResult:
    entries: list[SearchEntry]
    total: int
    facets: dict[str, Counter] = field(default_factory=dict)
    matched_all_terms: bool = True


def count_facets(rows, filters):
    """Facet counts where each facet ignores its own selection but respects the others.

    Returns (the rows passing every filter, {facet: Counter(value -> count)}).
    """
    active = filters.active()
    if not active:
        counted = {facet: _all_values(rows, facet) for facet in FACETS}
        return rows, _counters(counted)
    selected = {facet: _selected(filters, facet) for facet in active}
    counted = {facet: [] for facet in FACETS}
    passing = []
    for row in rows:
        failed = [f for f in active if selected[f].isdisjoint(_row_values(row, f))]
        if not failed:
            passing.append(row)
            for facet in FACETS:
                counted[facet].extend(_row_values(row, facet))
        elif len(failed) == 1:
            counted[failed[0]].extend(_row_values(row, failed[0]))
    return passing, _counters(counted)


def _all_values(rows, facet):
    values = map(itemgetter(_FACET_COLUMN[facet]), rows)
    if facet in _MULTI_VALUED:
        return " ".join(values).split()
    return values


def _counters(counted):
    counts = {}
    for facet, values in counted.items():
        counter = Counter(values)
        counter.pop(None, None)
        counter.pop("", None)
        if facet in _NUMERIC:
            counter = Counter({int(key): count for key, count in counter.items()})
        counts[facet] = counter
    return counts


def entries_in_order(ids):
    by_id = SearchEntry.objects.defer("title_terms", "body_terms").in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


def visibility_clause(include_staff):
    """SQL condition on the entry table ``e`` (and its parameters) for this visitor."""
    return ("", []) if include_staff else (" AND e.staff_only = %s", [False])


class SearchEngine:
    """The shared flow; a database engine supplies ``matches()`` and ``autocomplete()``.

    One query per search returns every match with its score and facet values; facets,
    filters and the order are worked out here, so they are the same on every database.
    """

    name = "base"

    def search(self, query, filters, user, page=1, per_page=20):
        include_staff = sees_staff_material(user)
        matched_all = True
        rows = self.matches(query, include_staff, match_all=True)
        if not rows and len(query.terms) > 1:
            matched_all = False
            rows = self.matches(query, include_staff, match_all=False)
        passing, facets = count_facets(rows, filters)
        ids = self.result_ids(passing, query, matched_all, page, per_page) if passing else []
        return SearchResult(entries_in_order(ids), len(passing), facets, matched_all)

    # How many of the best matches by the first score get the engine's finer score.
    rescored = 0

    def result_ids(self, rows, query, match_all, page, per_page):
        """Ids of one result page.

        The best ``ranking.CANDIDATES`` by the engine's score are put in the shared order
        (``ranking.py``); later pages continue in the engine's order.
        """
        offset = (page - 1) * per_page
        # Best score first, equal scores by id (both sorts are stable and run in C).
        by_id = sorted(rows, key=itemgetter(_ID))
        ordered = [row[_ID] for row in sorted(by_id, key=itemgetter(_SCORE), reverse=True)]
        if self.rescored:
            ordered = self.rescore(ordered, query, match_all)
        top = ordered[: ranking.CANDIDATES]
        ids = ranking.rerank(ranking.candidates(top), query) + ordered[ranking.CANDIDATES :]
        return ids[offset : offset + per_page]

    def matches(self, query, include_staff, match_all):
        """Every matching entry as a ``MATCH_COLUMNS`` tuple."""
        raise NotImplementedError

    def rescore(self, ids, query, match_all):
        """The ids (best first by the first score) in the order of a finer, costlier score."""
        return ids

    def autocomplete(self, words, prefixes, user, limit=8):
        """Titles whose terms start with the typed words (the last one may be unfinished)."""
        raise NotImplementedError

    # --- keeping an external index in step (database engines need nothing: SQL does it) -----

    def entries_saved(self, entries):
        pass

    def entries_removed(self, entry_ids):
        pass

    def rebuilt(self):
        pass

    def synonyms_changed(self):
        """Database engines expand synonyms per query: nothing to redo."""


def _configured_backend():
    backend = settings.WAGTAILSEARCH_BACKENDS.get("default", {})
    return backend.get("BACKEND", "")


@lru_cache(maxsize=4)
def _engine_for(kind):
    if kind == "elasticsearch":
        from portal.search.engine_elasticsearch import ElasticsearchEngine

        return ElasticsearchEngine.from_settings(settings.WAGTAILSEARCH_BACKENDS["default"])
    if kind == "sqlite":
        from portal.search.engine_sqlite import SQLiteEngine

        return SQLiteEngine()
    if kind == "postgresql":
        from portal.search.engine_postgres import PostgresEngine

        return PostgresEngine()
    raise ImproperlyConfigured(f"Portal search does not support the {kind} database.")


def engine_kind():
    """Which engine serves searches here: elasticsearch, sqlite or postgresql."""
    forced = getattr(settings, "PORTAL_SEARCH_ENGINE", None)
    if forced:
        return forced
    backend = _configured_backend()
    if "elasticsearch" in backend or "opensearch" in backend:
        return "elasticsearch"
    return connection.vendor


def get_engine():
    return _engine_for(engine_kind())
