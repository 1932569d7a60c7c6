"""The demo's adoption records and suggestions from the field (data/field.yaml)."""

from wagtail.models import Page

from portal.adoption.models import Adoption, ExperienceStatus
from portal.suggestions.models import Suggestion

from . import loader


def build_field(ctx):
    data = loader.load("field.yaml")
    for item in data["adoptions"]:
        page = Page.objects.get(slug=item["page"], depth__gt=2)
        for entry in item["offices"]:
            build_adoption(ctx, page, entry)
    for entry in data["suggestions"]:
        build_suggestion(ctx, entry)


def build_adoption(ctx, page, entry):
    experience = entry.get("experience", "")
    status = entry.get("status", ExperienceStatus.NONE) if experience else ExperienceStatus.NONE
    _adoption, created = Adoption.objects.update_or_create(
        page=page,
        municipality=ctx.resolve(entry["office"]),
        defaults={"experience": experience, "experience_status": status},
    )
    ctx.stats["adoptions created" if created else "adoptions updated"] += 1


def build_suggestion(ctx, entry):
    fields = {key: value for key, value in entry.items() if key != "title"}
    _suggestion, created = Suggestion.objects.update_or_create(
        title=entry["title"], defaults=fields
    )
    ctx.stats["suggestions created" if created else "suggestions updated"] += 1
