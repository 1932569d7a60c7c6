"""Which pages an anonymous visitor may not see, looked up once per request.

Wagtail's ``PageQuerySet.public()`` reads every view restriction each time it is called, so a
page with six listings read them six times. ``public(queryset)`` filters on the restricted
paths, which ``RestrictedPathsMiddleware`` keeps for the length of one request.
"""

from contextvars import ContextVar

from django.db.models import Q
from wagtail.models import PageViewRestriction

_request_memo = ContextVar("portal_restricted_paths", default=None)


def restricted_paths():
    """Paths of the pages that carry a view restriction (their subtrees are not public)."""
    memo = _request_memo.get()
    if memo is not None and "paths" in memo:
        return memo["paths"]
    paths = tuple(sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True))))
    if memo is not None:
        memo["paths"] = paths
    return paths


def private_q():
    q = Q()
    for path in restricted_paths():
        q |= Q(path__startswith=path)
    return q


def public(queryset):
    """The pages of `queryset` outside every restricted section (like ``.public()``)."""
    q = private_q()
    return queryset.exclude(q) if q else queryset


def is_public(page):
    return is_public_path(page.path)


def is_public_path(path):
    return not any(path.startswith(restricted) for restricted in restricted_paths())


class RestrictedPathsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_memo.set({})
        try:
            return self.get_response(request)
        finally:
            _request_memo.reset(token)


def forget_restricted_paths():
    """After a view restriction changes: the rest of the request reads them again."""
    memo = _request_memo.get()
    if memo is not None:
        memo.pop("paths", None)
