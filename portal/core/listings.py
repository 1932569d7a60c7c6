"""Listings declared by index pages, run in the database.

An index page declares what it lists (`Listed`: a page type, its order, its date and how it
belongs to a project) and which facets it offers (`Facet` objects defined by the app that owns
the concept: topics in taxonomy, projects in projects, year and type here). `Listing` reads
the GET parameters through a Django form built from those facets, so a bad value is refused
before anything is listed, then filters, orders, counts and paginates in SQL: it reads only
the pages of the requested listing page and one row per facet choice.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import connection, models
from django.db.models import F, OrderBy
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from portal.core.access import is_staff_reader
from portal.core.pagination import PAGE_SIZE, paginate
from portal.core.tallies import ITEMS, Most, read_tallies
from portal.core.text import alphabetical
from portal.core.visibility import visible, visible_values

# --- what an index page declares ----------------------------------------------------------


@dataclass(frozen=True)
class Listed:
    """One page type an index lists.

    `order`: the field it sorts by (a date newest first, else text A–Z); `date` (and
    `date_end` for a span such as a project's duration): its year facet; `project`: how an
    item belongs to a project, read by the project facet (a field name or "parent");
    `kind`/`kind_label`: its choice in the type facet; `teaser_order`: the order of its
    newest items elsewhere (the home page), when not `order`; `regions`: lookups from the
    page to the kraje it is tied to (ending at a Region, or "parent" alone for the kraje of
    the project it sits under), read by the region facet.
    """

    model: type
    order: str
    date: str | None = None
    date_end: str | None = None
    project: str | None = None
    kind: str = ""
    kind_label: str = ""
    select_related: tuple = ()
    teaser_order: tuple | None = None
    regions: tuple = ()

    def queryset(self, staff=False):
        """Its live pages: the public ones, and for OSPOD staff the staff-only ones too."""
        return visible(self.model.objects.all(), staff)

    @property
    def order_key(self):
        """The stored field the order reads (A–Z: the folded title, see `sort_keys`)."""
        return "sort_title" if self.order == "title" else self.order

    def ordering(self):
        """The SQL order (undated items last, then A–Z), all of it on the page type's own
        table, so that an index in that order gives the first items without a join."""
        if self.order == "title":
            return (F("sort_title").asc(), F("title").asc())
        # NULLS LAST only where a date may be missing: on a NOT NULL date the clause only
        # kept PostgreSQL from reading the newest items off the date's index (0.8 ms, not 6).
        if self.model._meta.get_field(self.order).null:
            return (NewestFirst(self.order), F("sort_title").asc())
        return (F(self.order).desc(), F("sort_title").asc())

    def newest(self, count, prefetch=()):
        """The first `count` items in teaser order, one query (and one per `prefetch`)."""
        order = self.teaser_order or self.ordering()
        queryset = self.queryset().defer_streamfields().select_related(*self.select_related)
        return queryset.prefetch_related(*prefetch).order_by(*order)[:count]


class NewestFirst(OrderBy):
    """`field` descending, rows without a value last (DESC NULLS LAST).

    SQLite sorts NULL lowest, so there a plain DESC means the same, and only a plain DESC lets
    its planner read the field's index backwards. PostgreSQL needs the clause. (An index
    built DESC NULLS LAST did not help it: for the video teaser it chose that index and took
    19 ms where sorting the videos takes 10.)"""

    def __init__(self, field):
        super().__init__(F(field), descending=True, nulls_last=True)

    def as_sqlite(self, compiler, connection, **extra_context):
        plain = self.copy()
        if (plain.descending and plain.nulls_last) or (not plain.descending and plain.nulls_first):
            plain.nulls_first = plain.nulls_last = None  # SQLite's own order (also reversed)
        return plain.as_sql(compiler, connection, **extra_context)


class ListingOrderIndex(models.Index):
    """An index in a listing's order, written with `F(date).desc(nulls_last=True)` where a
    date may be missing (as `NewestFirst` sorts): PostgreSQL reads the newest items off it.
    SQLite takes no NULLS clause in an index, and its plain DESC already puts them last."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        index = self
        if schema_editor.connection.vendor == "sqlite":
            index = self.clone()
            index.expressions = tuple(_without_nulls_clause(e) for e in self.expressions)
        return models.Index.create_sql(index, model, schema_editor, using, **kwargs)


def _without_nulls_clause(expression):
    if isinstance(expression, OrderBy):
        expression = expression.copy()
        expression.nulls_first = expression.nulls_last = None
    return expression


# --- parsing the request --------------------------------------------------------------------


class FacetField(forms.CharField):
    """One facet's GET parameter: the facet decides what is valid."""

    def __init__(self, facet, listing):
        super().__init__(required=False, max_length=200)
        self.facet, self.listing = facet, listing
        self.error_messages["max_length"] = facet.unknown_message

    def clean(self, value):
        value = (value or "").strip()
        if not value:
            return None
        # CharField's own NUL check (this clean() replaces the one that runs it) before the
        # facet looks the value up: PostgreSQL refuses a NUL in a query with an error.
        ProhibitNullCharactersValidator()(value)
        return self.facet.clean(value, self.listing)


# Above this many matching items, a page of a filtered listing walks the listing's order on
# SQLite to its page's worth; up to it, the matches are collected and sorted (see
# Listing.ordered_querysets). Of 13,300 news items, walking to 24 matches took 2.5 ms and
# sorting them 0.05; for 3,900 matches, walking took 0.1 ms and sorting 9.
SORTED_FILTER_MAX = 100

TOO_MANY_VALUES_MESSAGE = _("Vyberte nejvýše %(count)d hodnot filtru.")


class FacetValuesField(forms.Field):
    """One facet's GET parameter given any number of times (?tema=a&tema=b), as the search
    takes it: each value cleaned by the facet, a tuple of them (none: an empty tuple)."""

    widget = forms.MultipleHiddenInput

    def __init__(self, facet, listing, max_values=20):
        super().__init__(required=False)
        self.facet, self.listing, self.max_values = facet, listing, max_values

    def clean(self, value):
        values = list(dict.fromkeys(v.strip() for v in value or () if v.strip()))
        if len(values) > self.max_values:
            raise ValidationError(TOO_MANY_VALUES_MESSAGE % {"count": self.max_values})
        return tuple(self.facet.clean(v, self.listing) for v in values)


class FacetForm(forms.Form):
    """The GET parameters of a listing (or a search), one field per facet: `field` is
    FacetField (one value, listings) or FacetValuesField (several, the search)."""

    def __init__(self, data, facets, listing=None, field=FacetField):
        super().__init__(data)
        for facet in facets:
            self.fields[facet.param] = field(facet, listing)

    def error_list(self):
        return [error for errors in self.errors.values() for error in errors]


# --- the listing ----------------------------------------------------------------------------


class Listing:
    """The items an index page declares, filtered by the request, paginated, with facets."""

    def __init__(self, request, listed, facets, per_page=PAGE_SIZE):
        self.request = request
        self.listed = list(listed)
        self.per_page = per_page
        self.staff = is_staff_reader(getattr(request, "user", None))
        self.memo = {}  # what facets learn while counting (labels), for this request only
        self.facet_list = [facet for facet in facets if facet.applies(self)]
        self.form = FacetForm(request.GET, self.facet_list, self)
        self.form.is_valid()
        self.errors = self.form.error_list()
        self.active = {
            facet: self.form.cleaned_data[facet.param]
            for facet in self.facet_list
            if self.form.cleaned_data.get(facet.param) is not None
        }

    def base(self, listed):
        """The pages of `listed` this visitor may read, before any filter."""
        return self.remembered(("base", listed), lambda: listed.queryset(staff=self.staff))

    def is_unfiltered(self, listed, queryset):
        """Whether `queryset` is every page of `listed` this visitor may read: then counts can
        come from tables and indexes of their own, with the visibility as the only filter."""
        return queryset is self.base(listed)

    def remembered(self, key, make):
        """`make()`, made once per request for each key."""
        if key not in self.memo:
            self.memo[key] = make()
        return self.memo[key]

    @property
    def visibilities(self):
        """The values of `visibility` the base pages have."""
        return visible_values(self.staff)

    @property
    def single_type(self):
        return len(self.listed) == 1

    @property
    def is_filtered(self):
        return bool(self.active)

    def querysets(self, except_facet=None):
        """[(listed, its pages matching every active filter but `except_facet`)]."""
        return [(listed, self.filtered(listed, except_facet)) for listed in self.listed]

    def filtered(self, listed, except_facet=None, in_order=False):
        """The pages of `listed` matching the active filters but `except_facet`: one queryset
        object per request for each set of filters, so that what is read from it (counts,
        rows per project) is remembered by the object, not by its SQL (compiling a query
        to tell it from another cost a cold listing as much as running it)."""
        queryset, applied = self.base(listed), ()
        for facet, value in self.active.items():
            if facet is not except_facet:
                applied += (facet,)
                key = ("filtered", listed, in_order, applied)
                if key not in self.memo:
                    how = facet.filter_in_order if in_order else facet.filter
                    self.memo[key] = how(listed, queryset, value)
                    if len(applied) == 1:
                        self.memo[("alone", self.memo[key])] = (facet, listed, value)
                queryset = self.memo[key]
        return queryset

    def ordered_querysets(self):
        """[(listed, counted pages, the pages to read in order)]. On SQLite, a filter that
        matches many items is cheaper walked in listing order to the page's worth
        (`Facet.filter_in_order`), and one that matches a few collected first and sorted,
        as counted. PostgreSQL's planner chooses for itself (walking a topic's 550 reports
        took it 5 ms instead of 1.5)."""
        walks = connection.vendor == "sqlite" and any(f.walks_in_order for f in self.active)
        result = []
        for listed, queryset in self.querysets():
            if walks and self.count_of(queryset) > SORTED_FILTER_MAX:
                result.append((listed, queryset, self.filtered(listed, in_order=True)))
            else:
                result.append((listed, queryset, queryset))
        return result

    @cached_property
    def facets(self):
        views = []
        for facet in self.facet_list:
            selected = str(self.active.get(facet, ""))
            counts = self.tallied_counts(facet)
            if counts is None:
                counts = facet.counts(self, self.querysets(except_facet=facet))
            views.append(facet.view(self, counts, selected))
        return views

    @cached_property
    def tallies(self):
        """This listing's counts as the tallies keep them (portal.core.tallies): {content
        type id: (its Listed, which of its tallies the filters leave)} and what was read of
        them; None where they do not serve (two filters, or one they keep nothing of) or
        are not current. The number of the pages of each type, and every facet's counts,
        then come from one query."""
        if len(self.active) > 1 or not all(facet.filters_tallies for facet in self.active):
            return None
        if not any(facet.tallied for facet in self.facet_list):
            return None  # the tallies hold no rows of these types
        filters = {}
        for listed in self.listed:
            under = ITEMS
            for facet, value in self.active.items():
                under = facet.tally_filter(listed, value)
            filters[type_id(listed)] = (listed, under)
        own = next((facet.param for facet in self.active if facet.tallied), None)
        most = [Most(f.param, f.tally_most) for f in self.facet_list if f.tallied and f.tally_most]
        unders = {ct: under for ct, (_listed, under) in filters.items()}
        read = read_tallies(self, unders, own, most)
        return (filters, read) if read is not None else None

    def tallied_counts(self, facet):
        """{value: number} of `facet` from the tallies (remembering the labels read), or
        None where they do not keep it."""
        if not facet.tallied or self.tallies is None:
            return None
        filters, read = self.tallies
        if facet.param in read.summed:
            summed = read.summed[facet.param]
            facet.remember_labels(self, {value: label for value, (label, _n) in summed.items()})
            return {value: number for value, (_label, number) in summed.items()}
        counts, labels = {}, {}
        own = facet in self.active  # its own counts are among the pages it does not filter
        for content_type, (_listed, under) in filters.items():
            if under is None:
                continue
            values = read.values(content_type, "" if own else under[0], facet.param)
            for value, (label, number) in values.items():
                counts[value] = counts.get(value, 0) + number
                labels[value] = label
        facet.remember_labels(self, labels)
        return counts

    def tallied_count(self, queryset):
        """The number of the pages of `queryset` (of `filtered`: none or one filter) from the
        tallies, or None where they do not keep it."""
        if self.tallies is None:
            return None
        filters, read = self.tallies
        every = next((ld for ld in self.listed if self.is_unfiltered(ld, queryset)), None)
        if every is not None:
            return read.count(type_id(every), under="")
        _facet, listed, _value = self.memo.get(("alone", queryset), (None, None, None))
        if listed is None:
            return None
        under = filters[type_id(listed)][1]
        return read.count(type_id(listed), under=under[0]) if under else 0

    def count_of(self, queryset):
        """queryset.count(), once per request for each queryset of `filtered`: unfiltered by
        type, the type facet counts the very pages the pagination counts. Filtered by one
        facet alone, the facet's own rows are counted where it has them (`matching_alone`)."""
        return self.remembered(("count", queryset), lambda: self.counted(queryset))

    def counted(self, queryset):
        number = self.tallied_count(queryset)
        if number is not None:
            return number
        ids = self.matching_alone(queryset)
        return (queryset if ids is None else ids).count()

    def matching_alone(self, queryset):
        """The ids of the pages of `queryset` (of `filtered`), off a table of the one facet
        that filters it, where it has one (Facet.matching_alone); else None."""
        facet, listed, value = self.memo.get(("alone", queryset), (None, None, None))
        return facet.matching_alone(self, listed, value) if facet else None

    @cached_property
    def page_obj(self):
        querysets = self.ordered_querysets()
        if len(querysets) == 1:
            listed, counted, queryset = querysets[0]
            loaded = queryset.defer_streamfields().select_related(*listed.select_related)
            ordered = self.ordered(listed, loaded)
            # One count per request: ordered_querysets may have counted the same pages.
            page_obj = paginate(self.request, ordered, self.count_of(counted), self.per_page)
            page_obj.object_list = with_topics(list(page_obj.object_list))
            return page_obj
        merged = MergedOrder(querysets, self.count_of)
        page_obj = paginate(self.request, merged, per_page=self.per_page)
        page_obj.object_list = self.load(list(page_obj.object_list))
        return page_obj

    def ordered(self, listed, queryset):
        """The first active facet that sorts decides the order; else the listed order."""
        for facet, value in self.active.items():
            result = facet.order(listed, queryset, value)
            if result is not None:
                return result
        return queryset.order_by(*listed.ordering())

    @property
    def count(self):
        return self.page_obj.paginator.count

    def load(self, items):
        """The specific pages of one listing page ((listed, pk) pairs), with their topics, in
        listing order."""
        ids = {}
        for listed, pk in items:
            ids.setdefault(listed.model, []).append(pk)
        loaded = {}
        for listed in self.listed:
            if listed.model in ids:
                queryset = (
                    listed.model.objects.filter(pk__in=ids[listed.model])
                    .defer_streamfields()
                    .select_related(*listed.select_related)
                )
                loaded.update({page.pk: page for page in queryset})
        return with_topics([loaded[pk] for _listed, pk in items if pk in loaded])


def type_id(listed):
    return ContentType.objects.get_for_model(listed.model).pk


def with_topics(pages):
    """`pages` (a list), each with `listed_topics`: its topics in Czech alphabetical order,
    every page's read in one query. (Taggit's prefetch_related("topics") built a queryset
    for each page, 2.6 ms for a listing page of 12 news items, 0.3 so; and read the topics
    in no order.)"""
    topics = apps.get_model("taxonomy", "Topic").objects.filter(
        tagged_pages__content_object__in=[page.pk for page in pages]
    )
    by_page = {}
    for topic in topics.annotate(listed_on=F("tagged_pages__content_object")).order_by():
        by_page.setdefault(topic.listed_on, []).append(topic)
    for page in pages:
        page.listed_topics = sorted(by_page.get(page.pk, ()), key=lambda t: alphabetical(t.name))
    return pages


class MergedOrder:
    """The pages of several types in one order (newest first, or A–Z when every type sorts
    by title), as (listed, pk) pairs, for a Paginator.

    A slice reads, of each type, only its first items in the type's own order (off its
    date's index), or for a page nearer the end its last ones, and merges them here:
    sorting all 16,000 news items and reports by a key computed across two tables took
    25–45 ms on PostgreSQL for every first page.
    """

    def __init__(self, querysets, count_of):
        self.querysets, self.count_of = querysets, count_of  # see Listing.ordered_querysets
        self.by_title = all(listed.order == "title" for listed, *_querysets in querysets)

    @cached_property
    def total(self):
        # The types are disjoint: a count each is cheaper than counting a merged query.
        return sum(self.count_of(counted) for _listed, counted, _ordered in self.querysets)

    def count(self):
        return self.total

    def __getitem__(self, window):
        if window.start > self.total - window.stop:  # nearer the end: read it backwards
            tail = self.first(self.total - window.start, backwards=True)[::-1]
            return tail[: window.stop - window.start]
        return self.first(window.stop)[window]

    def first(self, count, backwards=False):
        """The first `count` (listed, pk) pairs in the merged order, or in its reverse."""
        rows = []
        for listed, _counted, queryset in self.querysets:
            ordered = queryset.order_by(*listed.ordering())
            ordered = ordered.reverse() if backwards else ordered
            values = ordered.values_list("pk", listed.order_key, "sort_title", "title")[:count]
            for pk, value, sort_title, title in values:
                rows.append((self.key(value, sort_title, title), listed, pk))
        rows.sort(key=lambda row: row[0], reverse=backwards)
        return [(listed, pk) for _key, listed, pk in rows[:count]]

    def key(self, value, sort_title, title):
        if self.by_title:
            return (sort_title, title)
        if value is None:
            return (1, 0.0, sort_title)  # undated items last
        if not isinstance(value, datetime.datetime):  # a date: its midnight (UTC), as SQL casts
            value = datetime.datetime.combine(value, datetime.time(), datetime.UTC)
        return (0, -value.timestamp(), sort_title)
