from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from home.listings import home_listings
from portal.core.blocks import RICH_TEXT_FEATURES
from portal.core.models import BasePage


class HomePage(BasePage):
    intro = RichTextField(_("úvod"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "projects.ProjectIndexPage",
        "core.StandardPage",
        "news.NewsIndexPage",
        "news.VideoIndexPage",
        "methodology.MethodologyIndexPage",
        "methodology.ToolIndexPage",
        "glossary.GlossaryPage",
        "guide.CaseGuidePage",
    ]

    class Meta:
        verbose_name = _("úvodní stránka")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(home_listings())
        return context
