"""The evidence level facet of the methodology and tool listings."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from methodology.record import EVIDENCE_ORDER, EvidenceLevel
from portal.core.facets import Facet


class EvidenceFacet(Facet):
    param = "ucinnost"
    label = _("Doložení účinnosti")
    unknown_message = _("Úroveň doložení účinnosti „%(value)s“ neznáme.")

    def clean(self, value, listing):
        if value not in EVIDENCE_ORDER:
            self.refuse(value)
        return value

    def filter(self, listed, queryset, value):
        return queryset.filter(evidence_level=value)

    def counts(self, listing, querysets):
        counts = {}
        for _listed, queryset in querysets:
            rows = (
                queryset.order_by()
                .exclude(evidence_level="")
                .values_list("evidence_level")
                .annotate(n=Count("pk"))
            )
            for level, number in rows:
                counts[level] = counts.get(level, 0) + number
        return counts

    tallied = True

    def tally_values(self, listed):
        rows = listed.model.objects.exclude(evidence_level="").values_list("pk", "evidence_level")
        return ((pk, level, level) for pk, level in rows)

    def labels(self, listing, values):
        return {value: EvidenceLevel(value).label for value in values if value in EVIDENCE_ORDER}

    def sort(self, choices):
        return sorted(choices, key=lambda c: EVIDENCE_ORDER.index(c.value))
