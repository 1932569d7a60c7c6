"""The open-data API (/api/v2/): Wagtail's API v2 over the portal's public content only.

Whoever asks, logged in or not, gets what an anonymous visitor may read: live pages outside
every view restriction, and documents and images outside every restricted collection.
"""

from django.db.models import Q
from django.http import Http404
from django.utils.cache import patch_cache_control
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Collection, CollectionViewRestriction

from portal.core.privacy import public

BAD_REQUEST_PREFIX = "Chybný parametr dotazu"
NOT_FOUND_PREFIX = "Nenalezeno"
SEARCH_OPERATORS = ("and", "or")


def restricted_collection_ids():
    """Collections under a view restriction, with their sub-collections."""
    paths = Collection.objects.filter(
        id__in=CollectionViewRestriction.objects.values("collection_id")
    ).values_list("path", flat=True)
    q = Q()
    for path in paths:
        q |= Q(path__startswith=path)
    return Collection.objects.filter(q).values("id") if q else Collection.objects.none()


def uncached(response):
    """Kept by no shared cache: the front cache is purged with a page and its listings, not
    with every API listing or export that shows it, so a page made staff-only would linger
    there. Open data is read rarely enough to be rendered each time."""
    patch_cache_control(response, no_cache=True)
    return response


class CzechErrorsMixin:
    """A refused query parameter answers 400 (a missing object 404) with a Czech lead and
    Wagtail's own reason."""

    def check_query_parameters(self, queryset):
        # Wagtail passes an unknown operator on to the search backend, which raises.
        if self.request.GET.get("search_operator", "and") not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")
        super().check_query_parameters(queryset)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return uncached(response)

    def handle_exception(self, exc):
        if isinstance(exc, BadRequestError):
            exc = BadRequestError(f"{BAD_REQUEST_PREFIX}: {exc}")
        elif isinstance(exc, Http404):
            exc = Http404(f"{NOT_FOUND_PREFIX}: {exc}")
        return super().handle_exception(exc)


class PublicPagesAPIViewSet(CzechErrorsMixin, PagesAPIViewSet):
    def get_base_queryset(self):
        return public(super().get_base_queryset())


class PublicDocumentsAPIViewSet(CzechErrorsMixin, DocumentsAPIViewSet):
    def get_queryset(self):
        return super().get_queryset().exclude(collection__in=restricted_collection_ids())


class PublicImagesAPIViewSet(CzechErrorsMixin, ImagesAPIViewSet):
    def get_queryset(self):
        return super().get_queryset().exclude(collection__in=restricted_collection_ids())


# The namespace Wagtail's own cache purging for the API reverses.
api_router = WagtailAPIRouter("wagtailapi_v2")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
