from dataclasses import dataclass

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.core.blocks import RICH_TEXT_FEATURES
from portal.core.models import BasePage
from portal.core.privacy import public
from portal.guide.blocks import CaseStepsBlock


@dataclass
class Step:
    anchor: str
    title: str
    description: str
    pages: list


class CaseGuidePage(BasePage):
    """The steps of an OSPOD case in order, each with the methodologies, tools and videos
    editors assigned to it."""

    intro = RichTextField(_("úvod"), features=RICH_TEXT_FEATURES, blank=True)
    steps = StreamField(CaseStepsBlock(), verbose_name=_("kroky případu"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("steps")]
    search_fields = BasePage.search_fields + [index.SearchField("steps")]
    api_fields = BasePage.api_fields + [APIField("intro"), APIField("steps")]
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("průvodce případem")

    def case_steps(self):
        """The steps with their assigned pages that are live and public, specific, in order."""
        raw_steps = [block.value for block in self.steps if block.block_type == "step"]
        ids = [page.pk for value in raw_steps for page in value["pages"] if page is not None]
        pages = public(Page.objects.live().filter(pk__in=ids)).specific()
        found = {page.pk: page for page in pages}
        return [
            Step(
                anchor=f"krok-{number}-{slugify(value['title'])}",
                title=value["title"],
                description=value["description"],
                pages=[found[page.pk] for page in value["pages"] if page and page.pk in found],
            )
            for number, value in enumerate(raw_steps, start=1)
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["case_steps"] = self.case_steps()
        return context
