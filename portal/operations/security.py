"""Security headers: a strict nonce-based CSP on public pages, a relaxed one in the admin.

Public templates carry no inline scripts or styles; each <script> tag carries
``nonce="{{ request.csp_nonce }}"``. Wagtail's and Django's admin interfaces use inline
scripts and style attributes, so only their paths get the relaxed policy.
"""

import logging

from csp.constants import NONCE, NONE, SELF, STRICT_DYNAMIC, UNSAFE_EVAL, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils.datastructures import MultiValueDictKeyError

logger = logging.getLogger(__name__)

ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/")

ADMIN_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF, UNSAFE_INLINE, UNSAFE_EVAL],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "media-src": [SELF, "blob:"],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "frame-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
}

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
    )
)


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin policy swapped in under the admin paths."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(ADMIN_PATH_PREFIXES):
            return PolicyParts(ADMIN_POLICY, None, None, parts.nonce)
        return parts


class PermissionsPolicyMiddleware:
    """Switch off browser features the portal never uses (Django has no setting for it),
    and drop the bogus header Wagtail puts on documents."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        # Wagtail's document view writes an unknown encoding as the literal "None", which
        # tells browsers and proxies to decode the file with a codec that does not exist.
        if response.headers.get("Content-Encoding") == "None":
            del response.headers["Content-Encoding"]
        return response


class BadAdminFormMiddleware:
    """A hand-made admin form post answers 400 (Czech page), not 500, and saves nothing.

    The admin's own forms always send every field (a stream's `-count`, numeric chooser
    ids), so a missing field or a value that is not a number when looked up comes from a
    crafted request. Wagtail lets those errors escape as 500; they are logged as warnings.
    """

    ERRORS = (MultiValueDictKeyError, ValueError, ValidationError)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.method != "POST" or not request.path_info.startswith(ADMIN_PATH_PREFIXES):
            return None
        if not isinstance(exception, self.ERRORS):
            return None
        logger.warning("Malformed admin form post to %s", request.path, exc_info=exception)
        return HttpResponseBadRequest(render_to_string("400.html"))


# Strict policy for the public site (https://csp.withgoogle.com/docs/strict-csp.html):
# scripts only with this response's nonce ('self' is the fallback for old browsers).
PUBLIC_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF, NONCE, STRICT_DYNAMIC],
    "style-src": [SELF],
    "img-src": [SELF, "data:"],
    "media-src": [SELF],
    "font-src": [SELF],
    "connect-src": [SELF],
    # Video embeds (EmbedBlock, VideoPage.embed_url) play in the providers' frames.
    "frame-src": [
        "https://www.youtube-nocookie.com",
        "https://www.youtube.com",
        "https://player.vimeo.com",
    ],
    "object-src": [NONE],
    "base-uri": [NONE],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}
