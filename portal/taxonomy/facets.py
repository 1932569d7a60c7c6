"""Facets of listings on the shared vocabularies: topics, target groups, settings, standards."""

from django.utils.translation import gettext_lazy as _

from portal.core.facets import LinkedVocabularyFacet
from portal.taxonomy.models import PracticeSetting, QualityStandard, TargetGroup, Topic


class TopicFacet(LinkedVocabularyFacet):
    param = "tema"
    label = _("Téma")
    unknown_message = _("Téma „%(value)s“ v tomto výpisu nenajdete.")
    vocabulary = Topic
    lookup = "topic_items__tag"


class TargetGroupFacet(LinkedVocabularyFacet):
    param = "skupina"
    label = _("Cílová skupina")
    unknown_message = _("Cílovou skupinu „%(value)s“ v tomto výpisu nenajdete.")
    vocabulary = TargetGroup
    lookup = "target_groups"


class PracticeSettingFacet(LinkedVocabularyFacet):
    param = "prostredi"
    label = _("Prostředí")
    unknown_message = _("Prostředí „%(value)s“ v tomto výpisu nenajdete.")
    vocabulary = PracticeSetting
    lookup = "practice_settings"


class QualityStandardFacet(LinkedVocabularyFacet):
    param = "standard"
    label = _("Standard kvality SPOD")
    unknown_message = _("Standard kvality „%(value)s“ v tomto výpisu nenajdete.")
    vocabulary = QualityStandard
    lookup = "quality_standards"
    choice_order = "number"  # the decree's order, not the alphabet
