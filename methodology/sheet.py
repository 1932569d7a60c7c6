"""The one-page printed sheet of a methodology or tool, served at `<page url>karta.pdf`.

Wagtail's page URLs never hold a dot, so `…/karta.pdf` goes to Wagtail's own serve view as
the page's `karta.pdf/` route (methodology/views.py): the page's privacy (a staff-only page's
sheet is staff-only) and every serve hook apply exactly as to the page itself.
"""

import hashlib
import re
from pathlib import Path

import qrcode
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from qrcode.image.svg import SvgPathImage
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from methodology.record_rows import record_rows, summary_of
from portal.core.links import page_url
from portal.core.privacy import is_public
from portal.core.templatetags.portal_tags import attached_documents

SHEET_NAME = "karta.pdf"
STYLESHEET = "methodology/css/sheet.css"
# Long texts are cut on the sheet (the page has them whole); the QR code leads there.
SHEET_WORDS = 60
QR_SIZE = "28mm"


class SheetMixin(RoutablePageMixin):
    """Gives a page type its printed sheet; the type lists its rows in `record_fields`."""

    record_fields = ("summary",)

    @path(f"{SHEET_NAME}/", name="sheet")
    def sheet(self, request):
        return sheet_response(self, request)

    @property
    def sheet_url(self):
        return self.url + SHEET_NAME

    def get_cached_paths(self):
        return ["/", f"/{SHEET_NAME}"]


def qr_svg(url):
    """The QR code of `url` as inline SVG, 28 mm square whatever the length of the address."""
    image = qrcode.make(url, image_factory=SvgPathImage, border=2)
    svg = image.to_string(encoding="unicode")
    return re.sub(
        r'^<svg width="[^"]*" height="[^"]*"', f'<svg width="{QR_SIZE}" height="{QR_SIZE}"', svg
    )


def sheet_context(page, request):
    url = page_url(page, request)
    return {
        "page": page,
        "type_label": type(page)._meta.verbose_name,
        "summary": summary_of(page),
        "rows": record_rows(page, skip=("summary", "contact_person")),
        "person": page.contact_person,
        "documents": attached_documents(page),
        "made_from": page.last_published_at or page.first_published_at,
        "page_address": url,
        "qr_code": qr_svg(url),
        "words": SHEET_WORDS,
    }


def render_pdf(html):
    """One A4 page: what does not fit is left to the page itself (the QR code leads there)."""
    # Imported on first use: WeasyPrint loads Pango, which no other request needs.
    from weasyprint import CSS, HTML, URLFetcher

    # The sheet is self-contained: WeasyPrint may fetch no file and no address for it.
    fetcher = URLFetcher(allowed_protocols=())
    stylesheet = CSS(string=Path(finders.find(STYLESHEET)).read_text(), url_fetcher=fetcher)
    document = HTML(string=html, url_fetcher=fetcher).render(stylesheets=[stylesheet])
    return document.copy(document.pages[:1]).write_pdf()


def sheet_response(page, request):
    """The PDF, or a 304 when the reader's copy was made from the same HTML."""
    context = sheet_context(page, request)
    html = render_to_string("methodology/sheet.html", context, request)
    etag = f'"{hashlib.sha256(html.encode()).hexdigest()[:32]}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(render_pdf(html), content_type="application/pdf")
        filename = _("Karta – %(title)s.pdf") % {"title": page.title}
        response["Content-Disposition"] = content_disposition_header(False, filename)
    response["ETag"] = etag
    if not is_public(page):
        # Only the reader's own browser may keep a staff-only sheet (the front cache
        # leaves a response alone once it says how it may be cached).
        patch_cache_control(response, private=True, no_cache=True)
    return response
