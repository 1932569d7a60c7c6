"""Text answers are compressed the way the client asks; files and small answers are not."""

import gzip

import brotli
from django.http import HttpResponse
from django.test import RequestFactory, SimpleTestCase

from portal.operations.compression import CompressionMiddleware

PAGE = ("<p>Metodika kolizního opatrovnictví podle cochemské praxe.</p>\n" * 100).encode()


def answer(accept_encoding, content=PAGE, content_type="text/html; charset=utf-8"):
    request = RequestFactory().get("/", HTTP_ACCEPT_ENCODING=accept_encoding)
    middleware = CompressionMiddleware(lambda request: HttpResponse(content, content_type))
    return middleware(request)


class CompressionTests(SimpleTestCase):
    def test_brotli_where_accepted_else_gzip_else_plain(self):
        response = answer("gzip, deflate, br, zstd")
        self.assertEqual(response["Content-Encoding"], "br")
        self.assertEqual(brotli.decompress(response.content), PAGE)
        self.assertLess(len(response.content), len(PAGE) / 10)
        response = answer("gzip, deflate")
        self.assertEqual(response["Content-Encoding"], "gzip")
        self.assertEqual(gzip.decompress(response.content), PAGE)
        response = answer("")
        self.assertFalse(response.has_header("Content-Encoding"))
        self.assertEqual(response.content, PAGE)
        self.assertIn("Accept-Encoding", response["Vary"])

    def test_a_refused_encoding_is_not_used(self):
        self.assertEqual(answer("br;q=0, gzip")["Content-Encoding"], "gzip")

    def test_feeds_and_json_are_compressed_images_and_small_answers_are_not(self):
        for content_type in ("application/atom+xml", "application/json", "text/css"):
            self.assertEqual(answer("br", content_type=content_type)["Content-Encoding"], "br")
        self.assertFalse(answer("br", content_type="image/png").has_header("Content-Encoding"))
        self.assertFalse(answer("br", content=b"<p>ok</p>").has_header("Content-Encoding"))
