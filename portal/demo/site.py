"""The portal's own pages (home, index pages, standard pages) and its settings."""

from wagtail.models import Site

from methodology.models import MethodologyIndexPage, ToolIndexPage
from news.models import NewsIndexPage, VideoIndexPage
from portal.core.models import PortalSettings, StandardPage
from portal.projects.models import ProjectIndexPage

from .pages import home_page, save_page, upsert_page

INDEX_MODELS = {
    "projekty": ProjectIndexPage,
    "aktuality": NewsIndexPage,
    "videa": VideoIndexPage,
    "metodiky": MethodologyIndexPage,
    "nastroje": ToolIndexPage,
}


def build_portal_pages(ctx, data):
    """The home page, the index pages (all in the main menu) and the standard pages."""
    home = save_page(ctx, home_page(), data["home"])
    ctx.remember("page", "home", home)
    for slug, spec in data["index_pages"].items():
        spec = {"slug": slug, "show_in_menus": True, **spec}
        ctx.remember("page", slug, upsert_page(ctx, home, INDEX_MODELS[slug], spec))
    for spec in data["standard_pages"]:
        ctx.remember("page", spec["slug"], upsert_page(ctx, home, StandardPage, spec))


def build_settings(ctx, data):
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    for key, value in ctx.resolve(data["settings"]).items():
        setattr(settings, key, value)
    settings.save()
