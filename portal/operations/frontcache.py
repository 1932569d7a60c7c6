"""What the caches may keep, and which listings to purge with a page.

Varnish caches only responses marked ``Cache-Control: public`` (deploy/varnish.vcl), so
anything this middleware does not mark (admin, staff-only pages, documents, forms, anyone
with a session) passes straight to the portal. The same responses are kept in the Django
cache (Redis) for gunicorn, so a page behind an emptied front cache is still cheap. Django's
per-site cache middleware does not fit: it gives browsers a max-age and cannot be
invalidated on publish; here any publish, unpublish or move starts a new cache generation.
"""

import hashlib
import http.client
import logging
from datetime import timedelta
from functools import partial
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import MiddlewareNotUsed
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from wagtail import __version__ as wagtail_version
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.signals import page_published, page_unpublished, post_page_move

from news.models import VideoPage
from portal.operations.sitemap import sitemap_urls
from portal.taxonomy.models import Region

UNCACHED_PREFIXES = ("/admin/", "/django-admin/", "/dokumenty/", "/static/", "/media/")
GENERATION_KEY = "frontcache:generation"
REPURGE_AFTER_SECONDS = 1.0
PURGE_PRIORITY = 50
STALE_IF_ERROR_SECONDS = 24 * 3600
PURGE_TIMEOUT_SECONDS = 5

logger = logging.getLogger(__name__)


def is_anonymous_read(request):
    return (
        request.method in ("GET", "HEAD")
        and not request.path_info.startswith(UNCACHED_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def is_cacheable(response):
    return (
        response.status_code in (200, 301, 404)
        and not response.streaming
        and not response.cookies
        and not response.has_header("Cache-Control")
    )


def current_generation():
    return cache.get_or_set(GENERATION_KEY, 1, timeout=None)


def page_cache_key(request, generation):
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"frontcache:page:{generation}:{request.method}:{path}"


def new_generation():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, timeout=None)


class FrontCacheMiddleware:
    """Serve and keep anonymous public pages in the Django cache; mark them for Varnish.

    Browsers get ``max-age=0`` so a published change shows on the next visit.
    """

    def __init__(self, get_response):
        if not settings.FRONT_CACHE_SECONDS:
            raise MiddlewareNotUsed("FRONT_CACHE_SECONDS is 0: pages are not cached.")
        self.get_response = get_response

    def __call__(self, request):
        if not is_anonymous_read(request):
            return self.get_response(request)
        generation = current_generation()
        key = page_cache_key(request, generation)
        stored = cache.get(key)
        if stored is not None:
            status, headers, content = stored
            return HttpResponse(content, status=status, headers=headers)
        response = self.get_response(request)
        # A change published while this response was rendered may be missing from it: keep
        # it out of both caches, or Varnish could store it after the purge.
        if is_cacheable(response) and current_generation() == generation:
            # stale-if-error: a cache in front may show this copy for a day while the portal
            # answers errors (Varnish does it by its own grace rule, deploy/varnish.vcl).
            patch_cache_control(
                response,
                public=True,
                max_age=0,
                s_maxage=settings.FRONT_CACHE_SECONDS,
                stale_if_error=STALE_IF_ERROR_SECONDS,
            )
            headers = {k: v for k, v in response.items() if k.lower() != "content-length"}
            stored = (response.status_code, headers, response.content)
            cache.set(key, stored, settings.FRONT_CACHE_SECONDS)
        return response


class KeepAliveHTTPBackend(HTTPBackend):
    """Wagtail's PURGE requests, all of a batch over one kept-alive connection, in order.

    A publish purges some thirty addresses (the page, its listings, topics, kraje, sitemap
    sections): a new connection for each makes the last ones wait on a loaded machine, and
    without a timeout an unreachable cache would hold the task worker for good.
    """

    def purge(self, url):
        self.purge_batch([url])

    def purge_batch(self, urls):
        connection = None
        try:
            for url in urls:
                connection = self._purge(connection, url)
        finally:
            if connection is not None:
                connection.close()

    def _connect(self):
        if self.cache_scheme == "https":
            return http.client.HTTPSConnection(self.cache_netloc, timeout=PURGE_TIMEOUT_SECONDS)
        return http.client.HTTPConnection(self.cache_netloc, timeout=PURGE_TIMEOUT_SECONDS)

    def _purge(self, connection, url):
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        path = urlunsplit(("", "", parts.path or "/", parts.query, ""))
        headers = {"Host": host, "User-Agent": f"Wagtail-frontendcache/{wagtail_version}"}
        # The cache may have closed a kept-alive connection meanwhile: once more on a new one.
        for attempt in (1, 2):
            try:
                connection = connection or self._connect()
                connection.request("PURGE", path, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    logger.error("Couldn't purge '%s': HTTP %d", url, response.status)
                return connection
            except (OSError, http.client.HTTPException) as error:
                if connection is not None:
                    connection.close()
                connection = None
                if attempt == 2:
                    logger.error("Couldn't purge '%s': %s", url, error)
        return None


def purge_with_listings(page, extra_pages=()):
    """Wagtail purges the page itself; also purge the listings that show it.

    Ancestors list their children (indexes, the home page teasers), the topic pages list
    everything tagged with a topic, the region pages what is tied to a kraj, and the sitemap
    sections list every page. A second purge
    a moment later drops a copy that a request already under way when the change was
    committed may have put back into Varnish.
    """
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    own = PurgeBatch()
    own.add_page(page)
    batch = PurgeBatch()
    batch.add_pages(page.get_ancestors().filter(depth__gt=1).specific(defer=True))
    batch.add_pages(extra_pages)
    batch.add_pages(videos_showing(page))
    site = page.get_site()
    topics = getattr(page.specific_deferred, "topics", None)
    if site and topics is not None:
        root = site.root_url
        batch.add_urls([f"{root}/temata/"] + [f"{root}/temata/{t.slug}/" for t in topics.all()])
    if site:
        batch.add_urls(sitemap_urls(site.root_url))
        batch.add_urls(region_urls(site.root_url))
    # After the commit and the new cache generation (registered first): a purge that ran
    # earlier could let Varnish fetch the old page again from the Django cache.
    # The page itself first: it is what its editor (and the reader who follows a link to
    # it) looks at next; the listings follow over the same connection.
    urls = sorted(own.urls) + sorted(batch.urls - own.urls)
    transaction.on_commit(partial(enqueue_purges, urls))


def videos_showing(page):
    """The video pages whose related content names `page`: the videos a methodology or a tool
    links to, and the other videos of a video's project. (A link just removed stays on the
    video's cached copy until it expires: the previous links are not known here.)"""
    specific = page.specific_deferred
    videos = VideoPage.objects.none()
    related = getattr(specific, "related_pages", None)
    if related is not None:
        videos = VideoPage.objects.filter(pk__in=related.values("pk"))
    if isinstance(specific, VideoPage) and specific.source_project_id:
        siblings = VideoPage.objects.filter(source_project_id=specific.source_project_id)
        videos = videos | siblings.exclude(pk=page.pk)
    return videos.live().defer_streamfields()


def region_urls(root):
    """The region pages: any page may be tied to a kraj through its project (14 addresses)."""
    slugs = Region.objects.values_list("slug", flat=True)
    return [f"{root}/kraje/"] + [f"{root}/kraje/{slug}/" for slug in slugs]


def enqueue_purges(urls):
    task = purge_urls_from_cache_task
    if task.get_backend().supports_priority:  # ahead of slower work such as reference indexing
        task = task.using(priority=PURGE_PRIORITY)
    task.enqueue(urls)
    if task.get_backend().supports_defer:
        later = timezone.now() + timedelta(seconds=REPURGE_AFTER_SECONDS)
        task.using(run_after=later).enqueue(urls)


def on_publish_or_unpublish(sender, instance, **kwargs):
    transaction.on_commit(new_generation)
    purge_with_listings(instance)


def on_move(sender, instance, parent_page_before=None, **kwargs):
    transaction.on_commit(new_generation)
    old_listings = parent_page_before.get_ancestors(inclusive=True).filter(depth__gt=1)
    purge_with_listings(instance, extra_pages=old_listings.specific(defer=True))


def connect():
    page_published.connect(on_publish_or_unpublish, dispatch_uid="portal-frontcache-publish")
    page_unpublished.connect(on_publish_or_unpublish, dispatch_uid="portal-frontcache-unpublish")
    post_page_move.connect(on_move, dispatch_uid="portal-frontcache-move")
