"""Factories for the shared base: the home page, media and the base page factories.

Pages are created in the real tree: index pages go under the HomePage made by the
migration home/0003 and are fetched rather than duplicated (they have ``max_count = 1``).
"""

from functools import lru_cache

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.models import Collection, Site

from portal.core.models import PortalDocument, PortalImage, StandardPage


def home_page():
    """The portal's home page: the root page of the default site (made by home/0003)."""
    return Site.objects.get(is_default_site=True).root_page.specific


def root_collection():
    return Collection.get_first_root_node()


# --- media ----------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def pdf_bytes(text="Dokument portalu OSPOD"):
    """A small, real PDF with one line of text (ASCII: the core PDF fonts lack Czech letters)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(text=text)
    return bytes(pdf.output())


class PortalImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Obrázek {n}")
    collection = factory.LazyFunction(root_collection)
    file = factory.django.ImageField(width=64, height=48, color="teal", filename="obrazek.png")

    class Meta:
        model = PortalImage


class PortalDocumentFactory(wagtail_factories.DocumentFactory):
    """A downloadable PDF (pass ``file=ContentFile(..., name=...)`` for other formats)."""

    title = factory.Sequence(lambda n: f"Dokument {n}")
    collection = factory.LazyFunction(root_collection)
    file = factory.LazyAttribute(lambda o: ContentFile(pdf_bytes(o.pdf_text), name="dokument.pdf"))

    class Meta:
        model = PortalDocument

    class Params:
        pdf_text = "Dokument portalu OSPOD"


def text_document(title, name, content):
    """A document whose file is plain text, e.g. WebVTT captions."""
    return PortalDocumentFactory(title=title, file=ContentFile(content.encode(), name=name))


# --- pages ----------------------------------------------------------------------------------


class BasePageFactory(wagtail_factories.PageFactory):
    """Shared by every page factory of the portal; live pages under the given parent."""

    title = factory.Sequence(lambda n: f"Stránka {n}")
    live = True
    # As if published through the admin (listings order by these dates).
    first_published_at = factory.LazyAttribute(lambda o: timezone.now() if o.live else None)
    last_published_at = factory.SelfAttribute("first_published_at")

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        """``topics=[topic, ...]`` tags the page (saved only when the page is created)."""
        if not extracted:
            return
        obj.topics.add(*extracted)
        if create:
            obj.save()


class IndexPageFactory(BasePageFactory):
    """An index page: one per site, under the HomePage; fetched when it already exists."""

    parent = factory.LazyFunction(home_page)

    class Meta:
        abstract = True
        django_get_or_create = ("parent",)


class StandardPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Obsahová stránka {n}")
    parent = factory.LazyFunction(home_page)

    class Meta:
        model = StandardPage
