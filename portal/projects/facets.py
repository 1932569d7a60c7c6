"""The project facet of listings: what came out of one project.

A listed type names how its pages belong to a project (`Listed.project`): a foreign key or a
many-to-many field to ProjectPage, or "parent" for pages that live under their project.
With a thousand projects the facet is a searchable field, not a list of every project.
"""

from django.db.models import Count, Q, Subquery
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.core.listings import Facet, exists_in
from portal.core.privacy import public
from portal.core.text import Fold, fold
from portal.projects.models import ProjectPage

# Above this many projects with items, the facet is a type-ahead field instead of a list.
MAX_LISTED_CHOICES = 30


def visible_projects():
    return public(ProjectPage.objects.live())


class ProjectFacet(Facet):
    param = "projekt"
    label = _("Projekt")
    script = "portal/js/search.js"
    unknown_message = _("Projekt „%(value)s“ v tomto výpisu nenajdete.")

    def applies(self, listing):
        return any(listed.project for listed in listing.listed)

    def clean(self, value, listing):
        """A project's slug, or its exact title as typed into the field."""
        projects = visible_projects()
        slug = projects.filter(slug=value).values_list("slug", flat=True).first()
        if slug is None:
            slug = (
                projects.alias(folded=Fold("title"))
                .filter(folded=fold(value))
                .values_list("slug", flat=True)
                .first()
            )
        if slug is None or not exists_in(listing, self, slug):
            self.refuse(value)
        return slug

    def filter(self, listed, queryset, value):
        if not listed.project:
            return queryset.none()
        if listed.project == "parent":
            path = visible_projects().filter(slug=value).values("path")[:1]
            return queryset.filter(path__startswith=Subquery(path))
        return queryset.filter(**{f"{listed.project}__slug": value})

    def counts(self, listing, querysets):
        by_id, by_path = {}, {}
        for listed, queryset in querysets:
            if listed.project == "parent":
                length = self.project_path_length()
                rows = (
                    queryset.order_by()
                    .annotate(project_path=Substr("path", 1, length))
                    .values_list("project_path")
                    .annotate(n=Count("pk"))
                )
                for path, number in rows:
                    by_path[path] = by_path.get(path, 0) + number
            elif listed.project:
                rows = queryset.order_by().values_list(listed.project).annotate(n=Count("pk"))
                for project_id, number in rows:
                    if project_id is not None:
                        by_id[project_id] = by_id.get(project_id, 0) + number
        projects = visible_projects().filter(Q(pk__in=by_id) | Q(path__in=by_path))
        titles, counts = listing.memo.setdefault("project_titles", {}), {}
        for pk, path, slug, title in projects.values_list("pk", "path", "slug", "title"):
            titles[slug] = title
            counts[slug] = by_id.get(pk, 0) + by_path.get(path, 0)
        return counts

    @staticmethod
    def project_path_length():
        """Projects all sit at one depth (under the project index): their path length."""
        path = ProjectPage.objects.values_list("path", flat=True).first()
        return len(path) if path else 0

    def labels(self, listing, values):
        titles = listing.memo.setdefault("project_titles", {})
        missing = [value for value in values if value not in titles]
        if missing:
            titles.update(visible_projects().filter(slug__in=missing).values_list("slug", "title"))
        return {value: titles[value] for value in values if value in titles}

    def view(self, listing, counts, selected):
        view = super().view(listing, counts, selected)
        if len(view.choices) > MAX_LISTED_CHOICES:
            view.widget = "search"
            view.suggest_url = reverse("project_suggestions")
            view.selected_label = next((c.label for c in view.choices if c.selected), "")
            view.choices = sorted(view.choices, key=lambda c: -c.count)[:MAX_LISTED_CHOICES]
        return view
