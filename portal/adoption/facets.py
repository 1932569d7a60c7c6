"""Listings filtered and sorted by adoption: "used in kraj X" and "most used first"."""

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from portal.adoption.models import Adoption
from portal.core.listings import Choice, Facet, FacetView, exists_in
from portal.taxonomy.models import Region


class AdoptionRegionFacet(Facet):
    """Items some OSPOD office of one kraj uses."""

    param = "pouziti"  # "kraj" filters by the kraje an item is tied to
    label = _("Používá se v kraji")
    unknown_message = _("Kraj „%(value)s“ v tomto výpisu nenajdete.")

    def clean(self, value, listing):
        if not Region.objects.filter(slug=value).exists() or not exists_in(listing, self, value):
            self.refuse(value)
        return value

    def filter(self, listed, queryset, value):
        used = Adoption.objects.filter(municipality__region__slug=value).values("page_id")
        return queryset.filter(pk__in=used)

    def counts(self, listing, querysets):
        pages = Q()
        for _listed, queryset in querysets:
            pages |= Q(page_id__in=queryset.values("pk"))
        rows = (
            Adoption.objects.filter(pages)
            .values_list("municipality__region__slug", "municipality__region__name")
            .annotate(n=Count("page_id", distinct=True))
        )
        listing.memo["region_names"] = {slug: name for slug, name, _n in rows}
        return {slug: n for slug, _name, n in rows}

    def labels(self, listing, values):
        names = listing.memo.setdefault("region_names", {})
        missing = [value for value in values if value not in names]
        if missing:
            names.update(Region.objects.filter(slug__in=missing).values_list("slug", "name"))
        return {value: names[value] for value in values if value in names}


MOST_USED = "nejpouzivanejsi"


class AdoptionOrder(Facet):
    """Sorts the listing by how many offices use each item (then in its own order)."""

    param = "razeni"
    label = _("Řazení")
    widget = "order"
    unknown_message = _("Řazení „%(value)s“ neznáme; vyberte je ze seznamu.")

    def clean(self, value, listing):
        if value != MOST_USED:
            self.refuse(value)
        return value

    def filter(self, listed, queryset, value):
        return queryset

    def order(self, listed, queryset, value):
        return with_adoption_count(queryset).order_by("-adoption_count", *listed.ordering())

    def counts(self, listing, querysets):
        return {}

    def view(self, listing, counts, selected):
        choices = [
            Choice("", str(_("výchozí")), 0, not selected),
            Choice(MOST_USED, str(_("nejpoužívanější")), 0, selected == MOST_USED),
        ]
        return FacetView(self.param, str(self.label), choices, selected, self.widget)


def with_adoption_count(queryset):
    """Each page with `adoption_count`, the number of offices that use it."""
    offices = (
        Adoption.objects.filter(page_id=OuterRef("pk"))
        .order_by()
        .values("page_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return queryset.annotate(
        adoption_count=Coalesce(Subquery(offices, output_field=IntegerField()), Value(0))
    )
