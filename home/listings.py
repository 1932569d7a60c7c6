"""What the home page shows: the newest of each kind, as the index pages declare them."""

from wagtail.images import get_image_model

from methodology.models import MethodologyIndexPage, ToolIndexPage, ValidationStage
from news.models import NewsIndexPage, VideoIndexPage
from portal.projects.models import ProjectIndexPage

HOME_LIST_SIZE = 4
OUTPUTS_SIZE = 3
# Card pictures: a project's logo, a video's poster, else the page's listing image.
CARD_IMAGE_FIELDS = ("logo_id", "poster_id", "listing_image_id")
CARD_RENDITION = "max-480x270|format-webp"
PICTURED = ("methodologies", "tools", "latest_news", "videos", "projects")
TRIED_STAGES = (ValidationStage.TESTED, ValidationStage.VALIDATED)


def home_listings():
    """Each list one indexed, limited query, in its index's teaser order; their pictures
    in two more (the images and their renditions)."""
    news, reports = NewsIndexPage.listed
    lists = {
        "latest_news": news.newest(HOME_LIST_SIZE),
        "latest_reports": reports.newest(HOME_LIST_SIZE),
        "methodologies": MethodologyIndexPage.listed[0].newest(OUTPUTS_SIZE),
        "tools": tried_tools(OUTPUTS_SIZE),
        "videos": VideoIndexPage.listed[0].newest(HOME_LIST_SIZE),
        "projects": ProjectIndexPage.listed[0].newest(HOME_LIST_SIZE),
    }
    lists = {name: list(pages) for name, pages in lists.items()}
    with_card_images([page for name in PICTURED for page in lists[name]])
    return lists


def tried_tools(count):
    """The newest tools tested at more than one OSPOD or validated; the newest tools when
    none are yet."""
    listed = ToolIndexPage.listed[0]
    tried = (
        listed.queryset()
        .filter(validation_stage__in=TRIED_STAGES)
        .defer_streamfields()
        .select_related(*listed.select_related)
        .order_by(*(listed.teaser_order or listed.ordering()))[:count]
    )
    return list(tried) or list(listed.newest(count))


def card_image_id(page):
    return next((getattr(page, f) for f in CARD_IMAGE_FIELDS if getattr(page, f, None)), None)


def with_card_images(pages):
    """Set ``card_image`` on each page, the images and their WebP renditions read at once."""
    ids = {card_image_id(page) for page in pages} - {None}
    images = (
        get_image_model().objects.filter(pk__in=ids).prefetch_renditions(CARD_RENDITION).in_bulk()
        if ids
        else {}
    )
    for page in pages:
        page.card_image = images.get(card_image_id(page))
    return pages
