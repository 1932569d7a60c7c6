"""The demo portal, as a visitor sees it: every page type renders with the seeds' facts.

The demo content (`manage.py load_demo_content`) is built once for the test session.
Assertions look at the visible text (tags stripped, entities and non-breaking spaces
normalised), so they do not depend on markup, but each fact must be there exactly.
"""

import re
from html import unescape
from html.parser import HTMLParser
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, PageViewRestriction

from home.models import HomePage
from methodology.models import MethodologyIndexPage, MethodologyPage, ToolIndexPage, ToolPage
from news.models import (
    NewsIndexPage,
    NewsPage,
    PeriodReportPage,
    VideoIndexPage,
    VideoPage,
)
from portal.core.access import staff_group
from portal.core.models import StandardPage
from portal.demo.testing import DemoPortalTestCase
from portal.projects.models import ProjectIndexPage, ProjectPage
from tests.public_portal_checks import PublicPortalChecks
from tests.validator_checks import OutsideValidatorChecks

EVERY_PAGE_TYPE = (
    HomePage,
    StandardPage,
    ProjectIndexPage,
    ProjectPage,
    PeriodReportPage,
    NewsIndexPage,
    NewsPage,
    VideoIndexPage,
    VideoPage,
    MethodologyIndexPage,
    MethodologyPage,
    ToolIndexPage,
    ToolPage,
)


class _TextExtractor(HTMLParser):
    SKIP = {"script", "style", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self._skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag == "wbr":  # a line-break opportunity, not a space
            return
        if tag in self.SKIP:
            self._skipping += 1
        # Keep alt/title text: facts may be told there (e.g. <abbr title="nejméně">≥</abbr>).
        self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self._skipping -= 1
        self.parts.append(" ")

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data)


def visible_text(response):
    """The page's text as a reader sees it, with every kind of space made one plain space."""
    return text_of_html(response.content.decode())


def section_text(response, css_class):
    """The visible text of the first <section class="css_class"> of the page."""
    html = response.content.decode()
    start = html.index(f'<section class="{css_class}"')
    return text_of_html(html[start : html.index("</section>", start)])


def text_of_html(html):
    parser = _TextExtractor()
    parser.feed(html)
    text = unescape("".join(parser.parts))
    return re.sub(r"[\s\u00a0\u202f\u2009]+", " ", text).strip()


def czech_date_pattern(day, month, year):
    """15. 6. 2018 or 15. června 2018 (any spacing)."""
    months = [
        "ledna",
        "února",
        "března",
        "dubna",
        "května",
        "června",
        "července",
        "srpna",
        "září",
        "října",
        "listopadu",
        "prosince",
    ]
    return rf"{day}\.\s?(?:{month}\.|{months[month - 1]})\s?{year}"


class DemoPortalTests(PublicPortalChecks, OutsideValidatorChecks, DemoPortalTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.staff_member = get_user_model().objects.create_user(
            username="pracovnice", password="heslo-pracovnice"
        )
        cls.staff_member.groups.add(staff_group())

    def page(self, model, slug):
        return model.objects.live().get(slug=slug)

    def text_of(self, page):
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200, f"{page.url} returned {response.status_code}")
        return visible_text(response)

    def assertFacts(self, text, *facts):
        missing = [fact for fact in facts if fact not in text]
        self.assertFalse(missing, f"Missing on the page: {missing}")

    def assertInOrder(self, text, *items):
        positions = []
        for item in items:
            self.assertIn(item, text)
            positions.append(text.index(item))
        self.assertEqual(positions, sorted(positions), f"Not in this order: {items}")

    # --- every page type ------------------------------------------------------------------

    def test_demo_has_every_page_type(self):
        present = {type(page) for page in Page.objects.live().specific()}
        for model in EVERY_PAGE_TYPE:
            with self.subTest(page_type=model.__name__):
                self.assertIn(model, present)

    def test_every_public_demo_page_renders(self):
        restricted = PageViewRestriction.objects.values_list("page__path", flat=True)
        for page in Page.objects.live().specific().filter(depth__gt=1):
            if any(page.path.startswith(path) for path in restricted):
                continue
            with self.subTest(page=page.url):
                response = self.client.get(page.url)
                self.assertEqual(response.status_code, 200)
                self.assertIn(page.title, visible_text(response))

    def test_staff_only_methodology_is_shown_to_staff_alone(self):
        page = self.page(MethodologyPage, "standardy-vykonu-spod-orp-jihlava-telc")
        self.assertEqual(page.audience, "staff")
        anonymous = self.client.get(page.url)
        self.assertEqual(anonymous.status_code, 302)
        self.assertNotIn("Interní materiál pro pracovníky OSPOD", visible_text(anonymous))
        self.client.force_login(self.staff_member)
        self.assertFacts(
            self.text_of(page), "Standardy výkonu SPOD v ORP Jihlava a Telč", "Interní materiál"
        )

    # --- seed 000: Pardubický kraj --------------------------------------------------------

    def test_pardubice_project_shows_its_results(self):
        text = self.text_of(self.page(ProjectPage, "inovacni-hnizdo-ospod-pardubicky-kraj"))
        self.assertFacts(
            text,
            "Inovační hnízdo OSPOD v Pardubickém kraji",
            "Gov Lab",
            "Pardubický kraj",
            "Univerzita Pardubice",
            "111",
            "96",
            "min/den",
            "55",
            "48",
            "h/týden",
            "+11 %",
            "+22 %",
            "62 %",
            "2×",
            "Rozvody",
            "Metodická role kraje",
        )
        self.assertRegex(text, r"111 min/den.*96 min/den|111.*96")

    def test_pardubice_tools_show_where_they_were_made_and_validated(self):
        tool = self.page(ToolPage, "pruvodce-zmenou-na-pracovisti-ospod")
        self.assertEqual(tool.validation_stage, "validated")
        text = self.text_of(tool)
        self.assertFacts(text, "Průvodce změnou na pracovišti OSPOD", "Žamberk", "Česká Třebová")
        self.assertIn("validováno", text.lower())
        tested = self.page(ToolPage, "plan-bezpeci-ditete")
        self.assertEqual(tested.validation_stage, "tested")
        self.assertIn("otestováno", self.text_of(tested).lower())

    # --- seed 001: ALTERNIS, Jihlava and Telč ---------------------------------------------

    def test_jihlava_telc_project_lists_four_reports_newest_first(self):
        project = self.page(ProjectPage, "podpora-rozvoje-a-profesionalizace-spod")
        text = self.text_of(project)
        self.assertFacts(
            text,
            "CZ.03.2.63/0.0/0.0/19_098/0015128",
            "ALTERNIS z.s.",
            "Operační program Zaměstnanost",
            "Evropský sociální fond",
            "státní rozpočet",
        )
        self.assertInOrder(
            text,
            "Zpráva za 4. období",
            "Zpráva za 3. období",
            "Zpráva za 2. období",
            "Zpráva za 1. období",
        )
        self.assertEqual(project.outputs_of(PeriodReportPage).count(), 4)

    def test_period_report_shows_its_period_hours_and_authors(self):
        report = self.page(PeriodReportPage, "zprava-za-3-obdobi")
        text = self.text_of(report)
        self.assertFacts(text, "32", "odborný tým projektu")
        self.assertRegex(text, czech_date_pattern(1, 5, 2021))
        self.assertRegex(text, czech_date_pattern(31, 10, 2021))
        self.assertRegex(text, r"32 (h|hodin)")

    def test_educational_spots_have_a_transcript_and_no_tracking(self):
        for slug, title, place, first_line in (
            (
                "spot-telc",
                "SPOT TELČ",
                "Telč",
                "jsme sociální pracovníci OSPOD Městského úřadu Telč",
            ),
            ("spot-jihlava", "SPOT JIHLAVA", "Jihlava", "OSPOD"),
        ):
            with self.subTest(video=title):
                video = self.page(VideoPage, slug)
                response = self.client.get(video.url)
                self.assertEqual(response.status_code, 200)
                text = visible_text(response)
                self.assertFacts(text, title, place, "1:00", "Přepis", first_line)
                self.assertNotContains(response, "<iframe")
                if video.video_file:
                    # Captions go with the player as a WebVTT track.
                    self.assertContains(response, "<track")
                    self.assertContains(response, video.captions.url)

    def test_cochem_methodology_offers_its_document(self):
        page = self.page(MethodologyPage, "kolizni-opatrovnictvi-podle-cochemske-praxe")
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200)
        for attached in page.documents.all():
            self.assertContains(response, attached.document.url)
        self.assertIn("Kolizní opatrovnictví podle cochemské praxe", visible_text(response))

    # --- seed 002: SocioFactor --------------------------------------------------------------

    def test_model_news_shows_category_date_and_fourteen_regional_documents(self):
        news = self.page(NewsPage, "model-site-sluzeb")
        response = self.client.get(news.url)
        self.assertEqual(response.status_code, 200)
        text = visible_text(response)
        self.assertFacts(text, "Model sítě služeb", "Výzkum", "SocioFactor s.r.o.")
        self.assertRegex(text, czech_date_pattern(23, 8, 2022))
        regional = re.findall(r'href="(/dokumenty/[^"]+)"', response.content.decode())
        self.assertGreaterEqual(len(set(regional)), 14)
        for region_name in ("Hlavní město Praha", "Kraj Vysočina", "Moravskoslezský kraj"):
            self.assertIn(region_name, text)

    # --- seed 003: Jihomoravský kraj --------------------------------------------------------

    def test_event_report_shows_date_place_and_participants(self):
        news = self.page(NewsPage, "ospod-sobe-setkani-ve-slapanicich")
        self.assertTrue(news.is_event_report)
        text = self.text_of(news)
        self.assertFacts(
            text, "40", "Šlapanice", "Martina Cirbusová", "vliv GDPR na práci s klienty"
        )
        self.assertRegex(text, czech_date_pattern(15, 6, 2018))

    def test_jmk_project_shows_its_registration_number(self):
        text = self.text_of(self.page(ProjectPage, "podpora-spod-na-krajskem-urade-jmk-ii"))
        self.assertFacts(
            text, "CZ.03.2.63/0.0/0.0./15_007/0003048", "Operačního programu Zaměstnanost"
        )

    # --- seed 004: Vysočina -----------------------------------------------------------------

    def test_vysocina_project_shows_its_targets_and_period(self):
        project = self.page(ProjectPage, "inovace-pro-setrvani-deti-v-rodine")
        text = self.text_of(project)
        self.assertFacts(
            text,
            "Inovace pro setrvání dětí v rodině",
            "CZ.03.2.X/0.0/0.0./17_076/0011431",
            "Sociální asistence a poradenství",
        )
        self.assertRegex(text, czech_date_pattern(1, 1, 2020))
        self.assertRegex(text, czech_date_pattern(31, 12, 2021))
        for value, unit in (
            ("6", "klientů"),
            ("20", "klientů"),
            ("10", "pracovníků"),
            ("4", "kulaté stoly"),
        ):
            with self.subTest(target=value):
                self.assertRegex(text, rf"(?<![\d,]){value} {unit}")
        # "at least 10 workers" must read as a minimum, not as exactly ten.
        self.assertRegex(text, r"(≥|nejméně|minimálně|alespoň) ?10 pracovníků")

    def test_assisted_contact_methodology_shows_its_pilot_and_document(self):
        page = self.page(MethodologyPage, "asistovany-kontakt-rodicu-s-detmi")
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200)
        self.assertFacts(
            visible_text(response),
            "Asistovaný kontakt rodičů s dětmi",
            "6",
            "rodiče v rozvodovém procesu",
            "Inovace pro setrvání dětí v rodině",
        )
        self.assertContains(response, page.documents.get().document.url)

    # --- funding ---------------------------------------------------------------------------

    def test_funding_block_and_facts_say_each_thing_once(self):
        project = self.page(ProjectPage, "podpora-rozvoje-a-profesionalizace-spod")
        report = self.page(PeriodReportPage, "zprava-za-1-obdobi")
        for page in (project, report):
            with self.subTest(page=page.url):
                footer = section_text(self.client.get(page.url), "funding")
                for name in ("Evropská unie", "Evropský sociální fond", "Operační program"):
                    self.assertEqual(footer.count(name), 1, f"{name!r} in {footer!r}")
                self.assertNotRegex(footer, r"\([^()]*\(", "nested brackets")
                self.assertIn("CZ.03.2.63/0.0/0.0/19_098/0015128", footer)
        facts = section_text(self.client.get(project.url), "facts-box")
        self.assertEqual(facts.count("Evropský sociální fond"), 1, facts)
        self.assertIn("státní rozpočet", facts)

        pardubice = self.page(ProjectPage, "inovacni-hnizdo-ospod-pardubicky-kraj")
        response = self.client.get(pardubice.url)
        self.assertEqual(visible_text(response).count("Evropský sociální fond"), 1)
        self.assertEqual(section_text(response, "funding").count("sociálního fondu"), 1)

    # --- across the portal ------------------------------------------------------------------

    def test_home_page_shows_the_newest_content(self):
        text = self.text_of(HomePage.objects.get())
        self.assertFacts(
            text, "Model sítě služeb", "SPOT TELČ", "Inovace pro setrvání dětí v rodině"
        )

    def test_listings_show_the_demo_items(self):
        for model, titles in (
            (NewsIndexPage, ["Model sítě služeb"]),
            (VideoIndexPage, ["SPOT TELČ", "SPOT JIHLAVA"]),
            (ToolIndexPage, ["Plán bezpečí dítěte", "Pravidelná porada s intervizí"]),
            (MethodologyIndexPage, ["Kolizní opatrovnictví podle cochemské praxe"]),
            (ProjectIndexPage, ["Inovace pro setrvání dětí v rodině"]),
        ):
            with self.subTest(listing=model.__name__):
                self.assertFacts(self.text_of(model.objects.get()), *titles)

    def test_topic_page_gathers_content_of_several_projects(self):
        response = self.client.get("/temata/pestounska-pece/")
        self.assertEqual(response.status_code, 200)
        self.assertFacts(
            visible_text(response),
            "„OSPOD sobě“",
            "Inovace pro setrvání dětí v rodině",
        )
        self.assertNotIn("Standardy výkonu SPOD v ORP Jihlava a Telč", visible_text(response))

    def test_loading_the_demo_again_changes_nothing(self):
        from portal.demo.builder import demo_counts

        before = demo_counts()
        call_command("load_demo_content", stdout=StringIO())
        self.assertEqual(demo_counts(), before)
