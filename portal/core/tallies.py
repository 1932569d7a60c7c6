"""Tallies of the listings' facets, kept as content changes.

A listing shows, beside its items, how many of them each facet value has (topics, projects,
kraje, years). Counting them took a cold listing of 20,000 pages most of its time: a query
and its compiling per facet, and under a filter a count of the filtered items per facet.
Those numbers change only when content does, so they are counted once after each change
(`refresh_listing_tallies`, a background task) into `ListingTally`: per listed page type and
visibility, the items per value of each facet that keeps tallies (`Facet.tallied`), among
every item and among the items of each value of another such facet. An unfiltered listing,
or one filtered by one such facet, then reads all its counts in one query (`read_tallies`).
At 20,000 pages a refresh writes about 60,000 rows in about a second (the news listing
filtered by a topic: 26 queries and 56 ms on SQLite counting, 17 and 42 ms so).

A change writes a `ListingTallyChange` row in its own transaction (no shared row to lock); a
refresh deletes the rows it has seen. The tallies are current while no change row is left
and the refresh's `COMPLETE` row is there; else the listing counts its items as before.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, connections, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django_tasks import task
from wagtail.signals import post_page_move

from portal.core.content_version import changes_content
from portal.core.visibility import Visibility, visible_values

COMPLETE = "*"  # the `param` of the one row a finished refresh writes
ITEMS = ("", "")  # the (param, value) every item has: its tally is the number of items


class ListingTally(models.Model):
    """How many items of one listed page type and visibility have one value of a facet
    (`param`, `value`, shown as `label`): among every item of the type (no filter), or among
    those with the value `filter_value` of the facet `filter_param`. With no `param`, the
    number of the items themselves."""

    shows_content = False  # its rows change no page (see portal.core.content_version)

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True)
    visibility = models.PositiveSmallIntegerField(choices=Visibility.choices, default=0)
    filter_param = models.CharField(max_length=20, blank=True)
    filter_value = models.CharField(max_length=255, blank=True)
    param = models.CharField(max_length=20, blank=True)
    value = models.CharField(max_length=255, blank=True)
    label = models.CharField(max_length=255, blank=True)
    number = models.PositiveIntegerField(default=0)

    class Meta:
        # Every column, so that a listing's read is answered by the index alone: a topic's
        # 1,700 rows took SQLite 3.1 ms looked up in the table, 1.3 so.
        indexes = [
            models.Index(
                fields=["filter_param", "filter_value", "content_type", "visibility", "param"]
                + ["value", "number", "label"],
                name="listing_tally_read_idx",
            )
        ]

    def __str__(self):
        return f"{self.filter_param}={self.filter_value}: {self.param}={self.value} {self.number}"


class ListingTallyChange(models.Model):
    """A committed content change the tallies may not have counted yet."""

    shows_content = False

    id = models.BigAutoField(primary_key=True)

    def __str__(self):
        return f"#{self.pk}"


# --- counting -------------------------------------------------------------------------------


def tallied_types():
    """[(Listed, its index's facets that keep tallies)], each listed page type once."""
    from portal.core.models import IndexPage

    found = {}
    for index_model in IndexPage.concrete_subclasses():
        facets = [facet for facet in index_model.facets if facet.tallied]
        for listed in index_model.listed:
            if facets and listed.model not in found:
                found[listed.model] = (listed, facets)
    return list(found.values())


@task()
def refresh_tallies():
    """The refresh after a content change, as a background task, unless a refresh queued
    before it has counted the change."""
    if not tallies_current():
        refresh_listing_tallies()


def refresh_listing_tallies():
    """Count every tally afresh, and forget the changes counted."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # One refresh at a time (workers of several instances): two would each delete the
            # rows they see and both insert theirs. Reading the tallies is not blocked.
            with connection.cursor() as cursor:
                table = ListingTally._meta.db_table
                cursor.execute(f"LOCK TABLE {table} IN EXCLUSIVE MODE")  # nosec B608
        seen = list(ListingTallyChange.objects.values_list("pk", flat=True))
        rows = [(None, 0, "", "", COMPLETE, "", "", 0)]
        for listed, facets in tallied_types():
            rows += tallies_of(listed, facets)
        # Raw deletes: Django's would read every row to send it to the content signals.
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {ListingTally._meta.db_table}")  # nosec B608
        write(rows)
        table = ListingTallyChange._meta.db_table
        for start in range(0, len(seen), 500):
            batch = seen[start : start + 500]
            marks = ", ".join(["%s"] * len(batch))
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {table} WHERE id IN ({marks})", batch)  # nosec B608
    connection.listing_tally_change_noted = False


def tallies_of(listed, facets):
    """ListingTally rows of one listed type: for each visible item, each of its values
    counted among every item and under each of its values of the other facets."""
    visibility = dict(
        listed.model.objects.filter(visibility__in=visible_values(staff=True))
        .order_by()
        .values_list("pk", "visibility")
    )
    values, labels = defaultdict(set), {}
    for facet in facets:
        for pk, value, label in facet.tally_values(listed):
            if pk in visibility and value is not None:
                values[pk].add((facet.param, str(value)))
                labels[facet.param, str(value)] = str(label)
    counts = Counter(pairs(visibility, values))
    content_type = ContentType.objects.get_for_model(listed.model).pk
    return [
        (content_type, seen_by, *under, *counted, labels.get(counted, "")[:255], number)
        for (seen_by, under, counted), number in counts.items()
    ]


def pairs(visibility, values):
    """(visibility, (filter param, value), (param, value)) of each item ({pk: visibility}):
    each of its values (and ITEMS) among every item, and under each of its values of
    another facet."""
    for pk, seen_by in visibility.items():
        own = (ITEMS, *values.get(pk, ()))
        for under in own:
            for counted in own:
                if under is ITEMS or under[0] != counted[0]:
                    yield seen_by, under, counted


COLUMNS = ("content_type_id", "visibility", "filter_param", "filter_value", "param", "value")
COLUMNS += ("label", "number")


def write(rows):
    """Insert tally rows (tuples in COLUMNS' order): 60,000 of them as model instances
    through bulk_create took 2.5 s on SQLite; so 0.2, and on PostgreSQL a COPY."""
    table = ListingTally._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(COLUMNS))
        insert = f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES ({marks})"  # nosec B608
        cursor.executemany(insert, rows)


# --- reading --------------------------------------------------------------------------------


def tallies_current_sql():
    """SQL true while the tallies have counted every change, and its params."""
    tally, change = ListingTally._meta.db_table, ListingTallyChange._meta.db_table
    # The COMPLETE row by every column of the index before its param: by the param alone,
    # PostgreSQL scanned the table for it (0.6 ms), wherever the refresh had put it.
    sql = (
        f"NOT EXISTS (SELECT 1 FROM {change})"  # nosec B608 # table names from the models
        f" AND EXISTS (SELECT 1 FROM {tally} WHERE filter_param = '' AND filter_value = ''"
        " AND content_type_id IS NULL AND visibility = 0 AND param = %s)"
    )
    return sql, [COMPLETE]


def tallies_current():
    """Whether the tallies have counted every committed change."""
    current, params = tallies_current_sql()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT CASE WHEN {current} THEN 1 ELSE 0 END", params)  # nosec B608
        return bool(cursor.fetchone()[0])


@dataclass
class Tallies:
    """What one query read of the tallies of a listing's types: {(content type, filter
    param, param): {value: [label, number]}}, the filter param "" for every item; and of a
    facet that shows only its most frequent values, {param: {value: [label, number]}} summed
    over the types already (`summed`)."""

    rows: dict = field(default_factory=lambda: defaultdict(dict))
    summed: dict = field(default_factory=lambda: defaultdict(dict))

    def values(self, content_type, under, param):
        return self.rows.get((content_type, under, param), {})

    def count(self, content_type, under):
        return sum(number for _label, number in self.values(content_type, under, "").values())


@dataclass(frozen=True)
class Most:
    """A facet that shows only its `limit` most frequent values: its tallies are summed
    over the listing's types and cut in SQL, not every one of its values read (1,200
    projects: 1,700 rows for a listing of news and reports). (Its field shows no count of
    a chosen value it cuts.)"""

    param: str
    limit: int


def read_tallies(listing, filters, own=None, most=()):
    """Tallies of `filters` ({content type id: (param, value) of the active filter, ITEMS
    for every item, or None}) and of every item (of the param `own` alone, the active
    facet's, and the number of items, when one is given), for the listing's visitor; of the
    params of `most` (Most), only their most frequent values, summed. None while they are
    not current. Each part is read off the index on its own (with an OR of both, SQLite
    read all 60,000 tallies of 20,000 pages: 13 ms)."""
    where, where_params = visible_types_sql(listing, list(filters))
    summed = {most_.param for most_ in most}
    parts, parts_params = ["filter_param = '' AND filter_value = ''"], [[]]
    if own is not None:
        parts[0] += " AND param IN ('', %s)"
        parts_params[0].append(own)
    for under in {under for under in filters.values() if under not in (ITEMS, None)}:
        parts.append("filter_param = %s AND filter_value = %s")  # one: a single filter
        parts_params.append(list(under))
    if summed:
        for number, part in enumerate(parts):
            parts[number] = f"{part} AND param NOT IN ({', '.join(['%s'] * len(summed))})"
            parts_params[number] += sorted(summed)
    table = ListingTally._meta.db_table
    ctes, ctes_params, selects, sql_params = [], [], [], []
    for part, part_params in zip(parts, parts_params, strict=True):
        selects.append(
            f"SELECT content_type_id, filter_param, param, value, label, number FROM {table}"
            f" WHERE {part} AND {where}"  # nosec B608 # table name from the model
        )
        sql_params += [*part_params, *where_params]
    for number, most_ in enumerate(most):
        cte, cte_params, select, select_params = most_sql(listing, filters, own, most_, number)
        ctes.append(cte)
        ctes_params += cte_params
        selects.append(select)
        sql_params += select_params
    current, params = tallies_current_sql()
    selects.append(f"SELECT NULL, '', %s, '', '', CASE WHEN {current} THEN 1 ELSE 0 END")
    sql = " UNION ALL ".join(selects)
    if ctes:
        sql = f"WITH {', '.join(ctes)} {sql}"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*ctes_params, *sql_params, COMPLETE, *params])
        result = cursor.fetchall()
    return read_rows(result)


def visible_types_sql(listing, types):
    sql = (
        f"content_type_id IN ({', '.join(['%s'] * len(types))})"
        f" AND visibility IN ({', '.join(['%s'] * len(listing.visibilities))})"
    )
    return sql, [*types, *listing.visibilities]


def most_sql(listing, filters, own, most, number):
    """(CTE, its params, SELECT, its params) of the summed tallies of one `Most`: each type
    read where the listing reads its counts of that param (see Listing.tallied_counts)."""
    table = ListingTally._meta.db_table
    readers = defaultdict(list)  # {(filter param, filter value): content types}
    for content_type, under in filters.items():
        if under is not None:
            readers[ITEMS if most.param == own else under].append(content_type)
    reads, params = [], []
    for (filter_param, filter_value), types in readers.items():
        where, where_params = visible_types_sql(listing, types)
        reads.append(
            f"SELECT value, label, number FROM {table} WHERE filter_param = %s"  # nosec B608
            f" AND filter_value = %s AND param = %s AND {where}"
        )
        params += [filter_param, filter_value, most.param, *where_params]
    if not reads:
        reads.append("SELECT '' AS value, '' AS label, 0 AS number WHERE 1 = 0")
    name = f"most_{number}"
    # Names and reads are the code's own; the values are parameters.
    cte = (
        f"{name} AS (SELECT value, MAX(label) AS label, SUM(number) AS number"  # nosec B608
        f" FROM ({' UNION ALL '.join(reads)}) AS tallies GROUP BY value)"
    )
    # The values as frequent as the limit-th most frequent one (all of them when fewer).
    limit = f"SELECT number FROM {name} ORDER BY number DESC LIMIT 1 OFFSET %s"  # nosec B608
    kept = f"number >= COALESCE(({limit}), 0)"
    select = f"SELECT 0, '', %s, value, label, number FROM {name} WHERE {kept}"  # nosec B608
    return cte, params, select, [most.param, most.limit - 1]


def read_rows(result):
    """Tallies of the rows `read_tallies` read, or None while they are not current (not to
    be confused with `tallies_of`, which counts the rows a refresh writes)."""
    tallies, is_current = Tallies(), False
    for content_type, under, param, value, label, number in result:
        if content_type is None:
            is_current = bool(number)
            continue
        values = (
            tallies.summed[param] if content_type == 0 else tallies.rows[content_type, under, param]
        )
        values[value] = [label, values.get(value, ("", 0))[1] + number]
    return tallies if is_current else None


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
    if getattr(connection, "listing_tally_change_noted", False) and any(pending):
        return
    ListingTallyChange.objects.create()
    # On the connection, as Django keeps what a transaction does: the row is there until a
    # refresh (which resets this) deletes it, or a rollback (which drops the callback).
    connection.listing_tally_change_noted = True
    transaction.on_commit(_refresh_soon)


def count_when_missing(using="default", **kwargs):
    """After `migrate` (or a flush): a database without tallies gets them (none while its
    tables are not there, as after a migration back)."""
    tables = connections[using].introspection.table_names()
    if {ListingTally._meta.db_table, ListingTallyChange._meta.db_table} - set(tables):
        return
    if not ListingTally.objects.filter(param=COMPLETE).exists():
        refresh_listing_tallies()


def connect():
    for signal in (post_save, post_delete, m2m_changed, post_page_move):
        signal.connect(note_change, dispatch_uid=f"listing-tallies-{id(signal)}")
