"""The demo glossary: /slovnik/ lists the terms A–Z, texts define their first use inline,
search finds the terms by their inflected forms, staff-only terms stay staff-only."""

import re

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from portal.core.access import staff_group
from portal.core.tests.utils import LISTING_QUERY_LIMIT
from portal.demo.testing import DemoPortalTestCase
from portal.glossary.alphabet import sort_key
from portal.glossary.models import GlossaryTermPage

ABOUT = "/o-portalu/"
METHODOLOGY = (
    "/projekty/podpora-rozvoje-a-profesionalizace-spod/kolizni-opatrovnictvi-podle-cochemske-praxe/"
)


class GlossaryPagesTests(DemoPortalTestCase):
    def html(self, path):
        response = self.client.get(path)
        self.assertEqual(response.status_code, 200, path)
        return response.content.decode()

    def queries(self, path):
        self.client.get(path)  # caches filled, as for every later visitor
        with CaptureQueriesContext(connection) as queries:
            self.client.get(path)
        return len(queries)

    def test_the_glossary_lists_every_term_a_to_z_with_an_anchor(self):
        html = self.html("/slovnik/")
        letters = re.findall(r'<h2 id="pismeno-\d+">(.*?)</h2>', html)
        self.assertEqual(letters, sorted(letters, key=sort_key))
        for term in GlossaryTermPage.objects.live():
            self.assertIn(f'id="{term.slug}"', html)
        self.assertIn("OSPODu", html)  # its other forms are listed

    def test_the_term_page_defines_the_term_and_links_to_the_glossary(self):
        html = self.html("/slovnik/sanace-rodiny/")
        self.assertIn("<dfn>sanace rodiny</dfn>", html)
        self.assertIn('href="/slovnik/#sanace-rodiny"', html)

    def test_only_the_first_use_of_a_term_on_a_page_is_marked(self):
        html = self.html(ABOUT)
        body = html[html.index('<div class="stream">') :]
        self.assertEqual(body.count('id="pojem-ospod"'), 1)
        # The text as read, without the definitions that open from it.
        text = re.sub(r'<span class="term-popover".*?</button></span>', "", body, flags=re.S)
        self.assertGreater(len(re.findall(r"\bOSPOD\b", text)), 2)
        self.assertEqual(text.count('class="term" popovertarget="pojem-ospod"'), 1)
        first_use = text.index('class="term" popovertarget="pojem-ospod"')
        self.assertNotRegex(text[:first_use], r"\bOSPOD\b")

    def test_pages_with_definitions_keep_the_query_budget(self):
        self.assertIn('class="term"', self.html(METHODOLOGY))
        for path in ("/slovnik/", "/slovnik/ospod/", ABOUT, METHODOLOGY):
            with self.subTest(path=path):
                self.assertLessEqual(self.queries(path), LISTING_QUERY_LIMIT)

    def test_search_finds_terms_by_their_inflected_forms(self):
        for query, url in (
            ("OSPODu", "/slovnik/ospod/"),
            ("sanaci rodiny", "/slovnik/sanace-rodiny/"),
            ("kolizniho opatrovnika", "/slovnik/kolizni-opatrovnictvi/"),
        ):
            with self.subTest(query=query):
                results = self.client.get("/api/hledat/", {"q": query}).json()["results"]
                found = {result["url"]: result["type"] for result in results}
                self.assertEqual(found.get(url), "pojem ze slovníku")

    def test_a_staff_only_term_is_neither_listed_nor_defined_nor_found(self):
        term = GlossaryTermPage.objects.get(slug="ospod")
        self.addCleanup(cache.clear)  # the cached term list outlives the rolled-back restriction
        restriction = PageViewRestriction.objects.create(
            page=term, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(staff_group())
        self.assertNotIn('id="ospod"', self.html("/slovnik/"))
        self.assertNotIn("pojem-ospod", self.html(ABOUT))
        results = self.client.get("/api/hledat/", {"q": "OSPODu"}).json()["results"]
        self.assertNotIn(term.url, [result["url"] for result in results])
