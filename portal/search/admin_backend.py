"""The admin's search for editors (page search, page chooser, document chooser) in Czech.

Wagtail's database backend knows no Czech ("dite" does not find "dětí") and at 20,000
pages took minutes for a common word: it scores every match with a subquery. This
backend is Wagtail's database backend for everything, except that searches of pages and
documents go through the portal's own index (``engine.py``: the Czech analysis, the
tiers, the in-memory first score), whichever database serves it.

Permissions stay Wagtail's: the admin passes the queryset of what the editor may see
(explorable pages, documents of the editor's collections) and only its members are
returned. Pages the public index does not hold (drafts, unpublished pages) are found by
their title containing every typed word, after the index's answers.

Settings: ``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "portal.search.admin_backend"``.
"""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from modelsearch.backends import database
from modelsearch.backends.base import BaseSearchResults
from wagtail.documents import get_document_model
from wagtail.models import Page

from portal.search.engine import get_engine
from portal.search.hits import Filters
from portal.search.models import SearchEntry
from portal.search.query import clean_text, term_query

MAX_RESULTS = 1_000  # best index matches offered to an editor (then: refine the query)
MAX_TITLE_MATCHES = 200


def handled(model):
    return issubclass(model, Page) or issubclass(model, get_document_model())


def index_object_ids(text, model):
    """Ids of the model's objects the portal's index finds for the text, best first."""
    query = term_query(text)
    if not query:
        return []
    found = get_engine().find(query, Filters(), True, MAX_RESULTS)
    rows = SearchEntry.objects.filter(pk__in=found.ids).values_list(
        "id", "content_type__app_label", "content_type__model", "object_id"
    )
    wanted = {
        (m._meta.app_label, m._meta.model_name)
        for m in [model, *_subclasses(model)]
        if not m._meta.abstract
    }
    by_entry = {row[0]: row[3] for row in rows if (row[1], row[2]) in wanted}
    return list(dict.fromkeys(by_entry[i] for i in found.ids if i in by_entry))


def _subclasses(model):
    for sub in model.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def query_text(query):
    """The words of a query the admin built (``parse_query_string``), or of a string."""
    if isinstance(query, str):
        return clean_text(query)
    if getattr(query, "query_string", None):
        return clean_text(query.query_string)
    parts = [query_text(sub) for sub in getattr(query, "subqueries", ())]
    return " ".join(part for part in parts if part)


def title_filter(text):
    words = clean_text(text).split()
    condition = Q()
    for word in words:
        condition &= Q(title__icontains=word)
    return condition if words else None


@dataclass
class PortalQuery:
    """What the results need: the editor's queryset and the ordered matching ids."""

    queryset: QuerySet
    ids: list
    order_by_relevance: bool


class PortalSearchResults(BaseSearchResults):
    supports_facet = True

    def _ids(self):
        return self.query_compiler.ids

    def _do_search(self):
        compiler = self.query_compiler
        queryset = compiler.queryset.filter(pk__in=compiler.ids)
        if not compiler.order_by_relevance:
            return list(queryset[self.start : self.stop])
        page = compiler.ids[self.start : self.stop]
        by_id = queryset.in_bulk(page)
        return [by_id[i] for i in page if i in by_id]

    def _do_count(self):
        return len(self.query_compiler.ids[self.start : self.stop])

    def facet(self, field_name):
        rows = (
            self.query_compiler.queryset.filter(pk__in=self.query_compiler.ids)
            .values(field_name)
            .annotate(count=Count("pk"))
        )
        counts = Counter({row[field_name]: row["count"] for row in rows})
        return dict(counts.most_common())


class PortalAdminSearchBackend:
    """Wagtail's database backend, with the portal's index answering for pages and documents."""

    def __init__(self, params):
        self.database = database.SearchBackend(params)

    def __getattr__(self, name):
        return getattr(self.database, name)

    def add(self, obj):
        """Wagtail's index keeps what the portal's does not: saving a page or a document
        writes only the portal's index (the stock one took a third of a page's save)."""
        if not handled(type(obj)):
            self.database.add(obj)

    def add_bulk(self, model, obj_list):
        if not handled(model):
            self.database.add_bulk(model, obj_list)

    def search(self, query, model_or_queryset, fields=None, order_by_relevance=True, **kwargs):
        results = self._portal_search(query, model_or_queryset, order_by_relevance)
        if results is None:
            return self.database.search(
                query,
                model_or_queryset,
                fields=fields,
                order_by_relevance=order_by_relevance,
                **kwargs,
            )
        return results

    def autocomplete(
        self, query, model_or_queryset, fields=None, order_by_relevance=True, **kwargs
    ):
        results = self._portal_search(query, model_or_queryset, order_by_relevance)
        if results is None:
            return self.database.autocomplete(
                query,
                model_or_queryset,
                fields=fields,
                order_by_relevance=order_by_relevance,
                **kwargs,
            )
        return results

    def _portal_search(self, query, model_or_queryset, order_by_relevance):
        queryset = (
            model_or_queryset
            if isinstance(model_or_queryset, QuerySet)
            else model_or_queryset.objects.all()
        )
        query = query_text(query)
        if not query or not handled(queryset.model):
            return None  # no words (the admin lists everything), or not ours
        ids = self._allowed(queryset, index_object_ids(query, queryset.model))
        titles = title_filter(query)
        if titles is not None:
            extra = queryset.filter(titles).exclude(pk__in=ids).values_list("pk", flat=True)
            ids += list(extra[:MAX_TITLE_MATCHES])
        return PortalSearchResults(self, PortalQuery(queryset, ids, order_by_relevance))

    @staticmethod
    def _allowed(queryset, ids):
        """The ids, in order, that the editor's queryset holds."""
        allowed = set(queryset.filter(pk__in=ids).values_list("pk", flat=True))
        return [i for i in ids if i in allowed]


SearchBackend = PortalAdminSearchBackend
