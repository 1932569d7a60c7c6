"""Builds the demo portal from its data files (`portal/demo/data`); running it again changes
nothing.

Every object is looked up by its natural key (a page by its slug under its parent, a
document or image by its title, a snippet by its name or slug) and updated in place. A page
gets a new published revision only when its content differs from the latest revision.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.models import Collection, Page, Revision, Site

from methodology.models import MethodologyKind
from news.models import NewsCategory
from portal.accounts.roles import setup_roles
from portal.core.models import PortalDocument, PortalImage
from portal.taxonomy.models import (
    FundingProgramme,
    Municipality,
    Organisation,
    Person,
    TargetGroup,
    Topic,
)

from . import loader
from .accounts import ensure_admin, ensure_demo_accounts
from .alerts import build_subscriptions
from .context import DemoContext
from .field import build_field
from .guides import build_glossary_and_guide
from .media import build_documents, build_images, portal_collections
from .projects import build_project
from .site import build_portal_pages, build_settings
from .taxonomy import build_taxonomy


@transaction.atomic
def build_demo(with_admin=False, refresh_files=False):
    """Create or update the whole demo portal; returns the context with what was done.

    Existing documents and images keep their files unless refresh_files is set; then the
    files are generated again and replaced where their content changed.
    """
    ctx = DemoContext(refresh_files=refresh_files)
    data = loader.portal_data()
    note = data["document_note"]
    build_taxonomy(ctx, data)
    collections = portal_collections(data["collection"])
    build_images(ctx, data["images"], collections[0])
    build_documents(ctx, data.get("documents", {}), collections, note)
    build_portal_pages(ctx, data)
    for project in loader.project_data():
        build_project(ctx, project, collections, note)
    build_glossary_and_guide(ctx)
    build_settings(ctx, data)
    build_field(ctx)
    point_site_at(settings.WAGTAILADMIN_BASE_URL)
    setup_roles()
    build_subscriptions(ctx)
    if with_admin:
        ensure_admin(ctx)
        ensure_demo_accounts(ctx, data["accounts"])
    return ctx


def demo_account_names():
    return [account["username"] for account in loader.portal_data()["accounts"]]


def point_site_at(address):
    """The default Site answers at `address` (the public address, e.g. the one `make run`
    serves), so that every absolute URL the portal builds points where it is served."""
    parts = urlsplit(address)
    site = Site.objects.get(is_default_site=True)
    site.hostname = parts.hostname
    site.port = parts.port or (443 if parts.scheme == "https" else 80)
    site.save()  # and so Wagtail forgets its cached site root paths


def demo_counts():
    """Totals of what the demo consists of (for the summary and the tests)."""
    return {
        "pages": Page.objects.filter(depth__gt=1).count(),
        "revisions": Revision.page_revisions.count(),
        "documents": PortalDocument.objects.count(),
        "images": PortalImage.objects.count(),
        "organisations": Organisation.objects.count(),
        "municipalities": Municipality.objects.count(),
        "persons": Person.objects.count(),
        "topics": Topic.objects.count(),
        "target groups": TargetGroup.objects.count(),
        "news categories": NewsCategory.objects.count(),
        "methodology kinds": MethodologyKind.objects.count(),
        "funding programmes": FundingProgramme.objects.count(),
        "collections": Collection.objects.count(),
    }
