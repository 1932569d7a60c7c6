"""The demo portal's home page: search first, ways in by who you are, pictured cards."""

import re

from django.core.cache import cache

from methodology.models import ToolPage, ValidationStage
from portal.demo.testing import DemoPortalTestCase


class WaysInTests(DemoPortalTestCase):
    def setUp(self):
        cache.clear()
        self.html = self.client.get("/").content.decode()
        self.main = self.html[self.html.index("<main") : self.html.index("</main>")]

    def test_the_page_starts_with_a_search_form(self):
        first_form = re.search(r"<form[^>]*>", self.main).group(0)
        self.assertIn('role="search"', first_form)
        self.assertIn('action="/hledat/"', first_form)
        self.assertLess(self.main.index("<form"), self.main.index("Pracuji na OSPOD"))

    def test_ways_in_lead_visitors_by_who_they_are(self):
        for text, url in (
            ("Pracuji na OSPOD", "/metodiky/"),
            ("Jsem rodič nebo pěstoun", "/videa/"),
            ("Sleduji projekt", "/projekty/"),
        ):
            with self.subTest(text=text):
                self.assertIn(f'<a href="{url}">{text}</a>', self.main)

    def test_cards_show_project_logos_and_video_posters_as_webp(self):
        pictures = re.findall(r'<img[^>]*class="card__image[^"]*"[^>]*>', self.main)
        sources = [re.search(r'src="([^"]+)"', tag).group(1) for tag in pictures]
        self.assertTrue(sources)
        self.assertTrue(all(source.endswith(".webp") for source in sources), sources)
        self.assertTrue(any("logo-spo-jmk" in source for source in sources), sources)
        self.assertTrue(any("poster-spot-telc" in source for source in sources), sources)

    def test_the_tools_shown_are_tested_or_validated(self):
        shown = [tool for tool in ToolPage.objects.live() if tool.url in self.main]
        self.assertTrue(shown)
        tried = {ValidationStage.TESTED, ValidationStage.VALIDATED}
        self.assertTrue(all(tool.validation_stage in tried for tool in shown))
