"""Text responses travel compressed: brotli where the client accepts it, else gzip.

Only text is worth it (pages, feeds, the sitemap, JSON): images, PDFs and videos are
compressed already, and documents and videos are streamed and read in ranges. Static files
come precompressed from whitenoise (.br and .gz written by collectstatic). Brotli quality 6
costs about a millisecond for a page and beats gzip; the front cache keeps the result.
"""

import re

import brotli
from django.middleware.gzip import compress_string as gzip_compress
from django.utils.cache import patch_vary_headers

BROTLI_QUALITY = 6
MIN_LENGTH = 500  # smaller answers fit a packet anyway
TEXT_TYPES = {
    "text/html",
    "text/plain",
    "text/css",
    "text/javascript",
    "application/javascript",
    "application/json",
    "application/ld+json",
    "application/xml",
    "text/xml",
    "application/rss+xml",
    "application/atom+xml",
    "image/svg+xml",
}
# In order of preference; "br;q=0" refuses brotli.
ACCEPTS = (
    ("br", re.compile(r"\bbr\b(?!\s*;\s*q=0(\.0*)?\b)")),
    ("gzip", re.compile(r"\bgzip\b(?!\s*;\s*q=0(\.0*)?\b)")),
)


def compressible(response):
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    return (
        content_type in TEXT_TYPES
        and not response.streaming
        and not response.has_header("Content-Encoding")
        and len(response.content) >= MIN_LENGTH
    )


def compress(encoding, content):
    if encoding == "br":
        return brotli.compress(content, quality=BROTLI_QUALITY)
    return gzip_compress(content)


class CompressionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not compressible(response):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        accepted = request.headers.get("Accept-Encoding", "")
        encoding = next((name for name, regex in ACCEPTS if regex.search(accepted)), None)
        if encoding is None:
            return response
        response.content = compress(encoding, response.content)
        response["Content-Length"] = str(len(response.content))
        response["Content-Encoding"] = encoding
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response["ETag"] = "W/" + etag  # the bytes differ from the plain response's
        return response
