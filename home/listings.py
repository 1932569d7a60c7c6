"""What the home page shows: the newest of each kind of content, each list one query."""

from django.db.models import F

from methodology.models import MethodologyPage, ToolPage
from news.models import NewsPage, PeriodReportPage, VideoPage
from portal.core.privacy import public
from portal.projects.models import ProjectPage

HOME_LIST_SIZE = 4


def home_listings():
    return {
        "latest_news": public(NewsPage.objects.live().defer_streamfields())
        .select_related("category")
        .order_by("-published_at")[:HOME_LIST_SIZE],
        "latest_reports": public(PeriodReportPage.objects.live().defer_streamfields()).order_by(
            "-period_end"
        )[:HOME_LIST_SIZE],
        "methodologies": public(MethodologyPage.objects.live().defer_streamfields())
        .select_related("kind", "source_project")
        .order_by(F("last_reviewed").desc(nulls_last=True), "title")[:HOME_LIST_SIZE],
        "tools": public(ToolPage.objects.live().defer_streamfields())
        .select_related("source_project")
        .order_by("title")[:HOME_LIST_SIZE],
        "videos": public(VideoPage.objects.live().defer_streamfields())
        .select_related("poster", "municipality")
        .order_by("-first_published_at")[:HOME_LIST_SIZE],
        "projects": public(ProjectPage.objects.live().defer_streamfields())
        .select_related("implementing_organisation")
        .order_by(F("start_date").desc(nulls_last=True), "title")[:HOME_LIST_SIZE],
    }
