"""What each indexed model is to a searcher: a result type with a Czech label, and its date.

The keys are the values of the ``typ`` filter (``/hledat/?typ=methodology``). Page models not
listed here (the home page, listings) are indexed as ``listing``.
"""

from dataclasses import dataclass

from django.apps import apps
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    """A result type. ``weight`` multiplies the text relevance of its entries: the pages
    staff come for (methodologies, projects, tools) win over the files and listings that
    repeat their words."""

    key: str
    label: str | Promise
    date_field: str | None = None
    weight: float = 1.0


PROJECT = Kind("project", _("projekt"), "start_date", weight=1.3)
PERIOD_REPORT = Kind("period_report", _("zpráva za období"), "period_end")
NEWS = Kind("news", _("aktualita"), "published_at", weight=1.1)
EVENT = Kind("event", _("zpráva z akce"), "event_date", weight=1.1)
METHODOLOGY = Kind("methodology", _("metodika"), "last_reviewed", weight=1.3)
TOOL = Kind("tool", _("nástroj nebo prototyp"), weight=1.2)
VIDEO = Kind("video", _("video"), weight=1.1)
STANDARD = Kind("standard", _("stránka"))
LISTING = Kind("listing", _("přehled"), weight=0.6)
DOCUMENT = Kind("document", _("dokument"), "published_on", weight=0.8)

PAGE_KINDS = {
    "portal.projectpage": PROJECT,
    "news.periodreportpage": PERIOD_REPORT,
    "news.newspage": NEWS,
    "methodology.methodologypage": METHODOLOGY,
    "methodology.toolpage": TOOL,
    "news.videopage": VIDEO,
    "portal.standardpage": STANDARD,
}

ALL_KINDS = [
    PROJECT,
    PERIOD_REPORT,
    NEWS,
    EVENT,
    METHODOLOGY,
    TOOL,
    VIDEO,
    DOCUMENT,
    STANDARD,
    LISTING,
]
KINDS_BY_KEY = {kind.key: kind for kind in ALL_KINDS}

# Where the validation stages of tools come from: (model label, field name).
STAGE_FIELD = ("methodology.ToolPage", "validation_stage")


def page_kind(page):
    kind = PAGE_KINDS.get(page._meta.label_lower, LISTING)
    if kind is NEWS and page.is_event_report:
        return EVENT
    return kind


def kind_label(key):
    kind = KINDS_BY_KEY.get(key)
    return kind.label if kind else key


def stage_choices():
    """[(value, label), ...] of the validation stages, in their order (idea -> validated)."""
    model_label, field_name = STAGE_FIELD
    return list(apps.get_model(model_label)._meta.get_field(field_name).choices)


def stage_label(value):
    return dict(stage_choices()).get(value, value)
