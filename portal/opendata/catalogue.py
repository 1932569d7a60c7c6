"""The catalogue of methodologies and tools as open data: columns, their meaning and rows.

One schema per catalogue drives the CSV, the JSON and the documentation page (/data/), so
the three never disagree. Keys are stable English names; the descriptions are Czech.
"""

from dataclasses import dataclass
from typing import Any

from methodology.models import MethodologyPage, ToolPage
from portal.core.visibility import visible

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.cs"
LICENCE_NOTE = (
    "Texty portálu jsou k dispozici pod licencí CC BY 4.0; uveďte jako zdroj "
    "„Portál pro praxi OSPOD“ a odkaz na stránku záznamu. Přiložené dokumenty mohou mít "
    "vlastní licenci svých autorů."
)
LIST_SEPARATOR = "; "


@dataclass(frozen=True)
class Column:
    key: str
    description: str
    value: Any  # callable(page, request) -> str | int | None


def joined(values):
    return LIST_SEPARATOR.join(value for value in values if value)


def names(related):
    return joined(item.name for item in related.all())


def iso(value):
    return value.isoformat() if value else None


def source_project_url(page, request):
    project = page.source_project
    return project.get_full_url(request) if project else None


COMMON_HEAD = [
    Column("id", "Číselný identifikátor stránky na portálu (stálý).", lambda p, r: p.pk),
    Column("title", "Název.", lambda p, r: p.title),
    Column("url", "Adresa stránky na portálu.", lambda p, r: p.get_full_url(r)),
    Column("summary", "Krátké shrnutí (perex).", lambda p, r: p.summary),
]
COMMON_TAIL = [
    Column(
        "target_groups",
        "Cílové skupiny, oddělené středníkem.",
        lambda p, r: names(p.target_groups),
    ),
    Column("topics", "Témata, oddělená středníkem.", lambda p, r: names(p.topics)),
    Column(
        "source_project",
        "Název projektu, z něhož záznam vzešel (může chybět).",
        lambda p, r: p.source_project.title if p.source_project else None,
    ),
    Column("source_project_url", "Adresa stránky zdrojového projektu.", source_project_url),
    Column(
        "first_published",
        "Datum a čas prvního zveřejnění (ISO 8601).",
        lambda p, r: iso(p.first_published_at),
    ),
    Column(
        "last_published",
        "Datum a čas poslední změny zveřejněné verze (ISO 8601).",
        lambda p, r: iso(p.last_published_at),
    ),
]

METHODOLOGY_COLUMNS = [
    *COMMON_HEAD,
    Column(
        "kind",
        "Druh metodiky (např. kolizní opatrovnictví).",
        lambda p, r: p.kind.name if p.kind else None,
    ),
    Column("version", "Verze metodiky.", lambda p, r: p.version),
    Column(
        "last_reviewed",
        "Datum poslední revize (RRRR-MM-DD).",
        lambda p, r: iso(p.last_reviewed),
    ),
    Column(
        "pilot_participants",
        "Počet klientů, na kterých byla metodika ověřena (celé číslo, může chybět).",
        lambda p, r: p.pilot_participants,
    ),
    Column("pilot_description", "Popis pilotního ověření.", lambda p, r: p.pilot_description),
    *COMMON_TAIL,
]


def places(page, stage):
    return joined(
        change.municipality.name
        for change in page.stage_changes.all()
        if change.stage == stage and change.municipality
    )


TOOL_COLUMNS = [
    *COMMON_HEAD,
    Column(
        "tool_kind",
        "Druh: tool (nástroj), process (postup), team_ritual (týmový rituál), role (role).",
        lambda p, r: p.tool_kind,
    ),
    Column(
        "validation_stage",
        "Stupeň ověření: idea (nápad), prototype (prototyp), tested (otestováno), "
        "validated (validováno).",
        lambda p, r: p.validation_stage,
    ),
    Column(
        "validation_stage_label",
        "Stupeň ověření česky.",
        lambda p, r: str(p.get_validation_stage_display()),
    ),
    Column(
        "prototype_places",
        "Pracoviště OSPOD (ORP), kde nástroj vznikl jako prototyp; oddělená středníkem.",
        lambda p, r: places(p, "prototype"),
    ),
    Column(
        "tested_places",
        "Pracoviště OSPOD (ORP), kde byl nástroj otestován; oddělená středníkem.",
        lambda p, r: places(p, "tested"),
    ),
    Column(
        "validated_places",
        "Pracoviště OSPOD (ORP), kde byl nástroj validován; oddělená středníkem.",
        lambda p, r: places(p, "validated"),
    ),
    *COMMON_TAIL,
]


@dataclass(frozen=True)
class Catalogue:
    slug: str
    title: str
    columns: list

    def pages(self):
        raise NotImplementedError

    def rows(self, request):
        """One dict per public, live page, in the column order."""
        return [
            {column.key: column.value(page, request) for column in self.columns}
            for page in self.pages()
        ]

    def schema(self):
        return [{"key": column.key, "description": column.description} for column in self.columns]


class MethodologyCatalogue(Catalogue):
    def pages(self):
        return (
            visible(MethodologyPage.objects.all())
            .select_related("kind", "source_project")
            .prefetch_related("target_groups", "topics")
            .order_by("title", "pk")
        )


class ToolCatalogue(Catalogue):
    def pages(self):
        return (
            visible(ToolPage.objects.all())
            .select_related("source_project")
            .prefetch_related("target_groups", "topics", "stage_changes__municipality")
            .order_by("title", "pk")
        )


CATALOGUES = {
    "metodiky": MethodologyCatalogue("metodiky", "Metodiky", METHODOLOGY_COLUMNS),
    "nastroje": ToolCatalogue("nastroje", "Nástroje a prototypy", TOOL_COLUMNS),
}
