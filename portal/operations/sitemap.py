from wagtail.contrib.sitemaps import Sitemap

from portal.core.privacy import public


class PortalSitemap(Sitemap):
    """Wagtail's sitemap of live public pages, without loading each page type's own table
    (the sitemap needs only the URL and the publication date)."""

    def items(self):
        pages = self.get_wagtail_site().root_page.get_descendants(inclusive=True).live()
        return public(pages).order_by("path").specific(defer=True)
