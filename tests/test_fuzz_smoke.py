"""A few hundred fuzzed requests over every public URL of the demo portal: not one 500.

The full run (10,000+ requests, figures per route) is ``python tests/bench/fuzz_public_urls.py``.
"""

from django.test import Client

from portal.demo.testing import DemoPortalTestCase
from tests.bench import fuzz_public_urls

SMOKE_REQUESTS = 240


class PublicUrlFuzzSmokeTests(DemoPortalTestCase):
    def test_routes_are_discovered_from_the_page_tree_and_the_urlconf(self):
        names = {route.name.split()[1] for route in fuzz_public_urls.discover_routes()}
        for expected in ("/", "/aktuality/", "/metodiky/", "search", "search_api"):
            self.assertIn(expected, names)
        for expected in ("search_autocomplete", "topic_detail", "sitemap", "wagtaildocs_serve"):
            self.assertIn(expected, names)
        self.assertIn("strana", fuzz_public_urls.discover_params())

    def test_no_fuzzed_request_gets_a_server_error(self):
        client = Client(raise_request_exception=False)
        routes = fuzz_public_urls.discover_routes()
        report = fuzz_public_urls.fuzz(client, routes, SMOKE_REQUESTS, seed=1, strict=True)
        self.assertGreaterEqual(report.total, SMOKE_REQUESTS)
        self.assertEqual(report.server_errors, 0, "\n".join(report.lines()))
