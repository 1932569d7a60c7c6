from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.taxonomy.models import (
    FundingProgramme,
    LegalProvision,
    Municipality,
    Organisation,
    Person,
    PracticeSetting,
    QualityStandard,
    Region,
    TargetGroup,
    Topic,
)


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Témata")
    list_display = ["name", "slug"]
    search_fields = ["name"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "short_name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    list_display = ["full_name", "role", "organisation"]
    search_fields = ["name", "role"]


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    list_display = ["name", "nuts_code"]


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "home"
    list_display = ["name", "region", "is_orp"]
    list_filter = ["region", "is_orp"]
    search_fields = ["name"]


class FundingProgrammeViewSet(SnippetViewSet):
    model = FundingProgramme
    icon = "pick"
    list_display = ["name", "short_name", "fund"]


class TargetGroupViewSet(SnippetViewSet):
    model = TargetGroup
    icon = "group"
    list_display = ["name", "slug"]


class PracticeSettingViewSet(SnippetViewSet):
    model = PracticeSetting
    icon = "home"
    list_display = ["name", "slug"]


class LegalProvisionViewSet(SnippetViewSet):
    model = LegalProvision
    icon = "doc-full"
    list_display = ["name", "act", "section"]
    list_filter = ["act"]
    search_fields = ["name", "section", "description"]


class QualityStandardViewSet(SnippetViewSet):
    model = QualityStandard
    icon = "list-ol"
    list_display = ["number", "name"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Číselníky")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (
        TopicViewSet,
        OrganisationViewSet,
        PersonViewSet,
        RegionViewSet,
        MunicipalityViewSet,
        FundingProgrammeViewSet,
        TargetGroupViewSet,
        PracticeSettingViewSet,
        LegalProvisionViewSet,
        QualityStandardViewSet,
    )


register_snippet(TaxonomyViewSetGroup)
