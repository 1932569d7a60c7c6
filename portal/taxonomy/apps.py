from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxonomyConfig(AppConfig):
    """The shared vocabularies (topics, places, organisations, people) and the topic pages."""

    name = "portal.taxonomy"
    label = "taxonomy"
    verbose_name = _("Číselníky")

    def ready(self):
        from portal.core.visibility import keep_visibility_copy
        from portal.taxonomy.models import PageTopic

        keep_visibility_copy(PageTopic, "content_object")
