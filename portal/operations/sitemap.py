from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from portal.core.links import absolute_url
from portal.core.privacy import public
from portal.taxonomy.models import Topic


class PortalSitemap(Sitemap):
    """Wagtail's sitemap of live public pages, without loading each page type's own table
    (the sitemap needs only the URL and the publication date)."""

    def items(self):
        pages = self.get_wagtail_site().root_page.get_descendants(inclusive=True).live()
        return public(pages).order_by("path").specific(defer=True)


class TopicSitemap(Sitemap):
    """The topic index and every topic that some live public page is tagged with."""

    def items(self):
        pages = public(Page.objects.live())
        topics = Topic.objects.filter(tagged_pages__content_object__in=pages).distinct()
        slugs = topics.order_by("slug").values_list("slug", flat=True)
        return [reverse("topic_index")] + [reverse("topic_detail", args=[s]) for s in slugs]

    def lastmod(self, path):
        return None

    def _urls(self, page, protocol, domain):
        paths = self.paginator.page(page).object_list
        return [{"item": path, "location": absolute_url(self.request, path)} for path in paths]
