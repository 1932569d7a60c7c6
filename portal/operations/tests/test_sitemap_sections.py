"""The sitemap's index and its page sections on the demo portal: every public page once,
split into sections, on the Site record's address whatever the Host header says."""

import datetime
import re
from unittest import mock

from django.core.cache import cache
from wagtail.models import Page

from portal.core.privacy import public
from portal.demo.testing import DemoPortalTestCase
from portal.operations.sitemap import PortalSitemap, TopicSitemap

SITE = "http://testserver"  # the demo's Site record in the tests
LOC = re.compile(r"<loc>([^<]+)</loc>")


class SitemapSectionTests(DemoPortalTestCase):
    def setUp(self):
        cache.clear()  # sections are cached per content version, which outlives a test

    def get(self, path, **headers):
        response = self.client.get(path, **headers)
        self.assertEqual(response.status_code, 200, path)
        self.assertEqual(response["Content-Type"], "application/xml")
        return response.content.decode()

    def public_page_urls(self):
        pages = public(Page.objects.live().filter(depth__gt=1))
        return {SITE + page.url for page in pages}

    def test_sections_of_twenty_list_every_public_page_once_with_its_date(self):
        with mock.patch.object(PortalSitemap, "limit", 20):
            index = self.get("/sitemap.xml")
            sections = [url for url in LOC.findall(index) if "sitemap-stranky" in url]
            expected = -(-len(self.public_page_urls()) // 20)
            self.assertEqual(len(sections), expected)
            self.assertEqual(sections[1], f"{SITE}/sitemap-stranky.xml?p=2")
            listed = []
            for section in sections:
                text = self.get(section.removeprefix(SITE))
                listed += LOC.findall(text)
                self.assertEqual(text.count("<url>"), text.count("<lastmod>"))
        self.assertEqual(len(listed), len(set(listed)))
        self.assertEqual(set(listed), self.public_page_urls())

    def test_a_page_is_dated_by_its_last_change_on_the_prague_calendar(self):
        """The last publication, or for a page never published through the admin (an import)
        its latest revision: 22:30 UTC on 31 March 2024 is already 1 April in Prague."""
        published, imported = public(Page.objects.live().filter(depth__gt=2))[:2]
        utc = datetime.UTC
        Page.objects.filter(pk=published.pk).update(
            last_published_at=datetime.datetime(2024, 3, 31, 22, 30, tzinfo=utc)
        )
        Page.objects.filter(pk=imported.pk).update(
            last_published_at=None,
            latest_revision_created_at=datetime.datetime(2023, 12, 31, 23, 30, tzinfo=utc),
        )
        text = self.get("/sitemap-stranky.xml")
        for page, day in ((published, "2024-04-01"), (imported, "2024-01-01")):
            entry = f"<url><loc>{SITE}{page.url}</loc><lastmod>{day}</lastmod></url>"
            self.assertIn(entry, text)

    def test_topic_sections_split_when_the_topics_outgrow_one(self):
        """The index counts topics by a bound while they fit one section; past it, by listing."""
        topic_urls = set(LOC.findall(self.get("/sitemap-temata.xml")))
        self.assertGreater(len(topic_urls), 4)
        cache.clear()
        with mock.patch.object(TopicSitemap, "limit", 4):
            index = self.get("/sitemap.xml")
            sections = [url for url in LOC.findall(index) if "sitemap-temata" in url]
            self.assertEqual(len(sections), -(-len(topic_urls) // 4))
            listed = [url for s in sections for url in LOC.findall(self.get(s.removeprefix(SITE)))]
        self.assertEqual(sorted(listed), sorted(topic_urls))

    def test_a_page_beyond_the_last_or_not_a_number_is_a_404(self):
        for query in ("?p=99", "?p=abc", "?p=0"):
            with self.subTest(query=query):
                response = self.client.get("/sitemap-stranky.xml" + query)
                self.assertEqual(response.status_code, 404)
        self.assertEqual(self.client.get("/sitemap-nic.xml").status_code, 404)

    def test_index_and_sections_use_the_site_address_not_the_host_header(self):
        index = self.get("/sitemap.xml", HTTP_HOST="localhost")
        section = self.get("/sitemap-stranky.xml", HTTP_HOST="localhost")
        for url in LOC.findall(index) + LOC.findall(section):
            self.assertTrue(url.startswith(SITE + "/"), url)
