"""Factories for methodologies and tools with their validation history."""

import datetime

import factory

from methodology.models import (
    MethodologyChange,
    MethodologyIndexPage,
    MethodologyKind,
    MethodologyPage,
    ToolIndexPage,
    ToolPage,
    ToolStageChange,
    ValidationStage,
)
from portal.core.factories import BasePageFactory, IndexPageFactory


class MethodologyKindFactory(factory.django.DjangoModelFactory):
    name = "Kolizní opatrovnictví"
    slug = "kolizni-opatrovnictvi"

    class Meta:
        model = MethodologyKind
        django_get_or_create = ("slug",)


class MethodologyIndexPageFactory(IndexPageFactory):
    title = "Metodiky"
    slug = "metodiky"

    class Meta:
        model = MethodologyIndexPage


def methodology_index():
    return MethodologyIndexPageFactory()


class MethodologyPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Metodika {n}")
    parent = factory.LazyFunction(methodology_index)
    summary = "Metodický postup pro pracovníky OSPOD."
    kind = factory.SubFactory(MethodologyKindFactory)
    version = "1.0"
    last_reviewed = factory.Sequence(
        lambda n: datetime.date(2021, 1, 1) + datetime.timedelta(days=n)
    )

    class Meta:
        model = MethodologyPage


def add_methodology_change(methodology, date, description, version=""):
    change = MethodologyChange(
        page=methodology, date=date, description=description, version=version
    )
    change.save()
    return change


class ToolIndexPageFactory(IndexPageFactory):
    title = "Nástroje a prototypy"
    slug = "nastroje"

    class Meta:
        model = ToolIndexPage


def tool_index():
    return ToolIndexPageFactory()


class ToolPageFactory(BasePageFactory):
    """A tool; pass ``stages=[(stage, date, municipality_or_None), ...]`` for its history.

    The page's ``validation_stage`` follows the newest of those steps.
    """

    title = factory.Sequence(lambda n: f"Nástroj {n}")
    parent = factory.LazyFunction(tool_index)
    summary = "Nástroj pro práci s rodinou."
    tool_kind = ToolPage.Kind.TOOL

    class Meta:
        model = ToolPage

    @factory.post_generation
    def stages(obj, create, extracted, **kwargs):
        if not extracted:
            return
        for stage, date, municipality in extracted:
            obj.stage_changes.add(
                ToolStageChange(stage=stage, date=date, municipality=municipality)
            )
        if create:
            obj.save()


class ToolStageChangeFactory(factory.django.DjangoModelFactory):
    """A step of a tool's validation; saving it does not re-save the tool (call page.save())."""

    page = factory.SubFactory(ToolPageFactory)
    stage = ValidationStage.PROTOTYPE
    date = datetime.date(2019, 6, 1)

    class Meta:
        model = ToolStageChange
        skip_postgeneration_save = True
