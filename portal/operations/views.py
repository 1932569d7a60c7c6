import sys
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET
from django.views.static import serve

from portal.core.links import absolute_url


@require_GET
def robots_txt(request):
    """Crawlers may read the public site and the search page; the admin and search results
    (any address under /hledat/ with a query string) are not for them."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /hledat/?",
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


# The development server's /media/ route (portal/urls.py, DEBUG only): images only.
IMAGE_FOLDERS = ("original_images", "images")


def serve_image_file(request, folder, path):
    """An image file from its own folder; a path with a `..` or `\\` part is simply not there."""
    if "\\" in path or ".." in path.split("/"):
        raise Http404
    return serve(request, path, document_root=Path(settings.MEDIA_ROOT) / folder)


def server_error(request):
    """Django's 500 page, except while the database is unreachable: then a Czech 503.

    Readers of cached pages do not notice an outage (the front cache serves them); any
    other request cannot be answered, and says it will work again shortly. Rendered
    without context processors, which would need the database.
    """
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponse(render_to_string("500.html"), status=500)


@require_GET
def health(request):
    """For the front cache's health probe: 200 while the database answers, else 503."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        response = HttpResponse("ok\n", content_type="text/plain")
    except DatabaseError:
        response = HttpResponse("database unreachable\n", status=503, content_type="text/plain")
    response["Cache-Control"] = "no-store"
    return response
