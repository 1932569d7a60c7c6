"""The practitioner's record: editors fill it in the admin, readers see it in reading order."""

from django.test import TestCase
from django.urls import reverse
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from methodology.factories import (
    MethodologyIndexPageFactory,
    MethodologyPageFactory,
    ToolIndexPageFactory,
    ToolPageFactory,
)
from methodology.models import MethodologyPage, ToolPage
from news.factories import NewsPageFactory
from portal.core.tests.utils import EditorTestCase
from portal.taxonomy.models import LegalProvision, PracticeSetting, QualityStandard, TargetGroup

# The record's section headings, in the order the page must show them.
SECTIONS = [
    "Ve zkratce",
    "Pro koho",
    "Co má změnit",
    "Jak zavést do praxe",
    "Doložení účinnosti",
    "Právní rámec a standardy",
    "Související obsah",
]


def vocabularies():
    return {
        "group": TargetGroup.objects.create(name="Rodiče v rozvodovém procesu"),
        "court": PracticeSetting.objects.create(name="soud"),
        "provision": LegalProvision.objects.create(
            name="§ 17 zákona č. 359/1999 Sb.", act="359/1999", section="§ 17"
        ),
        "standard": QualityStandard.objects.create(number=14, name="Spolupráce se službami"),
    }


def record_form(vocabulary, **values):
    data = nested_form_data(
        {
            "title": "Kolizní opatrovnictví v cochemské praxi",
            "slug": "kolizni-opatrovnictvi",
            "summary": "Perex do výpisů.",
            "plain_summary": "Kolizní opatrovník hájí dítě u soudu a vede rodiče k dohodě.",
            "situation": "Rodiče se rozcházejí a soud rozhoduje o péči.",
            "outcomes": "Rodiče se dohodnou.\nDítě si zachová oba rodiče.",
            "delivered_by": "sociální pracovník OSPOD",
            "training": "Kurz mediačních technik.",
            "training_hours": "32",
            "training_accredited": "true",
            "materials": "",
            "time_per_case": "",
            "supervision": "Odborná supervize jednou měsíčně.",
            "prerequisites": "",
            "key_components": "rychlé první jednání\nmediace",
            "cost": "",
            "evidence_level": "described",
            "evidence_note": "Metodiku zatím nikdo nevyhodnotil.",
            "audience": "public",
            "body": streamfield([("paragraph", rich_text("<p>Text metodiky.</p>"))]),
            "documents": inline_formset([]),
            "changes": inline_formset([]),
            **values,
        }
    )
    data["target_groups"] = [str(vocabulary["group"].pk)]
    data["practice_settings"] = [str(vocabulary["court"].pk)]
    data["legal_provisions"] = [str(vocabulary["provision"].pk)]
    data["quality_standards"] = [str(vocabulary["standard"].pk)]
    return data


class RecordAdminTests(EditorTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.index = MethodologyIndexPageFactory()
        cls.vocabulary = vocabularies()
        cls.tool = ToolPageFactory(title="Plán bezpečí dítěte")

    def test_editor_fills_the_record_and_the_page_shows_it_in_reading_order(self):
        data = record_form(self.vocabulary)
        data["related_pages"] = "plan bezpeci ditete"  # by title, in any case or diacritics
        page = self.create_via_admin(self.index, MethodologyPage, data)
        self.assertEqual(list(page.related_pages.all()), [self.tool.page_ptr])
        self.assertEqual(page.training_hours, 32)
        self.assertIs(page.training_accredited, True)
        self.assertEqual(list(page.practice_settings.all()), [self.vocabulary["court"]])
        self.assertEqual(list(page.quality_standards.all()), [self.vocabulary["standard"]])
        response = self.assertRendersOnSite(
            page,
            "Kolizní opatrovník hájí dítě u soudu",
            "Rodiče v rozvodovém procesu",
            "<li>Dítě si zachová oba rodiče.</li>",
            "32&nbsp;hodin výcviku, akreditovaný",
            "Odborná supervize jednou měsíčně.",
            "Doložení účinnosti: popsaná praxe",
            'href="/jak-hodnotime/"',
            "§ 17 zákona č. 359/1999 Sb.",
            "14. Spolupráce se službami",
            "Plán bezpečí dítěte",
        )
        html = response.content.decode()
        positions = [html.index(f">{heading}</h2>") for heading in SECTIONS]
        self.assertEqual(positions, sorted(positions), "The record's sections are out of order.")
        self.assertLess(html.index("Kolizní opatrovník hájí"), html.index("Text metodiky."))
        # The summary takes the perex's place in the header, so it is said once.
        self.assertNotContains(response, '<p class="lead">Perex do výpisů.</p>')

    def test_the_edit_form_names_the_related_pages_and_lists_no_others(self):
        for number in range(30):
            ToolPageFactory(title=f"Jiný nástroj {number}")
        page = MethodologyPageFactory(parent=self.index, title="Sanace rodiny")
        page.related_pages.add(self.tool)
        page.save_revision().publish()
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        self.assertContains(response, "Plán bezpečí dítěte</textarea>")
        self.assertNotContains(response, "Jiný nástroj 7")

    def test_a_related_title_of_no_methodology_tool_video_or_project_is_refused(self):
        news = NewsPageFactory(title="Aktualita z kraje")
        for title in ("Neexistující nástroj", news.title):
            with self.subTest(title=title):
                data = record_form(self.vocabulary, related_pages=title)
                response = self.post_add_form(self.index, MethodologyPage, data)
                self.assertRefused(response, MethodologyPage, title)
        self.assertFalse(MethodologyPage.objects.filter(slug="kolizni-opatrovnictvi").exists())

    def test_not_recommended_needs_its_reason(self):
        data = record_form(self.vocabulary, evidence_level="not_recommended", evidence_note="")
        response = self.post_add_form(self.index, MethodologyPage, data)
        self.assertRefused(response, MethodologyPage, "U hodnocení „nedoporučeno“ napište, proč.")
        self.assertFalse(MethodologyPage.objects.filter(slug="kolizni-opatrovnictvi").exists())

    def test_a_summary_over_700_characters_is_refused(self):
        data = record_form(self.vocabulary, plain_summary="a" * 701)
        response = self.post_add_form(self.index, MethodologyPage, data)
        self.assertRefused(response, MethodologyPage, "nejvýše 700")

    def test_editor_gives_a_tool_target_groups_and_a_record(self):
        data = nested_form_data(
            {
                "title": "Porada s intervizí",
                "slug": "porada",
                "summary": "",
                "plain_summary": "Tým se pravidelně radí nad složitým případem.",
                "tool_kind": "team_ritual",
                "evidence_level": "promising",
                "evidence_note": "Evaluace před a po.",
                "how_to_use": streamfield([]),
                "documents": inline_formset([]),
                "stage_changes": inline_formset([]),
            }
        )
        data["target_groups"] = [str(self.vocabulary["group"].pk)]
        page = self.create_via_admin(ToolIndexPageFactory(), ToolPage, data)
        self.assertEqual(list(page.target_groups.all()), [self.vocabulary["group"]])
        self.assertRendersOnSite(
            page, "Tým se pravidelně radí", "Doložení účinnosti: slibná", "Evaluace před a po."
        )


class EmptyRecordTests(TestCase):
    def test_an_empty_record_shows_none_of_its_sections(self):
        for page in (MethodologyPageFactory(), ToolPageFactory()):
            with self.subTest(page=type(page).__name__):
                response = self.client.get(page.url)
                self.assertEqual(response.status_code, 200)
                for heading in SECTIONS:
                    self.assertNotContains(response, f">{heading}</h2>")
                self.assertNotContains(response, "Doložení účinnosti")
                self.assertContains(response, f'<p class="lead">{page.summary}</p>')


class RelatedContentPrivacyTests(TestCase):
    def test_staff_only_related_pages_are_not_shown_to_the_public(self):
        private = MethodologyPageFactory(title="Interní postup OSPOD")
        PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
        public = ToolPageFactory(title="Veřejný nástroj")
        page = MethodologyPageFactory(title="Metodika se souvislostmi")
        page.related_pages.set([private, public])
        page.save()
        response = self.client.get(page.url)
        self.assertContains(response, "Veřejný nástroj")
        self.assertNotContains(response, "Interní postup OSPOD")


class RecordSearchTests(TestCase):
    def test_search_finds_words_only_the_record_holds(self):
        from portal.search.indexing import rebuild_index

        page = MethodologyPageFactory(
            title="Metodika pro soudní řízení",
            situation="Rodiče se přou o výživné a styk s dítětem.",
            key_components="případová supervize ve dvojici",
        )
        page.practice_settings.set([PracticeSetting.objects.create(name="škola")])
        page.save()
        rebuild_index()
        for query in ("výživné", "supervize ve dvojici", "škola"):
            with self.subTest(query=query):
                response = self.client.get("/hledat/", {"q": query})
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "Metodika pro soudní řízení")


class TrainingHoursTests(TestCase):
    def test_training_hours_follow_czech_plurals(self):
        for hours, text in ((1, "1&nbsp;hodina výcviku"), (3, "3&nbsp;hodiny výcviku")):
            with self.subTest(hours=hours):
                page = ToolPageFactory(training_hours=hours, training_accredited=False)
                response = self.client.get(page.url)
                self.assertContains(response, f"{text}, bez akreditace")
