"""The practitioner's record in search: target group, setting, evidence level and SPOD
standard facets on /hledat/ and its API, and a Czech 400 for every bad parameter."""

import datetime
from urllib.parse import urlencode

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from methodology.factories import MethodologyPageFactory, ToolPageFactory
from methodology.models import Audience, ValidationStage
from news.factories import NewsPageFactory
from portal.core.access import sync_staff_restriction
from portal.core.tests.utils import LISTING_QUERY_LIMIT
from portal.projects.factories import ProjectPageFactory
from portal.search.engine_elasticsearch import (
    MAPPINGS,
    entry_document,
    facet_counts,
    search_body,
)
from portal.search.hits import Filters, TermQuery
from portal.search.indexing import rebuild_index
from portal.search.tests.builders import entry_for, staff_user
from portal.taxonomy.factories import RegionFactory, TargetGroupFactory, TopicFactory
from portal.taxonomy.models import PracticeSetting, QualityStandard

WORD = "sanace"  # every page of the fixture has it


def api(client, **params):
    response = client.get("/api/hledat/?" + urlencode({"q": WORD, **params}, doseq=True))
    return response


def counts(data, param):
    return {option["value"]: option["count"] for option in data["facets"].get(param, [])}


def titles(data):
    return {result["title"] for result in data["results"]}


def build_record_site():
    """Three public pages with records (several target groups, settings, standards each),
    a staff-only methodology, a news item without a record."""
    s = {}
    s["parents"] = TargetGroupFactory(name="Pěstouni", slug="pestouni")
    s["divorce"] = TargetGroupFactory(name="Rodiče v rozvodu", slug="rodice-v-rozvodu")
    s["field"] = PracticeSetting.objects.create(name="Terén", slug="teren")
    s["office"] = PracticeSetting.objects.create(name="Kancelář OSPOD", slug="kancelar")
    s["first"] = QualityStandard.objects.create(number=1, name="Místní a časová dostupnost")
    s["fifth"] = QualityStandard.objects.create(number=5, name="Prevence")
    s["topic"] = TopicFactory(name="Sanace rodiny")
    s["region"] = RegionFactory(slug="vysocina")
    s["project"] = ProjectPageFactory(title="Projekt sanace", summary="Sanace rodin v kraji.")
    s["project"].regions.add(s["region"])
    s["project"].save()
    s["both"] = MethodologyPageFactory(
        title="Sanace pro pěstouny i rodiče",
        summary="Metodika sanace rodiny.",
        last_reviewed=datetime.date(2021, 5, 1),
        source_project=s["project"],
        target_groups=[s["parents"], s["divorce"]],
        practice_settings=[s["field"]],
        quality_standards=[s["first"], s["fifth"]],
        evidence_level="supported",
    )
    s["carers"] = MethodologyPageFactory(
        title="Sanace v pěstounské péči",
        summary="Metodika sanace pro pěstouny.",
        last_reviewed=datetime.date(2023, 5, 1),
        target_groups=[s["parents"]],
        practice_settings=[s["field"]],
        quality_standards=[s["first"]],
        evidence_level="promising",
    )
    s["tool"] = ToolPageFactory(
        title="Plán sanace",
        summary="Nástroj pro sanaci rodiny.",
        topics=[s["topic"]],
        stages=[(ValidationStage.TESTED, datetime.date(2022, 3, 1), None)],
        target_groups=[s["divorce"]],
        practice_settings=[s["field"], s["office"]],
        quality_standards=[s["fifth"]],
        evidence_level="supported",
    )
    s["staff"] = MethodologyPageFactory(
        title="Interní sanace",
        summary="Důvěrná metodika sanace.",
        audience=Audience.STAFF,
        target_groups=[s["parents"]],
        practice_settings=[s["office"]],
        quality_standards=[s["first"]],
        evidence_level="well_supported",
    )
    sync_staff_restriction(s["staff"], True)
    s["news"] = NewsPageFactory(title="Sanace v praxi", summary="Aktualita o sanaci.")
    return s


class RecordFacetTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.s = build_record_site()
        cls.staff = staff_user()
        rebuild_index()


class RecordFacetCountTests(RecordFacetTestCase):
    def test_the_index_holds_every_value_of_a_page(self):
        entry = entry_for(self.s["both"])
        self.assertEqual(
            set(entry.target_group_id_list), {self.s["parents"].pk, self.s["divorce"].pk}
        )
        self.assertEqual(set(entry.standard_id_list), {self.s["first"].pk, self.s["fifth"].pk})
        self.assertEqual(entry.evidence_level, "supported")
        news = entry_for(self.s["news"])
        self.assertEqual((news.target_group_ids, news.evidence_level), ("", ""))

    def test_counts_of_multi_valued_pages_without_staff_only_material(self):
        data = api(self.client).json()
        self.assertEqual(data["count"], 5)  # the project too
        self.assertEqual(counts(data, "skupina"), {"pestouni": 2, "rodice-v-rozvodu": 2})
        self.assertEqual(counts(data, "prostredi"), {"teren": 3, "kancelar": 1})
        self.assertEqual(counts(data, "ucinnost"), {"supported": 2, "promising": 1})
        standards = data["facets"]["standard"]
        self.assertEqual(
            [(o["value"], o["count"]) for o in standards],
            [(self.s["first"].slug, 2), (self.s["fifth"].slug, 2)],  # by the standard's number
        )
        self.assertEqual(standards[0]["label"], "Místní a časová dostupnost")
        evidence = {o["value"]: o["label"] for o in data["facets"]["ucinnost"]}
        self.assertEqual(evidence["supported"], "podložená výzkumem")

    def test_staff_see_the_staff_only_page_counted(self):
        self.client.force_login(self.staff)
        data = api(self.client).json()
        self.assertEqual(data["count"], 6)
        self.assertEqual(counts(data, "skupina"), {"pestouni": 3, "rodice-v-rozvodu": 2})
        self.assertEqual(counts(data, "ucinnost")["well_supported"], 1)
        self.assertEqual(counts(data, "prostredi"), {"teren": 3, "kancelar": 2})

    def test_anonymous_filter_never_reaches_the_staff_only_page(self):
        data = api(self.client, ucinnost="well_supported").json()
        self.assertEqual(data["count"], 0)
        self.assertEqual(data["results"], [])
        self.assertEqual(counts(data, "ucinnost")["well_supported"], 0)  # selected, kept
        self.assertNotIn("well_supported", counts(api(self.client).json(), "ucinnost"))

    def test_a_facet_ignores_its_own_selection_and_narrows_the_others(self):
        data = api(self.client, skupina="pestouni").json()
        self.assertEqual(titles(data), {self.s["both"].title, self.s["carers"].title})
        self.assertEqual(counts(data, "skupina"), {"pestouni": 2, "rodice-v-rozvodu": 2})
        self.assertEqual(counts(data, "ucinnost"), {"supported": 1, "promising": 1})
        self.assertEqual(counts(data, "typ"), {"methodology": 2})
        selected = [o["value"] for o in data["facets"]["skupina"] if o["selected"]]
        self.assertEqual(selected, ["pestouni"])

    def test_values_of_one_facet_add_up_and_facets_combine(self):
        either = api(self.client, skupina=["pestouni", "rodice-v-rozvodu"]).json()
        self.assertEqual(either["count"], 3)  # the page in both groups once
        both = api(self.client, ucinnost="supported", standard=self.s["fifth"].slug).json()
        self.assertEqual(titles(both), {self.s["both"].title, self.s["tool"].title})
        narrowed = api(self.client, ucinnost="supported", prostredi="kancelar").json()
        self.assertEqual(titles(narrowed), {self.s["tool"].title})

    def test_combined_with_type_topic_project_region_and_year(self):
        cases = [
            ({"skupina": "rodice-v-rozvodu", "typ": "tool"}, {self.s["tool"].title}),
            ({"prostredi": "teren", "tema": self.s["topic"].slug}, {self.s["tool"].title}),
            ({"skupina": "pestouni", "projekt": self.s["project"].slug}, {self.s["both"].title}),
            ({"ucinnost": "supported", "kraj": "vysocina"}, {self.s["both"].title}),
            ({"standard": self.s["first"].slug, "rok": "2023"}, {self.s["carers"].title}),
        ]
        for params, expected in cases:
            with self.subTest(params):
                self.assertEqual(titles(api(self.client, **params).json()), expected)

    def test_search_page_shows_the_facets_with_their_choices(self):
        response = self.client.get("/hledat/?" + urlencode({"q": WORD, "skupina": "pestouni"}))
        self.assertContains(response, '<legend class="gov-form-label">Cílová skupina</legend>')
        self.assertContains(response, '<legend class="gov-form-label">Prostředí</legend>')
        self.assertContains(response, '<legend class="gov-form-label">Doložení účinnosti</legend>')
        self.assertContains(
            response, '<legend class="gov-form-label">Standard kvality SPOD</legend>'
        )
        self.assertContains(response, 'name="skupina" value="pestouni" checked')
        self.assertContains(response, "podložená výzkumem")
        self.assertNotContains(response, "dobře podložená výzkumem")  # staff-only page's

    def test_facets_without_choices_are_left_out(self):
        data = api(self.client, typ="news").json()
        self.assertEqual(titles(data), {self.s["news"].title})
        self.assertEqual(counts(data, "ucinnost"), {})  # the news item has no record...
        self.assertIn("ucinnost", api(self.client).json()["facets"])  # ...the others do
        news_only = self.client.get("/api/hledat/?q=aktualita").json()
        record = {"skupina", "prostredi", "ucinnost", "standard"}
        self.assertFalse(record & set(news_only["facets"]))

    def test_the_page_stays_within_the_query_budget_with_every_filter(self):
        params = {
            "q": WORD,
            "skupina": "pestouni",
            "prostredi": "teren",
            "ucinnost": "supported",
            "standard": self.s["first"].slug,
        }
        self.client.get("/hledat/?q=" + WORD)  # the facet table is loaded once per process
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get("/hledat/?" + urlencode(params))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, self.s["both"].url)
        self.assertLessEqual(len(queries), LISTING_QUERY_LIMIT, [q["sql"] for q in queries])


class EditorChangeTests(RecordFacetTestCase):
    def test_publishing_a_new_evidence_level_and_target_group_moves_the_counts(self):
        tool = self.s["tool"]
        tool.evidence_level = "well_supported"
        tool.target_groups = [self.s["parents"]]
        tool.save_revision().publish()
        data = api(self.client).json()
        self.assertEqual(
            counts(data, "ucinnost"), {"supported": 1, "promising": 1, "well_supported": 1}
        )
        self.assertEqual(counts(data, "skupina"), {"pestouni": 3, "rodice-v-rozvodu": 1})
        found = api(self.client, ucinnost="well_supported").json()
        self.assertEqual(titles(found), {tool.title})
        rebuild_index()  # a full rebuild agrees
        self.assertEqual(counts(api(self.client).json(), "ucinnost")["well_supported"], 1)


# Every parameter's bad value: the same Czech message and 400 on the page and in the API.
BAD_VALUES = {
    "typ": ("nic", "Neznámý typ obsahu „nic“."),
    "tema": ("neexistuje", "Neznámé téma „neexistuje“."),
    "projekt": ("zadny-projekt", "Neznámý projekt „zadny-projekt“."),
    "kraj": ("atlantida", "Neznámý kraj „atlantida“."),
    "skupina": ("martane", "Neznámá cílová skupina „martane“."),
    "prostredi": ("mesic", "Neznámé prostředí „mesic“."),
    "stupen": ("hotovo", "Neznámý stupeň ověření „hotovo“."),
    "ucinnost": ("zazracna", "Neznámá úroveň doložení účinnosti „zazracna“."),
    "standard": ("standard-99", "Neznámý standard kvality „standard-99“."),
    "rok": ("loni", "Rok „loni“ neznáme; zadejte ho číslem, např. 2021."),
    "strana": ("abc", "Stránka výsledků „abc“ neexistuje; zadejte číslo od 1 do 500."),
}


class BadParameterTests(RecordFacetTestCase):
    def test_each_bad_parameter_is_a_czech_400_on_the_page_and_in_the_api(self):
        for param, (value, message) in BAD_VALUES.items():
            with self.subTest(param):
                from_api = api(self.client, **{param: value})
                self.assertEqual(from_api.status_code, 400)
                self.assertEqual(from_api.json()["error"], message)
                page = self.client.get("/hledat/?" + urlencode({"q": WORD, param: value}))
                self.assertContains(page, escape(message), status_code=400)
                self.assertEqual(page["X-Robots-Tag"], "noindex")

    def test_a_staff_only_project_is_unknown_to_anonymous_visitors(self):
        project = ProjectPageFactory(title="Interní projekt sanace")
        sync_staff_restriction(project, True)
        rebuild_index()
        self.assertEqual(api(self.client, projekt=project.slug).status_code, 400)
        self.client.force_login(self.staff)
        self.assertEqual(api(self.client, projekt=project.slug).status_code, 200)


class ElasticsearchRecordFacetTests(RecordFacetTestCase):
    def test_documents_carry_the_record_facets_the_mapping_declares(self):
        document = entry_document(entry_for(self.s["both"]))
        self.assertLessEqual(set(document), set(MAPPINGS["properties"]))
        for field in ("target_groups", "settings", "evidence", "standards"):
            self.assertEqual(MAPPINGS["properties"][field]["type"], "keyword", field)
        self.assertEqual(
            sorted(document["target_groups"]),
            sorted([str(self.s["parents"].pk), str(self.s["divorce"].pk)]),
        )
        self.assertEqual(document["evidence"], "supported")
        self.assertEqual(entry_document(entry_for(self.s["news"]))["standards"], [])

    def test_filters_and_aggregations(self):
        filters = Filters(target_group=(3, 4), evidence=("supported",))
        body = search_body(TermQuery((("sanak",),)), filters, False, True, 0, 20)
        self.assertEqual(
            body["post_filter"]["bool"]["filter"],
            [{"terms": {"target_groups": ["3", "4"]}}, {"terms": {"evidence": ["supported"]}}],
        )
        aggregations = body["aggs"]
        self.assertEqual(
            aggregations["target_group"]["filter"]["bool"]["filter"],
            [{"terms": {"evidence": ["supported"]}}],
        )
        self.assertEqual(aggregations["standard"]["aggs"]["values"]["terms"]["field"], "standards")
        self.assertEqual(aggregations["setting"]["aggs"]["values"]["terms"]["field"], "settings")
        found = facet_counts(
            {
                "target_group": {"values": {"buckets": [{"key": "3", "doc_count": 2}]}},
                "evidence": {"values": {"buckets": [{"key": "supported", "doc_count": 1}]}},
            }
        )
        self.assertEqual((found["target_group"][3], found["evidence"]["supported"]), (2, 1))
