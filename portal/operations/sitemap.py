"""The sitemap: an index of sections of at most 5,000 URLs, each cached until content changes.

A section is rendered once per content version (any publish starts a new one), so crawlers
reading 20,000 URLs cost the database once; the front cache is purged with the listings.
"""

from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import views as wagtail_sitemaps
from wagtail.models import Page

from portal.core.content_version import FRAGMENT_SECONDS, content_version
from portal.core.links import absolute_url
from portal.core.privacy import public
from portal.regions.sections import counts_by_region
from portal.taxonomy.models import Topic

SECTION_SIZE = 5000


class PortalSitemap(Sitemap):
    """Wagtail's sitemap of live public pages, without loading each page type's own table
    (the sitemap needs only the URL and the publication date)."""

    limit = SECTION_SIZE

    def items(self):
        pages = self.get_wagtail_site().root_page.get_descendants(inclusive=True).live()
        return public(pages).order_by("path").specific(defer=True)


class PathSitemap(Sitemap):
    """A section of the portal's own views (not pages), listed by their paths."""

    limit = SECTION_SIZE

    def lastmod(self, path):
        return None

    def _urls(self, page, protocol, domain):
        paths = self.paginator.page(page).object_list
        return [{"item": path, "location": absolute_url(self.request, path)} for path in paths]


class TopicSitemap(PathSitemap):
    """The topic index and every topic that some live public page is tagged with."""

    def items(self):
        pages = public(Page.objects.live())
        topics = Topic.objects.filter(tagged_pages__content_object__in=pages).distinct()
        slugs = topics.order_by("slug").values_list("slug", flat=True)
        return [reverse("topic_index")] + [reverse("topic_detail", args=[s]) for s in slugs]


class RegionSitemap(PathSitemap):
    """The kraje index and every kraj whose page lists some public project, methodology or
    tool: an empty kraj page tells a search engine nothing."""

    def items(self):
        listed = set()
        for counts in counts_by_region(staff=False).values():
            listed.update(slug for slug, count in counts.items() if count)
        paths = [reverse("region_detail", args=[slug]) for slug in sorted(listed)]
        return [reverse("region_index"), *paths]


SITEMAPS = {"stranky": PortalSitemap, "temata": TopicSitemap, "kraje": RegionSitemap}


def _cached(request, name, render):
    key = f"sitemap:{content_version()}:{request.get_host()}:{name}"
    stored = cache.get(key)
    if stored is None:
        response = render()
        response.render()
        if response.status_code != 200:
            return response
        stored = (response.content, response["Content-Type"])
        cache.set(key, stored, FRAGMENT_SECONDS)
    content, content_type = stored
    return HttpResponse(content, content_type=content_type)


def sitemap_index(request):
    return _cached(
        request,
        "index",
        lambda: wagtail_sitemaps.index(request, SITEMAPS, sitemap_url_name="sitemap_section"),
    )


def sitemap_section(request, section):
    page = request.GET.get("p", "1")
    return _cached(
        request,
        f"{section}:{page[:10]}",
        lambda: wagtail_sitemaps.sitemap(request, SITEMAPS, section=section),
    )


def sitemap_urls(root_url):
    """The index and every section, for purging the front cache."""
    sections = max(1, -(-PortalSitemap().paginator.count // SECTION_SIZE))
    urls = [f"{root_url}/sitemap.xml"]
    for name in SITEMAPS:
        urls.append(f"{root_url}/sitemap-{name}.xml")
        urls += [f"{root_url}/sitemap-{name}.xml?p={n}" for n in range(2, sections + 1)]
    return urls
