"""What a region page lists: the pages of three listings tied to one kraj.

Each section reuses its index page's declaration (`IndexPage.listed`) and the region facet,
so a region page shows exactly what the listing filtered by `?kraj=` shows.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from methodology.models import MethodologyIndexPage, ToolIndexPage
from portal.core.facets import Chosen
from portal.core.listings import with_topics
from portal.core.visibility import visible
from portal.projects.facets import RegionFacet
from portal.projects.models import ProjectIndexPage


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    index_model: type

    def querysets(self, staff, region=None):
        """[(listed, its pages this visitor may read, in the kraj `region` if given)]."""
        result = []
        for listed in self.index_model.listed:
            queryset = listed.queryset(staff=staff)
            if region is not None:
                kraj = Chosen(region.slug, pk=region.pk)
                queryset = RegionFacet().filter(listed, queryset, kraj)
            result.append((listed, queryset))
        return result

    def pages(self, staff, region):
        pages = []
        for listed, queryset in self.querysets(staff, region):
            ordered = (
                queryset.defer_streamfields()
                .select_related(*listed.select_related)
                .order_by(*listed.ordering())
            )
            pages.extend(ordered)
        return with_topics(pages)

    def index_url(self, request, region_slug):
        index = visible(self.index_model.objects.all(), staff=True).first()
        url = index.get_url(request) if index else None
        return f"{url}?kraj={region_slug}" if url else None


SECTIONS = (
    Section("projekty", _("Projekty"), ProjectIndexPage),
    Section("metodiky", _("Metodiky"), MethodologyIndexPage),
    Section("nastroje", _("Nástroje a prototypy"), ToolIndexPage),
)


class _NoFilters:
    """The part of a Listing the region facet's counts read (a memo for labels)."""

    def __init__(self):
        self.memo = {}

    def is_unfiltered(self, listed, queryset):
        return False

    def matching_alone(self, queryset):
        return None


def counts_by_region(staff):
    """{section key: {region slug: number of pages}} in one pass per page type."""
    return {
        section.key: RegionFacet().counts(_NoFilters(), section.querysets(staff))
        for section in SECTIONS
    }
