"""A demo project page leads to everything published under it, and lists each file once."""

import html
import re
from collections import Counter

from django.test import TestCase
from wagtail.models import Page

from news.factories import NewsIndexPageFactory, PeriodReportPageFactory
from portal.core.privacy import public
from portal.demo.testing import DemoPortalTestCase
from portal.projects.factories import ProjectPageFactory
from portal.projects.models import OUTPUTS_SHOWN, ProjectPage

DOCUMENT_LINK = re.compile(r'<a class="document-link" href="([^"]+)"')
JMK = "/projekty/podpora-spod-na-krajskem-urade-jmk-ii/"
SLAPANICE = JMK + "ospod-sobe-setkani-ve-slapanicich/"


class ProjectOutputsTests(DemoPortalTestCase):
    def test_every_child_page_of_every_project_is_linked_from_its_project_page(self):
        projects = ProjectPage.objects.live().order_by("path")
        self.assertEqual(projects.count(), 5)
        for project in projects:
            html = self.client.get(project.url).content.decode()
            children = public(project.get_children().live())
            self.assertTrue(children.exists(), project.title)
            for child in children:
                self.assertIn(f'href="{child.url}"', html, f"{project.title}: {child.title}")

    def test_key_facts_count_the_outputs(self):
        for project in ProjectPage.objects.live():
            html = self.client.get(project.url).content.decode()
            count = public(project.get_children().live()).count()
            facts = html[html.index('id="zakladni-udaje"') : html.index('class="detail-main"')]
            self.assertIn("Výstupy na portálu", facts)
            self.assertRegex(facts, rf'href="#vystupy">{count}&nbsp;str')

    def test_outputs_are_grouped_by_type_in_order(self):
        html = self.client.get(
            "/projekty/podpora-rozvoje-a-profesionalizace-spod/"
        ).content.decode()
        headings = re.findall(r'<h3 id="vystupy-([a-z]+)">', html)
        order = ["methodologypage", "toolpage", "videopage", "newspage", "periodreportpage"]
        self.assertEqual(headings, [key for key in order if key in headings])
        self.assertIn("videopage", headings)
        self.assertIn("periodreportpage", headings)

    def test_results_come_before_the_project_text(self):
        html = self.client.get("/projekty/inovacni-hnizdo-ospod-pardubicky-kraj/").content.decode()
        self.assertIn('<nav class="in-page-nav"', html)
        self.assertLess(html.index('id="vysledky"'), html.index('id="problem"'))
        self.assertLess(html.index('id="vystupy"'), html.index('id="problem"'))

    def test_the_jmk_project_text_links_the_slapanice_meeting_report(self):
        html = self.client.get(JMK).content.decode()
        link = f'<a href="{SLAPANICE}">zpráva ze setkání „OSPOD sobě“ ve Šlapanicích</a>'
        self.assertIn(link, html)

    def test_registration_numbers_break_only_after_a_slash(self):
        html = self.client.get(JMK).content.decode()
        number = "CZ.03.2.63/<wbr>0.0/<wbr>0.0./<wbr>15_007/<wbr>0003048"
        self.assertIn(f'<span class="regno regno--parts">{number}</span>', html)


class DocumentsOnceTests(DemoPortalTestCase):
    def test_no_demo_page_lists_a_document_twice(self):
        pages = public(Page.objects.live().filter(depth__gt=1))
        twice = {}
        for page in pages:
            response = self.client.get(page.url)
            self.assertEqual(response.status_code, 200, page.url)
            links = Counter(DOCUMENT_LINK.findall(response.content.decode()))
            repeated = [url for url, count in links.items() if count > 1]
            if repeated:
                twice[page.url] = repeated
        self.assertEqual(twice, {})

    def test_the_regional_models_are_listed_once_on_the_sociofactor_project(self):
        project = ProjectPage.objects.get(slug="podpora-systemovych-zmen-v-peci-o-ohrozene-deti")
        html = self.client.get(project.url).content.decode()
        self.assertGreaterEqual(len(DOCUMENT_LINK.findall(html)), 14)


class ManyOutputsTests(TestCase):
    """A project with hundreds of reports shows the newest few and leads to the rest."""

    @classmethod
    def setUpTestData(cls):
        NewsIndexPageFactory()
        cls.project = ProjectPageFactory(title="Dlouhý projekt")
        for number in range(1, OUTPUTS_SHOWN + 4):
            PeriodReportPageFactory(
                parent=cls.project, title=f"Zpráva číslo {number}", period_number=number
            )

    def test_the_newest_reports_are_shown_with_a_link_to_all_in_the_listing(self):
        response = self.client.get(self.project.url)
        total = OUTPUTS_SHOWN + 3
        self.assertContains(response, f"Zpráva číslo {total}<")
        self.assertNotContains(response, "Zpráva číslo 3<")
        self.assertContains(response, f'href="#vystupy">{total}&nbsp;stránek</a>')
        link = re.search(r'<p class="project-outputs__more"><a href="([^"]+)">', response.text)
        self.assertIsNotNone(link)
        listing = html.unescape(link.group(1))
        self.assertContains(self.client.get(listing), f"Vybráno {total} položek")
        self.assertContains(self.client.get(listing + "&strana=2"), "Zpráva číslo 3<")
