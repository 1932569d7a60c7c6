"""The search's filters: each a GET parameter, the engine facet it selects, its choices.

They are the listings' facets (``portal.core.facets.Facet``) seen by the search: the same
GET names, headings and vocabularies (topics, kraje, projects, years, target groups,
settings, SPOD standards, evidence levels), read by the same Django form
(``portal.search.forms``). A search facet takes any number of values (any of them matches),
turns each into the value the index holds (an id, a key) and refuses an unknown one with a
Czech message; a listing's facet also refuses a value its own pages lack, while a search
may well find nothing for a known value.
"""

import re

from django.db.models import CharField, F, IntegerField, Value
from django.utils.translation import gettext_lazy as _

from portal.core.facets import Choice, Facet, FacetView, YearFacet
from portal.core.years import clean_year
from portal.projects.facets import ProjectFacet, RegionFacet
from portal.projects.models import ProjectPage
from portal.search import kinds
from portal.search.models import SearchEntry
from portal.search.query import clean_text
from portal.search.visibility import sees_staff_material
from portal.taxonomy.facets import (
    PracticeSettingFacet,
    QualityStandardFacet,
    TargetGroupFacet,
    TopicFacet,
)
from portal.taxonomy.models import Region

MAX_OPTIONS = 30  # values listed per facet (the most frequent; selected ones always)
MAX_ECHO = 40  # characters of a bad value repeated in an error message
_SLUG = re.compile(r"^[-\w]{1,100}$")


class SearchScope:
    """Who searches, and the vocabularies read for this request: the search facets'
    stand-in for a listing."""

    def __init__(self, user):
        self.user = user
        self._vocabularies = None

    @property
    def include_staff(self):
        return sees_staff_material(self.user)

    def vocabulary(self, param):
        """[(id, slug, name)] of a vocabulary facet, in its order; every vocabulary comes
        from one query, made when a facet first needs one."""
        if self._vocabularies is None:
            self._vocabularies = vocabulary_rows(
                [f for f in SEARCH_FACETS if isinstance(f, VocabularySearchFacet)]
            )
        return self._vocabularies.get(param, [])


def vocabulary_rows(facets):
    """{param: [(id, slug, name)]} of every row of the facets' vocabularies (one UNION)."""
    queries = [
        facet.model.objects.order_by()
        .annotate(
            v_param=Value(facet.param, output_field=CharField()),
            v_id=F("id"),
            v_slug=F("slug"),
            v_name=F("name"),
            v_order=F(facet.order_field) if facet.order_field else Value(0, IntegerField()),
        )
        .values_list("v_param", "v_id", "v_slug", "v_name", "v_order")
        for facet in facets
    ]
    rows = {}
    for param, id_, slug, name, order in queries[0].union(*queries[1:], all=True):
        rows.setdefault(param, []).append((order, id_, slug, name))
    return {param: [row[1:] for row in sorted(found)] for param, found in rows.items()}


class SearchFacet(Facet):
    """A search filter; ``engine`` names its facet in the engine (``hits.FACETS``)."""

    engine = ""

    def refuse(self, value):
        super().refuse(clean_text(value)[:MAX_ECHO])  # no NUL bytes or markup in the message

    def choices(self, keys, scope):
        """{key in the index: (GET value, Czech label)} of the keys this visitor may see."""
        raise NotImplementedError

    def sort(self, choices):
        return sorted(choices, key=lambda c: (-c.count, str(c.label)))

    def search_view(self, counts, selected, labels):
        """The facet as the page shows it, or None when it has no choice to offer."""
        choices = [
            Choice(value, label, counts.get(key, 0), key in selected)
            for key, (value, label) in labels.items()
        ]
        return FacetView(self.param, str(self.label), self.sort(choices)) if choices else None


class KindSearchFacet(SearchFacet):
    param = "typ"
    label = _("Typ obsahu")
    engine = "kind"
    unknown_message = _("Neznámý typ obsahu „%(value)s“.")

    def clean(self, value, scope):
        if value not in kinds.kinds_by_key():
            self.refuse(value)
        return value

    def choices(self, keys, scope):
        return {key: (key, kinds.kind_label(key)) for key in keys}


class ChoiceSearchFacet(SearchFacet):
    """Values of a choice field of the pages (validation stage, evidence level), in its order."""

    def known(self):
        return []

    def clean(self, value, scope):
        if value not in dict(self.known()):
            self.refuse(value)
        return value

    def choices(self, keys, scope):
        labels = dict(self.known())
        return {key: (key, labels.get(key, key)) for key in keys}

    def sort(self, choices):
        order = [value for value, _label in self.known()]
        return sorted(choices, key=lambda c: order.index(c.value) if c.value in order else 99)


class StageSearchFacet(ChoiceSearchFacet):
    param = "stupen"
    label = _("Stupeň ověření")
    engine = "stage"
    unknown_message = _("Neznámý stupeň ověření „%(value)s“.")

    def known(self):
        return kinds.stage_choices()


class EvidenceSearchFacet(ChoiceSearchFacet):
    param = "ucinnost"  # as the methodology and tool listings name it
    label = _("Doložení účinnosti")
    engine = "evidence"
    unknown_message = _("Neznámá úroveň doložení účinnosti „%(value)s“.")

    def known(self):
        return kinds.evidence_choices()


class YearSearchFacet(SearchFacet):
    param, label = YearFacet.param, YearFacet.label
    engine = "year"

    def clean(self, value, scope):
        return clean_year(value)  # the listings' check and message

    def choices(self, keys, scope):
        return {key: (str(key), str(key)) for key in keys}

    def sort(self, choices):
        return sorted(choices, key=lambda c: c.value, reverse=True)


class VocabularySearchFacet(SearchFacet):
    """Entries of a small vocabulary (topics, kraje, target groups, settings, standards)
    chosen by slug; the index holds their ids."""

    model = None
    order_field = None  # the order its choices keep (standards by number), else most frequent

    def clean(self, value, scope):
        found = {slug: id_ for id_, slug, _name in scope.vocabulary(self.param)}.get(value)
        if found is None:
            self.refuse(value)
        return found

    def choices(self, keys, scope):
        wanted = set(keys)
        return {
            id_: (slug, name) for id_, slug, name in scope.vocabulary(self.param) if id_ in wanted
        }

    def sort(self, choices):
        return choices if self.order_field else super().sort(choices)


class TopicSearchFacet(VocabularySearchFacet):
    param, label, model = TopicFacet.param, TopicFacet.label, TopicFacet.vocabulary
    engine = "topic"
    unknown_message = _("Neznámé téma „%(value)s“.")


class RegionSearchFacet(VocabularySearchFacet):
    param, label, model = RegionFacet.param, RegionFacet.label, Region
    engine = "region"
    unknown_message = _("Neznámý kraj „%(value)s“.")


class TargetGroupSearchFacet(VocabularySearchFacet):
    param, label = TargetGroupFacet.param, TargetGroupFacet.label
    model = TargetGroupFacet.vocabulary
    engine = "target_group"
    unknown_message = _("Neznámá cílová skupina „%(value)s“.")


class SettingSearchFacet(VocabularySearchFacet):
    param, label = PracticeSettingFacet.param, PracticeSettingFacet.label
    model = PracticeSettingFacet.vocabulary
    engine = "setting"
    unknown_message = _("Neznámé prostředí „%(value)s“.")


class StandardSearchFacet(VocabularySearchFacet):
    param, label = QualityStandardFacet.param, QualityStandardFacet.label
    model = QualityStandardFacet.vocabulary
    engine = "standard"
    order_field = QualityStandardFacet.choice_order
    unknown_message = _("Neznámý standard kvality „%(value)s“.")


class ProjectSearchFacet(SearchFacet):
    """Projects chosen by slug, among those this visitor may see (too many to read all)."""

    param, label = ProjectFacet.param, ProjectFacet.label
    engine = "project"
    unknown_message = _("Neznámý projekt „%(value)s“.")

    def clean(self, value, scope):
        found = None
        if _SLUG.match(value):
            projects = visible_projects(scope.include_staff).filter(slug=value)
            found = projects.values_list("id", flat=True).first()
        if found is None:
            self.refuse(value)
        return found

    def choices(self, keys, scope):
        projects = visible_projects(scope.include_staff).filter(id__in=keys)
        rows = projects.values_list("id", "slug", "title")
        return {id_: (slug, title) for id_, slug, title in rows}


def visible_projects(include_staff):
    """Live projects this visitor may see (the index knows which are staff-only)."""
    projects = ProjectPage.objects.live()
    if include_staff:
        return projects
    staff_only = SearchEntry.objects.filter(kind=ProjectPage.search_kind.key, staff_only=True)
    return projects.exclude(pk__in=staff_only.values("object_id"))


# In the order the page shows them.
SEARCH_FACETS = (
    KindSearchFacet(),
    TopicSearchFacet(),
    ProjectSearchFacet(),
    RegionSearchFacet(),
    TargetGroupSearchFacet(),
    SettingSearchFacet(),
    StageSearchFacet(),
    EvidenceSearchFacet(),
    StandardSearchFacet(),
    YearSearchFacet(),
)
