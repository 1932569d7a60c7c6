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
from django.db.models import DateTimeField, F
from django.db.models.functions import Cast, Coalesce
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from portal.core.access import is_staff_reader
from portal.core.pagination import PAGE_SIZE
from portal.core.privacy import public
from portal.core.subqueries import in_any
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
        # NULLS LAST only where a date may be missing: the clause keeps both databases from
        # reading the newest items off the date's index (0.3 ms instead of 6 at 13,000 news).
        nullable = self.model._meta.get_field(self.order).null
        return (F(prefix + self.order).desc(nulls_last=nullable or None), F(prefix + "title").asc())

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
        paginator = Paginator(self.merged(querysets), self.per_page)
        # The types are disjoint: a count each is cheaper than counting the merged query.
        paginator.count = sum(queryset.count() for _listed, queryset in querysets)
        page_obj = paginator.get_page(self.request.GET.get("strana"))
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
        any_match = in_any("pk", [queryset for _listed, queryset in querysets])
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
