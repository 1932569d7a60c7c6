"""What the home page shows: the newest of each kind, as the index pages declare them."""

from methodology.models import MethodologyIndexPage, ToolIndexPage
from news.models import NewsIndexPage, VideoIndexPage
from portal.projects.models import ProjectIndexPage

HOME_LIST_SIZE = 4


def home_listings():
    """Each list one indexed, limited query, in its index's teaser order."""
    news, reports = NewsIndexPage.listed
    return {
        "latest_news": news.newest(HOME_LIST_SIZE),
        "latest_reports": reports.newest(HOME_LIST_SIZE),
        "methodologies": MethodologyIndexPage.listed[0].newest(HOME_LIST_SIZE),
        "tools": ToolIndexPage.listed[0].newest(HOME_LIST_SIZE),
        "videos": VideoIndexPage.listed[0].newest(HOME_LIST_SIZE),
        "projects": ProjectIndexPage.listed[0].newest(HOME_LIST_SIZE),
    }
