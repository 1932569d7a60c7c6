"""The one search function behind the search page and the JSON API.

``run_search(request)`` reads the GET parameters (q, typ, tema, projekt, kraj, stupen,
rok, strana), validates them (``InvalidSearch`` carries a Czech message), asks the
engine, and returns everything both views show: results with highlighted snippets,
editors' promoted results, facets with counts, pagination and helpful messages.
"""

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.search.utils import normalise_query_string

from portal.core.listings import YEAR_MESSAGE, Choice, FacetView, clean_year
from portal.projects.models import ProjectPage
from portal.search import highlight, indexing, kinds, typos
from portal.search.engine import get_engine
from portal.search.hits import Filters
from portal.search.models import SearchEntry
from portal.search.query import clean_text, term_query
from portal.search.visibility import sees_staff_material
from portal.taxonomy.models import Region, Topic

PER_PAGE = 20
MAX_PAGE = 500
MAX_VALUES = 20
MAX_ECHO = 40  # characters of a bad value repeated in an error message
MAX_OPTIONS = 30  # values listed per facet (the most frequent; selected ones always)
_SLUG = re.compile(r"^[-\w]{1,100}$")


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
    selected: dict[str, list[str]]  # facet parameter -> the values as given (for the page)


# Facet GET parameter -> (engine facet name, Czech heading)
FACET_PARAMS = {
    "typ": ("kind", gettext_lazy("Typ obsahu")),
    "tema": ("topic", gettext_lazy("Téma")),
    "projekt": ("project", gettext_lazy("Projekt")),
    "kraj": ("region", gettext_lazy("Kraj")),
    "stupen": ("stage", gettext_lazy("Stupeň ověření")),
    "rok": ("year", gettext_lazy("Rok")),
}


def _echo(value):
    return clean_text(value)[:MAX_ECHO]


def _values(params, name):
    values = list(dict.fromkeys(v for v in params.getlist(name) if v.strip()))
    if len(values) > MAX_VALUES:
        raise InvalidSearch(_("Vyberte nejvýše %(count)d hodnot filtru.") % {"count": MAX_VALUES})
    return values


def _slugs(values, message):
    for value in values:
        if not _SLUG.match(value):
            raise InvalidSearch(message % {"value": _echo(value)})
    return values


def _ids_for_slugs(values, queryset, message):
    if not values:
        return ()
    values = _slugs(values, message)
    found = dict(queryset.filter(slug__in=values).values_list("slug", "id"))
    for value in values:
        if value not in found:
            raise InvalidSearch(message % {"value": _echo(value)})
    return tuple(found[value] for value in values)


def _kinds(values):
    for value in values:
        if value not in kinds.kinds_by_key():
            raise InvalidSearch(_("Neznámý typ obsahu „%(value)s“.") % {"value": _echo(value)})
    return tuple(values)


def _stages(values):
    known = dict(kinds.stage_choices())
    for value in values:
        if value not in known:
            raise InvalidSearch(_("Neznámý stupeň ověření „%(value)s“.") % {"value": _echo(value)})
    return tuple(values)


def _years(values):
    years = []
    for value in values:
        try:
            years.append(clean_year(value))
        except ValidationError:
            raise InvalidSearch(YEAR_MESSAGE % {"value": _echo(value)}) from None
    return tuple(years)


def _page_number(value):
    if value is None or value == "":
        return 1
    if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= MAX_PAGE:
        raise InvalidSearch(
            _("Stránka výsledků „%(value)s“ neexistuje; zadejte číslo od 1 do %(max)d.")
            % {"value": _echo(value), "max": MAX_PAGE}
        )
    return int(value)


def visible_projects(user):
    """Live projects this visitor may see (the index knows which are staff-only)."""
    projects = ProjectPage.objects.live()
    if sees_staff_material(user):
        return projects
    staff_only = SearchEntry.objects.filter(kind=ProjectPage.search_kind.key, staff_only=True)
    return projects.exclude(pk__in=staff_only.values("object_id"))


def parse_params(params, user):
    """The search request from GET parameters; raises InvalidSearch with a Czech message."""
    selected = {name: _values(params, name) for name in FACET_PARAMS}
    filters = Filters(
        kind=_kinds(selected["typ"]),
        topic=_ids_for_slugs(selected["tema"], Topic.objects, _("Neznámé téma „%(value)s“.")),
        project=_ids_for_slugs(
            selected["projekt"],
            visible_projects(user) if selected["projekt"] else None,
            _("Neznámý projekt „%(value)s“."),
        ),
        region=_ids_for_slugs(selected["kraj"], Region.objects, _("Neznámý kraj „%(value)s“.")),
        stage=_stages(selected["stupen"]),
        year=_years(selected["rok"]),
    )
    return SearchParams(
        text=clean_text(params.get("q", "")),
        filters=filters,
        page=_page_number(params.get("strana")),
        selected=selected,
    )


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
    outcome.facets = facets(result.facets, params, request.user)
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
    """Count the query for the admin's popular searches: one UPDATE on a day's later hits."""
    search_query = Query.get(text)
    today = timezone.localdate()
    hits = QueryDailyHits.objects.filter(query=search_query, date=today)
    if not hits.update(hits=F("hits") + 1):
        search_query.add_hit()


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


def _facet_labels(facet, values, user):
    """{value from the index: (GET parameter value, Czech label)} for one facet."""
    if facet == "kind":
        return {v: (v, kinds.kind_label(v)) for v in values}
    if facet == "stage":
        return {v: (v, kinds.stage_label(v)) for v in values}
    if facet == "year":
        return {v: (str(v), str(v)) for v in values}
    if not values:
        return {}
    if facet == "project":
        return _project_labels(values, user)
    model = {"topic": Topic, "region": Region}[facet]
    rows = model.objects.filter(id__in=values).values_list("id", "slug", "name")
    return {id_: (slug, label) for id_, slug, label in rows}


def _project_labels(project_ids, user):
    """The projects this visitor may see (one query: the index knows the staff-only ones)."""
    projects = visible_projects(user).filter(id__in=project_ids)
    return {id_: (slug, title) for id_, slug, title in projects.values_list("id", "slug", "title")}


def _order(facet, options):
    if facet == "year":
        return sorted(options, key=lambda o: o.value, reverse=True)
    if facet == "stage":
        order = [value for value, _label in kinds.stage_choices()]
        return sorted(options, key=lambda o: order.index(o.value) if o.value in order else 99)
    return sorted(options, key=lambda o: (-o.count, str(o.label)))


def facets(counts, params, user):
    """The facets with counts (the most frequent values; a selected one even with 0)."""
    result = []
    for param, (facet, heading) in FACET_PARAMS.items():
        facet_counts = counts.get(facet, Counter())
        selected = params.selected[param]
        shown = [key for key, _count in facet_counts.most_common(MAX_OPTIONS)]
        keys = list(dict.fromkeys([*shown, *getattr(params.filters, facet)]))
        options = [
            Choice(value, label, facet_counts.get(key, 0), value in selected)
            for key, (value, label) in _facet_labels(facet, keys, user).items()
        ]
        if options:
            result.append(FacetView(param, str(heading), _order(facet, options)))
    return result
