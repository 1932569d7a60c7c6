"""The shared vocabularies of the demo: organisations, ORPs, programmes, people, topics ..."""

from methodology.models import MethodologyKind
from news.models import NewsCategory
from portal.taxonomy.models import (
    FundingProgramme,
    LegalProvision,
    Municipality,
    Organisation,
    Person,
    PracticeSetting,
    QualityStandard,
    Region,
    TargetGroup,
    Topic,
)


def build_taxonomy(ctx, data):
    """Snippets from the shared data file; regions come with the migrations."""
    for region in Region.objects.all():
        ctx.remember("region", region.slug, region)
    for spec in data["organisations"]:
        organisation, _ = Organisation.objects.update_or_create(
            name=spec["name"], defaults={"short_name": spec["short_name"], "kind": spec["kind"]}
        )
        ctx.remember("organisation", organisation.name, organisation)
    for spec in data["municipalities"]:
        municipality, _ = Municipality.objects.update_or_create(
            name=spec["name"], region=ctx.get(spec["region"]), defaults={"is_orp": True}
        )
        ctx.remember("municipality", municipality.name, municipality)
    build_programmes(ctx, data["funding_programmes"])
    for name in data["target_groups"]:
        ctx.remember("group", name, TargetGroup.objects.get_or_create(name=name)[0])
    build_persons(ctx, data["persons"])
    build_record_vocabularies(ctx, data)
    build_categories(ctx, data)
    for name in data["topics"]:
        topic = Topic.objects.filter(name__iexact=name).first() or Topic.objects.create(name=name)
        ctx.remember("topic", name, topic)


def build_programmes(ctx, specs):
    for spec in specs:
        defaults = {key: value for key, value in spec.items() if key != "name"}
        programme, _ = FundingProgramme.objects.update_or_create(
            name=spec["name"], defaults=defaults
        )
        ctx.remember("programme", programme.name, programme)


def build_persons(ctx, specs):
    for spec in specs:
        values = {"organisation": None, **ctx.resolve(spec)}
        person = Person.objects.filter(name=values["name"]).first() or Person(name=values["name"])
        for key, value in values.items():
            setattr(person, key, value)
        person.save()
        ctx.remember("person", person.name, person)


def build_categories(ctx, data):
    """News categories and methodology kinds, by slug."""
    for spec in data["news_categories"]:
        category, _ = NewsCategory.objects.update_or_create(
            slug=spec["slug"], defaults={"name": spec["name"]}
        )
        ctx.remember("category", category.slug, category)
    for spec in data["methodology_kinds"]:
        kind, _ = MethodologyKind.objects.update_or_create(
            slug=spec["slug"], defaults={"name": spec["name"], "description": spec["description"]}
        )
        ctx.remember("kind", kind.slug, kind)


def build_record_vocabularies(ctx, data):
    """Settings, legal provisions and the SPOD quality standards, by slug."""
    for name in data["practice_settings"]:
        setting = PracticeSetting.objects.filter(name=name).first()
        ctx.remember("setting", name, setting or PracticeSetting.objects.create(name=name))
    for spec in data["legal_provisions"]:
        defaults = {key: value for key, value in spec.items() if key != "slug"}
        provision, _ = LegalProvision.objects.update_or_create(slug=spec["slug"], defaults=defaults)
        ctx.remember("provision", provision.slug, provision)
    for spec in data["quality_standards"]:
        defaults = {key: value for key, value in spec.items() if key != "number"}
        standard, _ = QualityStandard.objects.update_or_create(
            number=spec["number"], defaults=defaults
        )
        ctx.remember("standard", str(standard.number), standard)
