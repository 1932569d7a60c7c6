"""What a search asks and what an engine answers: query terms, facet filters, results.

Plain types shared by every engine and by the in-memory facet table.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import F, OuterRef, Subquery

from portal.search.models import SearchEntry

FACETS = (
    "kind",
    "topic",
    "project",
    "region",
    "stage",
    "year",
    "target_group",
    "setting",
    "evidence",
    "standard",
)


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
    target_group: tuple[int, ...] = ()
    setting: tuple[int, ...] = ()
    evidence: tuple[str, ...] = ()
    standard: tuple[int, ...] = ()

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
