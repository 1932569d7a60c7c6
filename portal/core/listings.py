"""Listings declared by index pages, run in the database.

An index page declares what it lists (`Listed`: a page type, its order, its date and how it
belongs to a project) and which facets it offers (`Facet` objects defined by the app that owns
the concept: topics in taxonomy, projects in projects, year and type here). `Listing` reads
the GET parameters through a Django form built from those facets, so a bad value is refused
before anything is listed, then filters, orders, counts and paginates in SQL: it reads only
the pages of the requested listing page and one row per facet choice.
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import ProhibitNullCharactersValidator
from django.db.models import Count, DateTimeField, F, Q
from django.db.models.functions import Cast, Coalesce, ExtractYear
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from portal.core.access import is_staff_reader
from portal.core.pagination import PAGE_SIZE
from portal.core.privacy import public
from portal.core.text import Fold

# --- what an index page declares ----------------------------------------------------------


@dataclass(frozen=True)
class Listed:
    """One page type an index lists.

    `order`: the field it sorts by (a date newest first, else text A–Z); `date` (and
    `date_end` for a span such as a project's duration): its year facet; `project`: how an
    item belongs to a project, read by the project facet (a field name or "parent");
    `kind`/`kind_label`: its choice in the type facet; `teaser_order`: the order of its
    newest items elsewhere (the home page), when not `order`; `regions`: lookups from the
    page to the kraje it is tied to (ending at a Region, or "parent" for the kraje of the
    project it sits under), read by the region facet.
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
        live = self.model.objects.live()
        return live if staff else public(live)

    @property
    def descending(self):
        return self.order != "title"

    def ordering(self, prefix=""):
        """The SQL order (undated items last, then by title)."""
        if self.order == "title":
            return (Fold(prefix + "title").asc(), F(prefix + "title").asc())
        return (F(prefix + self.order).desc(nulls_last=True), F(prefix + "title").asc())

    def sort_value(self, prefix=""):
        """The sort field as a datetime, so dates and datetimes of two types sort together."""
        value = F(prefix + self.order)
        if not isinstance(self.model._meta.get_field(self.order), DateTimeField):
            value = Cast(value, DateTimeField())
        return value

    def newest(self, count, prefetch=()):
        """The first `count` items in teaser order, one query (and one per `prefetch`)."""
        order = self.teaser_order or self.ordering()
        queryset = self.queryset().defer_streamfields().select_related(*self.select_related)
        return queryset.prefetch_related(*prefetch).order_by(*order)[:count]


# --- facets ---------------------------------------------------------------------------------


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

    def order(self, listed, queryset, value):
        """The queryset in this facet's own order, or None to keep the listed order."""
        return None

    def counts(self, listing, querysets):
        """{value: number of items} over [(listed, queryset)]."""
        raise NotImplementedError

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
    return any(
        facet.filter(listed, listing.base(listed), value).exists() for listed in listing.listed
    )


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
            start, end = self.span(listed)
            rows = (
                queryset.order_by()
                .annotate(year_from=start, year_to=end)
                .values_list("year_from", "year_to")
                .annotate(n=Count("pk"))
            )
            for first, last, number in rows:
                if first is None:
                    continue
                for year in range(first, last + 1):
                    counts[str(year)] = counts.get(str(year), 0) + number
        return counts

    def sort(self, choices):
        return sorted(choices, key=lambda c: c.value, reverse=True)


YEAR_MESSAGE = _("Rok „%(value)s“ neznáme; zadejte ho číslem, např. 2021.")


def clean_year(value):
    """A year as a number, or the one Czech message listings and search give."""
    if not (value.isascii() and value.isdigit() and 1900 <= int(value) <= 2100):
        raise ValidationError(YEAR_MESSAGE % {"value": value[:40]})
    return int(value)


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

    def counts(self, listing, querysets):
        return {listed.kind: queryset.count() for listed, queryset in querysets}

    def labels(self, listing, values):
        return {item.kind: item.kind_label for item in listing.listed if item.kind in values}

    def view(self, listing, counts, selected):
        view = super().view(listing, counts, selected)
        order = [listed.kind for listed in listing.listed]
        view.choices.sort(key=lambda c: order.index(c.value))
        return view


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


class FacetForm(forms.Form):
    """The GET parameters of a listing (or a search), one field per facet."""

    def __init__(self, data, facets, listing=None):
        super().__init__(data)
        for facet in facets:
            self.fields[facet.param] = FacetField(facet, listing)

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
        return listed.queryset(staff=self.staff)

    @property
    def single_type(self):
        return len(self.listed) == 1

    @property
    def is_filtered(self):
        return bool(self.active)

    def querysets(self, except_facet=None):
        """[(listed, its pages matching every active filter but `except_facet`)]."""
        result = []
        for listed in self.listed:
            queryset = self.base(listed)
            for facet, value in self.active.items():
                if facet is not except_facet:
                    queryset = facet.filter(listed, queryset, value)
            result.append((listed, queryset))
        return result

    @cached_property
    def facets(self):
        views = []
        for facet in self.facet_list:
            selected = str(self.active.get(facet, ""))
            counts = facet.counts(self, self.querysets(except_facet=facet))
            views.append(facet.view(self, counts, selected))
        return views

    @cached_property
    def page_obj(self):
        querysets = self.querysets()
        if len(querysets) == 1:
            listed, queryset = querysets[0]
            loaded = (
                queryset.defer_streamfields()
                .select_related(*listed.select_related)
                .prefetch_related("topics")
            )
            ordered = self.ordered(listed, loaded)
            return Paginator(ordered, self.per_page).get_page(self.request.GET.get("strana"))
        ordered = self.merged(querysets)
        page_obj = Paginator(ordered, self.per_page).get_page(self.request.GET.get("strana"))
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

    @staticmethod
    def merged(querysets):
        """Pages of several types in one order: the base page table joined to each type's."""
        any_match = Q()
        for _listed, queryset in querysets:
            any_match |= Q(pk__in=queryset.values("pk"))
        listed = [listed for listed, _queryset in querysets]
        if all(item.order == "title" for item in listed):
            order = listed[0].ordering()
        else:
            values = [item.sort_value(item.model._meta.model_name + "__") for item in listed]
            order = (F("sort_key").desc(nulls_last=True), F("title").asc())
            return (
                Page.objects.filter(any_match).annotate(sort_key=Coalesce(*values)).order_by(*order)
            )
        return Page.objects.filter(any_match).order_by(*order)

    def load(self, pages):
        """The specific pages of one listing page, with their topics, in listing order."""
        by_model = {}
        for page in pages:
            by_model.setdefault(page.specific_class or type(page), []).append(page.pk)
        loaded = {}
        for listed in self.listed:
            ids = by_model.get(listed.model)
            if ids:
                queryset = (
                    listed.model.objects.filter(pk__in=ids)
                    .defer_streamfields()
                    .select_related(*listed.select_related)
                    .prefetch_related("topics")
                )
                loaded.update({page.pk: page for page in queryset})
        return [loaded[page.pk] for page in pages if page.pk in loaded]
