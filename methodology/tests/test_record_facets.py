"""The record's facets on the listings: target group, setting, evidence level, SPOD standard."""

from django.test import TestCase

from methodology.factories import (
    MethodologyIndexPageFactory,
    MethodologyPageFactory,
    ToolIndexPageFactory,
    ToolPageFactory,
)
from portal.taxonomy.models import PracticeSetting, QualityStandard, TargetGroup


def facet_counts(response, param):
    """{label: count} of one facet as the listing shows it."""
    for facet in response.context["listing"].facets:
        if facet.param == param:
            return {str(choice.label): choice.count for choice in facet.choices}
    return {}


class RecordFacetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = ToolIndexPageFactory()
        cls.parents = TargetGroup.objects.create(name="Rodiče v rozvodovém procesu")
        cls.workers = TargetGroup.objects.create(name="Pracovníci OSPOD")
        cls.court = PracticeSetting.objects.create(name="soud")
        cls.family = PracticeSetting.objects.create(name="rodina")
        cls.plans = QualityStandard.objects.create(number=9, name="Vyhodnocení a plán")
        cls.network = QualityStandard.objects.create(number=14, name="Spolupráce se službami")
        cls.add("Plán bezpečí", [cls.parents], [cls.family], "promising", [cls.plans])
        cls.add("Porada s intervizí", [cls.workers], [], "promising", [cls.network])
        cls.add("Dohoda u soudu", [cls.parents], [cls.court, cls.family], "described", [])
        cls.add("Nehodnocený nástroj", [], [], "", [])

    @classmethod
    def add(cls, title, groups, settings, level, standards):
        page = ToolPageFactory(title=title, evidence_level=level)
        page.target_groups.set(groups)
        page.practice_settings.set(settings)
        page.quality_standards.set(standards)
        page.save()

    def get(self, **params):
        return self.client.get(self.index.url, params)

    def test_facets_show_counts_over_the_whole_listing(self):
        response = self.get()
        self.assertEqual(
            facet_counts(response, "skupina"),
            {"Pracovníci OSPOD": 1, "Rodiče v rozvodovém procesu": 2},
        )
        self.assertEqual(facet_counts(response, "prostredi"), {"rodina": 2, "soud": 1})
        self.assertEqual(facet_counts(response, "ucinnost"), {"popsaná praxe": 1, "slibná": 2})
        # Standards in their official order, not alphabetically.
        self.assertEqual(
            list(facet_counts(response, "standard").items()),
            [("Vyhodnocení a plán", 1), ("Spolupráce se službami", 1)],
        )
        self.assertContains(response, "Doložení účinnosti")

    def test_facets_filter_and_combine(self):
        response = self.get(skupina=self.parents.slug)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Plán bezpečí")
        self.assertContains(response, "Dohoda u soudu")
        self.assertNotContains(response, "Porada s intervizí")
        # The other facets count within the chosen group.
        self.assertEqual(facet_counts(response, "ucinnost"), {"popsaná praxe": 1, "slibná": 1})

        response = self.get(skupina=self.parents.slug, ucinnost="promising")
        self.assertContains(response, "Účinnost: slibná")  # the card says it too
        self.assertEqual([page.title for page in response.context["tools_page"]], ["Plán bezpečí"])
        response = self.get(prostredi=self.family.slug, standard=self.plans.slug)
        self.assertEqual([page.title for page in response.context["tools_page"]], ["Plán bezpečí"])
        response = self.get(prostredi=self.court.slug)
        self.assertEqual(
            [page.title for page in response.context["tools_page"]], ["Dohoda u soudu"]
        )

    def test_bad_values_get_a_czech_400(self):
        for params, message in (
            ({"skupina": "nikdo"}, "Cílovou skupinu „nikdo“ v tomto výpisu nenajdete."),
            ({"prostredi": "mesic"}, "Prostředí „mesic“ v tomto výpisu nenajdete."),
            ({"ucinnost": "zazracna"}, "Úroveň doložení účinnosti „zazracna“ neznáme."),
            ({"standard": "99"}, "Standard kvality „99“ v tomto výpisu nenajdete."),
        ):
            with self.subTest(params=params):
                response = self.get(**params)
                self.assertEqual(response.status_code, 400)
                self.assertContains(response, message, status_code=400)

    def test_a_known_value_absent_from_this_listing_is_refused(self):
        unused = TargetGroup.objects.create(name="Pěstouni")
        response = self.get(skupina=unused.slug)
        self.assertEqual(response.status_code, 400)

    def test_methodology_listing_offers_the_same_facets(self):
        index = MethodologyIndexPageFactory()
        page = MethodologyPageFactory(title="Asistovaný kontakt", evidence_level="described")
        page.practice_settings.set([self.family])
        page.save()
        response = self.client.get(index.url, {"prostredi": self.family.slug})
        self.assertContains(response, "Asistovaný kontakt")
        self.assertEqual(facet_counts(response, "ucinnost"), {"popsaná praxe": 1})
