"""Factories for the shared vocabularies, media and project pages (tests and demo content).

Pages are created in the real tree: index pages go under the HomePage made by the
migration home/0003 and are fetched rather than duplicated (they have ``max_count = 1``).
"""

import datetime
from decimal import Decimal
from functools import lru_cache

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.models import Collection

from portal.models import (
    FundingProgramme,
    Municipality,
    Organisation,
    Person,
    PortalDocument,
    PortalImage,
    ProjectDocument,
    ProjectIndexPage,
    ProjectPage,
    ProjectPartner,
    Region,
    ResultIndicator,
    StandardPage,
    SupportedService,
    TargetGroup,
    TargetIndicator,
    Topic,
)


def home_page():
    """The portal's one HomePage (created by the migration home/0003)."""
    from home.models import HomePage

    return HomePage.objects.get()


def root_collection():
    return Collection.get_first_root_node()


# --- vocabularies ---------------------------------------------------------------------------


class TopicFactory(factory.django.DjangoModelFactory):
    """A topic; its slug is made by taggit from the name (ASCII, e.g. "pestounska-pece")."""

    name = factory.Sequence(lambda n: f"Téma {n}")

    class Meta:
        model = Topic
        django_get_or_create = ("name",)


class RegionFactory(factory.django.DjangoModelFactory):
    """One of the fourteen kraje from the data migration, looked up by slug."""

    slug = "pardubicky"

    class Meta:
        model = Region
        django_get_or_create = ("slug",)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Obec {n}")
    region = factory.SubFactory(RegionFactory)
    is_orp = True

    class Meta:
        model = Municipality
        django_get_or_create = ("name", "region")


class OrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Organizace {n}, z.s.")
    kind = Organisation.Kind.NONPROFIT

    class Meta:
        model = Organisation
        django_get_or_create = ("name",)


class PersonFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Jana Nováková {n}")
    role = "koordinátorka projektu"
    organisation = factory.SubFactory(OrganisationFactory)

    class Meta:
        model = Person


class FundingProgrammeFactory(factory.django.DjangoModelFactory):
    name = "Operační program Zaměstnanost"
    short_name = "OP Zaměstnanost"
    fund = "Evropský sociální fond"
    funding_sentence = (
        "Projekt je spolufinancován Evropskou unií z Evropského sociálního fondu "
        "v rámci Operačního programu Zaměstnanost."
    )

    class Meta:
        model = FundingProgramme
        django_get_or_create = ("name",)


class TargetGroupFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Cílová skupina {n}")

    class Meta:
        model = TargetGroup
        django_get_or_create = ("name",)


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


class ProjectIndexPageFactory(IndexPageFactory):
    title = "Projekty"
    slug = "projekty"

    class Meta:
        model = ProjectIndexPage


def project_index():
    return ProjectIndexPageFactory()


class ProjectPageFactory(BasePageFactory):
    """A project; ``parent`` defaults to the (single) ProjectIndexPage."""

    title = factory.Sequence(lambda n: f"Projekt {n}")
    parent = factory.LazyFunction(project_index)
    summary = "Projekt podpory pracovníků OSPOD."
    registration_number = "CZ.03.2.63/0.0/0.0/19_098/0015128"
    implementing_organisation = factory.SubFactory(OrganisationFactory)
    start_date = factory.Sequence(lambda n: datetime.date(2015 + n % 10, 1, 1))
    end_date = factory.LazyAttribute(
        lambda o: datetime.date(o.start_date.year + 2, 12, 31) if o.start_date else None
    )

    class Meta:
        model = ProjectPage


def add_result_indicator(project, label, before=None, after=None, unit="", **kwargs):
    """Attach a result (a before/after pair or a ``change_label``) and save the project."""
    indicator = ResultIndicator(
        page=project,
        label=label,
        value_before=None if before is None else Decimal(str(before)),
        value_after=None if after is None else Decimal(str(after)),
        unit=unit,
        **kwargs,
    )
    indicator.save()
    return indicator


def add_target_indicator(project, label, planned, unit="", is_minimum=False, achieved=None):
    indicator = TargetIndicator(
        page=project,
        label=label,
        planned_value=Decimal(str(planned)),
        unit=unit,
        is_minimum=is_minimum,
        achieved_value=None if achieved is None else Decimal(str(achieved)),
    )
    indicator.save()
    return indicator


def add_partner(project, organisation=None, role=""):
    partner = ProjectPartner(
        page=project, organisation=organisation or OrganisationFactory(), role=role
    )
    partner.save()
    return partner


def add_service(project, name, description=""):
    service = SupportedService(page=project, name=name, description=description)
    service.save()
    return service


def add_project_document(project, document=None, title=""):
    attached = ProjectDocument(page=project, document=document or PortalDocumentFactory())
    attached.title = title
    attached.save()
    return attached


class StandardPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Obsahová stránka {n}")
    parent = factory.LazyFunction(home_page)

    class Meta:
        model = StandardPage
