from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.static import serve


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
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


# The development server's /media/ route (portal/urls.py, DEBUG only): images only.
IMAGE_FOLDERS = ("original_images", "images")


def serve_image_file(request, folder, path):
    """An image file from its own folder; a path with a `..` or `\\` part is simply not there."""
    if "\\" in path or ".." in path.split("/"):
        raise Http404
    return serve(request, path, document_root=Path(settings.MEDIA_ROOT) / folder)
