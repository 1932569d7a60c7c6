"""Elasticsearch/OpenSearch without a server: the generated settings, mappings and requests."""

import datetime

from django.contrib.auth.models import AnonymousUser
from django.test import SimpleTestCase, TestCase, override_settings

from portal.search import czech
from portal.search import engine as engine_module
from portal.search.backends import elasticsearch_settings
from portal.search.engine import get_engine
from portal.search.engine_elasticsearch import (
    MAPPINGS,
    ElasticsearchEngine,
    autocomplete_body,
    entry_document,
    index_settings,
    index_template,
    search_body,
    synonym_rules,
)
from portal.search.hits import Filters, TermQuery
from portal.search.indexing import rebuild_index
from portal.search.tests.builders import build_site

ENVIRONMENT = {
    "ELASTICSEARCH_URL": "https://search-1.example.cz:9200, https://search-2.example.cz:9200",
    "ELASTICSEARCH_USER": "portal",
    "ELASTICSEARCH_PASSWORD": "tajne",
    "ELASTICSEARCH_INDEX": "ospod",
}


class IndexDefinitionTests(SimpleTestCase):
    def test_analysis_splits_pre_analysed_terms_and_defines_the_czech_chain(self):
        settings = index_settings(["ospod, organ spod"])
        analysis = settings["analysis"]
        self.assertEqual(analysis["analyzer"]["portal_terms"]["tokenizer"], "whitespace")
        self.assertNotIn("filter", analysis["analyzer"]["portal_terms"])
        self.assertEqual(analysis["analyzer"]["portal_terms_search"]["filter"], ["portal_synonyms"])
        self.assertEqual(
            analysis["filter"]["portal_synonyms"],
            {"type": "synonym_graph", "synonyms": ["ospod, organ spod"]},
        )
        czech = analysis["analyzer"]["czech_folded"]
        # Lucene's Czech stemmer needs the diacritics: folding comes last.
        chain = ["lowercase", "czech_stop", "czech_stemmer", "asciifolding"]
        self.assertEqual(czech["filter"], chain)
        self.assertEqual(analysis["filter"]["czech_stop"]["stopwords"], "_czech_")
        self.assertEqual(analysis["filter"]["czech_stemmer"]["language"], "czech")

    def test_synonym_rules_are_analysed_like_the_terms(self):
        rules = synonym_rules(
            [["OSPOD", "orgán SPOD"], ["asistovaný kontakt", "asistovaný styk"], ["jen jedna"]]
        )
        self.assertEqual(rules, ["ospod, organ spod", "asistovat kontakt, asistovat styk"])

    def test_mappings_keep_facets_as_keywords_and_terms_as_whitespace_text(self):
        properties = MAPPINGS["properties"]
        self.assertEqual(MAPPINGS["dynamic"], "strict")
        for facet in ("kind", "project", "regions", "topics", "stage", "year"):
            self.assertEqual(properties[facet]["type"], "keyword", facet)
        for field in ("title_terms", "body_terms", "all_terms"):
            self.assertEqual(properties[field]["analyzer"], "portal_terms", field)
            self.assertEqual(properties[field]["search_analyzer"], "portal_terms_search", field)
        self.assertEqual(properties["plain_text"]["analyzer"], "czech_folded")

    def test_template_applies_to_every_index_of_the_alias(self):
        template = index_template("ospod-search", [])
        self.assertEqual(template["index_patterns"], ["ospod-search-*"])
        self.assertEqual(template["template"]["mappings"], MAPPINGS)
        self.assertTrue(template["template"]["settings"]["analysis"]["filter"]["portal_synonyms"])


class RequestBodyTests(SimpleTestCase):
    query = TermQuery((("asistovan", "kontakt"), ("asistovan", "styk")))

    def test_all_words_first_with_title_boost_and_type_weight(self):
        body = search_body(self.query, Filters(), False, True, 0, 20)
        scored = body["query"]["bool"]["must"][0]["function_score"]
        self.assertEqual(scored["field_value_factor"]["field"], "rank_weight")
        text = scored["query"]["bool"]
        match = text["must"][0]["match"]["all_terms"]
        self.assertEqual(match["query"], "asistovan kontakt")
        self.assertEqual(match["minimum_should_match"], "2<67%")  # two thirds of 3 words
        self.assertEqual(text["should"][0]["match"]["title_terms"]["boost"], 10)
        all_words = text["should"][1]["match"]["all_terms"]
        self.assertEqual((all_words["operator"], all_words["boost"]), ("and", 100))
        self.assertEqual(body["query"]["bool"]["filter"], [{"term": {"staff_only": False}}])
        self.assertEqual((body["from"], body["size"]), (0, 20))
        self.assertTrue(body["track_total_hits"])

    def test_any_word_fallback(self):
        body = search_body(self.query, Filters(), True, False, 20, 20)
        match = body["query"]["bool"]["must"][0]["function_score"]["query"]["bool"]["must"][0]
        self.assertEqual(match["match"]["all_terms"]["operator"], "or")
        self.assertEqual(match["match"]["all_terms"]["query"], "asistovan kontakt styk")
        self.assertEqual(body["query"]["bool"]["filter"], [])  # staff see everything
        self.assertEqual(body["from"], 20)

    def test_facets_ignore_their_own_selection(self):
        filters = Filters(kind=("methodology",), region=(3, 4))
        body = search_body(self.query, filters, False, True, 0, 20)
        self.assertEqual(
            body["post_filter"]["bool"]["filter"],
            [{"terms": {"kind": ["methodology"]}}, {"terms": {"regions": ["3", "4"]}}],
        )
        self.assertEqual(
            body["aggs"]["kind"]["filter"]["bool"]["filter"], [{"terms": {"regions": ["3", "4"]}}]
        )
        self.assertEqual(
            body["aggs"]["region"]["filter"]["bool"]["filter"],
            [{"terms": {"kind": ["methodology"]}}],
        )
        self.assertEqual(body["aggs"]["topic"]["aggs"]["values"]["terms"]["field"], "topics")

    def test_autocomplete_is_a_prefix_on_title_terms(self):
        body = autocomplete_body(["kolizn"], ["opa"], False, 8)
        must = body["query"]["bool"]["must"]
        self.assertEqual(must[0], {"term": {"title_terms": "kolizn"}})
        self.assertEqual(must[1]["bool"]["should"], [{"prefix": {"title_terms": "opa"}}])


class FakeIndices:
    def __init__(self, existing):
        self.existing = existing
        self.calls = []

    def __getattr__(self, name):
        def call(**kwargs):
            self.calls.append((name, kwargs))
            if name == "exists_alias":
                return bool(self.existing)
            if name == "get_alias":
                return dict.fromkeys(self.existing, {})
            if name == "get":
                return dict.fromkeys([*self.existing, "ospod-search-leftover"], {})
            return {}

        return call


class FakeClient:
    def __init__(self, existing=(), responses=()):
        self.indices = FakeIndices(list(existing))
        self.responses = list(responses)
        self.searches = []

    def search(self, **kwargs):
        self.searches.append(kwargs)
        return self.responses.pop(0)


class EngineTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site()
        rebuild_index()

    def setUp(self):
        self.engine = ElasticsearchEngine.from_settings(elasticsearch_settings(ENVIRONMENT))
        self.bulk = []
        self.engine._bulk = lambda actions: self.bulk.extend(actions)

    def test_settings_from_the_environment_and_a_lazy_client(self):
        self.assertEqual(
            self.engine.urls,
            ["https://search-1.example.cz:9200", "https://search-2.example.cz:9200"],
        )
        self.assertEqual(self.engine.alias, "ospod-search")
        self.assertEqual(self.engine.options, {"basic_auth": ("portal", "tajne")})
        self.assertIsNone(self.engine._client)  # nothing connects until a search runs

    def test_engine_is_chosen_from_wagtail_search_settings(self):
        engine_module._engine_for.cache_clear()
        try:
            backends = {"default": elasticsearch_settings(ENVIRONMENT)}
            with override_settings(WAGTAILSEARCH_BACKENDS=backends):
                self.assertEqual(get_engine().name, "elasticsearch")
            self.assertIn(get_engine().name, {"sqlite", "postgresql"})
        finally:
            engine_module._engine_for.cache_clear()

    def test_documents_match_the_mapping(self):
        from portal.search.models import SearchEntry

        entry = SearchEntry.objects.get(kind="methodology")
        document = entry_document(entry)
        self.assertLessEqual(set(document), set(MAPPINGS["properties"]))
        self.assertEqual(document["project"], str(self.site["project"].pk))
        self.assertEqual(document["date"], "2021-06-30")
        # The cluster gets the dictionary lemmas: "asistovaný kontakt" of the methodology
        # is what "asistovane kontakty" is analysed to.
        terms = document["title_terms"].split() + document["body_terms"].split()
        self.assertLessEqual(set(czech.analyze("asistovane kontakty")), set(terms))

    def test_atomic_rebuild_swaps_the_alias_and_deletes_old_indices(self):
        client = FakeClient(existing=["ospod-search-20240101000000000000"])
        self.engine._client = client
        now = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
        new_index = self.engine.rebuild_index(now=now)
        self.assertEqual(new_index, "ospod-search-20260102030405000000")
        names = [name for name, _kwargs in client.indices.calls]
        self.assertEqual(names[:3], ["put_index_template", "create", "refresh"])
        from portal.search.models import SearchEntry

        self.assertEqual(len(self.bulk), SearchEntry.objects.count())
        self.assertTrue(all(action["_index"] == new_index for action in self.bulk))
        swap = dict(client.indices.calls)["update_aliases"]["actions"]
        self.assertEqual(
            swap,
            [
                {"add": {"index": new_index, "alias": "ospod-search"}},
                {"remove": {"index": "ospod-search-20240101000000000000", "alias": "ospod-search"}},
            ],
        )
        deleted = [kwargs["index"] for name, kwargs in client.indices.calls if name == "delete"]
        self.assertEqual(deleted, ["ospod-search-20240101000000000000", "ospod-search-leftover"])

    def test_search_reads_hits_and_facets_and_falls_back_to_any_word(self):
        from portal.search.models import SearchEntry

        methodology = SearchEntry.objects.get(kind="methodology")
        empty = {"hits": {"total": {"value": 0}, "hits": []}, "aggregations": {}}
        found = {
            "hits": {"total": {"value": 1}, "hits": [{"_id": str(methodology.pk)}]},
            "aggregations": {
                "kind": {"values": {"buckets": [{"key": "methodology", "doc_count": 1}]}},
                "year": {"values": {"buckets": [{"key": "2021", "doc_count": 1}]}},
            },
        }
        client = FakeClient(responses=[empty, found])
        self.engine._client = client
        query = TermQuery((("asistovan", "xylofon"),))
        result = self.engine.search(query, Filters(), AnonymousUser())
        self.assertFalse(result.matched_all_terms)
        self.assertEqual([e.pk for e in result.entries], [methodology.pk])
        self.assertEqual(result.facets["kind"]["methodology"], 1)
        self.assertEqual(result.facets["year"][2021], 1)
        self.assertEqual(client.searches[0]["index"], "ospod-search")
        self.assertEqual(client.searches[0]["from_"], 0)
        anonymous = [{"term": {"staff_only": False}}]
        self.assertEqual(client.searches[1]["query"]["bool"]["filter"], anonymous)
