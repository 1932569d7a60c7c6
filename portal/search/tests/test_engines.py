"""The parts of the engines that need no content: query building, facets, ranking, snippets."""

from collections import Counter
from unittest import mock

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test import SimpleTestCase, TestCase
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from news.factories import NewsPageFactory
from portal.search import engine_postgres, engine_sqlite, facet_table, highlight, ranking, schema
from portal.search.engine import get_engine
from portal.search.hits import Filters, TermQuery
from portal.search.indexing import index_page, rebuild_index
from portal.search.models import SearchEntry, SearchSynonym, decode_ids, encode_ids
from portal.search.query import MAX_QUERY_LENGTH, clean_text, prefix_query, term_query


class QueryTextTests(SimpleTestCase):
    def test_clean_text_drops_nul_and_control_characters_and_truncates(self):
        self.assertEqual(clean_text("kon\x00takt\tpro\nrodiče"), "kon takt pro rodiče")
        self.assertEqual(len(clean_text("a" * 10_000)), MAX_QUERY_LENGTH)
        self.assertEqual(clean_text(None), "")

    def test_operators_and_punctuation_are_not_terms(self):
        query = TermQuery.from_alternatives([["kontakt"], []])
        self.assertEqual(query.alternatives, (("kontakt",),))
        self.assertEqual(prefix_query('"kolizni (opa*'), (["kolizni"], ["opa"]))
        self.assertEqual(prefix_query("*"), ([], []))


class TermQueryTests(TestCase):
    def test_stop_words_only_is_an_empty_query(self):
        self.assertFalse(term_query("a v na"))
        self.assertFalse(term_query('" * ( ) - :'))

    def test_synonyms_come_from_the_editable_list(self):
        self.assertIn(("organ", "spod"), term_query("OSPOD").alternatives)
        SearchSynonym.objects.create(phrases="NRP, náhradní rodinná péče")
        self.assertIn(("nahradni", "rodinny", "pece"), term_query("NRP").alternatives)
        SearchSynonym.objects.filter(phrases__startswith="NRP").delete()
        self.assertEqual(term_query("NRP").alternatives, (("nrp",),))


class MatchSyntaxTests(SimpleTestCase):
    def test_fts5_terms_are_quoted_strings(self):
        self.assertEqual(engine_sqlite.quote('a"b'), '"a""b"')
        self.assertEqual(engine_sqlite.quote("NEAR"), '"NEAR"')
        self.assertEqual(
            engine_sqlite.prefix_expression(["kolizn"], ["opa"]),
            '{title_terms} : ("kolizn" AND ("opa" *))',
        )

    def test_tsquery_terms_are_quoted_lexemes(self):
        self.assertEqual(engine_postgres.lexeme("it's"), "'it''s'")
        self.assertEqual(engine_postgres.lexeme("a\\b"), r"'a\\b'")
        self.assertEqual(
            engine_postgres.prefix_tsquery_text(["kolizn"], ["opa", "op"]),
            "'kolizn':A & ('opa':*A | 'op':*A)",
        )


class FindTests(TestCase):
    """Totals, facet counts and the best ids: the database finds, the facet table counts."""

    # (kind, year, stage, region ids, topic ids, staff only)
    entries = [
        ("methodology", 2021, "", " 3 ", " 7 8 ", False),
        ("methodology", 2020, "", " 4 ", " 7 ", False),
        ("tool", 2021, "validated", " 3 ", "", False),
        ("document", None, "", "", " 8 ", False),
        ("methodology", 2021, "", " 3 ", " 7 ", True),
    ]

    @classmethod
    def setUpTestData(cls):
        page_type = ContentType.objects.get_for_model(Page)
        cls.ids = [
            SearchEntry.objects.create(
                content_type=page_type,
                object_id=number,
                kind=kind,
                title=f"Položka {number}",
                url=f"/polozka-{number}/",
                year=year,
                validation_stage=stage,
                region_ids=regions,
                topic_ids=topics,
                staff_only=staff_only,
                title_terms="mediak" if number == 2 else "kurz",
                body_terms="mediak " * (number + 1),
                body_length=number + 1,
            ).pk
            for number, (kind, year, stage, regions, topics, staff_only) in enumerate(cls.entries)
        ]

    def find(self, filters=None, include_staff=False, limit=10):
        query = TermQuery((("mediak",),))
        return get_engine().find(query, filters or Filters(), include_staff, limit)

    def test_without_filters_everything_visible_counts(self):
        found = self.find()
        self.assertEqual((found.total, found.matched), (4, 4))
        self.assertEqual(
            found.facets["kind"], Counter({"methodology": 2, "tool": 1, "document": 1})
        )
        self.assertEqual(found.facets["topic"], Counter({7: 2, 8: 2}))
        self.assertEqual(found.facets["region"], Counter({3: 2, 4: 1}))
        self.assertEqual(found.facets["year"], Counter({2021: 2, 2020: 1}))
        self.assertEqual(found.facets["stage"], Counter({"validated": 1}))
        self.assertEqual(found.facets["project"], Counter())

    def test_staff_see_staff_only_entries_in_counts(self):
        found = self.find(include_staff=True)
        self.assertEqual(found.total, 5)
        self.assertEqual(found.facets["topic"], Counter({7: 3, 8: 2}))

    def test_a_facet_ignores_its_own_selection_and_respects_the_others(self):
        found = self.find(Filters(kind=("methodology",), region=(3,)))
        self.assertEqual(found.ids, [self.ids[0]])
        self.assertEqual((found.total, found.matched), (1, 4))
        self.assertEqual(found.facets["kind"], Counter({"methodology": 1, "tool": 1}))
        self.assertEqual(found.facets["region"], Counter({3: 1, 4: 1}))
        self.assertEqual(found.facets["topic"], Counter({7: 1, 8: 1}))

    def test_the_best_ids_first_and_no_more_than_the_limit(self):
        found = self.find(limit=2)
        self.assertEqual(len(found.ids), 2)
        self.assertEqual(found.total, 4)
        self.assertEqual(found.ids[0], self.ids[2], "the title match comes first")
        self.assertEqual(self.find(Filters(year=(2019,))).ids, [])

    def test_counts_follow_every_write_to_the_index(self):
        """The in-memory facet table reloads whoever changed the entries (another process,
        a bulk update, a restore), not only after the indexing code's own writes."""
        self.assertEqual(self.find().facets["kind"]["tool"], 1)
        SearchEntry.objects.filter(pk=self.ids[0]).update(kind="tool", topic_ids=" 9 ")
        found = self.find()
        self.assertEqual(
            found.facets["kind"], Counter({"tool": 2, "methodology": 1, "document": 1})
        )
        self.assertEqual(found.facets["topic"], Counter({9: 1, 7: 1, 8: 1}))
        SearchEntry.objects.filter(pk=self.ids[3]).delete()
        self.assertEqual(self.find().total, 3)

    @mock.patch.object(facet_table, "COMMON_WORD_MATCHES", 4)
    def test_a_common_word_is_asked_once_per_index_version(self):
        first = self.find()
        with CaptureQueriesContext(connection) as asked:
            again = self.find()
        self.assertEqual(
            (again.ids, again.total, again.facets), (first.ids, first.total, first.facets)
        )
        self.assertEqual(len(asked), 1, "only the index version is read again")
        SearchEntry.objects.filter(pk=self.ids[3]).update(body_terms="jine")
        self.assertEqual(self.find().total, 3, "the changed entry no longer holds the word")

    def test_a_rolled_back_change_is_forgotten(self):
        with self.assertRaises(RuntimeError), transaction.atomic():
            SearchEntry.objects.filter(pk=self.ids[1]).update(year=1999)
            self.assertEqual(self.find().facets["year"][1999], 1)
            raise RuntimeError("roll back")
        self.assertEqual(self.find().facets["year"], Counter({2021: 2, 2020: 1}))
        self.assertEqual(self.find(Filters(year=(1999,))).total, 0)


class MostWordsTests(TestCase):
    """All the words first, then most of them (two thirds), in one list; the counts follow."""

    # (title, body, kind)
    entries = [
        ("Jedna", "pomoc pestounsky rodina", "news"),
        ("Dvě", "pestounsky rodina metodika", "methodology"),
        ("Tři", "pomoc rodina", "methodology"),
        ("Čtyři", "pomoc jinde", "tool"),
    ]

    @classmethod
    def setUpTestData(cls):
        page_type = ContentType.objects.get_for_model(Page)
        cls.ids = [
            SearchEntry.objects.create(
                content_type=page_type,
                object_id=number,
                kind=kind,
                title=title,
                url=f"/{number}/",
                title_terms="",
                body_terms=body,
                body_length=len(body.split()),
            ).pk
            for number, (title, body, kind) in enumerate(cls.entries)
        ]

    def find(self, *alternatives, filters=None):
        return get_engine().find(TermQuery(alternatives), filters or Filters(), False, 10)

    def test_one_entry_with_all_words_does_not_hide_those_with_most(self):
        found = self.find(("pomoc", "pestounsky", "rodina"))
        self.assertEqual(found.ids[0], self.ids[0])
        self.assertEqual(set(found.ids), set(self.ids[:3]))
        self.assertEqual(found.total, 3)
        self.assertTrue(found.matched_all)
        self.assertEqual(found.facets["kind"], Counter({"methodology": 2, "news": 1}))

    def test_two_words_need_both_unless_no_entry_has_them(self):
        self.assertEqual(self.find(("pomoc", "metodika")).total, 4)  # fallback: any word
        self.assertFalse(self.find(("pomoc", "metodika")).matched_all)
        found = self.find(("pomoc", "rodina"))
        self.assertEqual(set(found.ids), {self.ids[0], self.ids[2]})

    def test_a_filter_keeps_the_tiers(self):
        found = self.find(("pomoc", "pestounsky", "rodina"), filters=Filters(kind=("methodology",)))
        self.assertEqual(set(found.ids), {self.ids[1], self.ids[2]})
        self.assertEqual(found.facets["kind"]["news"], 1)


class FirstScoreTests(TestCase):
    """More matches than the reranker reads: the page about the word must still reach it."""

    @classmethod
    def setUpTestData(cls):
        page_type = ContentType.objects.get_for_model(Page)

        def entry(number, kind, weight, body, lead=""):
            return SearchEntry(
                content_type=page_type,
                object_id=number,
                kind=kind,
                title=f"Stránka {number}",
                url=f"/stranka-{number}/",
                title_terms=f"stranka {number}",
                body_terms=body,
                body_length=len(body.split()),
                key_terms=ranking.key_terms(body, lead),
                rank_weight=weight,
            )

        filler = " ".join(["rodina", "dite", "ospod", "kurz", "pomoc"] * 30)
        passing = [
            entry(number, "news", 1.1, f"{filler} mediace")
            for number in range(ranking.CANDIDATES + 20)
        ]
        report_body = " ".join([filler, "mediace"] * 4 + [filler])
        report = entry(1000, "period_report", 1.0, report_body)
        lead = "kurz mediace pro rodice"
        summarised = entry(1001, "methodology", 1.3, " ".join([lead] + [filler] * 5), lead)
        created = SearchEntry.objects.bulk_create([*passing, report, summarised])
        cls.report, cls.summarised = created[-2].pk, created[-1].pk

    def test_a_long_page_repeating_the_word_beats_short_passing_mentions(self):
        result = get_engine().search(term_query("mediace"), Filters(), AnonymousUser(), 1, 3)
        ids = [entry.id for entry in result.entries]
        self.assertEqual(result.total, ranking.CANDIDATES + 22)
        self.assertIn(self.report, ids)
        self.assertIn(self.summarised, ids, "the word in the summary counts more")


class EncodeIdsTests(SimpleTestCase):
    def test_ids_round_trip(self):
        self.assertEqual(encode_ids([12, 3, 3]), " 3 12 ")
        self.assertEqual(decode_ids(" 3 12 "), [3, 12])
        self.assertEqual(encode_ids([]), "")


class RankingTests(SimpleTestCase):
    def candidate(self, id, title_terms="", body="", weight=1.0, title="x"):
        key_terms = ranking.key_terms(body, "")  # as indexing stores them
        return ranking.Candidate(id, weight, title_terms, body, len(body), title, key_terms)

    def test_a_title_match_beats_a_body_match(self):
        query = TermQuery((("mediak",),))
        in_title = self.candidate(1, "mediak", "kurz")
        in_body = self.candidate(2, "kurz", "mediak mediak mediak")
        self.assertEqual(ranking.rerank([in_body, in_title], query), [1, 2])

    def test_more_of_the_words_beats_fewer_in_the_any_word_fallback(self):
        query = TermQuery((("kulat", "stol", "jihlav"),))
        all_words = self.candidate(1, body="kulat stol jihlav")
        one_word = self.candidate(2, title_terms="jihlav", body="jihlav jihlav")
        self.assertEqual(ranking.rerank([one_word, all_words], query), [1, 2])

    def test_the_words_as_a_phrase_beat_the_words_apart(self):
        query = TermQuery((("kulaty", "stul"),))
        filler = " ".join(["slovo"] * 20)
        apart = self.candidate(1, body=f"kulaty {filler} stul")
        near = self.candidate(2, body="stul byl kulaty")
        phrase = self.candidate(3, body="kulaty stul")
        self.assertEqual(ranking.rerank([apart, near, phrase], query), [3, 2, 1])

    def test_the_tier_comes_before_the_score(self):
        query = TermQuery((("pomoc", "pestounsky", "rodina"),))
        all_words = self.candidate(1, body="pomoc pestounsky rodina")
        strong_title = self.candidate(2, title_terms="pestounsky rodina", body="pestounsky")
        tiers = {1: 2, 2: 1}
        self.assertEqual(ranking.rerank([strong_title, all_words], query, tiers), [1, 2])

    def test_the_page_about_the_word_beats_a_preferred_type_naming_it(self):
        query = TermQuery((("mediace",),))
        filler = " ".join(["rodina"] * 40)
        report = self.candidate(1, body=" ".join(["mediace", filler] * 8), weight=1.0)
        methodology = self.candidate(2, body=" ".join(["mediace", filler * 3] * 3), weight=1.3)
        self.assertEqual(ranking.rerank([methodology, report], query), [1, 2])

    def test_result_type_weight_and_stable_ties(self):
        query = TermQuery((("spot",),))
        page = self.candidate(1, "spot", weight=1.1, title="B")
        document = self.candidate(2, "spot", weight=0.8, title="A")
        twin = self.candidate(3, "spot", weight=1.1, title="A")
        self.assertEqual(ranking.rerank([document, page, twin], query), [3, 1, 2])


class HighlightTests(SimpleTestCase):
    def test_inflected_forms_are_marked_and_html_escaped(self):
        text = "Podpora <b>pěstounů</b> & pěstounské péče"
        html = highlight.snippet(text, {"pestoun", "pece"})
        self.assertEqual(
            html,
            "Podpora &lt;b&gt;<mark>pěstounů</mark>&lt;/b&gt; &amp; pěstounské <mark>péče</mark>",
        )

    def test_window_starts_near_the_first_match(self):
        text = " ".join(["slovo"] * 200) + " supervize " + " ".join(["konec"] * 50)
        html = highlight.snippet(text, {"supervize"}, length=120)
        self.assertTrue(html.startswith("…"))
        self.assertTrue(html.endswith("…"))
        self.assertIn("<mark>supervize</mark>", html)
        self.assertLess(len(html), 200)

    def test_no_match_shows_the_beginning(self):
        self.assertEqual(highlight.snippet("Krátký text.", {"jin"}), "Krátký text.")


class FullTextStructureTests(TestCase):
    def test_the_structure_exists_and_stays_consistent(self):
        self.assertTrue(schema.is_installed(connection))
        news = NewsPageFactory(title="Kulatý stůl v Telči")
        index_page(news)
        news.title = "Kulatý stůl v Jihlavě"
        news.save()
        index_page(news)
        rebuild_index()
        SearchEntry.objects.filter(title__startswith="Kulatý").update(title_terms="jin slov")
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {schema.FTS_TABLE}({schema.FTS_TABLE}) VALUES ('integrity-check')"
                )
        result = get_engine().search(term_query("jin slov"), Filters(), AnonymousUser())
        self.assertEqual([e.title for e in result.entries], ["Kulatý stůl v Jihlavě"])
        result = get_engine().search(term_query("kulatý stůl"), Filters(), AnonymousUser())
        self.assertEqual(result.total, 0)
