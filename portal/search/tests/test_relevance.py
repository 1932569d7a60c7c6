"""Relevance on the demo content: every line of the dev query set, on SQLite and PostgreSQL.

The demo portal (built once for the test session) has its search index rebuilt. Each query's
expected page (see ``/work/shared/search/dev-queries.tsv``) is named below by a fragment
of its URL: the slugs the demo builder gives those pages.

Each run also writes its top results to ``var/search-relevance/<database>.json``; when the
other database's file is there for the same indexed content, the top results must match
(run the suite on both: see the README's PostgreSQL test command).
"""

import hashlib
import json
import os
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from portal.demo.testing import DemoPortalTestCase
from portal.search.engine import get_engine
from portal.search.hits import Filters
from portal.search.models import SearchEntry
from portal.search.query import term_query
from portal.search.service import run_search

JIHLAVA_TELC = "/projekty/podpora-rozvoje-a-profesionalizace-spod/"
PARDUBICE = "/projekty/inovacni-hnizdo-ospod-pardubicky-kraj/"
VYSOCINA = "/projekty/inovace-pro-setrvani-deti-v-rodine/"
SOCIOFACTOR_PROJECT = "/projekty/podpora-systemovych-zmen-v-peci-o-ohrozene-deti/"
# Project outputs live under their project (see portal.roles).
COCHEM = JIHLAVA_TELC + "kolizni-opatrovnictvi-podle-cochemske-praxe/"
ASSISTED_CONTACT = VYSOCINA + "asistovany-kontakt-rodicu-s-detmi/"
FOSTER_CARE = VYSOCINA + "naplnovani-potreb-pestounu-v-nrp/"
SLAPANICE = "/ospod-sobe-setkani-ve-slapanicich/"
SOCIOFACTOR = SOCIOFACTOR_PROJECT + "model-site-sluzeb/"

# query -> URL fragments of pages of which at least one must be among the first three
EXPECTED = {
    "kolizní opatrovnictví": [COCHEM],
    "Cochemská praxe": [COCHEM],
    "kolizního opatrovníka": [COCHEM],
    "asistovaný kontakt": [ASSISTED_CONTACT],
    "asistovane kontakty": [ASSISTED_CONTACT],
    "pěstounská péče": [FOSTER_CARE, VYSOCINA],
    "pěstounů": [FOSTER_CARE, VYSOCINA],
    "edukační spot": [JIHLAVA_TELC + "spot-telc/", JIHLAVA_TELC + "spot-jihlava/"],
    "spot Telč": [JIHLAVA_TELC + "spot-telc/"],
    "OSPOD sobě": [SLAPANICE],
    "setkání v Šlapanicích": [SLAPANICE],
    "průvodce změnou": [PARDUBICE],
    "evaluační zpráva": [PARDUBICE, "zaverecna-evaluacni-zprava"],
    "mediace": [JIHLAVA_TELC + "zprava-za-3-obdobi/"],
    "kulatý stůl": [JIHLAVA_TELC + "zprava-za-1-obdobi/", VYSOCINA],
    "pobytová péče": [SOCIOFACTOR],
    "krajské modely sítě služeb": [SOCIOFACTOR],
    "Česká Třebová": [PARDUBICE],
    "supervize": [JIHLAVA_TELC + "zprava-za-"],
    "ohrozene deti": ["/projekty/"],
}

# Queries that differ only in inflection or diacritics must put the same page first.
SAME_FIRST_RESULT = [
    ("kolizní opatrovnictví", "kolizniho opatrovnika"),
    ("asistovaný kontakt", "asistovane kontakty"),
    ("pěstounská péče", "pestounske pece"),
    ("setkání v Šlapanicích", "setkani ve Slapanicich"),
    ("Česká Třebová", "ceske trebove"),
]

# One page with all the words must not hide better pages with most of them; the dictionary
# makes "dítě" find the "dětí" of the text.
FOSTER_CARE_QUERIES = ["dítě NRP", "děti NRP", "pomoc pěstounským rodinách"]

# A letter wrong, missing, added, two swapped: (query, suggested text, expected page).
TYPOS = [
    ("supervyze", "supervize", JIHLAVA_TELC + "zprava-za-"),
    ("kolizni opatrovnctvi", "kolizni opatrovnictvi", COCHEM),
    ("asistovaný konntakt", "asistovaný kontakt", ASSISTED_CONTACT),
    ("pětsounská péče", "pěstounská péče", VYSOCINA),
]

DEV_QUERIES = settings.BASE_DIR.parent / "shared" / "search" / "dev-queries.tsv"
RESULTS_DIR = settings.VAR_DIR / "search-relevance"


def dev_queries():
    lines = DEV_QUERIES.read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[0] for line in lines if line.strip() and not line.startswith("#")]


def stable_url(url):
    """The URL without what differs between two runs on the same content.

    Database ids, and the random suffix file storage adds to a file name already taken
    (the media folder outlives one run).
    """
    url = re.sub(r"_[A-Za-z0-9]{7}(?=(\.[A-Za-z0-9]+)+$)", "", url)
    return re.sub(r"/\d+/", "/N/", url)


def top_urls(query, count=3):
    result = get_engine().search(term_query(query), Filters(), AnonymousUser(), 1, count)
    return [stable_url(entry.url) for entry in result.entries[:count]]


def content_fingerprint():
    rows = SearchEntry.objects.values_list("kind", "title", "url")
    rows = sorted((kind, title, stable_url(url)) for kind, title, url in rows)
    return hashlib.sha256(json.dumps(rows).encode()).hexdigest()


class DemoRelevanceTests(DemoPortalTestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("rebuild_search_index", verbosity=0)
        cls.results = {query: top_urls(query) for query in EXPECTED}

    def test_the_expectations_cover_every_dev_query(self):
        if DEV_QUERIES.exists():
            self.assertEqual(set(dev_queries()), set(EXPECTED))

    def test_expected_page_is_among_the_first_three(self):
        for query, fragments in EXPECTED.items():
            with self.subTest(query=query, database=connection.vendor):
                urls = self.results[query]
                self.assertTrue(urls, f"{query!r} found nothing")
                self.assertTrue(
                    any(fragment in url for url in urls for fragment in fragments),
                    f"{query!r}: none of {fragments} in {urls}",
                )

    def test_no_better_document_is_hidden(self):
        for query in FOSTER_CARE_QUERIES:
            with self.subTest(query=query, database=connection.vendor):
                urls = top_urls(query, 5)
                self.assertTrue(any(FOSTER_CARE in url for url in urls), f"{query!r}: {urls}")

    def test_a_word_with_one_typo_still_finds_its_pages(self):
        for typo, corrected, fragment in TYPOS:
            with self.subTest(query=typo, database=connection.vendor):
                request = RequestFactory().get("/hledat/", {"q": typo})
                request.user = AnonymousUser()
                outcome = run_search(request)
                self.assertEqual(outcome.suggestion, corrected)
                urls = [item.url for item in outcome.results[:3]]
                self.assertTrue(any(fragment in url for url in urls), f"{typo!r}: {urls}")

    def test_the_admin_searches_pages_and_documents_in_czech(self):
        admin = get_user_model().objects.create_superuser("spravce-testu", "", "heslo-testu")
        self.client.force_login(admin)
        foster_care = Page.objects.get(url_path__contains="naplnovani-potreb-pestounu-v-nrp")
        for url in ("/admin/pages/search/", "/admin/choose-page/search/"):
            with self.subTest(url=url, database=connection.vendor):
                response = self.client.get(url, {"q": "dite NRP"})
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, foster_care.title)
        response = self.client.get("/admin/documents/chooser/results/", {"q": "evaluacni zpravy"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "evaluační zpráva", msg_prefix="document chooser")

    def test_the_admin_search_returns_only_what_the_editor_may_see(self):
        backend = get_search_backend()
        everything = [page.pk for page in backend.search("dite", Page.objects.all())]
        self.assertGreater(len(everything), 2)
        allowed = Page.objects.filter(pk__in=everything[1:3])
        self.assertEqual(
            sorted(page.pk for page in backend.search("dite", allowed)), sorted(everything[1:3])
        )

    def test_inflection_and_diacritics_give_the_same_first_result(self):
        for query, variant in SAME_FIRST_RESULT:
            with self.subTest(query=query, variant=variant):
                self.assertEqual(top_urls(query, 1), top_urls(variant, 1))

    def test_same_top_results_on_every_database(self):
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        ours = {"content": content_fingerprint(), "results": self.results}
        (RESULTS_DIR / f"{connection.vendor}.json").write_text(
            json.dumps(ours, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        if os.environ.get("CI") and connection.vendor != "sqlite":
            # make test runs SQLite first: CI always compares the two databases.
            self.assertTrue((RESULTS_DIR / "sqlite.json").exists(), "no SQLite results to compare")
        for other in RESULTS_DIR.glob("*.json"):
            if other.stem == connection.vendor:
                continue
            theirs = json.loads(other.read_text(encoding="utf-8"))
            if theirs["content"] != ours["content"] and not os.environ.get("CI"):
                continue  # left by a run on other demo content: nothing to compare
            self.assertEqual(
                theirs["content"], ours["content"], f"{other.stem} indexed other content"
            )
            for query, urls in ours["results"].items():
                with self.subTest(query=query, other=other.stem):
                    self.assertEqual(urls, theirs["results"].get(query))
