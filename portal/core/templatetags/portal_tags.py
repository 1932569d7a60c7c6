"""Template filters and tags for the public site: Czech formatting and read-only helpers.

Nothing here writes to the database; the helpers that read related rows do it in one
query each, so that listings do not grow a query per item.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation
from urllib.parse import urlparse

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.urls import reverse
from django.utils import dateformat, numberformat, timezone
from django.utils.formats import get_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from wagtail.fields import StreamField
from wagtail.models import Page, Site

from portal.core.content_version import content_version as current_content_version
from portal.core.links import absolute_url
from portal.core.privacy import is_public

register = template.Library()

NBSP = "\u00a0"
EN_DASH = "\u2013"
MINUS = "\u2212"
LOCALE = "cs"


# --- numbers -------------------------------------------------------------------------


def _to_decimal(value):
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None


def _format_decimal(number):
    """96.00 -> "96", 7.50 -> "7,5", 12500 -> "12 500" (cs separators)."""
    if number == number.to_integral_value():
        decimal_pos = 0
    else:
        # 7.50 -> 7.5: as many decimal places as the value really has.
        decimal_pos = max(0, -number.normalize().as_tuple().exponent)
    return numberformat.format(
        number,
        get_format("DECIMAL_SEPARATOR", LOCALE, use_l10n=True),
        decimal_pos=decimal_pos,
        grouping=get_format("NUMBER_GROUPING", LOCALE, use_l10n=True),
        thousand_sep=get_format("THOUSAND_SEPARATOR", LOCALE, use_l10n=True),
        # Czech groups thousands from five digits up (1000, but 10 000).
        force_grouping=abs(number) >= 10000,
    )


@register.filter
def czech_number(value):
    """A number in Czech notation without needless decimals: 96.00 -> 96, 7.50 -> 7,5."""
    number = _to_decimal(value)
    if number is None:
        return "" if value is None else value
    text = _format_decimal(number)
    return text.replace("-", MINUS) if number < 0 else text


@register.filter
def signed_percent(value):
    """A change in per cent with its sign: 11 -> "+11 %", -14 -> "−14 %"."""
    number = _to_decimal(value)
    if number is None:
        return ""
    sign = "+" if number > 0 else (MINUS if number < 0 else "")
    return f"{sign}{_format_decimal(abs(number))}{NBSP}%"


# --- dates ---------------------------------------------------------------------------


def _date(value):
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    return dateformat.format(value, "j. n. Y").replace(" ", NBSP)


@register.filter
def czech_date(value):
    """1. 5. 2020 (non-breaking spaces); aware datetimes in the site's time zone."""
    if not value:
        return ""
    return _date(value)


@register.filter
def czech_datetime(value):
    """23. 8. 2022 8:22 in Europe/Prague (the site's TIME_ZONE)."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{_date(local)} {dateformat.format(local, 'G:i')}"
    return _date(value)


@register.filter
def iso_datetime(value):
    """The machine-readable value of a <time datetime="…"> attribute."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        # HTML allows at most three digits of a second's fraction; whole seconds suffice.
        return value.isoformat(timespec="seconds")
    return value.isoformat()


@register.filter
def date_range(start, end=None):
    """1. 5. 2020 – 31. 10. 2020; one side may be missing ("od …", "do …")."""
    if start and end:
        return f"{_date(start)}{NBSP}{EN_DASH} {_date(end)}"
    if start:
        return f"{_('od')}{NBSP}{_date(start)}"
    if end:
        return f"{_('do')}{NBSP}{_date(end)}"
    return ""


# --- files ---------------------------------------------------------------------------


@register.filter
def file_extension(document):
    """PDF, DOCX … from a document (or a file name)."""
    name = getattr(document, "filename", None) or str(document or "")
    if "." not in name:
        return ""
    return name.rsplit(".", 1)[1].upper()


@register.filter
def filesize(value):
    """A human size in Czech: 950 B, 120 kB, 2,4 MB. Accepts bytes or a document.

    A document whose size has not been stored yet shows no size rather than opening
    the file (Wagtail's get_file_size() would save the document from a template).
    """
    size = getattr(value, "file_size", value)
    if size is None or size == "":
        return ""
    size = int(size)
    if size < 1000:
        return f"{size}{NBSP}B"
    for unit, factor in (("kB", 10**3), ("MB", 10**6), ("GB", 10**9)):
        if size < factor * 1000 or unit == "GB":
            amount = Decimal(size) / factor
            places = Decimal("1") if amount >= 10 else Decimal("0.1")
            return f"{_format_decimal(amount.quantize(places))}{NBSP}{unit}"
    return ""


@register.filter
def document_meta(document):
    """ "PDF, 120 kB" for a document link."""
    parts = [file_extension(document), filesize(document)]
    return ", ".join(part for part in parts if part)


VIDEO_TYPES = {"mp4": "video/mp4", "webm": "video/webm", "ogv": "video/ogg"}


@register.filter
def video_mime_type(document):
    return VIDEO_TYPES.get(file_extension(document).lower(), "")


# --- related data without a query per item -----------------------------------------


@register.filter
def loaded(instance, field_name):
    """A foreign-key value only if it is already loaded (select_related), else None.

    Cards in mixed listings use it so that a card never costs an extra query.
    """
    try:
        field = instance._meta.get_field(field_name)
    except (AttributeError, FieldDoesNotExist):
        return None
    if not (field.many_to_one or field.one_to_one) or not hasattr(field, "is_cached"):
        return None
    return getattr(instance, field_name) if field.is_cached(instance) else None


@register.simple_tag
def attached_documents(page):
    """A page's AttachedDocument rows with their documents, in one query, without those its
    text already lists in a document-list block (each document is listed once on a page)."""
    documents = getattr(page, "documents", None)
    if documents is None:
        return []
    in_body = body_document_ids(page)
    rows = documents.all().select_related("document")
    return [row for row in rows if row.document_id not in in_body]


def body_document_ids(page):
    """Ids of the documents the page's stream fields list in their document-list blocks."""
    ids = set()
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            _collect_document_ids(getattr(page, field.name).raw_data, ids)
    return ids


def _collect_document_ids(blocks, ids):
    for block in blocks or ():
        if block.get("type") == "documents":
            for item in block.get("value", {}).get("documents", ()):
                ids.add(item.get("value") if isinstance(item, dict) else item)


@register.filter
def staff_only(page):
    """True for a page only OSPOD staff may read (under a view restriction)."""
    return getattr(page, "path", None) is not None and not is_public(page)


@register.simple_tag
def related_list(manager, *related):
    """manager.all() with select_related: {% related_list page.partners "organisation" %}."""
    if manager is None:
        return []
    queryset = manager.all()
    return list(queryset.select_related(*related) if related else queryset)


# --- navigation ----------------------------------------------------------------------


def _site_root(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    return site.root_page if site else None


# A menu has room for this many entries; reading more of a grown home page's children would
# only cost time.
MENU_SIZE = 12


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The home page's live children shown in menus: one query (the site is cached)."""
    home = _site_root(context)
    current = context.get("page")
    items = []
    if home is not None:
        children = home.get_children().live().in_menu().order_by("path")
        for item in children[:MENU_SIZE]:
            state = None
            if current is not None and getattr(current, "path", None):
                if current.path == item.path:
                    state = "page"
                elif current.path.startswith(item.path):
                    state = "true"
            items.append({"page": item, "current": state})
    return {"request": context.get("request"), "home": home, "items": items}


@register.simple_tag(takes_context=True)
def is_home(context, page=None):
    """Whether page is the site's home page (the page that gets no breadcrumbs)."""
    page = page if page is not None else context.get("page")
    home = _site_root(context)
    return bool(page is not None and home is not None and page.pk == home.pk)


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page=None, *trail):
    """The trail above the current page: [{"title", "url"}, …], from the home page.

    For views that are not pages pass the extra steps as title/url pairs:
    {% breadcrumbs None _("Témata") topics_url as crumbs %}.
    """
    request = context.get("request")
    home_url = reverse("wagtail_serve", args=[""])
    crumbs = [{"title": _("Úvod"), "url": home_url}]
    home = _site_root(context)
    if page is not None and home is not None:
        ancestors = (
            Page.objects.ancestor_of(page)
            .filter(depth__gt=home.depth, path__startswith=home.path)
            .only("id", "title", "url_path", "path", "depth")
            .order_by("depth")
        )
        crumbs += [{"title": a.title, "url": a.get_url(request)} for a in ancestors]
    for title, url in zip(trail[::2], trail[1::2], strict=False):
        crumbs.append({"title": title, "url": url})
    return crumbs


@register.simple_tag
def index_pages(home):
    """The home page's live children keyed by model name, e.g. indexes.newsindexpage.

    One query; the home page uses it to link each section to its overview.
    """
    if home is None:
        return {}
    pages = {}
    for child in home.get_children().live().order_by("path"):
        pages.setdefault(child.specific_class._meta.model_name, child)
    return pages


# --- URLs ----------------------------------------------------------------------------


@register.simple_tag(takes_context=True)
def page_query(context, number):
    """The query string for page `number` of a listing, keeping the other GET params."""
    request = context["request"]
    params = request.GET.copy()
    if int(number) <= 1:
        params.pop("strana", None)
    else:
        params["strana"] = number
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else request.path


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's full URL (with ?strana=N for later pages of a listing)."""
    request = context.get("request")
    page = context.get("page")
    if page is not None and hasattr(page, "get_full_url"):
        url = page.get_full_url(request)
    elif request is not None:
        url = absolute_url(request, request.path)
    else:
        return ""
    number = request.GET.get("strana", "") if request is not None else ""
    if number.isascii() and number.isdigit() and int(number) > 1:
        url = f"{url}?strana={int(number)}"
    return url


@register.simple_tag
def elided_pages(page_obj):
    """Page numbers with gaps ("…" as None): 1 … 4 5 6 … 20."""
    return [
        None if number == page_obj.paginator.ELLIPSIS else number
        for number in page_obj.paginator.get_elided_page_range(
            page_obj.number, on_each_side=2, on_ends=1
        )
    ]


@register.simple_tag
def stage_state(step):
    """The text of one step in a tool's progression (state is never colour alone)."""
    if step["current"]:
        return _("současný stupeň")
    if step["reached"]:
        return _("splněno")
    return _("zatím ne")


@register.filter
def mailto(email):
    if not email:
        return ""
    return format_html('<a href="mailto:{0}">{0}</a>', email)


@register.filter
def regno(value):
    """A registration number that breaks only after a slash, never inside a part
    (CZ.03.2.63/0.0/0.0/19_098/0015128 would not fit a phone on one line)."""
    if not value:
        return ""
    *parts, last = str(value).split("/")
    head = format_html_join("", "{}/<wbr>", ((part,) for part in parts))
    return format_html('<span class="regno regno--parts">{}{}</span>', head, last)


@register.filter
def nbsp(value):
    """Glue a short value together with non-breaking spaces (a number and its unit)."""
    return str(value).replace(" ", NBSP) if value not in (None, "") else ""


@register.filter
def verbose_name(model_or_instance):
    """The Czech name of a page type, e.g. "aktualita", for card labels."""
    meta = getattr(model_or_instance, "_meta", None)
    return meta.verbose_name if meta else ""


@register.simple_tag
def content_version():
    """The site-wide content version: a fragment cache key part ({% cache … page.pk v %})."""
    return current_content_version()


_EMBED_PROVIDERS = (
    # (provider, URL pattern, player URL without tracking cookies)
    (
        "YouTube",
        r"^https?://(?:www\.|m\.)?(?:youtube\.com/(?:watch\?(?:.*&)?v=|embed/|shorts/)|youtu\.be/)"
        r"(?P<id>[\w-]{6,20})",
        "https://www.youtube-nocookie.com/embed/{id}?autoplay=1&rel=0",
    ),
    (
        "Vimeo",
        r"^https?://(?:www\.)?vimeo\.com/(?P<id>\d+)",
        "https://player.vimeo.com/video/{id}?autoplay=1&dnt=1",
    ),
)


@register.simple_tag
def video_embed(url):
    """{"provider", "player_url"} for a video page's provider link; the player URL is only
    used after the visitor clicks (no request to the provider before)."""
    for provider, pattern, player in _EMBED_PROVIDERS:
        match = re.match(pattern, url or "")
        if match:
            return {"provider": provider, "player_url": player.format(id=match.group("id"))}
    host = urlparse(url or "").hostname or _("poskytovatele")
    return {"provider": host.removeprefix("www."), "player_url": ""}
