"""The one search function behind the search page and the JSON API.

``run_search(request)`` reads the GET parameters through ``forms.SearchForm`` (q, strana
and the filters of ``facets.SEARCH_FACETS``: typ, tema, projekt, kraj, skupina, prostredi,
stupen, ucinnost, standard, rok; ``InvalidSearch`` carries a Czech message), asks the
engine, and returns everything both views show: results with highlighted snippets,
editors' promoted results, facets with counts, pagination and helpful messages.
"""

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.search.utils import normalise_query_string

from portal.core.facets import FacetView
from portal.search import highlight, indexing, kinds, typos
from portal.search.engine import get_engine
from portal.search.facets import MAX_OPTIONS, SEARCH_FACETS, SearchScope
from portal.search.forms import SearchForm
from portal.search.hits import Filters
from portal.search.models import SearchEntry
from portal.search.query import term_query
from portal.search.visibility import sees_staff_material

PER_PAGE = 20
# The filters' GET parameters, in the order the page shows them.
FACET_PARAMS = tuple(facet.param for facet in SEARCH_FACETS)


class InvalidSearch(Exception):
    """A parameter we cannot use; ``message`` says so in Czech."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# --- parameters ---------------------------------------------------------------------------


@dataclass
class SearchParams:
    text: str
    filters: Filters
    page: int
    scope: SearchScope  # the vocabularies read while checking the values, reused by facets


def parse_params(params, user):
    """The search request from GET parameters; raises InvalidSearch with a Czech message."""
    scope = SearchScope(user)
    form = SearchForm(params, scope)
    if not form.is_valid():
        raise InvalidSearch(str(form.first_error()))
    data = form.cleaned_data
    filters = Filters(**{facet.engine: data[facet.param] for facet in SEARCH_FACETS})
    return SearchParams(text=data["q"], filters=filters, page=data["strana"], scope=scope)


# --- what the views show -----------------------------------------------------------------


@dataclass
class ResultItem:
    title: str
    title_html: str
    url: str
    kind: str
    type: str
    snippet: str
    date: date | None
    staff_only: bool = False
    attached_to: list[dict] = field(default_factory=list)
    promoted: bool = False
    project: dict | None = None  # {"title", "url"} of the project the result belongs to
    project_period: tuple = (None, None)  # the project's start and end dates

    def as_json(self):
        data = {
            "title": self.title,
            "url": self.url,
            "type": str(self.type),
            "snippet": str(self.snippet),
            "date": self.date.isoformat() if self.date else None,
        }
        if self.attached_to:
            data["attached_to"] = self.attached_to
        if self.staff_only:
            data["staff_only"] = True
        if self.project:
            data["project"] = self.project
        return data


@dataclass
class SearchOutcome:
    text: str
    results: list[ResultItem] = field(default_factory=list)
    promoted: list[ResultItem] = field(default_factory=list)
    total: int = 0
    facets: list[FacetView] = field(default_factory=list)
    page: int = 1
    per_page: int = PER_PAGE
    matched_all_terms: bool = True
    message: str = ""
    suggestion: str = ""  # the query with misspelt words corrected ("Měli jste na mysli")

    @property
    def num_pages(self):
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def note(self):
        if self.total and not self.matched_all_terms:
            return _(
                "Žádný výsledek neobsahuje všechna zadaná slova; "
                "ukazujeme výsledky, které obsahují aspoň některá z nich."
            )
        return ""

    def as_json(self):
        return {
            "query": self.text,
            "count": self.total,
            "page": self.page,
            "pages": self.num_pages,
            "results": [item.as_json() for item in self.results],
            "promoted": [item.as_json() for item in self.promoted],
            "facets": {facet.param: facet.as_json() for facet in self.facets},
            "note": self.note,
            "message": self.message,
            "suggestion": self.suggestion,
        }


EMPTY_QUERY_MESSAGE = gettext_lazy("Zadejte, co hledáte…")


def _no_hits_message(text):
    return _(
        "Pro „%(query)s“ jsme nic nenašli. Zkuste jiné nebo obecnější slovo, "
        "zkontrolujte překlepy, nebo zrušte vybrané filtry."
    ) % {"query": text}


def _no_words_message(text):
    if not text:
        return str(EMPTY_QUERY_MESSAGE)
    return _("V dotazu „%(query)s“ není žádné slovo, podle kterého by se dalo hledat.") % {
        "query": text
    }


def run_search(request):
    """Everything the search page and the API show for this request's GET parameters."""
    params = parse_params(request.GET, request.user)
    outcome = SearchOutcome(text=params.text, page=params.page)
    query = term_query(params.text)
    if not query:
        outcome.message = _no_words_message(params.text)
        return outcome
    result, outcome.suggestion = search_forgiving_typos(params, query, request.user)
    outcome.total = result.total
    outcome.matched_all_terms = result.matched_all_terms
    outcome.results = result_items(result.entries, query.terms, request.user)
    outcome.facets = facets(result.facets, params)
    if params.page == 1:
        outcome.promoted = promoted_items(params.text, query.terms, request.user)
        record_hit(params.text)
    if not result.total:
        outcome.message = _no_hits_message(params.text)
    elif not outcome.results:
        outcome.message = _("Tolik stránek výsledků není; vraťte se na první stránku.")
    return outcome


FEW_RESULTS = 3


def search_forgiving_typos(params, query, user):
    """The engine's result, and the corrected text when a misspelt word was corrected."""
    engine = get_engine()
    result = engine.search(query, params.filters, user, params.page, PER_PAGE)
    if result.matched_all_terms and result.total >= FEW_RESULTS:
        return result, ""
    try:
        suggestion = typos.suggest(params.text, query, engine, sees_staff_material(user))
    except NotImplementedError:  # an engine without per-word counts (Elasticsearch)
        return result, ""
    if suggestion is None:
        return result, ""
    corrected = engine.search(suggestion.query, params.filters, user, params.page, PER_PAGE)
    return (corrected, suggestion.text) if corrected.total else (result, "")


def record_hit(text):
    """Count the query for the admin's popular searches: one UPDATE on a day's later hits.

    The day is the portal's (Prague's), for both the UPDATE and the first hit's row: between
    midnight in Prague and midnight UTC the two calendars name different days."""
    search_query = Query.get(text)
    today = timezone.localdate()
    hits = QueryDailyHits.objects.filter(query=search_query, date=today)
    if not hits.update(hits=F("hits") + 1):
        search_query.add_hit(date=today)


# --- results ------------------------------------------------------------------------------


def _item(entry, terms, promoted=False):
    return ResultItem(
        title=entry.title,
        title_html=highlight.highlight(entry.title, terms),
        url=entry.url,
        kind=entry.kind,
        type=kinds.kind_label(entry.kind),
        snippet=highlight.snippet(entry.plain_text, terms),
        date=entry.date,
        staff_only=entry.staff_only,
        promoted=promoted,
    )


def result_items(entries, terms, user):
    items = [_item(entry, terms) for entry in entries]
    documents = [e.object_id for e in entries if e.kind == kinds.DOCUMENT.key]
    if documents:
        pages = attaching_pages(documents, sees_staff_material(user))
        for entry, item in zip(entries, items, strict=True):
            if entry.kind == kinds.DOCUMENT.key:
                item.attached_to = pages.get(entry.object_id, [])
    add_projects(entries, items, sees_staff_material(user))
    return items


def add_projects(entries, items, include_staff):
    """Each result names its project (not the project's own result); the entries carry it
    (hits.with_project)."""
    for entry, item in zip(entries, items, strict=True):
        title = getattr(entry, "project_title", None)
        if not title or entry.kind == "project":
            continue
        if entry.project_staff_only and not include_staff:
            continue
        item.project = {"title": title, "url": entry.project_url}
        item.project_period = (entry.project_start, entry.project_end)


def attaching_pages(document_ids, include_staff):
    """{document id: [{"title", "url"}]} of the live pages this visitor may see."""
    attachments = indexing.attaching_page_ids(document_ids)
    page_ids = {page_id for ids in attachments.values() for page_id in ids}
    entries = indexing.page_entries_by_id(page_ids)
    return {
        document_id: [
            {"title": entries[i].title, "url": entries[i].url}
            for i in ids
            if i in entries and (include_staff or not entries[i].staff_only)
        ]
        for document_id, ids in attachments.items()
    }


def promoted_items(text, terms, user):
    """Editors' picks for this query (Wagtail search promotions), visible to this visitor."""
    promotions = SearchPromotion.objects.filter(
        query__query_string=normalise_query_string(text)
    ).select_related("page")
    include_staff = sees_staff_material(user)
    items = []
    for promotion in promotions:
        if promotion.page_id:
            entry = SearchEntry.objects.filter(
                content_type_id=promotion.page.content_type_id, object_id=promotion.page_id
            ).first()
            if entry is None or (entry.staff_only and not include_staff):
                continue
            item = _item(entry, terms, promoted=True)
            if promotion.description:
                item.snippet = highlight.highlight(promotion.description, terms)
            items.append(item)
        elif promotion.external_link_url:
            title = promotion.external_link_text or promotion.external_link_url
            items.append(
                ResultItem(
                    title=title,
                    title_html=highlight.highlight(title, terms),
                    url=promotion.external_link_url,
                    kind="link",
                    type=_("odkaz"),
                    snippet=highlight.highlight(promotion.description, terms),
                    date=None,
                    promoted=True,
                )
            )
    return items


# --- facets -------------------------------------------------------------------------------


def facets(counts, params):
    """The facets with counts (the most frequent values; a selected one even with 0); a
    facet without a choice is left out."""
    scope = params.scope
    result = []
    for facet in SEARCH_FACETS:
        facet_counts = counts.get(facet.engine, Counter())
        selected = getattr(params.filters, facet.engine)
        shown = [key for key, _count in facet_counts.most_common(MAX_OPTIONS)]
        keys = list(dict.fromkeys([*shown, *selected]))
        labels = facet.choices(keys, scope) if keys else {}
        view = facet.search_view(facet_counts, selected, labels)
        if view is not None:
            result.append(view)
    return result
