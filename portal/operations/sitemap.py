"""The sitemap: an index of sections of at most 5,000 URLs, each cached until content changes.

A section is rendered once per content version (any publish starts a new one), so crawlers
reading 20,000 URLs cost the database once; the front cache is purged with the listings.
A section is written without a template and its pages read as rows, not page objects:
Django's template and Wagtail's per-page ``get_sitemap_urls`` took 1.5 s for 5,000 URLs.
"""

from html import escape  # Django's, without its lazy-string wrapper (5,000 calls a section)

from django.contrib.sites.shortcuts import get_current_site
from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Count, Max
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from portal.core.content_version import FRAGMENT_SECONDS, content_version
from portal.core.links import absolute_url, site_root
from portal.core.privacy import public
from portal.regions.sections import counts_by_region
from portal.taxonomy.models import Region, Topic

SECTION_SIZE = 5000
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
LAST_CHANGE = Coalesce("last_published_at", "latest_revision_created_at")


class PortalSitemap(Sitemap):
    """Wagtail's sitemap of live public pages, read as (url_path, last change) rows: a page's
    URL is its path below the site's root page (as ``Page.get_url_parts`` makes it)."""

    limit = SECTION_SIZE

    def items(self):
        pages = self.get_wagtail_site().root_page.get_descendants(inclusive=True).live()
        return public(pages).order_by("path").values_list("url_path", LAST_CHANGE)

    def summary(self):
        """For the index: (number of URLs, latest change) in one aggregate over the pages."""
        row = self.items().order_by().aggregate(count=Count("pk"), latest=Max(LAST_CHANGE))
        return row["count"], row["latest"]

    def _urls(self, page, protocol, domain):
        address = site_root(self.request)
        below_root = len(self.get_wagtail_site().root_page.url_path) - 1
        return [
            {
                "location": address + url_path[below_root:],
                "lastmod": changed,
            }
            for url_path, changed in self.paginator.page(page).object_list
        ]


class PathSitemap(Sitemap):
    """A section of the portal's own views (not pages), listed by their paths."""

    limit = SECTION_SIZE

    def lastmod(self, path):
        return None

    def get_latest_lastmod(self):
        return None  # paths carry no date: Django would list them all again to find none

    def most_items(self):
        """An upper bound of len(items()) that costs no more than a count."""
        raise NotImplementedError

    def summary(self):
        """For the index: (number of URLs, no date). Listing the paths joins every tagged page;
        while even all of them would fit one section, the bound is enough."""
        bound = self.most_items()
        return (bound if bound <= self.limit else self.paginator.count), None

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

    def most_items(self):
        return 1 + Topic.objects.count()


class RegionSitemap(PathSitemap):
    """The kraje index and every kraj whose page lists some public project, methodology or
    tool: an empty kraj page tells a search engine nothing."""

    def items(self):
        listed = set()
        for counts in counts_by_region(staff=False).values():
            listed.update(slug for slug, count in counts.items() if count)
        paths = [reverse("region_detail", args=[slug]) for slug in sorted(listed)]
        return [reverse("region_index"), *paths]

    def most_items(self):
        return 1 + Region.objects.count()


SITEMAPS = {"stranky": PortalSitemap, "temata": TopicSitemap, "kraje": RegionSitemap}


def _cached(request, name, render):
    """The XML `render()` writes, once per content version."""
    key = f"sitemap:{content_version()}:{request.get_host()}:{name}"
    content = cache.get(key)
    if content is None:
        content = render()
        cache.set(key, content, FRAGMENT_SECONDS)
    return HttpResponse(content, content_type="application/xml")


def sitemap_index(request):
    return _cached(request, "index", lambda: sitemapindex(request))


def sitemap_section(request, section):
    page = request.GET.get("p", "1")
    return _cached(request, f"{section}:{page[:10]}", lambda: _section(request, section, page))


def _section(request, section, page):
    if section not in SITEMAPS:
        raise Http404("Taková část mapy stránek neexistuje.")
    try:
        urls = SITEMAPS[section](request).get_urls(
            page=page, site=get_current_site(request), protocol=request.scheme
        )
    except (EmptyPage, PageNotAnInteger):
        raise Http404("Taková strana mapy stránek neexistuje.") from None
    return urlset(urls)


def _lastmod(when, zone):
    """The day of `when` in `zone` (the current time zone, read once per document: reading
    it for each of 5,000 URLs took a third of a section's time)."""
    return f"<lastmod>{when.astimezone(zone).date().isoformat()}</lastmod>" if when else ""


def sitemapindex(request):
    """The index of every section's pages, on the Site record's address like the sections
    (Django's index view takes the Host header)."""
    lines = [XML_DECLARATION, f'<sitemapindex xmlns="{SITEMAP_NS}">']
    for name, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class(request)
        count, latest = sitemap.summary()
        path = reverse("sitemap_section", args=[name])
        lastmod = _lastmod(latest, timezone.get_current_timezone())
        for number in range(1, max(1, -(-count // sitemap.limit)) + 1):
            location = absolute_url(request, path if number == 1 else f"{path}?p={number}")
            lines.append(f"<sitemap><loc>{escape(location)}</loc>{lastmod}</sitemap>")
    lines.append("</sitemapindex>")
    return "\n".join(lines) + "\n"


def urlset(urls):
    """The <urlset> document of Django's sitemap template (location and lastmod), written
    directly: the template costs about a third of a millisecond per URL."""
    lines = [XML_DECLARATION, f'<urlset xmlns="{SITEMAP_NS}">']
    zone = timezone.get_current_timezone()
    for url in urls:
        lastmod = _lastmod(url.get("lastmod"), zone)
        lines.append(f"<url><loc>{escape(url['location'])}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def sitemap_urls(root_url):
    """The index and every section, for purging the front cache."""
    sections = max(1, -(-PortalSitemap().paginator.count // SECTION_SIZE))
    urls = [f"{root_url}/sitemap.xml"]
    for name in SITEMAPS:
        urls.append(f"{root_url}/sitemap-{name}.xml")
        urls += [f"{root_url}/sitemap-{name}.xml?p={n}" for n in range(2, sections + 1)]
    return urls
