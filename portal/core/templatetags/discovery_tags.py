"""What search engines and link previews read: OpenGraph/Twitter meta and schema.org JSON-LD.

Built only from fields the page has already loaded (plus the cached portal settings), so
the head costs no extra query.
"""

import datetime
import json

from django import template
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from portal.core.links import absolute_url, site_root

register = template.Library()

JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
SITE_NAME = "Portál pro praxi OSPOD"
DEFAULT_IMAGE = "portal/img/portal-ospod.png"
LOGO = "portal/img/logo.png"


def _iso(value):
    return value.isoformat() if value else None


def default_image_url(request):
    """The portal's own picture for link previews of pages without one (1200x630)."""
    return absolute_url(request, static(DEFAULT_IMAGE))


def _image_url(image, request):
    return absolute_url(request, image.file.url) if image else default_image_url(request)


def _organisation(organisation, request):
    home = site_root(request) + "/"
    data = {"@type": "Organization", "name": organisation.name if organisation else SITE_NAME}
    data["url"] = getattr(organisation, "website", "") or home
    return data


def _publisher(organisation, request):
    logo = {"@type": "ImageObject", "url": absolute_url(request, static(LOGO))}
    return {**_organisation(organisation, request), "logo": logo}


def _author(page, publisher):
    person = getattr(page, "author", None)
    if person is not None:
        return {"@type": "Person", "name": person.name, "jobTitle": person.role or None}
    signed = getattr(page, "author_organisation", None)
    if signed is not None:
        return {"@type": "Organization", "name": signed.name, "url": signed.website or None}
    project = getattr(page, "project", None)
    organisation = getattr(project, "implementing_organisation", None)
    if organisation is not None:
        return {"@type": "Organization", "name": organisation.name}
    return {"@type": "Organization", "name": publisher["name"], "url": publisher["url"]}


def _news_article(page, url, publisher, request):
    return {
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "description": page.summary,
        "url": url,
        "mainEntityOfPage": url,
        "image": [_image_url(page.listing_image, request)],
        "datePublished": _iso(page.date_published),
        "dateModified": _iso(page.last_published_at),
        "inLanguage": "cs",
        "author": _clean(_author(page, publisher)),
        "publisher": publisher,
    }


def _event_start(day):
    """The event's start with its offset; the day's start in Prague when no hour is known."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(0)))


def _place(page):
    municipality = page.event_municipality
    address = {
        "@type": "PostalAddress",
        "streetAddress": page.event_venue or None,
        "addressLocality": municipality.name if municipality else page.event_venue,
        "addressCountry": "CZ",
    }
    name = page.event_venue or (municipality.name if municipality else "neuvedeno")
    return {"@type": "Place", "name": name, "address": _clean(address)}


def _event(page, url, request):
    data = {
        "@type": "Event",
        "name": page.title,
        "description": page.summary,
        "startDate": _iso(_event_start(page.event_date)),
        "url": url,
        "image": [_image_url(page.listing_image, request)],
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": _place(page),
    }
    if page.participant_count is not None:
        data["maximumAttendeeCapacity"] = page.participant_count
    return data


def _video(page, url, request):
    data = {
        "@type": "VideoObject",
        "name": page.title,
        "description": page.summary or page.title,
        "thumbnailUrl": [_image_url(page.poster or page.listing_image, request)],
        "uploadDate": _iso(page.date_published),
        "url": url,
        "inLanguage": "cs",
    }
    if page.duration_seconds:
        minutes, seconds = divmod(page.duration_seconds, 60)
        data["duration"] = f"PT{minutes}M{seconds}S"
    if page.video_file_id:
        data["contentUrl"] = absolute_url(request, page.video_file.url)
    elif page.embed_url:
        data["embedUrl"] = page.embed_url
    return data


def schema_items(page, request, portal_settings):
    """The schema.org objects describing `page`."""
    url = page.get_full_url(request)
    operator = getattr(portal_settings, "operator", None) if portal_settings else None
    publisher = _publisher(operator, request)
    model = page.specific_class._meta.label_lower if page.specific_class else ""
    if model == "home.homepage":
        return [
            publisher,
            {
                "@type": "WebSite",
                "name": _("Portál pro praxi OSPOD"),
                "url": url,
                "inLanguage": "cs",
            },
        ]
    if model in ("news.newspage", "news.periodreportpage"):
        items = [_news_article(page, url, publisher, request)]
        if getattr(page, "event_date", None):
            items.append(_event(page, url, request))
        return items
    if model == "news.videopage":
        return [_video(page, url, request)]
    return []


def _clean(item):
    """Drop empty values: validators read an empty property as a wrong one."""
    return {k: v for k, v in item.items() if v not in (None, "")}


def script(request, data):
    data = {"@context": "https://schema.org", **data}
    text = json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES)
    nonce = getattr(request, "csp_nonce", "")
    return format_html(
        '<script type="application/ld+json" nonce="{}">{}</script>',
        nonce,
        mark_safe(text),  # nosec B308 B703 # JSON escaped above
    )


@register.simple_tag(takes_context=True)
def json_ld(context):
    """<script type="application/ld+json"> for the current page (empty if nothing to say)."""
    page, request = context.get("page"), context.get("request")
    if page is None or request is None or not hasattr(page, "get_full_url"):
        return ""
    portal_settings = context.get("settings")
    portal_settings = portal_settings.core.PortalSettings if portal_settings else None
    items = [_clean(item) for item in schema_items(page, request, portal_settings)]
    if not items:
        return ""
    return script(request, {"@graph": items} if len(items) > 1 else items[0])


@register.simple_tag(takes_context=True)
def breadcrumb_json_ld(context, crumbs, current, current_url):
    """The BreadcrumbList matching the visible breadcrumbs, current page last."""
    request = context.get("request")
    steps = [(crumb["title"], absolute_url(request, crumb["url"])) for crumb in crumbs]
    steps.append((current, current_url))
    elements = [
        {"@type": "ListItem", "position": number, "name": str(name), "item": url}
        for number, (name, url) in enumerate(steps, start=1)
    ]
    return script(request, {"@type": "BreadcrumbList", "itemListElement": elements})


@register.simple_tag(takes_context=True)
def og_image(context):
    """The link-preview picture: the page's listing image, else the portal's own."""
    page = context.get("page")
    return _image_url(getattr(page, "listing_image", None), context.get("request"))


OG_TYPES = {"news.newspage": "article", "news.periodreportpage": "article"}


@register.simple_tag(takes_context=True)
def og_type(context):
    page = context.get("page")
    model = page.specific_class._meta.label_lower if getattr(page, "specific_class", None) else ""
    if model == "news.videopage":
        return "video.other"
    return OG_TYPES.get(model, "website")


@register.filter(is_safe=True)
def with_site_name(title):
    """ "Title | Portál pro praxi OSPOD", unless the title already names the portal."""
    title = title.strip()
    if SITE_NAME in title:
        return title
    return f"{title} | {SITE_NAME}" if title else SITE_NAME
