from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from portal.core.links import absolute_url


@require_GET
def robots_txt(request):
    """Crawlers may read the public site; the admin and search results are not for them."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /hledat/",
        "Disallow: /api/",
        "",
        f"Sitemap: {absolute_url(request, reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links; the same file as the link."""
    icon = Path(finders.find("portal/img/favicon.ico")).read_bytes()
    response = HttpResponse(icon, content_type="image/vnd.microsoft.icon")
    patch_cache_control(response, public=True, max_age=24 * 3600)
    return response
