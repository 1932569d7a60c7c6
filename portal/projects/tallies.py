"""Tallies of what came out of each project, kept as content changes.

The project and kraj facets of an unfiltered listing count every listed item per project and
per kraj (the news of 20,000 pages: 6 ms on SQLite, 9 on PostgreSQL, on every listing after
a publish). Those numbers change only when content does, so they are counted once after each
change (`refresh_output_tallies`, a background task) into `OutputTally`, and a listing sums
a few hundred rows instead.

A change writes an `OutputTallyChange` row in its own transaction (no shared row to lock);
a refresh deletes the rows it has seen. The tallies are current while no change row is left
and the refresh's `COMPLETE` row is there; else the facets count the items as before
(`portal.projects.facets.tallied_sums`).
"""

from collections import Counter

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, connections, models, transaction
from django.db.models import Count
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _
from django_tasks import task
from wagtail.signals import post_page_move

from portal.core.content_version import changes_content
from portal.core.models import IndexPage
from portal.core.visibility import Visibility
from portal.projects.facets import (
    parent_path,
    reaches_kraje_through_projects,
    tallies_current_sql,
)
from portal.taxonomy.models import Region


class OutputTally(models.Model):
    """How many items of one listed type and visibility came out of one project (PROJECT),
    or reach one kraj through their projects (KRAJ, each item once per kraj)."""

    shows_content = False  # its rows change no page (see portal.core.content_version)

    class Dimension(models.IntegerChoices):
        PROJECT = 0, _("projekt")
        KRAJ = 1, _("kraj")
        COMPLETE = 2, _("sečteno")  # the one row a finished refresh writes
        SHARED = 3, _("s více projekty")  # a type has items with several projects

    dimension = models.PositiveSmallIntegerField(choices=Dimension.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True)
    visibility = models.PositiveSmallIntegerField(choices=Visibility.choices, default=0)
    # The public project's (or the kraj's) slug and name, as the facet shows them: summed
    # without a join to 1,200 project pages (on PostgreSQL 1 ms, not 3).
    slug = models.CharField(max_length=255, blank=True)
    name = models.CharField(max_length=255, blank=True)
    number = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["dimension", "content_type", "visibility"], name="tally_idx")
        ]

    def __str__(self):
        return f"{self.get_dimension_display()} {self.slug}: {self.number}"


class OutputTallyChange(models.Model):
    """A committed content change the tallies may not have counted yet."""

    shows_content = False

    id = models.BigAutoField(primary_key=True)

    def __str__(self):
        return f"#{self.pk}"


# --- counting -------------------------------------------------------------------------------


def project_listed_types():
    """The `Listed` page types of every index that belong to a project, each type once."""
    found = {}
    for listed in IndexPage.every_listed():
        if listed.project:
            found.setdefault(listed.model, listed)
    return list(found.values())


@task()
def refresh_tallies():
    """The refresh after a content change, as a background task, unless a refresh queued
    before it has counted the change."""
    if not tallies_current():
        refresh_output_tallies()


def refresh_output_tallies():
    """Count every tally afresh, and forget the changes counted."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # One refresh at a time (workers of several instances): two would each delete the
            # rows they see and both insert theirs. Reading the tallies is not blocked.
            with connection.cursor() as cursor:
                table = OutputTally._meta.db_table
                cursor.execute(f"LOCK TABLE {table} IN EXCLUSIVE MODE")  # nosec B608
        seen = list(OutputTallyChange.objects.values_list("pk", flat=True))
        projects = apps.get_model("projects", "ProjectPage").objects.order_by()
        public = projects.filter(visibility=Visibility.PUBLIC).values_list("pk", "slug", "title")
        names = {
            OutputTally.Dimension.PROJECT: by_pk(public),
            OutputTally.Dimension.KRAJ: by_pk(Region.objects.values_list("pk", "slug", "name")),
        }
        rows = [
            OutputTally(dimension=OutputTally.Dimension.COMPLETE),
            *(row for listed in project_listed_types() for row in tallies_of(listed, names)),
        ]
        # Raw deletes: Django's would read every row to send it to the content signals.
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {OutputTally._meta.db_table}")  # nosec B608
        OutputTally.objects.bulk_create(rows, batch_size=500)
        for start in range(0, len(seen), 500):
            with connection.cursor() as cursor:
                batch = seen[start : start + 500]
                marks = ", ".join(["%s"] * len(batch))
                table = OutputTallyChange._meta.db_table
                cursor.execute(f"DELETE FROM {table} WHERE id IN ({marks})", batch)  # nosec B608
    connection.tally_change_noted = False


def tallies_of(listed, names):
    """OutputTally rows of one listed type: per public project, and per kraj where its first
    way to a kraj is its project (as `RegionFacet.counts` sums them); `names` are the
    {pk: (slug, name)} of the public projects and of the kraje, by dimension."""
    content_type = ContentType.objects.get_for_model(listed.model)
    projects = apps.get_model("projects", "ProjectPage").objects.order_by()
    shared = []
    if listed.project == "parent":
        by_path = dict(projects.values_list("path", "pk"))
        per_project = Counter()
        items = listed.model.objects.order_by().annotate(parent=parent_path())
        for parent, visibility, number in counted(items, "parent", "visibility", "pk"):
            if parent in by_path:
                per_project[by_path[parent], visibility] += number
        kraje = Counter()
        for project, region in projects.filter(regions__isnull=False).values_list("pk", "regions"):
            for visibility in Visibility.values:
                kraje[region, visibility] += per_project.get((project, visibility), 0)
    else:
        link = listed.model._meta.get_field(listed.project)
        if link.many_to_many:  # the link table, joined to its items for their visibility
            page, project = link.m2m_field_name(), link.m2m_reverse_field_name()
            items, visibility = link.remote_field.through.objects.order_by(), f"{page}__visibility"
        else:
            items, page, project = listed.model.objects.order_by(), "pk", listed.project
            visibility = "visibility"
        per_project = by_value(counted(items, project, visibility, page))
        kraje = by_value(counted(items, f"{project}__regions", visibility, page, distinct=True))
        if link.many_to_many and several_projects(items, page):
            shared.append(
                OutputTally(dimension=OutputTally.Dimension.SHARED, content_type=content_type)
            )
    if not reaches_kraje_through_projects(listed):
        kraje = {}
    return shared + [
        OutputTally(
            dimension=dimension,
            content_type=content_type,
            visibility=visibility,
            slug=names[dimension][value][0],
            name=names[dimension][value][1],
            number=number,
        )
        for dimension, counts in (
            (OutputTally.Dimension.PROJECT, per_project),
            (OutputTally.Dimension.KRAJ, kraje),
        )
        for (value, visibility), number in counts.items()
        if number and value in names[dimension]
    ]


def counted(rows, lookup, visibility, item, distinct=False):
    """(the value `lookup` leads to, the item's visibility, number of items) rows."""
    rows = rows.filter(**{f"{lookup}__isnull": False}).values_list(lookup, visibility)
    return rows.annotate(n=Count(item, distinct=distinct))


def several_projects(links, page):
    """Whether an item has several of `links` (rows of a link table to projects)."""
    return links.values(page).annotate(n=Count("*")).filter(n__gt=1).exists()


def by_value(rows):
    return {(value, visibility): number for value, visibility, number in rows}


def by_pk(rows):
    return {pk: (slug, name) for pk, slug, name in rows}


# --- keeping them -----------------------------------------------------------------------------


def _refresh_soon():
    refresh_tallies.enqueue()


def note_change(sender, created=False, **kwargs):
    """A change to content: a change row and a refresh after the commit, once per
    transaction while its row is there. (Migrations' historical models, and the tallies'
    own rows, are not content.)"""
    if sender._meta.apps is not apps or not changes_content(sender, created):
        return
    pending = (callback is _refresh_soon for _ids, callback, _robust in connection.run_on_commit)
    if getattr(connection, "tally_change_noted", False) and any(pending):
        return
    OutputTallyChange.objects.create()
    # On the connection, as Django keeps what a transaction does: the row is there until a
    # refresh (which resets this) deletes it, or a rollback (which drops the callback).
    connection.tally_change_noted = True
    transaction.on_commit(_refresh_soon)


def tallies_current():
    """Whether the tallies have counted every committed change."""
    _tally, current, params = tallies_current_sql()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT CASE WHEN {current} THEN 1 ELSE 0 END", params)  # nosec B608
        return bool(cursor.fetchone()[0])


def count_when_missing(using="default", **kwargs):
    """After `migrate` (or a flush): a database without tallies gets them (none while its
    tables are not there, as after a migration back)."""
    tables = connections[using].introspection.table_names()
    if {OutputTally._meta.db_table, OutputTallyChange._meta.db_table} - set(tables):
        return
    if not OutputTally.objects.filter(dimension=OutputTally.Dimension.COMPLETE).exists():
        refresh_output_tallies()


def connect():
    for signal in (post_save, post_delete, m2m_changed, post_page_move):
        signal.connect(note_change, dispatch_uid=f"output-tallies-{id(signal)}")
