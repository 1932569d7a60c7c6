"""The topic facet of listings: pages tagged with one topic."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from portal.core.listings import Facet, exists_in
from portal.taxonomy.models import PageTopic, Topic


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
