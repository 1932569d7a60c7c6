"""One search interface over the engines that hold the index.

``get_engine()`` picks the engine: Elasticsearch/OpenSearch when Wagtail's search backend
is configured for a cluster (``SEARCH_BACKEND=elasticsearch``, see ``backends.py``),
otherwise the database's own full-text search (SQLite FTS5 or PostgreSQL).

An engine answers ``search()`` with one page of ranked hits, the total and the facet
counts over the whole matching set. The matching set is every entry with at least two
thirds of the query's words (all of them for one or two words), those with all the words
ranked first: one entry with all three words no longer hides the better ones with two.
Only when no entry has that many does the set fall back to entries with any word.
"""

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import F, OuterRef, Subquery

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


@dataclass
class SearchResult:
    entries: list[SearchEntry]
    total: int
    facets: dict[str, Counter] = field(default_factory=dict)
    matched_all_terms: bool = True


# The share of a query's words an entry needs to be a result (when any entry has it).
MOST_TERMS = 2 / 3
# Tiers of a result: all the words, most of them, some of them (the any-word fallback).
ALL_TERMS, MOST_TERMS_TIER, SOME_TERMS = 2, 1, 0


@dataclass
class Found:
    """What a database engine found: the results, best first, and their counts."""

    ids: list[int]  # the best matches passing the filters, best first (at most the limit)
    total: int  # matches passing the filters
    facets: dict[str, Counter]  # each facet ignores its own selection, respects the others
    matched: int  # matches before the filters
    tiers: dict[int, int] = field(default_factory=dict)  # id -> ALL_TERMS, MOST_TERMS_TIER...
    matched_all: bool = True  # some entry (before the filters) has all the words


def entries_in_order(ids):
    by_id = with_project(SearchEntry.objects.defer("title_terms", "body_terms")).in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


def with_project(entries):
    """Each entry with its project's title, URL, visibility (from the project's own entry)
    and period, in the same query."""
    project = SearchEntry.objects.filter(object_id=OuterRef("project_id"), kind="project")
    return entries.annotate(
        project_title=Subquery(project.values("title")[:1]),
        project_url=Subquery(project.values("url")[:1]),
        project_staff_only=Subquery(project.values("staff_only")[:1]),
        project_start=F("project__start_date"),
        project_end=F("project__end_date"),
    )


def visibility_clause(include_staff):
    """SQL condition on the entry table ``e`` (and its parameters) for this visitor."""
    return ("", []) if include_staff else (" AND e.staff_only = %s", [False])


class SearchEngine:
    """The shared flow; a database engine supplies ``term_matches()`` and ``autocomplete()``.

    ``find()`` returns the best matches by tier and first score with the totals and facet
    counts (on SQLite and PostgreSQL: one statement per query word finds its matches, the
    in-memory ``facet_table`` works out the tiers, ranks and counts); the order of the
    first page is worked out here, so it is the same on every database.
    """

    name = "base"

    def search(self, query, filters, user, page=1, per_page=20):
        include_staff = sees_staff_material(user)
        limit = max(ranking.CANDIDATES, page * per_page)
        found = self.find(query, filters, include_staff, limit)
        ids = self.result_ids(found.ids, query, page, per_page, found.tiers)
        return SearchResult(entries_in_order(ids), found.total, found.facets, found.matched_all)

    def result_ids(self, ordered, query, page, per_page, tiers=None):
        """Ids of one result page from the engine's best matches (best first).

        The best ``ranking.CANDIDATES`` are put in the shared order (``ranking.py``),
        within their tiers; later pages continue in the engine's order.
        """
        top = ordered[: ranking.CANDIDATES]
        ranked = ranking.rerank(ranking.candidates(top), query, tiers)
        ids = ranked + ordered[ranking.CANDIDATES :]
        offset = (page - 1) * per_page
        return ids[offset : offset + per_page]

    def find(self, query, filters, include_staff, limit):
        """A ``Found``: the best ``limit`` matches by tier and first score, totals, facets."""
        from portal.search import engine_sql

        return engine_sql.find(self, query, filters, include_staff, limit)

    def term_matches(self, term, include_staff):
        """(ids of the entries with the term, ids of those with it in the title), arrays."""
        raise NotImplementedError

    def term_counts(self, terms, include_staff):
        """{term: how many entries this visitor may see hold it} (typo suggestions)."""
        from portal.search import facet_table

        table = facet_table.current()
        return {
            term: table.visible_count(self.term_matches(term, include_staff)[0], include_staff)
            for term in terms
        }

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
