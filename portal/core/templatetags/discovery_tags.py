"""What search engines and link previews read: OpenGraph/Twitter meta and schema.org JSON-LD.

Built only from fields the page has already loaded (plus the cached portal settings), so
the head costs no extra query.
"""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()

JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _iso(value):
    return value.isoformat() if value else None


def _organisation(organisation, url=None):
    if organisation is None:
        return {"@type": "Organization", "name": _("Portál pro praxi OSPOD"), "url": url}
    data = {"@type": "Organization", "name": organisation.name}
    website = getattr(organisation, "website", "")
    if website or url:
        data["url"] = website or url
    return data


def _news_article(page, url, publisher):
    return {
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "description": page.summary,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": _iso(getattr(page, "published_at", None) or page.first_published_at),
        "dateModified": _iso(page.last_published_at),
        "inLanguage": "cs",
        "publisher": publisher,
    }


def _event(page, url):
    data = {
        "@type": "Event",
        "name": page.title,
        "description": page.summary,
        "startDate": _iso(page.event_date),
        "url": url,
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {"@type": "Place", "name": page.event_venue or "neuvedeno"},
    }
    if page.participant_count is not None:
        data["maximumAttendeeCapacity"] = page.participant_count
    return data


def _video(page, url, request):
    data = {
        "@type": "VideoObject",
        "name": page.title,
        "description": page.summary or page.title,
        "uploadDate": _iso(page.first_published_at),
        "url": url,
        "inLanguage": "cs",
    }
    if page.duration_seconds:
        minutes, seconds = divmod(page.duration_seconds, 60)
        data["duration"] = f"PT{minutes}M{seconds}S"
    if page.video_file_id:
        data["contentUrl"] = request.build_absolute_uri(page.video_file.url)
    elif page.embed_url:
        data["embedUrl"] = page.embed_url
    return data


def schema_items(page, request, portal_settings):
    """The schema.org objects describing `page`."""
    url = page.get_full_url(request)
    operator = getattr(portal_settings, "operator", None) if portal_settings else None
    publisher = _organisation(operator, request.build_absolute_uri("/"))
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
        items = [_news_article(page, url, publisher)]
        if getattr(page, "event_date", None):
            items.append(_event(page, url))
        return items
    if model == "news.videopage":
        return [_video(page, url, request)]
    return []


@register.simple_tag(takes_context=True)
def json_ld(context):
    """<script type="application/ld+json"> for the current page (empty if nothing to say)."""
    page, request = context.get("page"), context.get("request")
    if page is None or request is None or not hasattr(page, "get_full_url"):
        return ""
    portal_settings = context.get("settings")
    portal_settings = portal_settings.core.PortalSettings if portal_settings else None
    items = [
        {k: v for k, v in item.items() if v not in (None, "")}
        for item in schema_items(page, request, portal_settings)
    ]
    if not items:
        return ""
    data = {"@context": "https://schema.org", "@graph": items} if len(items) > 1 else items[0]
    data.setdefault("@context", "https://schema.org")
    text = json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES)
    nonce = getattr(request, "csp_nonce", "")
    return format_html(
        '<script type="application/ld+json" nonce="{}">{}</script>',
        nonce,
        mark_safe(text),  # nosec B308 B703 # JSON escaped above
    )


OG_TYPES = {"news.newspage": "article", "news.periodreportpage": "article"}


@register.simple_tag(takes_context=True)
def og_type(context):
    page = context.get("page")
    model = page.specific_class._meta.label_lower if getattr(page, "specific_class", None) else ""
    if model == "news.videopage":
        return "video.other"
    return OG_TYPES.get(model, "website")
