"""Content the search tests share: one page of every type, documents, staff-only material."""

import datetime

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from wagtail.models import Collection, CollectionViewRestriction

from methodology.factories import MethodologyPageFactory, ToolPageFactory
from methodology.models import Audience, MethodologyDocument, ValidationStage
from news.factories import (
    EventReportFactory,
    NewsPageFactory,
    PeriodReportPageFactory,
    VideoPageFactory,
)
from portal.core.access import staff_group, sync_staff_restriction
from portal.core.factories import PortalDocumentFactory, StandardPageFactory
from portal.core.models import PortalDocument
from portal.projects.factories import ProjectPageFactory, add_project_document
from portal.taxonomy.factories import MunicipalityFactory, RegionFactory, TopicFactory

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def czech_pdf(*paragraphs):
    """A real PDF with Czech text (a Unicode font, so the diacritics survive extraction)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname=DEJAVU)
    pdf.set_font("DejaVu", size=11)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 7, paragraph)
        pdf.ln(3)
    return bytes(pdf.output())


def upload_document(title, name, content, collection=None, **fields):
    """Create a document as an upload does: the model's save path extracts the text."""
    document = PortalDocument(
        title=title,
        file=ContentFile(content, name=name),
        collection=collection or Collection.get_first_root_node(),
        **fields,
    )
    document.save()
    return document


def paragraph(text):
    return ("paragraph", f"<p>{text}</p>")


def staff_collection():
    """A private collection readable by the OSPOD staff group only."""
    collection = Collection.get_first_root_node().add_child(name="Interní dokumenty OSPOD")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(staff_group())
    return collection


def staff_user(username="pracovnice"):
    user = get_user_model().objects.create_user(username=username, password="heslo-pracovnice")
    user.groups.add(staff_group())
    return user


def build_site():
    """One page of every content type, tagged and placed, and the documents they attach."""
    site = {}
    site["topic"] = TopicFactory(name="Pěstounská péče")
    site["region"] = RegionFactory(slug="vysocina")
    site["jihlava"] = MunicipalityFactory(name="Jihlava", region=site["region"])
    site["project"] = ProjectPageFactory(
        title="Inovace pro setrvání dětí v rodině",
        summary="Projekt rozvíjí služby OSPOD pro ohrožené děti v kraji Vysočina.",
        problem="<p>Chybí metodika <b>asistovaného kontaktu</b> rodičů s dětmi.</p>",
        body=[paragraph("Plánujeme čtyři kulaté stoly s partnery v regionu.")],
        start_date=datetime.date(2020, 1, 1),
        topics=[site["topic"]],
    )
    site["project"].regions.add(site["region"])
    site["project"].save()
    site["report"] = PeriodReportPageFactory(
        parent=site["project"],
        title="Zpráva za 1. období",
        summary="V prvním období proběhla supervize týmu.",
        period_start=datetime.date(2020, 5, 1),
        period_end=datetime.date(2020, 10, 31),
        body=[paragraph("Sociální pracovníci absolvovali kurz mediace.")],
    )
    site["news"] = NewsPageFactory(
        title="Analýza pobytové péče",
        summary="Výzkumný tým zpracoval krajské modely sítě služeb.",
        published_at=datetime.datetime(2022, 8, 23, 8, 22, tzinfo=datetime.UTC),
        related_projects=[site["project"]],
    )
    site["event"] = EventReportFactory(
        title="OSPOD sobě",
        summary="Setkání zástupců OSPOD ve Šlapanicích.",
        event_date=datetime.date(2018, 6, 15),
        event_municipality=site["jihlava"],
    )
    site["methodology"] = MethodologyPageFactory(
        title="Asistovaný kontakt rodičů s dětmi",
        summary="Metodika asistovaných kontaktů v bezpečném prostředí pro OSPOD.",
        body=[paragraph("Kontakt probíhá za přítomnosti sociálního pracovníka.")],
        source_project=site["project"],
        last_reviewed=datetime.date(2021, 6, 30),
        topics=[site["topic"]],
    )
    site["tool"] = ToolPageFactory(
        title="Plán bezpečí dítěte",
        summary="Nástroj OSPOD pro vyhodnocení bezpečí dítěte v rodině.",
        source_project=site["project"],
        stages=[(ValidationStage.VALIDATED, datetime.date(2021, 3, 1), site["jihlava"])],
    )
    site["video"] = VideoPageFactory(
        title="SPOT TELČ",
        summary="Edukační spot pro rodiče.",
        transcript="<p>Rodiče se dozvědí, jak probíhá rozvodové řízení.</p>",
        source_project=site["project"],
    )
    site["standard"] = StandardPageFactory(
        title="O portálu",
        summary="Portál pro praxi OSPOD sdílí metodiky a nástroje.",
        body=[paragraph("Provozovatelem portálu je krajský úřad.")],
    )
    site["pdf"] = upload_document(
        "Závěrečná evaluační zpráva projektu",
        "evaluacni-zprava.pdf",
        czech_pdf(
            "Evaluace ukázala, že se zvýšila přímá práce s rodinou.",
            "Hodnotitelé použili metodu xylofonového šetření.",
        ),
    )
    add_project_document(site["project"], site["pdf"])
    return site


def build_staff_material():
    """A staff-only methodology and a document in the staff's private collection."""
    material = {}
    material["methodology"] = MethodologyPageFactory(
        title="Interní postup při šetření v rodině",
        summary="Důvěrný postup šetření pro pracovníky OSPOD: kvokalový protokol.",
        audience=Audience.STAFF,
    )
    sync_staff_restriction(material["methodology"], True)
    material["document"] = upload_document(
        "Interní formulář",
        "interni-formular.pdf",
        czech_pdf("Formulář kvokalového protokolu pro pracovníky OSPOD."),
        collection=staff_collection(),
    )
    attached = MethodologyDocument(page=material["methodology"], document=material["document"])
    attached.save()
    return material


def entry_for(obj):
    """The search entry of a page or document, or None."""
    from django.contrib.contenttypes.models import ContentType

    from portal.search.models import SearchEntry

    content_type = ContentType.objects.get_for_model(obj)
    return SearchEntry.objects.filter(content_type=content_type, object_id=obj.pk).first()


__all__ = [
    "PortalDocumentFactory",
    "build_site",
    "build_staff_material",
    "czech_pdf",
    "entry_for",
    "staff_collection",
    "staff_user",
    "upload_document",
]
