"""Text responses travel compressed: brotli where the client accepts it, else gzip.

Only text is worth it (pages, feeds, the sitemap, JSON): images, PDFs and videos are
compressed already, and documents and videos are streamed and read in ranges. Static files
come precompressed from whitenoise (.br and .gz written by collectstatic).
"""

from compression_middleware.middleware import CompressionMiddleware

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


def is_text(response):
    return response.get("Content-Type", "").split(";")[0].strip().lower() in TEXT_TYPES


class TextCompressionMiddleware(CompressionMiddleware):
    def process_response(self, request, response):
        if response.streaming or not is_text(response):
            return response
        return super().process_response(request, response)
