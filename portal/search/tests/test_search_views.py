"""The search page and the JSON API: results, facets, staff-only material, bad input."""

import datetime
import json
from unittest import mock
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion

from news.factories import NewsPageFactory
from portal.search.indexing import rebuild_index
from portal.search.tests.builders import build_site, build_staff_material, staff_user

BAD_INPUT = {
    "empty": {"q": ""},
    "only spaces": {"q": "   "},
    "10,000 characters": {"q": "pěstoun " * 1250},
    "quotes": {"q": '"asistovaný kontakt'},
    "apostrophes": {"q": "'; DROP TABLE portal_searchentry; --"},
    "star": {"q": "pěst*"},
    "parenthesis": {"q": "(kontakt"},
    "NEAR": {"q": "NEAR(kontakt rodič)"},
    "OR": {"q": "OR"},
    "AND NOT": {"q": "kontakt AND NOT rodič"},
    "tsquery syntax": {"q": "kontakt & !rodič | <-> :*"},
    "NUL byte": {"q": "kon\x00takt"},
    "only a NUL byte": {"q": "\x00"},
    "FTS column filter": {"q": "title_terms: kontakt"},
    "strana zero": {"q": "kontakt", "strana": "0"},
    "strana negative": {"q": "kontakt", "strana": "-1"},
    "strana text": {"q": "kontakt", "strana": "abc"},
    "strana huge": {"q": "kontakt", "strana": "99999999999999999999"},
    "strana beyond results": {"q": "kontakt", "strana": "40"},
    "strana NUL": {"q": "kontakt", "strana": "1\x00"},
    "typ unknown": {"q": "kontakt", "typ": "nic"},
    "typ NUL": {"q": "kontakt", "typ": "\x00"},
    "rok text": {"q": "kontakt", "rok": "loni"},
    "rok out of range": {"q": "kontakt", "rok": "99999"},
    "rok unicode digits": {"q": "kontakt", "rok": "２０２１"},
    "tema unknown": {"q": "kontakt", "tema": "neexistuje"},
    "tema not a slug": {"q": "kontakt", "tema": "a b/c"},
    "kraj unknown": {"q": "kontakt", "kraj": "atlantida"},
    "projekt unknown": {"q": "kontakt", "projekt": "zadny-projekt"},
    "stupen unknown": {"q": "kontakt", "stupen": "hotovo"},
    "skupina unknown": {"q": "kontakt", "skupina": "marťané"},
    "prostredi unknown": {"q": "kontakt", "prostredi": "mesic"},
    "ucinnost unknown": {"q": "kontakt", "ucinnost": "zazracna"},
    "standard unknown": {"q": "kontakt", "standard": "standard-99"},
    "standard NUL": {"q": "kontakt", "standard": "a\x00b"},
}
TOO_MANY_VALUES = [("q", "kontakt")] + [("rok", str(2000 + n)) for n in range(50)]


def api(client, **params):
    return client.get("/api/hledat/?" + urlencode(params, doseq=True))


class SearchTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.site = build_site()
        cls.staff_material = build_staff_material()
        cls.staff = staff_user()
        rebuild_index()


class SearchApiTests(SearchTestCase):
    def test_json_shape(self):
        response = api(self.client, q="asistovaný kontakt")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["X-Robots-Tag"], "noindex")
        data = response.json()
        self.assertGreaterEqual(data["count"], 1)
        first = data["results"][0]
        self.assertEqual(
            set(first) - {"attached_to", "staff_only"},
            {"title", "url", "type", "snippet", "date", "project"},
        )
        self.assertEqual(first["title"], "Asistovaný kontakt rodičů s dětmi")
        self.assertEqual(first["url"], self.site["methodology"].url)
        self.assertEqual(first["type"], "metodika")
        self.assertEqual(first["date"], "2021-06-30")
        project = self.site["project"]
        self.assertEqual(first["project"], {"title": project.title, "url": project.url})
        self.assertIn("<mark>", first["snippet"])
        self.assertEqual(set(data["facets"]), {"typ", "tema", "projekt", "kraj", "rok"})
        option = data["facets"]["typ"][0]
        self.assertEqual(set(option), {"value", "label", "count", "selected"})

    def test_document_hit_links_the_page_that_attaches_it(self):
        data = api(self.client, q="xylofonové šetření").json()
        self.assertEqual(data["count"], 1)
        hit = data["results"][0]
        self.assertEqual(hit["type"], "dokument")
        self.assertEqual(hit["url"], self.site["pdf"].url)
        project = self.site["project"]
        self.assertEqual(hit["attached_to"], [{"title": project.title, "url": project.url}])
        self.assertIn("<mark>xylofonového</mark>", hit["snippet"])

    def test_facets_combine_with_the_query_and_with_each_other(self):
        everything = api(self.client, q="OSPOD").json()
        methodologies = api(self.client, q="OSPOD", typ="methodology").json()
        self.assertLess(methodologies["count"], everything["count"])
        self.assertTrue(all(r["type"] == "metodika" for r in methodologies["results"]))
        # The type facet still counts the other types (its own selection is ignored) ...
        type_counts = {o["value"]: o["count"] for o in methodologies["facets"]["typ"]}
        self.assertEqual(type_counts, {o["value"]: o["count"] for o in everything["facets"]["typ"]})
        # ... while the other facets count only methodologies.
        years = {o["value"]: o["count"] for o in methodologies["facets"]["rok"]}
        self.assertEqual(years, {"2021": 1})
        both = api(self.client, q="OSPOD", typ=["methodology", "tool"]).json()
        self.assertEqual(
            {r["type"] for r in both["results"]}, {"metodika", "nástroj nebo prototyp"}
        )
        stage = api(self.client, q="OSPOD", typ=["methodology", "tool"], stupen="validated")
        self.assertEqual([r["title"] for r in stage.json()["results"]], ["Plán bezpečí dítěte"])

    def test_topic_project_region_and_year_filters(self):
        topic = self.site["topic"].slug
        by_topic = api(self.client, q="OSPOD", tema=topic).json()
        self.assertEqual(
            {r["title"] for r in by_topic["results"]},
            {self.site["project"].title, self.site["methodology"].title},
        )
        by_project = api(self.client, q="dítě", projekt=self.site["project"].slug).json()
        self.assertIn(self.site["tool"].title, [r["title"] for r in by_project["results"]])
        by_region = api(self.client, q="OSPOD", kraj="vysocina").json()
        self.assertIn(self.site["event"].title, [r["title"] for r in by_region["results"]])
        by_year = api(self.client, q="OSPOD", rok="2018").json()
        self.assertEqual([r["title"] for r in by_year["results"]], [self.site["event"].title])

    def test_synonyms_from_the_editable_list(self):
        data = api(self.client, q="asistovaný styk").json()
        self.assertEqual(data["results"][0]["title"], self.site["methodology"].title)

    def test_any_word_fallback_when_no_page_has_all_words(self):
        data = api(self.client, q="mediace xylofonové").json()
        self.assertGreaterEqual(data["count"], 2)
        self.assertTrue(data["note"])

    def test_no_hits_and_empty_query_messages(self):
        self.assertEqual(api(self.client, q="").json()["message"], "Zadejte, co hledáte…")
        data = api(self.client, q="qwertzuiop").json()
        self.assertEqual(data["count"], 0)
        self.assertIn("nic nenašli", data["message"])

    def test_pagination(self):
        for number in range(25):
            NewsPageFactory(title=f"Zpráva o síťování {number}", summary="Síťování služeb.")
        rebuild_index()
        first = api(self.client, q="síťování").json()
        second = api(self.client, q="síťování", strana="2").json()
        self.assertEqual((first["count"], first["pages"]), (25, 2))
        self.assertEqual((len(first["results"]), len(second["results"])), (20, 5))
        urls = [r["url"] for r in first["results"] + second["results"]]
        self.assertEqual(len(set(urls)), 25)

    def test_promoted_results_come_first_and_hits_are_logged(self):
        query = Query.get("pěstouni")
        SearchPromotion.objects.create(query=query, page=self.site["tool"], sort_order=0)
        SearchPromotion.objects.create(
            query=query,
            external_link_url="https://example.cz/nrp",
            external_link_text="NRP",
            sort_order=1,
        )
        data = api(self.client, q="Pěstouni").json()
        self.assertEqual([p["title"] for p in data["promoted"]], [self.site["tool"].title, "NRP"])
        self.assertEqual(Query.get("pěstouni").hits, 1)

    def test_searches_after_midnight_in_prague_count_on_one_prague_day(self):
        # 00:30 in Prague is still the previous day in UTC
        after_midnight = datetime.datetime(2026, 12, 1, 23, 30, tzinfo=datetime.UTC)
        with mock.patch("django.utils.timezone.now", return_value=after_midnight):
            api(self.client, q="sanace")
            with CaptureQueriesContext(connection) as second:
                api(self.client, q="sanace")
        days = QueryDailyHits.objects.filter(query=Query.get("sanace"))
        self.assertEqual(list(days.values_list("date", "hits")), [(datetime.date(2026, 12, 2), 2)])
        hit_writes = [q for q in second if "querydailyhits" in q["sql"]]
        self.assertEqual(len(hit_writes), 1, hit_writes)  # the UPDATE alone, as on any day

    def test_autocomplete_suggests_titles(self):
        response = self.client.get("/api/hledat/naseptavac/?q=asistovany kont")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["X-Robots-Tag"], "noindex")
        self.assertEqual(response.json(), ["Asistovaný kontakt rodičů s dětmi"])
        self.assertEqual(self.client.get("/api/hledat/naseptavac/?q=p").json(), [])
        self.assertEqual(self.client.get("/api/hledat/naseptavac/?q=*%00(").json(), [])


class SearchPageTests(SearchTestCase):
    def test_the_empty_search_page_may_be_indexed_and_results_may_not(self):
        empty = self.client.get("/hledat/")
        self.assertEqual(empty.status_code, 200)
        self.assertNotIn("X-Robots-Tag", empty)
        self.assertNotContains(empty, 'name="robots"')
        self.assertContains(empty, '<meta name="description" content="Hledání v metodikách')
        for query in ("?q=mediace", "?rok=2021", "?rok=dnes"):
            with self.subTest(query=query):
                results = self.client.get("/hledat/" + query)
                self.assertEqual(results["X-Robots-Tag"], "noindex")
                self.assertContains(
                    results,
                    '<meta name="robots" content="noindex">',
                    status_code=results.status_code,
                )
        robots = self.client.get("/robots.txt").content.decode()
        self.assertIn("Disallow: /hledat/?\n", robots)
        self.assertNotIn("Disallow: /hledat/\n", robots)

    def test_page_shows_results_with_highlighted_snippets(self):
        response = self.client.get("/hledat/?q=pestounske+pece")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["X-Robots-Tag"], "noindex")
        self.assertContains(response, '<meta name="robots" content="noindex">')
        self.assertContains(response, '<label class="gov-form-label" for="hledat-dotaz">')
        self.assertContains(response, self.site["methodology"].title)
        self.assertContains(response, "<mark>")
        self.assertContains(response, "metodika")

    def test_snippets_escape_html(self):
        NewsPageFactory(title="Značky <script>", summary="Text <script>alert(1)</script> síťaři")
        rebuild_index()
        response = self.client.get("/hledat/?q=síťaři")
        self.assertNotContains(response, "<script>alert")
        self.assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")

    def test_facets_are_a_form_of_checkboxes(self):
        response = self.client.get("/hledat/?q=projekt&typ=methodology")
        self.assertContains(response, '<legend class="gov-form-label">Typ obsahu</legend>')
        self.assertContains(response, 'name="typ" value="methodology" checked')
        self.assertContains(response, "Zrušit všechny filtry")

    def test_each_result_shows_its_type_own_date_and_project(self):
        response = self.client.get("/hledat/?q=asistovaný kontakt")
        html = response.content.decode()
        first = html[html.index('class="search-result"') :]
        first = first[: first.index("</li>")]
        self.assertIn(">Metodika</span>", first)
        self.assertIn('<time class="search-result__date" datetime="2021-06-30">', first)
        project = self.site["project"]
        self.assertIn(f'Projekt: <a href="{project.url}">{project.title}</a>', first)

    def test_empty_query_asks_what_to_search(self):
        response = self.client.get("/hledat/")
        self.assertContains(response, "Zadejte, co hledáte…")

    def test_no_hits_suggests_what_to_do(self):
        response = self.client.get("/hledat/?q=qwertzuiop")
        self.assertContains(response, "nic nenašli")
        self.assertContains(response, 'href="/temata/"')

    def test_pagination_marks_the_current_page(self):
        for number in range(25):
            NewsPageFactory(title=f"Zpráva o síťování {number}", summary="Síťování služeb.")
        rebuild_index()
        response = self.client.get("/hledat/?q=síťování&strana=2")
        self.assertContains(response, 'aria-current="page"')
        self.assertContains(response, "strana 2 z 2")


class BadInputTests(SearchTestCase):
    def test_api_never_fails(self):
        for name, params in BAD_INPUT.items():
            with self.subTest(name):
                response = api(self.client, **params)
                self.assertIn(response.status_code, {200, 400})
                data = response.json()
                message = data.get("error") or data.get("message") or data.get("count") is not None
                self.assertTrue(message)
                if response.status_code == 400:
                    self.assertRegex(data["error"], "[ěščřžýáíéůú]")

    def test_page_answers_as_the_api_does(self):
        for name, params in BAD_INPUT.items():
            with self.subTest(name):
                response = self.client.get("/hledat/?" + urlencode(params))
                from_api = api(self.client, **params)
                self.assertEqual(response.status_code, from_api.status_code)
                self.assertContains(response, "Hledání", status_code=response.status_code)
                if response.status_code == 400:
                    error = escape(from_api.json()["error"])
                    self.assertContains(response, error, status_code=400)

    def test_too_many_filter_values(self):
        response = self.client.get("/api/hledat/?" + urlencode(TOO_MANY_VALUES))
        self.assertEqual(response.status_code, 400)
        self.assertIn("nejvýše", response.json()["error"])
        page = self.client.get("/hledat/?" + urlencode(TOO_MANY_VALUES))
        self.assertContains(page, "Vyberte nejvýše 20 hodnot filtru.", status_code=400)

    def test_invalid_values_get_a_czech_message(self):
        response = api(self.client, q="kontakt", strana="abc")
        self.assertEqual(response.status_code, 400)
        self.assertIn("Stránka výsledků", response.json()["error"])
        page = self.client.get("/hledat/?q=kontakt&typ=nic")
        self.assertContains(page, "Neznámý typ obsahu „nic“", status_code=400)

    def test_only_get_is_allowed(self):
        self.assertEqual(self.client.post("/api/hledat/", {"q": "x"}).status_code, 405)


class StaffOnlyMaterialTests(SearchTestCase):
    QUERY = "kvokalový protokol"

    def test_anonymous_users_never_see_it(self):
        data = api(self.client, q=self.QUERY).json()
        self.assertEqual(data["count"], 0)
        self.assertEqual(data["results"], [])
        self.assertEqual(data["facets"], {})
        page = self.client.get("/hledat/?q=" + self.QUERY)
        self.assertContains(page, "nic nenašli")
        self.assertNotContains(page, "Interní postup")
        self.assertNotContains(page, "Důvěrný postup")
        self.assertNotContains(page, "Interní formulář")
        self.assertEqual(self.client.get("/api/hledat/naseptavac/?q=interni").json(), [])

    def test_not_in_facet_counts_of_a_broader_query(self):
        anonymous = api(self.client, q="OSPOD").json()
        self.client.force_login(self.staff)
        staff = api(self.client, q="OSPOD").json()
        self.assertEqual(staff["count"], anonymous["count"] + 2)
        self.assertNotIn("Interní formulář", [r["title"] for r in anonymous["results"]])

        def type_counts(data):
            return {o["value"]: o["count"] for o in data["facets"]["typ"]}

        seen, public = type_counts(staff), type_counts(anonymous)
        self.assertEqual(seen["methodology"], public["methodology"] + 1)
        self.assertEqual(seen["document"], public.get("document", 0) + 1)
        self.assertEqual(sum(type_counts(anonymous).values()), anonymous["count"])

    def test_a_logged_in_user_outside_the_staff_group_does_not_see_it(self):
        outsider = get_user_model().objects.create_user(username="rodic", password="heslo-rodice")
        self.client.force_login(outsider)
        self.assertEqual(api(self.client, q=self.QUERY).json()["count"], 0)

    def test_staff_see_the_page_and_the_document(self):
        self.client.force_login(self.staff)
        data = api(self.client, q=self.QUERY).json()
        self.assertEqual(
            {r["title"] for r in data["results"]},
            {"Interní postup při šetření v rodině", "Interní formulář"},
        )
        self.assertTrue(all(r.get("staff_only") for r in data["results"]))
        document = next(r for r in data["results"] if r["type"] == "dokument")
        self.assertEqual(document["attached_to"][0]["title"], "Interní postup při šetření v rodině")
        type_counts = {o["value"]: o["count"] for o in data["facets"]["typ"]}
        self.assertEqual(type_counts, {"methodology": 1, "document": 1})
        page = self.client.get("/hledat/?q=" + self.QUERY)
        self.assertContains(page, "jen pro pracovníky OSPOD")
        self.assertEqual(
            self.client.get("/api/hledat/naseptavac/?q=interni").json()[0][:6], "Intern"
        )

    def test_promotions_of_staff_pages_stay_hidden_from_anonymous_users(self):
        query = Query.get("kvokalový protokol")
        SearchPromotion.objects.create(query=query, page=self.staff_material["methodology"])
        self.assertEqual(api(self.client, q=self.QUERY).json()["promoted"], [])
        self.client.force_login(self.staff)
        self.assertEqual(len(api(self.client, q=self.QUERY).json()["promoted"]), 1)


class ApiContractTests(SearchTestCase):
    def test_json_is_utf8_without_escapes(self):
        response = api(self.client, q="pěstounská péče")
        self.assertIn("pěstounská".encode(), response.content)
        self.assertEqual(json.loads(response.content)["query"], "pěstounská péče")
