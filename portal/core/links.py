"""Absolute URLs: one way for every feed, sitemap, robots.txt, canonical link and JSON-LD.

The public address is the Wagtail Site record answering the request (hostname and port,
https on 443), never the Host header: behind the front cache one stored copy of a page is
served to everyone, so what it says must not depend on who asked first.
"""

from wagtail.models import Site


def site_root(request):
    """The site's public address without a trailing slash, e.g. "http://127.0.0.1:8000"."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site is not None else ""


def absolute_url(request, path):
    """`path` (a URL path such as "/aktuality/", or already absolute) on the public address."""
    if path.startswith(("http://", "https://")):
        return path
    return site_root(request) + path


def page_url(page, request):
    """A page's absolute URL (Wagtail's own, from the page's Site record)."""
    return page.get_full_url(request)
