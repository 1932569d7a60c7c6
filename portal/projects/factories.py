"""Factories for project pages and their rows (tests and demo content)."""

import datetime
from decimal import Decimal

import factory

from portal.core.factories import BasePageFactory, IndexPageFactory, PortalDocumentFactory
from portal.projects.models import (
    ProjectDocument,
    ProjectIndexPage,
    ProjectPage,
    ProjectPartner,
    ResultIndicator,
    SupportedService,
    TargetIndicator,
)
from portal.taxonomy.factories import OrganisationFactory


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
