"""The SPOD quality standards and legal provisions: editable vocabularies with public pages."""

from django.test import TestCase
from wagtail.models import PageViewRestriction

from methodology.factories import MethodologyPageFactory, ToolPageFactory
from portal.taxonomy.models import LegalProvision, QualityStandard, TargetGroup


class VocabularyPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.standard = QualityStandard.objects.create(
            number=9,
            name="Vyhodnocení situace a individuální plán ochrany dítěte",
            description="Vyhodnocení a plán podle jednotného postupu.",
        )
        cls.provision = LegalProvision.objects.create(
            name="§ 17 zákona č. 359/1999 Sb. – OSPOD jako opatrovník dítěte",
            act="359/1999",
            section="§ 17",
        )
        cls.tool = ToolPageFactory(title="Plán bezpečí dítěte")
        cls.methodology = MethodologyPageFactory(title="Kolizní opatrovnictví")
        cls.private = MethodologyPageFactory(title="Interní standard OSPOD")
        PageViewRestriction.objects.create(
            page=cls.private, restriction_type=PageViewRestriction.LOGIN
        )
        for page in (cls.tool, cls.private):
            page.quality_standards.set([cls.standard])
            page.save()
        cls.methodology.legal_provisions.set([cls.provision])
        cls.methodology.save()

    def test_slugs_are_made_from_names(self):
        self.assertEqual(
            self.standard.slug, "vyhodnoceni-situace-a-individualni-plan-ochrany-ditete"
        )
        self.assertEqual(TargetGroup.objects.create(name="Pěstouni").slug, "pestouni")

    def test_standard_pages_list_the_public_pages_that_serve_them(self):
        response = self.client.get("/standardy-kvality/")
        self.assertContains(response, "9. Vyhodnocení situace a individuální plán")
        response = self.client.get(f"/standardy-kvality/{self.standard.slug}/")
        self.assertContains(response, "Standard kvality SPOD č. 9")
        self.assertContains(response, "Plán bezpečí dítěte")
        self.assertNotContains(response, "Interní standard OSPOD")
        self.assertNotContains(response, "Kolizní opatrovnictví")

    def test_provision_pages_group_by_act_and_list_their_pages(self):
        response = self.client.get("/pravni-predpisy/")
        self.assertContains(response, "Zákon č. 359/1999 Sb., o sociálně-právní ochraně dětí")
        self.assertContains(response, f"/pravni-predpisy/{self.provision.slug}/")
        response = self.client.get(f"/pravni-predpisy/{self.provision.slug}/")
        self.assertContains(response, "Kolizní opatrovnictví")
        self.assertNotContains(response, "Plán bezpečí dítěte")

    def test_unknown_entries_are_404(self):
        self.assertEqual(self.client.get("/standardy-kvality/neexistuje/").status_code, 404)
        self.assertEqual(self.client.get("/pravni-predpisy/neexistuje/").status_code, 404)

    def test_the_record_links_to_the_vocabulary_pages(self):
        response = self.client.get(self.methodology.url)
        self.assertContains(response, f'href="/pravni-predpisy/{self.provision.slug}/"')
        response = self.client.get(self.tool.url)
        self.assertContains(response, f'href="/standardy-kvality/{self.standard.slug}/"')
