"""A small portal with public content and, beside it, everything that must stay hidden."""

import datetime
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import User
from wagtail.models import PageViewRestriction

from methodology.factories import MethodologyPageFactory, ToolPageFactory
from methodology.models import Audience, ValidationStage
from news.factories import EventReportFactory, NewsPageFactory
from portal.core.access import staff_collection, staff_group, sync_staff_restriction
from portal.core.factories import PortalDocumentFactory, PortalImageFactory, StandardPageFactory
from portal.projects.factories import ProjectPageFactory
from portal.taxonomy.factories import MunicipalityFactory, TargetGroupFactory, TopicFactory

# Titles that must never appear in any open-data output.
HIDDEN = (
    "Interní standard SPOD",
    "Interní pokyny pro pracoviště",
    "Rozpracovaná metodika",
    "Koncept nástroje",
    "Nástroj neveřejného projektu",
    "Porada neveřejného projektu",
    "Akce v konceptu",
    "Interní směrnice",
    "Vnořená interní příloha",
)


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def portal_content(db):
    jihlava = MunicipalityFactory(name="Jihlava")
    telc = MunicipalityFactory(name="Telč")
    project = ProjectPageFactory(title="Podpora pěstounské péče")
    methodology = MethodologyPageFactory(
        title="Metodika případových konferencí",
        summary="Jak svolat a vést případovou konferenci.",
        source_project=project,
        pilot_participants=48,
        target_groups=[TargetGroupFactory(name="Pěstouni")],
        topics=[TopicFactory(name="Případová práce")],
    )
    staff_methodology = publish(
        MethodologyPageFactory(title="Interní standard SPOD", audience=Audience.STAFF)
    )
    tool = ToolPageFactory(
        title="Mapa sítě rodiny",
        stages=[
            (ValidationStage.PROTOTYPE, datetime.date(2019, 3, 1), jihlava),
            (ValidationStage.TESTED, datetime.date(2020, 5, 1), telc),
        ],
    )
    event = EventReportFactory(
        title="Kulatý stůl k náhradní rodinné péči",
        summary="Setkání pracovníků OSPOD a pěstounů.",
        event_date=datetime.date(2023, 5, 17),
        event_venue="Krajský úřad",
        event_municipality=jihlava,
    )
    news = NewsPageFactory(title="Nový web projektu")

    hidden_project = ProjectPageFactory(title="Neveřejný projekt")
    sync_staff_restriction(hidden_project, True)
    restricted_page = StandardPageFactory(title="Interní pokyny pro pracoviště")
    PageViewRestriction.objects.create(
        page=restricted_page, restriction_type=PageViewRestriction.LOGIN
    )
    ToolPageFactory(title="Nástroj neveřejného projektu", parent=hidden_project)
    EventReportFactory(title="Porada neveřejného projektu", parent=hidden_project)
    MethodologyPageFactory(title="Rozpracovaná metodika", live=False)
    ToolPageFactory(title="Koncept nástroje", live=False)
    EventReportFactory(title="Akce v konceptu", live=False)

    public_document = PortalDocumentFactory(title="Příručka pro pěstouny")
    private_document = PortalDocumentFactory(
        title="Interní směrnice", collection=staff_collection()
    )
    nested = staff_collection().add_child(name="Přílohy porad")
    nested_document = PortalDocumentFactory(title="Vnořená interní příloha", collection=nested)
    image = PortalImageFactory(title="Fotografie z kulatého stolu")
    return SimpleNamespace(**locals())


@pytest.fixture
def staff_member(db):
    user = User.objects.create_user("pracovnice", password="heslo-pracovnice")
    user.groups.add(staff_group())
    return user


def assert_nothing_hidden(text):
    for title in HIDDEN:
        assert title not in text, f"{title!r} leaked into open data"
