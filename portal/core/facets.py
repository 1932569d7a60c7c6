"""Facets: the filters of a listing (and of search), each a GET parameter with its
validation, its SQL filter and its SQL counts.

`Facet` is the base; `YearFacet` and `KindFacet` serve every listing; `LinkedVocabularyFacet`
is a vocabulary reached from the page through a link table (topics, target groups, settings,
standards, kraje of use), declared by the app that owns the vocabulary.
"""

from collections import Counter
from dataclasses import dataclass
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import gettext_lazy as _

from portal.core.subqueries import in_any
from portal.core.tallies import ITEMS
from portal.core.text import Fold
from portal.core.visibility import VISIBILITY_COPIES, visible_values
from portal.core.years import clean_year, counted_by_year, year_of


@dataclass
class Choice:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetView:
    """One facet as a page shows it (listings and search alike)."""

    param: str
    label: str
    choices: list[Choice]
    selected: str = ""
    widget: str = "select"
    selected_label: str = ""
    suggest_url: str = ""

    @property
    def options(self):
        return self.choices

    def as_json(self):
        return [
            {"value": c.value, "label": str(c.label), "count": c.count, "selected": c.selected}
            for c in self.choices
        ]


class Facet:
    """A filter of a listing: its GET parameter, validation, SQL filter and SQL counts."""

    param = ""
    label = ""
    widget = "select"
    script = None  # a static script the facet's field needs (progressive enhancement)
    unknown_message = _("„%(value)s“ v tomto výpisu nenajdete.")

    def applies(self, listing):
        return True

    def clean(self, value, listing):
        """The value to filter by, or ValidationError with a Czech message (cheap queries)."""
        return value

    def filter(self, listed, queryset, value):
        raise NotImplementedError

    @property
    def walks_in_order(self):
        """Whether `filter_in_order` differs from `filter` (see Listing.ordered_querysets)."""
        return type(self).filter_in_order is not Facet.filter_in_order

    def filter_in_order(self, listed, queryset, value):
        """`filter`, written for reading the first items in listing order."""
        return self.filter(listed, queryset, value)

    def order(self, listed, queryset, value):
        """The queryset in this facet's own order, or None to keep the listed order."""
        return None

    def matching_alone(self, listing, listed, value):
        """The ids of the pages `filter` leaves of the visitor's pages of `listed`, read off
        a table of the facet's own, one row per page, cheaper than the pages themselves;
        None when the facet has no such table."""
        return None

    def counts(self, listing, querysets):
        """{value: number of items} over [(listed, queryset)]."""
        raise NotImplementedError

    # Whether the facet's counts are kept in the listings' tallies (portal.core.tallies),
    # from `tally_values`; a listing filtered by it alone then reads every count there.
    tallied = False
    # How many of its most frequent values a listing shows, where not all (with any as
    # frequent as the last of them): only those are read of its tallies.
    tally_most = None

    def tally_values(self, listed):
        """(page pk, value, label) of every page of `listed` (tallied facets)."""
        return ()

    def tally_filter(self, listed, value):
        """Which tallies of `listed` hold its pages this filter leaves: those under (param,
        value), every page's (tallies.ITEMS), or None (no page: nothing to read)."""
        return (self.param, str(value))

    @property
    def filters_tallies(self):
        """Whether a listing filtered by this facet alone reads its counts from the tallies."""
        return self.tallied

    def remember_labels(self, listing, labels):
        """Keep {value: label} read with the tallied counts, for `labels`."""

    def labels(self, listing, values):
        return {value: str(value) for value in values}

    def sort(self, choices):
        return sorted(choices, key=lambda c: Fold.python(c.label))

    def refuse(self, value):
        raise ValidationError(self.unknown_message % {"value": value[:40]})

    def view(self, listing, counts, selected):
        labels = self.labels(listing, set(counts) | ({selected} if selected else set()))
        choices = [
            Choice(value, label, counts.get(value, 0), value == selected)
            for value, label in labels.items()
            if counts.get(value) or value == selected
        ]
        return FacetView(self.param, str(self.label), self.sort(choices), selected, self.widget)


def exists_in(listing, facet, value):
    """Whether some item of the listing matches `value` (one EXISTS query per page type)."""
    for listed in listing.listed:
        rows = facet.matching_alone(listing, listed, value)
        if rows is None:
            rows = facet.filter(listed, listing.base(listed), value)
        if rows.exists():
            return True
    return False


class YearFacet(Facet):
    """The year of an item's date, or every year of its span."""

    param = "rok"
    label = _("Rok")

    def applies(self, listing):
        return any(listed.date for listed in listing.listed)

    def clean(self, value, listing):
        return clean_year(value)

    @staticmethod
    def span(listed):
        start, end = ExtractYear(listed.date), ExtractYear(listed.date_end or listed.date)
        return Coalesce(start, end), Coalesce(end, start)

    def filter(self, listed, queryset, value):
        if not listed.date:
            return queryset.none()
        if not listed.date_end:
            return queryset.filter(**{f"{listed.date}__year": value})
        start, end = self.span(listed)
        return queryset.alias(year_from=start, year_to=end).filter(
            year_from__lte=value, year_to__gte=value
        )

    def counts(self, listing, querysets):
        counts = {}
        for listed, queryset in querysets:
            if not listed.date:
                continue
            for first, last, number in self.year_rows(listing, listed, queryset):
                if first is None:
                    continue
                for year in range(first, last + 1):
                    counts[str(year)] = counts.get(str(year), 0) + number
        return counts

    def year_rows(self, listing, listed, queryset):
        """(first year, last year, number of items) rows: off the date's index when the
        listing is unfiltered, else grouped by the year of each item."""
        if listing.is_unfiltered(listed, queryset) and not listed.date_end:
            rows = counted_by_year(listed.model, listed.date, listing.visibilities)
            if rows is not None:
                return rows
        queryset = queryset.order_by()
        if not listed.date_end:
            year = year_of(queryset, listed.date)
            rows = queryset.annotate(year=year).values_list("year").annotate(n=Count("pk"))
            return [(first, first, number) for first, number in rows]
        start, end = year_of(queryset, listed.date), year_of(queryset, listed.date_end)
        rows = queryset.annotate(year_from=Coalesce(start, end), year_to=Coalesce(end, start))
        return rows.values_list("year_from", "year_to").annotate(n=Count("pk"))

    tallied = True

    def tally_values(self, listed):
        if not listed.date:
            return
        rows = listed.model.objects.order_by()
        if not listed.date_end:
            rows = rows.annotate(year=year_of(rows, listed.date))
            for pk, year in rows.values_list("pk", "year"):
                yield pk, year, year
            return
        start, end = year_of(rows, listed.date), year_of(rows, listed.date_end)
        rows = rows.annotate(year_from=Coalesce(start, end), year_to=Coalesce(end, start))
        for pk, first, last in rows.values_list("pk", "year_from", "year_to"):
            for year in range(first, last + 1) if first is not None else ():
                yield pk, year, year

    def sort(self, choices):
        return sorted(choices, key=lambda c: c.value, reverse=True)


class KindFacet(Facet):
    """The page type, when an index lists more than one."""

    param = "typ"
    label = _("Druh")
    unknown_message = _("Druh obsahu „%(value)s“ neznáme.")

    def applies(self, listing):
        return len([listed for listed in listing.listed if listed.kind]) > 1

    def clean(self, value, listing):
        if value not in {listed.kind for listed in listing.listed}:
            self.refuse(value)
        return value

    def filter(self, listed, queryset, value):
        return queryset if listed.kind == value else queryset.none()

    filters_tallies = True  # its counts are the listing's counts of each type

    def tally_filter(self, listed, value):
        return ITEMS if listed.kind == value else None

    def counts(self, listing, querysets):
        return {listed.kind: listing.count_of(queryset) for listed, queryset in querysets}

    def labels(self, listing, values):
        return {item.kind: item.kind_label for item in listing.listed if item.kind in values}

    def view(self, listing, counts, selected):
        view = super().view(listing, counts, selected)
        order = [listed.kind for listed in listing.listed]
        view.choices.sort(key=lambda c: order.index(c.value))
        return view


@dataclass(frozen=True)
class Link:
    """Where a page type's links to a vocabulary live: the table (`model`), its column that
    points at the page (`page`) and the lookup from a row of it to the vocabulary entry."""

    model: type
    page: str
    entry: str

    @property
    def once_per_page(self):
        """Whether the table holds each (page, entry) pair at most once: then counting its
        rows counts pages, without the sort a distinct count needs."""
        if "__" in self.entry or self.page == "pk":
            return False
        pair = {self.model._meta.get_field(name).name for name in (self.page, self.entry)}
        unique = [set(fields) for fields in self.model._meta.unique_together]
        unique += [
            set(c.fields) for c in self.model._meta.constraints if getattr(c, "fields", None)
        ]
        return pair in unique


def has_copies(link):
    """Whether each row of the link table is one page once, with a copy of its page's type
    and visibility (VISIBILITY_COPIES): its rows then stand for the visible pages."""
    copies = (link.model, link.page) in VISIBILITY_COPIES
    return copies and link.once_per_page and "__" not in link.entry


@cache
def link_of(model, lookup):
    """The link table `lookup` (from a page of `model` to a vocabulary entry) goes through.

    A many-to-many field goes through its own table, a reverse foreign key through the rows
    that point at the page; any other lookup starts at the page itself. None when the page
    type has no such field.
    """
    first, _, rest = lookup.partition("__")
    try:
        field = model._meta.get_field(first)
    except FieldDoesNotExist:
        return None
    if field.many_to_many and not field.auto_created:
        entry = "__".join(filter(None, (field.m2m_reverse_field_name(), rest)))
        return Link(field.remote_field.through, field.m2m_field_name(), entry)
    if field.one_to_many and rest:
        return Link(field.related_model, field.field.name, rest)
    return Link(model, "pk", lookup)


class Chosen(str):
    """A facet's value as the visitor gave it (a key), carrying what cleaning it found, so
    that the filter need not look it up again (`Chosen("sanace-rodiny", pk=7)`)."""

    def __new__(cls, key, **found):
        value = super().__new__(cls, key)
        value.__dict__.update(found)
        return value


class LinkedVocabularyFacet(Facet):
    """Pages linked to one entry of a vocabulary (chosen by its `key`) through a link table.

    `lookup` leads from the page to the entry ("topic_items__tag", "target_groups",
    "adoptions__municipality__region"); the owning app declares it with its `vocabulary`
    model. A page type without the lookup's first field never matches. The filter is a
    subquery of the link table, so a page linked twice to one entry is listed once; the
    counts are one grouped query per link table (distinct pages per entry); the labels come
    from that query, or from the vocabulary for a selected entry with no items. Choices sort
    by their label, or by `choice_order`, a field of the vocabulary.
    """

    vocabulary = None
    key = "slug"
    label_field = "name"
    lookup = ""
    choice_order = None

    def link(self, listed):
        return link_of(listed.model, self.lookup)

    def applies(self, listing):
        return any(self.link(listed) for listed in listing.listed)

    def clean(self, value, listing):
        pk = self.vocabulary.objects.filter(**{self.key: value}).values_list("pk").first()
        chosen = Chosen(value, pk=pk[0]) if pk else None
        if chosen is None or not exists_in(listing, self, chosen):
            self.refuse(value)
        return chosen

    def filter(self, listed, queryset, value):
        return self.linked_pages(listed, queryset, value, in_order=False)

    @property
    def tallied(self):
        return self.choice_order is None  # a tally keeps no order of the choices

    def tally_values(self, listed):
        link = self.link(listed)
        if link is None:
            return []
        rows = link.model.objects.filter(**{f"{link.page}__in": listed.model.objects.values("pk")})
        entry = f"{link.entry}__"
        return rows.values_list(link.page, entry + self.key, entry + self.label_field)

    def remember_labels(self, listing, labels):
        entries = self.entries(listing)
        for value, label in labels.items():
            entries.setdefault(value, [label])

    def matching_alone(self, listing, listed, value):
        """The link rows, where the link table keeps copies of its pages' type and
        visibility: a topic's 3,900 news items counted off its index, not page by page."""
        link = self.link(listed)
        if link is None or not has_copies(link) or not hasattr(value, "pk"):
            return None
        return self.linked(listed, link, value, listing.visibilities).values(link.page)

    def filter_in_order(self, listed, queryset, value):
        return self.linked_pages(listed, queryset, value, in_order=True)

    def linked_pages(self, listed, queryset, value, in_order):
        """The pages linked to the entry: IN a subquery of the link table, or, read in
        listing order, a correlated EXISTS, so that the database walks the listing's order
        index and stops at a page's worth where IN first collects and sorts every linked
        page (the 3,900 news items of a topic on SQLite: 9 ms; 0.1)."""
        link = self.link(listed)
        if link is None:
            return queryset.none()
        rows = self.linked(listed, link, value)
        if in_order:
            return queryset.filter(Exists(rows.filter(**{link.page: OuterRef("pk")})))
        return queryset.filter(pk__in=rows.values(link.page))

    def linked(self, listed, link, value, visibilities=None):
        """The link rows to the entry `value`; where the link table keeps copies of its pages'
        type and visibility, only those of visible `listed` pages, off its index (of a topic's
        5,850 links, the 551 of period reports: their counts 9 ms → 2 on SQLite)."""
        if hasattr(value, "pk") and "__" not in link.entry:
            # By the link table's own column, not a join to the vocabulary: PostgreSQL then
            # knows how many rows the entry has (a topic of 3,900 news items: estimated at
            # 700 through the join and walked item by item, 13 ms; hashed so, 5.5).
            rows = link.model.objects.filter(**{link.entry: value.pk})
        else:
            rows = link.model.objects.filter(**{f"{link.entry}__{self.key}": value})
        if (link.model, link.page) in VISIBILITY_COPIES:
            page_type = ContentType.objects.get_for_model(listed.model)
            if visibilities is None:  # the outer query tests the pages' own visibility
                visibilities = visible_values(staff=True)
            rows = rows.filter(page_type=page_type, visibility__in=visibilities)
        return rows

    def entry_fields(self, prefix=""):
        fields = (self.key, self.label_field, *filter(None, (self.choice_order,)))
        return [prefix + field for field in fields]

    def counts(self, listing, querysets):
        pages_by_link = {}
        for listed, queryset in querysets:
            link = self.link(listed)
            if link is not None:
                pages_by_link.setdefault(link, []).append((listed.model, queryset))
        counts, entries = Counter(), self.entries(listing)
        for link, pages in pages_by_link.items():
            if self.reads_copies(listing, link):
                rows = self.counted_per_entry(listing, link, [model for model, _qs in pages])
            else:
                querysets = [qs for _model, qs in pages]
                rows = (
                    link.model.objects.filter(in_any(link.page, querysets, self.size(listing)))
                    .order_by()
                    .values_list(*self.entry_fields(f"{link.entry}__"))
                    .annotate(n=Count(link.page, distinct=not link.once_per_page))
                )
            for value, *entry, number in rows:
                if value is not None and number:
                    counts[value] += number
                    entries[value] = entry
        return dict(counts)

    def size(self, listing):
        """How many items the listing has, when the facet counts the very pages it lists
        (none of its own values chosen), which the listing counts anyway; else None."""
        if self in listing.active:
            return None
        return sum(listing.count_of(queryset) for _listed, queryset in listing.querysets())

    def reads_copies(self, listing, link):
        """Whether the counts can come from the link table's own copy of its pages' type and
        visibility: no other facet narrows the pages, and each link row is a page once."""
        others_active = any(facet is not self for facet in listing.active)
        return has_copies(link) and not others_active

    def counted_per_entry(self, listing, link, models):
        """(key, label, [order,] number of pages) per entry, each entry counting its rows off
        the link table's index (16,000 topic links: 3 ms, where a join per row took 21)."""
        types = ContentType.objects.get_for_models(*models).values()
        linked = link.model.objects.filter(
            page_type__in=types, visibility__in=listing.visibilities, **{link.entry: OuterRef("pk")}
        )
        number = linked.order_by().values(link.entry).annotate(n=Count("*")).values("n")
        # Entries without pages are skipped by the caller: `filter(n__gt=0)` would run the
        # count a second time in the WHERE clause.
        entries = self.vocabulary.objects.order_by().annotate(n=Subquery(number))
        return entries.values_list(*self.entry_fields(), "n")

    def entries(self, listing):
        """{key: [label, order]} of the entries this request has read."""
        return listing.memo.setdefault(("entries", self.param), {})

    def labels(self, listing, values):
        entries = self.entries(listing)
        missing = [value for value in values if value not in entries]
        if missing:
            rows = self.vocabulary.objects.filter(**{f"{self.key}__in": missing})
            for value, *entry in rows.values_list(*self.entry_fields()):
                entries[value] = entry
        return {value: entries[value][0] for value in values if value in entries}

    def view(self, listing, counts, selected):
        view = super().view(listing, counts, selected)
        if self.choice_order:
            entries = self.entries(listing)
            view.choices.sort(key=lambda choice: entries[choice.value][1])
        return view
