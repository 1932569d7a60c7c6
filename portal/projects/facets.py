"""The project facet of listings: what came out of one project.

A listed type names how its pages belong to a project (`Listed.project`): a foreign key or a
many-to-many field to ProjectPage, or "parent" for pages that live under their project.
With a thousand projects the facet is a searchable field, not a list of every project.
The region facet (kraj) follows the same relations to the kraje of an item's project.
"""

import heapq
from collections import Counter

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from portal.core.facets import Chosen, Facet, exists_in
from portal.core.text import Fold, fold
from portal.core.visibility import Visibility, visible
from portal.taxonomy.models import Region

# Above this many projects with items, the facet is a type-ahead field instead of a list.
MAX_LISTED_CHOICES = 30


def project_model():
    # Read from the registry: the project index page (in models) offers these facets.
    return apps.get_model("projects", "ProjectPage")


def visible_projects():
    """The public projects, in no order (the facet reads them into dictionaries)."""
    return visible(project_model().objects.order_by())


class ProjectFacet(Facet):
    param = "projekt"
    label = _("Projekt")
    script = "portal/js/search.js"
    unknown_message = _("Projekt „%(value)s“ v tomto výpisu nenajdete.")

    def applies(self, listing):
        return any(listed.project for listed in listing.listed)

    def clean(self, value, listing):
        """A project's slug, or its exact title as typed into the field."""
        projects = visible_projects()
        row = projects.filter(slug=value).values_list("slug", "path").first()
        if row is None:
            folded = projects.alias(folded=Fold("title")).filter(folded=fold(value))
            row = folded.values_list("slug", "path").first()
        # The project's path: the pages under it are found by the path as a literal prefix,
        # which the path's index answers; PostgreSQL cannot use it for a prefix given by a
        # subquery (500 reports of one project: 20 ms a query, 2 so).
        chosen = Chosen(row[0], path=row[1]) if row else None
        if chosen is None or not exists_in(listing, self, chosen):
            self.refuse(value)
        return chosen

    def filter(self, listed, queryset, value):
        if not listed.project:
            return queryset.none()
        if listed.project == "parent":
            return queryset.filter(path__startswith=value.path)
        return queryset.filter(**{f"{listed.project}__slug": value})

    def counts(self, listing, querysets):
        by_id, by_path = {}, {}
        for listed, queryset in querysets:
            if listed.project == "parent":
                for path, number in items_per_project(listing, listed, queryset).items():
                    by_path[path] = by_path.get(path, 0) + number
            elif listed.project:
                per_project = items_per_linked_project(listing, listed, queryset)
                for project_id, number in per_project.items():
                    if project_id is not None:
                        by_id[project_id] = by_id.get(project_id, 0) + number
        titles, counts = listing.memo.setdefault("project_titles", {}), {}
        for pk, path, slug, title, visibility, _kraj in every_project(listing):
            number = by_id.get(pk, 0) + by_path.get(path, 0)
            if number and visibility == Visibility.PUBLIC:
                titles[slug], counts[slug] = title, number
        return counts

    def labels(self, listing, values):
        titles = listing.memo.setdefault("project_titles", {})
        missing = [value for value in values if value not in titles]
        if missing:
            titles.update(visible_projects().filter(slug__in=missing).values_list("slug", "title"))
        return {value: titles[value] for value in values if value in titles}

    def view(self, listing, counts, selected):
        many = len(counts) > MAX_LISTED_CHOICES
        if many:  # only those that can be among the first choices, not a thousand to sort
            fewest = heapq.nlargest(MAX_LISTED_CHOICES, counts.values())[-1]
            counts = {value: number for value, number in counts.items() if number >= fewest}
        view = super().view(listing, counts, selected)
        if many or len(view.choices) > MAX_LISTED_CHOICES:
            view.widget = "search"
            view.suggest_url = reverse("project_suggestions")
            view.selected_label = next((c.label for c in view.choices if c.selected), "")
            view.choices = sorted(view.choices, key=lambda c: -c.count)[:MAX_LISTED_CHOICES]
        return view


class RegionFacet(Facet):
    """The kraje an item is tied to (`Listed.regions`): its own, its ORP's or its project's."""

    param = "kraj"
    label = _("Kraj")
    unknown_message = _("Kraj „%(value)s“ neznáme.")

    def applies(self, listing):
        return any(listed.regions for listed in listing.listed)

    def clean(self, value, listing):
        if not Region.objects.filter(slug=value).exists():
            self.refuse(value)
        return value

    def filter(self, listed, queryset, value):
        match = Q()
        for lookup in listed.regions:
            if lookup == "parent":
                for path in project_paths_in(value):
                    match |= Q(path__startswith=path)
            else:
                tied = listed.model.objects.filter(**{f"{lookup}__slug": value})
                match |= Q(pk__in=tied.values("pk"))
        return queryset.filter(match) if match else queryset.none()

    def counts(self, listing, querysets):
        """Each item once per kraj, however many of its lookups lead there. The kraje of
        an item's projects ("parent", the project above, or `Listed.project`, its own
        project field) come from the number of items per project, which the project facet
        counts too; other lookups (a place) count in the database the items not counted
        yet. (The news of 20,000 pages on SQLite: 27 ms as one UNION of every (item, kraj)
        pair, 2 ms so.)"""
        counts = Counter()
        for listed, queryset in querysets:
            for index, lookup in enumerate(listed.regions):
                if lookup == "parent":  # stands alone
                    counts.update(counted_per_project(listing, listed, queryset))
                elif index == 0 and lookup == f"{listed.project}__regions":
                    counts.update(counted_through_projects(listing, listed, queryset))
                else:
                    rows = reached_first_by(queryset.order_by(), listed.regions[:index], lookup)
                    rows = rows.values_list("kraj").annotate(n=Count("pk", distinct=True))
                    counts.update(dict(rows))
        return dict(counts)

    def labels(self, listing, values):
        return dict(Region.objects.filter(slug__in=values).values_list("slug", "name"))


def reached_first_by(queryset, earlier, lookup):
    """The items `lookup` leads to a kraj (as "kraj", its slug) that none of the `earlier`
    lookups lead to: summed over an item type's lookups, each item counts once per kraj."""
    rows = tied_to_regions(queryset, lookup).annotate(kraj=F(f"{lookup}__slug"), kraj_id=F(lookup))
    for other in earlier:
        rows = rows.filter(~tied_to_kraj(queryset.model, other, "kraj_id"))
    return rows


def tied_to_kraj(model, lookup, kraj):
    """Whether `lookup` (a kraje field, alone or after a field to the model that has it)
    leads an item of `model` to the kraj whose id the outer query names `kraj`: an Exists
    of the link tables alone. (With every table on the way joined, PostgreSQL took 3-5 ms
    planning the news's kraj count, which then ran in 0.2.)"""
    *first, last = lookup.split("__")
    step = model._meta.get_field(first[0]) if first else None
    owner = step.related_model if step else model
    regions = owner._meta.get_field(last)
    holder, region = regions.m2m_field_name(), regions.m2m_reverse_field_name()

    def owners(depth):
        reference = OuterRef(kraj)
        for _level in range(depth - 1):
            reference = OuterRef(reference)
        return regions.remote_field.through.objects.filter(**{region: reference})

    if step is None:
        return Exists(owners(1).filter(**{holder: OuterRef("pk")}))
    if not step.many_to_many:
        return Exists(owners(1).filter(**{holder: OuterRef(step.attname)}))
    links = step.remote_field.through.objects.filter(
        **{
            step.m2m_field_name(): OuterRef("pk"),
            f"{step.m2m_reverse_field_name()}__in": owners(2).values(holder),
        }
    )
    return Exists(links)


def tied_to_regions(queryset, lookup):
    """The items `lookup` leads from to a kraj. The first step's own column is tested too,
    in the same filter (one join): the database drops the items without it before joining
    (13,300 news items, one with a place of event: 5 ms rather than 11 on SQLite)."""
    first = lookup.split("__")[0]
    return queryset.filter(**{f"{first}__isnull": False, f"{lookup}__isnull": False})


def counted_per_project(listing, listed, queryset):
    """{kraj: items} of pages under projects: their number per project, summed over the
    kraje of each project (a page has one project above it)."""
    by_path = project_regions(listing)[1]
    counts = Counter()
    for path, number in items_per_project(listing, listed, queryset).items():
        for slug in by_path.get(path, ()):
            counts[slug] += number
    return counts


def counted_through_projects(listing, listed, queryset):
    """{kraj: items} of the items tied to kraje through their own projects: their number per
    project, summed over the kraje of each project, less what that sum counts twice. (The
    news of 20,000 pages, counted as one join of items, projects and kraje: 15 ms on
    SQLite, 16 on PostgreSQL; so 2 and 6, finding the items with several projects.)"""
    by_pk = project_regions(listing)[0]
    counts = Counter()
    for pk, number in items_per_linked_project(listing, listed, queryset).items():
        for slug in by_pk.get(pk, ()):
            counts[slug] += number
    counts.subtract(counted_twice(listed, queryset))
    return counts


def counted_twice(listed, queryset):
    """{kraj: surplus} of the sum over projects: an item with two projects in one kraj is
    in that kraj's sum twice. Few items have several projects: they are read pair by pair."""
    field = listed.model._meta.get_field(listed.project)
    if not field.many_to_many:
        return {}
    through, page = field.remote_field.through, field.m2m_field_name()
    several = through.objects.values(page).annotate(n=Count("*")).filter(n__gt=1).values(page)
    if not several.exists():  # alone, it reads the link table's index once, not per item
        return {}
    pairs = queryset.filter(pk__in=several).order_by()
    pairs = pairs.values_list("pk", f"{listed.project}__regions__slug")
    surplus = Counter()
    for (_pk, slug), times in Counter(pairs).items():
        if slug is not None:
            surplus[slug] += times - 1
    return surplus


def items_per_project(listing, listed, queryset):
    """{project path: number of items} of pages that sit under projects."""
    # Projects all sit at one depth (under the project index): any one's path length.
    length = next((len(row[1]) for row in every_project(listing)), 0)
    if listing.is_unfiltered(listed, queryset):
        return read_once(
            listing,
            ("pages per project", listed),
            lambda: pages_per_project(listed, listing, length),
        )

    def rows():
        per_path = queryset.order_by().annotate(project_path=Substr("path", 1, length))
        return per_path.values_list("project_path").annotate(n=Count("pk"))

    return read_once(listing, ("items per project", queryset), rows)


def pages_per_project(listed, listing, length):
    """{project path: number of pages} of a page type under projects, counting only the pages
    this visitor may read: every page of the type per project (off the page table's index of
    types), less the pages hidden from the visitor, as `links_per_project` counts links.
    (3,000 period reports on PostgreSQL: 3.5 ms joined to the page table to keep the visible
    ones, 1.5 so.)"""
    page_type = ContentType.objects.get_for_model(listed.model)
    every = Page.objects.filter(content_type=page_type)
    hidden = listed.model.objects.filter(visibility__in=hidden_from(listing))
    every, hidden = (
        pages.order_by()
        .annotate(project_path=Substr("path", 1, length))
        .values_list("project_path")
        for pages in (every, hidden)
    )
    return every_less_hidden(every, hidden)


def items_per_linked_project(listing, listed, queryset):
    """{project pk: number of items} of pages linked to projects by `Listed.project`."""
    field = listed.model._meta.get_field(listed.project)
    if field.many_to_many and listing.is_unfiltered(listed, queryset):
        return read_once(
            listing, ("links per project", listed), lambda: links_per_project(field, listing)
        )

    def rows():
        return queryset.order_by().values_list(listed.project).annotate(n=Count("pk"))

    return read_once(listing, ("items per linked project", listed.project, queryset), rows)


def links_per_project(field, listing):
    """{project pk: number of pages} of a many-to-many field to projects, counting only the
    pages this visitor may read: every link per project, less the links of the pages hidden
    from the visitor, which are few. (13,300 news items on SQLite: 8 ms joined with the
    pages to keep the visible ones, 2 so: the link table's index answers the first count,
    the pages' visibility index the second.)"""
    through, page, project = (
        field.remote_field.through,
        field.m2m_field_name(),
        field.m2m_reverse_field_name(),
    )
    links = through.objects.order_by()
    hidden_links = links.filter(**{f"{page}__visibility__in": hidden_from(listing)})
    return every_less_hidden(links.values_list(project), hidden_links.values_list(project))


def hidden_from(listing):
    """The values of `visibility` of the pages the listing's visitor may not read."""
    return [value for value in Visibility.values if value not in listing.visibilities]


def every_less_hidden(every, hidden):
    """{key: number} of the rows of `every` less those of `hidden` (both `values_list` of
    one key), in one query, keeping the keys left with some."""
    counts = Counter()
    rows = every.annotate(n=Count("*")).union(hidden.annotate(n=-Count("*")), all=True)
    for key, number in rows:
        counts[key] += number
    return {key: number for key, number in counts.items() if number > 0}


def read_once(listing, key, rows):
    """dict(rows()), read once per request for each key (naming the queryset counted, which
    a listing makes once for each set of filters): the project and kraj facets both count
    by the items per project."""
    if key not in listing.memo:
        listing.memo[key] = dict(rows())
    return listing.memo[key]


def project_paths_in(region_slug):
    return list(visible_projects().filter(regions__slug=region_slug).values_list("path", flat=True))


def every_project(listing):
    """[(pk, path, slug, title, visibility, kraj slug)] of every project, a row per kraj,
    read once per request for the project facet (the public projects' titles) and the kraj
    facet (the kraje of items' projects): one query where each read its own."""
    if "projects" not in listing.memo:
        rows = project_model().objects.order_by()
        fields = ("pk", "path", "slug", "title", "visibility", "regions__slug")
        listing.memo["projects"] = list(rows.values_list(*fields))
    return listing.memo["projects"]


def project_regions(listing):
    """({project pk: [kraj slugs]}, {project path: [kraj slugs]}) of every project, read
    once per request. Items count by the kraje of their project whoever may read it, as
    the kraj filter finds them."""
    if "project_regions" not in listing.memo:
        by_pk, by_path = {}, {}
        for pk, path, _slug, _title, _visibility, kraj in every_project(listing):
            if kraj:
                by_pk.setdefault(pk, []).append(kraj)
                by_path.setdefault(path, []).append(kraj)
        listing.memo["project_regions"] = by_pk, by_path
    return listing.memo["project_regions"]
