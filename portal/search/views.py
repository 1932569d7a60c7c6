"""The search page, the same results as JSON, and title suggestions for the search field.

Results are not for search engines: a search page with any parameter carries a robots meta
tag, and it and every JSON response an ``X-Robots-Tag: noindex`` header. The empty search
page (``/hledat/``) is the portal's way in to search and may be indexed. A bad parameter is a
400 with a Czech message, on the page as in the API.
"""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from portal.search.engine import get_engine
from portal.search.query import clean_text, prefix_query
from portal.search.service import FACET_PARAMS, InvalidSearch, run_search

AUTOCOMPLETE_MIN_LENGTH = 2
AUTOCOMPLETE_LIMIT = 8


def _noindex(response):
    response["X-Robots-Tag"] = "noindex"
    return response


def _json(data, status=200):
    options = {"ensure_ascii": False}
    return _noindex(JsonResponse(data, status=status, safe=False, json_dumps_params=options))


@require_GET
def search(request):
    context = {"search_query": clean_text(request.GET.get("q", ""))}
    try:
        outcome = run_search(request)
    except InvalidSearch as error:
        context["error"] = error.message
        return _results(
            request, TemplateResponse(request, "search/search.html", context, status=400)
        )
    else:
        context.update(
            outcome=outcome,
            search_query=outcome.text,
            page_obj=_page_obj(outcome),
            clear_filters_url="?" + urlencode({"q": outcome.text}),
            has_filters=any(request.GET.getlist(name) for name in FACET_PARAMS),
        )
    return _results(request, TemplateResponse(request, "search/search.html", context))


def _results(request, response):
    """A page of results (any parameter) stays out of search engines' indexes."""
    return _noindex(response) if request.GET else response


@require_GET
def search_api(request):
    try:
        outcome = run_search(request)
    except InvalidSearch as error:
        return _json({"error": error.message}, status=400)
    return _json(outcome.as_json())


@require_GET
def search_autocomplete(request):
    text = clean_text(request.GET.get("q", ""))
    if len(text) < AUTOCOMPLETE_MIN_LENGTH:
        return _json([])
    words, prefixes = prefix_query(text)
    if not prefixes:
        return _json([])
    titles = get_engine().autocomplete(words, prefixes, request.user, AUTOCOMPLETE_LIMIT)
    return _json(titles)


def _page_obj(outcome):
    """A Django Page over the result count, for the shared pagination include."""
    paginator = Paginator(range(outcome.total), outcome.per_page)
    if outcome.total and outcome.page <= paginator.num_pages:
        return paginator.page(outcome.page)
    return None
