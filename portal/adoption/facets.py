"""Listings filtered and sorted by adoption: "used in kraj X" and "most used first"."""

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from portal.adoption.models import Adoption
from portal.core.facets import Choice, Facet, FacetView, LinkedVocabularyFacet
from portal.taxonomy.models import Region


class AdoptionRegionFacet(LinkedVocabularyFacet):
    """Items some OSPOD office of one kraj uses."""

    param = "pouziti"  # "kraj" filters by the kraje an item is tied to
    label = _("Používá se v kraji")
    unknown_message = _("Kraj „%(value)s“ v tomto výpisu nenajdete.")
    vocabulary = Region
    lookup = "adoptions__municipality__region"


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
