"""Filterable listings: pages of one or more types, filtered by topic, project, year and type,
with the number of items behind every choice.

A listing reads one narrow row per item (id, date, project, year) and the topic pairs, counts
and filters in Python, then loads only the pages of the requested listing page. So a listing
costs the same few queries however many filters and choices it shows.
"""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.core.paginator import Paginator

from portal.core.pagination import PAGE_SIZE
from portal.core.privacy import public
from portal.core.text import fold

PARAMS = {"topic": "tema", "project": "projekt", "year": "rok", "kind": "typ"}


@dataclass(frozen=True)
class Source:
    """One page type in a listing.

    `order`: the field to sort by (dates newest first, text A–Z); `year` (and `year_end` for
    ranges such as a project's duration): the year facet; `project`: how an item belongs to
    a project: a field name (FK or M2M to ProjectPage) or "parent" (lives under it);
    `kind`/`kind_label`: its choice in the type filter.
    """

    queryset: object
    order: str
    year: str | None = None
    year_end: str | None = None
    project: str | None = None
    kind: str = ""
    kind_label: str = ""
    select_related: tuple = ()


@dataclass
class Record:
    source: Source
    pk: int
    path: str
    sort_key: object
    years: set = field(default_factory=set)
    projects: set = field(default_factory=set)
    topics: list = field(default_factory=list)


@dataclass
class Choice:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    param: str
    label: str
    choices: list
    selected: str


def _year_of(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.year
    return None


def _sort_key(value):
    if isinstance(value, str):
        return (fold(value), value)
    if isinstance(value, datetime.datetime):
        return value.timestamp()
    if isinstance(value, datetime.date):
        # Dates and datetimes sort together (news by day of issue, reports by period end).
        return datetime.datetime.combine(value, datetime.time()).timestamp()
    return float("-inf") if value is None else value


class FilteredListing:
    """The items of `sources` matching the request's filters, paginated, with facets."""

    def __init__(self, request, sources, *, descending=None, facets=("topic", "project", "year")):
        # The topic and project facets: the apps above this one own those models.
        PageTopic = apps.get_model("taxonomy", "PageTopic")
        Topic = apps.get_model("taxonomy", "Topic")
        ProjectPage = apps.get_model("projects", "ProjectPage")

        self.request = request
        self.sources = sources
        self.errors = []
        wanted = {name: request.GET.get(param, "").strip() for name, param in PARAMS.items()}
        kinds = {source.kind: source for source in sources if source.kind}
        facet_names = [name for name in facets if name != "kind"]
        if len(kinds) > 1:
            facet_names.append("kind")

        projects = {}
        if "project" in facet_names:
            projects = {
                row[0]: row
                for row in public(ProjectPage.objects.live()).values_list(
                    "pk", "path", "title", "slug"
                )
            }
        records = []
        for source in sources:
            records += self._records(source, projects)
        by_pk = {record.pk: record for record in records}
        topic_names = {}
        if "topic" in facet_names or records:
            rows = PageTopic.objects.filter(content_object_id__in=list(by_pk)).values_list(
                "content_object_id", "tag_id", "tag__name", "tag__slug"
            )
            for page_id, tag_id, name, slug in rows:
                topic = Topic(id=tag_id, name=name, slug=slug)
                by_pk[page_id].topics.append(topic)
                topic_names[slug] = name

        tests = {
            "topic": lambda r, v: any(t.slug == v for t in r.topics),
            "project": lambda r, v: any(projects[p][3] == v for p in r.projects),
            "year": lambda r, v: int(v) in r.years,
            "kind": lambda r, v: r.source.kind == v,
        }
        valid = {
            "topic": set(topic_names),
            "project": {row[3] for row in projects.values()},
            "year": {str(y) for r in records for y in r.years},
            "kind": set(kinds),
        }
        messages = {
            "topic": "Téma „{}“ v tomto výpisu nenajdete.",
            "project": "Projekt „{}“ v tomto výpisu nenajdete.",
            "year": "Rok „{}“ v tomto výpisu nenajdete.",
            "kind": "Druh obsahu „{}“ neznáme.",
        }
        active = {}
        for name in facet_names:
            value = wanted[name]
            if not value:
                continue
            if name == "year" and not (value.isascii() and value.isdigit()):
                self.errors.append(f"Rok zadejte číslem, např. 2021 (ne „{value}“).")
            elif value not in valid[name] and not (
                name == "year" and value.isascii() and value.isdigit()
            ):
                self.errors.append(messages[name].format(value))
            else:
                active[name] = value

        def matching(except_name=None):
            return [
                r
                for r in records
                if all(tests[n](r, v) for n, v in active.items() if n != except_name)
            ]

        self.facets = []
        for name in facet_names:
            counts = {}
            for record in matching(except_name=name):
                for value in self._values(name, record, projects):
                    counts[value] = counts.get(value, 0) + 1
            self.facets.append(
                self._facet(name, counts, active.get(name, ""), topic_names, projects, kinds)
            )

        items = matching()
        if descending is None:
            descending = not isinstance(items[0].sort_key, tuple) if items else True
        items.sort(key=lambda r: r.sort_key, reverse=descending)
        self.count = len(items)
        self.active = active
        self.page_obj = Paginator(items, PAGE_SIZE).get_page(request.GET.get("strana"))
        self.page_obj.object_list = self._load(list(self.page_obj.object_list))

    # --- reading -------------------------------------------------------------------

    @staticmethod
    def _records(source, projects):
        fields = ["pk", "path", source.order]
        extra = [f for f in (source.year, source.year_end) if f and f not in fields]
        fields += extra
        project_field = source.project if source.project not in (None, "parent") else None
        if project_field:
            fields.append(project_field)
        records = {}
        for row in source.queryset.values_list(*fields):
            values = dict(zip(fields, row, strict=True))
            record = records.get(values["pk"])
            if record is None:
                record = Record(
                    source, values["pk"], values["path"], _sort_key(values[source.order])
                )
                start = _year_of(values.get(source.year)) if source.year else None
                end = _year_of(values.get(source.year_end)) if source.year_end else start
                if start or end:
                    record.years = set(range(start or end, (end or start) + 1))
                if source.project == "parent":
                    parent = next(
                        (pk for pk, row in projects.items() if values["path"].startswith(row[1])),
                        None,
                    )
                    if parent:
                        record.projects.add(parent)
                records[values["pk"]] = record
            if project_field and values[project_field] in projects:
                record.projects.add(values[project_field])
        return list(records.values())

    @staticmethod
    def _values(name, record, projects):
        if name == "topic":
            return {t.slug for t in record.topics}
        if name == "project":
            return {projects[p][3] for p in record.projects}
        if name == "year":
            return {str(y) for y in record.years}
        return {record.source.kind}

    @staticmethod
    def _facet(name, counts, selected, topic_names, projects, kinds):
        if name == "topic":
            labels = {slug: topic_names[slug] for slug in counts}
            order = sorted(counts, key=lambda v: fold(labels[v]))
            title = "Téma"
        elif name == "project":
            labels = {row[3]: row[2] for row in projects.values()}
            order = sorted(counts, key=lambda v: fold(labels[v]))
            title = "Projekt"
        elif name == "year":
            labels = {v: v for v in counts}
            order = sorted(counts, reverse=True)
            title = "Rok"
        else:
            labels = {kind: source.kind_label for kind, source in kinds.items()}
            order = [kind for kind in kinds if kind in counts]
            title = "Druh"
        choices = [Choice(v, labels[v], counts[v], v == selected) for v in order]
        return Facet(name, PARAMS[name], title, choices, selected)

    def _load(self, records):
        """The specific pages of one listing page, topics attached, in listing order."""
        pages = {}
        for source in self.sources:
            ids = [r.pk for r in records if r.source is source]
            if ids:
                queryset = source.queryset.filter(pk__in=ids).defer_streamfields()
                if source.select_related:
                    queryset = queryset.select_related(*source.select_related)
                pages.update({page.pk: page for page in queryset})
        loaded = []
        for record in records:
            page = pages[record.pk]
            page._prefetched_objects_cache = {"topics": record.topics}
            loaded.append(page)
        return loaded

    @property
    def is_filtered(self):
        return bool(self.active)
