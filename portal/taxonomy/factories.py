"""Factories for the shared vocabularies (tests and demo content)."""

import factory

from portal.taxonomy.models import (
    FundingProgramme,
    Municipality,
    Organisation,
    Person,
    Region,
    TargetGroup,
    Topic,
)


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
