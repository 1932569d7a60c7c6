from django.utils.translation import gettext_lazy as _
from wagtail import blocks

# What editors can assign to a step: methodologies, tools and prototypes, videos.
ASSIGNABLE_PAGE_TYPES = ["methodology.MethodologyPage", "methodology.ToolPage", "news.VideoPage"]


class CaseStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("název kroku"))
    description = blocks.TextBlock(label=_("popis"))
    pages = blocks.ListBlock(
        blocks.PageChooserBlock(page_type=ASSIGNABLE_PAGE_TYPES),
        label=_("metodiky, nástroje a videa"),
        default=[],
        required=False,
    )

    class Meta:
        icon = "list-ol"
        label = _("krok případu")


class CaseStepsBlock(blocks.StreamBlock):
    step = CaseStepBlock()
