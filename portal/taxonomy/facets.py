"""Facets of listings on the shared vocabularies: topics, target groups, settings, standards."""

from collections import Counter

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from portal.core.listings import Facet, exists_in
from portal.taxonomy.models import (
    PageTopic,
    PracticeSetting,
    QualityStandard,
    TargetGroup,
    Topic,
)


class TopicFacet(Facet):
    param = "tema"
    label = _("Téma")
    unknown_message = _("Téma „%(value)s“ v tomto výpisu nenajdete.")

    def clean(self, value, listing):
        if not Topic.objects.filter(slug=value).exists() or not exists_in(listing, self, value):
            self.refuse(value)
        return value

    def filter(self, listed, queryset, value):
        tagged = PageTopic.objects.filter(tag__slug=value).values("content_object_id")
        return queryset.filter(pk__in=tagged)

    def counts(self, listing, querysets):
        pages = Q()
        for _listed, queryset in querysets:
            pages |= Q(content_object_id__in=queryset.values("pk"))
        rows = (
            PageTopic.objects.filter(pages)
            .values_list("tag__slug", "tag__name")
            .annotate(n=Count("content_object_id"))
        )
        listing.memo["topic_names"] = {slug: name for slug, name, _n in rows}
        return {slug: n for slug, _name, n in rows}

    def labels(self, listing, values):
        names = listing.memo.setdefault("topic_names", {})
        missing = [value for value in values if value not in names]
        if missing:
            names.update(Topic.objects.filter(slug__in=missing).values_list("slug", "name"))
        return {value: names[value] for value in values if value in names}


class VocabularyFacet(Facet):
    """Pages linked to one entry (by slug) of a vocabulary through a many-to-many field.

    A listed page type without the field never matches the facet.
    """

    model = None
    field = ""

    def has_field(self, listed):
        return any(f.name == self.field for f in listed.model._meta.get_fields())

    def applies(self, listing):
        return any(self.has_field(listed) for listed in listing.listed)

    def clean(self, value, listing):
        known = self.model.objects.filter(slug=value).exists()
        if not known or not exists_in(listing, self, value):
            self.refuse(value)
        return value

    def filter(self, listed, queryset, value):
        if not self.has_field(listed):
            return queryset.none()
        return queryset.filter(**{f"{self.field}__slug": value})

    def counts(self, listing, querysets):
        counts, names = Counter(), {}
        for listed, queryset in querysets:
            if not self.has_field(listed):
                continue
            rows = (
                queryset.order_by()
                .filter(**{f"{self.field}__isnull": False})
                .values_list(f"{self.field}__slug", f"{self.field}__name")
                .annotate(n=Count("pk", distinct=True))
            )
            for slug, name, number in rows:
                counts[slug] += number
                names[slug] = name
        listing.memo[self.param] = names
        return dict(counts)

    def labels(self, listing, values):
        names = listing.memo.setdefault(self.param, {})
        missing = [value for value in values if value not in names]
        if missing:
            names.update(self.model.objects.filter(slug__in=missing).values_list("slug", "name"))
        return {value: names[value] for value in values if value in names}


class TargetGroupFacet(VocabularyFacet):
    param = "skupina"
    label = _("Cílová skupina")
    unknown_message = _("Cílovou skupinu „%(value)s“ v tomto výpisu nenajdete.")
    model = TargetGroup
    field = "target_groups"


class PracticeSettingFacet(VocabularyFacet):
    param = "prostredi"
    label = _("Prostředí")
    unknown_message = _("Prostředí „%(value)s“ v tomto výpisu nenajdete.")
    model = PracticeSetting
    field = "practice_settings"


class QualityStandardFacet(VocabularyFacet):
    param = "standard"
    label = _("Standard kvality SPOD")
    unknown_message = _("Standard kvality „%(value)s“ v tomto výpisu nenajdete.")
    model = QualityStandard
    field = "quality_standards"

    def sort(self, choices):
        numbers = dict(QualityStandard.objects.values_list("slug", "number"))
        return sorted(choices, key=lambda c: numbers.get(c.value, 99))
