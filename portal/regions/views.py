from django.shortcuts import get_object_or_404, render

from portal.core.access import is_staff_reader
from portal.regions.sections import SECTIONS, counts_by_region
from portal.taxonomy.models import Region


def region_index(request):
    """Every kraj with how many projects, methodologies and tools are tied to it."""
    counts = counts_by_region(is_staff_reader(request.user))
    regions = [
        {
            "region": region,
            "counts": [(s.heading, counts[s.key].get(region.slug, 0)) for s in SECTIONS],
        }
        for region in Region.objects.order_by("name")
    ]
    return render(request, "regions/region_index.html", {"regions": regions})


def region_detail(request, slug):
    """The projects, methodologies and tools tied to one kraj, each under its heading."""
    region = get_object_or_404(Region, slug=slug)
    staff = is_staff_reader(request.user)
    sections = [
        {
            "key": section.key,
            "heading": section.heading,
            "pages": section.pages(staff, region),
            "index_url": section.index_url(request, region.slug),
        }
        for section in SECTIONS
    ]
    context = {"region": region, "sections": sections}
    return render(request, "regions/region_detail.html", context)
