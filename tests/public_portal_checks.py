"""The public portal on the demo content: listings with filters, feeds, discovery metadata,
charts, videos, funding block, and the page budget (queries and weight, via the benchmark).

These checks run in tests/test_demo_pages.py's test case, so that the demo content is
loaded once for both.
"""

import io
import json
import re
from contextlib import redirect_stdout

from defusedxml import ElementTree
from wagtail.models import PageViewRestriction

from news.models import NewsPage, PeriodReportPage, VideoIndexPage, VideoPage
from portal.projects.models import ProjectPage
from tests.bench import bench_pages

SPOT_TELC = "/projekty/podpora-rozvoje-a-profesionalizace-spod/spot-telc/"
ATOM = "{http://www.w3.org/2005/Atom}"
JSON_LD_RE = re.compile(r'<script type="application/ld\+json" nonce="[^"]*">(.*?)</script>', re.S)


class PublicPortalChecks:
    """Mixed into a TestCase whose setUpTestData loads the demo content."""

    @property
    def report(self):
        return PeriodReportPage.objects.live().order_by("period_number").first()

    @property
    def news(self):
        return NewsPage.objects.live().get(slug="ospod-sobe-setkani-ve-slapanicich")

    def get(self, path, status=200):
        response = self.client.get(path)
        self.assertEqual(response.status_code, status, path)
        return response.content.decode()

    def restrict(self, page):
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="tajne"
        )

    # --- the budget ---------------------------------------------------------------------

    def test_benchmark_prints_every_page_type_within_the_query_and_weight_budget(self):
        output = io.StringIO()
        with redirect_stdout(output):
            rows = bench_pages.measure(self.client, bench_pages.page_types(), repeat=1)
            bench_pages.print_table(rows)
        printed = output.getvalue()
        self.assertIn("median ms", printed)
        self.assertIn("p95 ms", printed)
        labels = {row["label"] for row in rows}
        for label in ("úvodní stránka", "projekt", "zpráva za období", "aktuality", "video"):
            self.assertIn(label, labels)
        for row in rows:
            with self.subTest(page_type=row["label"], path=row["path"]):
                self.assertEqual(row["status"], 200)
                self.assertLessEqual(row["queries"], bench_pages.BUDGET_QUERIES)
                self.assertLess(row["weight"], bench_pages.BUDGET_KB * 1000)

    # --- listings -----------------------------------------------------------------------

    def test_news_listing_includes_period_reports_and_filters_by_type(self):
        everything = self.get("/aktuality/")
        self.assertIn(self.news.title, everything)
        self.assertIn(self.report.title, everything)
        self.assertIn("Zprávy za období (4)", everything)
        reports = self.get("/aktuality/?typ=zpravy")
        self.assertIn(self.report.title, reports)
        self.assertNotIn(self.news.title, reports)
        self.assertIn("Vybráno 4 položky", reports)

    def test_listing_filters_by_topic_project_and_year_with_counts(self):
        project = self.report.get_parent()
        html = self.get(f"/aktuality/?projekt={project.slug}")
        self.assertIn(self.report.title, html)
        self.assertNotIn("Model sítě služeb", html)
        year = self.report.period_end.year
        html = self.get(f"/aktuality/?typ=zpravy&rok={year}")
        self.assertIn(f'<option value="{year}" selected>{year} (', html)
        html = self.get("/videa/?tema=mediace")
        self.assertIn("SPOT JIHLAVA", html)
        self.assertNotIn("SPOT TELČ", html)
        self.assertIn("Vybráno 1 položka", html)

    def test_a_bad_filter_value_gets_a_czech_message_and_400(self):
        html = self.get("/aktuality/?rok=loni", status=400)
        self.assertIn("Rok „loni“ neznáme; zadejte ho číslem, např. 2021.", html)
        html = self.get("/metodiky/?projekt=neexistuje", status=400)
        self.assertIn("Projekt „neexistuje“ v tomto výpisu nenajdete.", html)

    def test_restricted_pages_stay_out_of_listings_feeds_and_sitemap(self):
        self.restrict(self.report)
        for path in [
            "/aktuality/",
            "/aktuality/?typ=zpravy",
            "/rss/aktuality/",
            "/rss/zpravy/",
            "/atom/aktuality/",
            "/atom/zpravy/",
            "/sitemap-stranky.xml",
            "/",
        ]:
            with self.subTest(path=path):
                self.assertNotIn(self.report.url, self.get(path))
                self.assertNotIn(self.report.title, self.get(path))
        for topic in self.report.topics.all():
            for path in [f"/rss/temata/{topic.slug}/", f"/atom/temata/{topic.slug}/"]:
                with self.subTest(path=path):
                    self.assertNotIn(self.report.title, self.get(path))

    # --- feeds and discovery ------------------------------------------------------------

    def test_news_feeds_carry_news_and_period_reports_newest_first(self):
        rss = ElementTree.fromstring(self.client.get("/rss/aktuality/").content)
        titles = [item.findtext("title") for item in rss.iter("item")]
        self.assertIn(self.news.title, titles)
        self.assertIn(self.report.title, titles)
        atom = ElementTree.fromstring(self.client.get("/atom/zpravy/").content)
        entries = atom.findall(f"{ATOM}entry")
        self.assertEqual(len(entries), PeriodReportPage.objects.live().count())
        updated = [entry.findtext(f"{ATOM}updated") for entry in entries]
        self.assertTrue(all(updated))
        self.assertEqual(atom.attrib["{http://www.w3.org/XML/1998/namespace}lang"], "cs")

    def test_topic_feed_lists_the_topic_pages_and_unknown_topic_is_404(self):
        rss = ElementTree.fromstring(self.client.get("/rss/temata/mediace/").content)
        titles = [item.findtext("title") for item in rss.iter("item")]
        self.assertIn("SPOT JIHLAVA", titles)
        self.assertNotIn("SPOT TELČ", titles)
        self.get("/rss/temata/zadne-takove/", status=404)

    def test_every_page_links_its_feeds_canonical_url_and_social_meta(self):
        html = self.get(self.news.url)
        for feed in ["/rss/aktuality/", "/atom/aktuality/", "/rss/zpravy/", "/atom/zpravy/"]:
            self.assertRegex(
                html, rf'<link rel="alternate" type="application/\w+\+xml"[^>]+"{feed}"'
            )
        self.assertIn(f'<link rel="canonical" href="http://testserver{self.news.url}">', html)
        self.assertIn(f'<meta property="og:title" content="{self.news.title}">', html)
        self.assertIn('<meta property="og:type" content="article">', html)
        self.assertIn('<meta name="twitter:card" content="summary_large_image">', html)
        topic_html = self.get("/temata/mediace/")
        self.assertIn('href="/rss/temata/mediace/"', topic_html)

    def json_ld(self, path):
        match = JSON_LD_RE.search(self.get(path))
        self.assertIsNotNone(match, f"no JSON-LD on {path}")
        data = json.loads(match.group(1))
        self.assertEqual(data["@context"], "https://schema.org")
        return data.get("@graph", [data])

    def test_schema_org_data_describes_news_events_videos_and_the_operator(self):
        types = {item["@type"]: item for item in self.json_ld(self.news.url)}
        self.assertEqual(types["NewsArticle"]["headline"], self.news.title)
        self.assertEqual(types["Event"]["startDate"], f"{self.news.event_date}T00:00:00+02:00")
        video = self.json_ld(SPOT_TELC)[0]
        self.assertEqual(video["@type"], "VideoObject")
        self.assertEqual(video["duration"], "PT1M0S")
        self.assertTrue(video["contentUrl"].endswith(".webm"))
        home_types = {item["@type"] for item in self.json_ld("/")}
        self.assertIn("Organization", home_types)

    def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(self):
        text = self.get("/robots.txt")
        self.assertIn("Disallow: /admin/", text)
        self.assertIn("Sitemap: http://testserver/sitemap.xml", text)
        self.assertIn("http://testserver/sitemap-stranky.xml", self.get("/sitemap.xml"))
        self.assertIn(self.news.url, self.get("/sitemap-stranky.xml"))

    # --- results, videos, funding -------------------------------------------------------

    def test_project_results_are_drawn_as_charts_with_the_numbers_in_words(self):
        html = self.get("/projekty/inovacni-hnizdo-ospod-pardubicky-kraj/")
        labels = re.findall(r'<svg class="chart"[^>]*role="img" aria-label="([^"]+)"', html)
        self.assertIn(
            "Neodborná úřední práce se spisem na jednu pracovnici: před 111\u00a0min/den, "
            "po 96\u00a0min/den, změna −14\u00a0%",
            labels,
        )
        self.assertNotIn("style=", html)

    def test_target_chart_marks_the_plan_and_says_whether_it_was_met(self):
        project = ProjectPage.objects.filter(target_indicators__isnull=False).first()
        self.get(project.url)  # the project's facts are now cached
        indicator = project.target_indicators.first()
        indicator.achieved_value = indicator.planned_value * 2
        indicator.save()  # an edit shows at once: it starts a new content version
        html = self.get(project.url)
        self.assertIn('class="chart__target"', html)
        self.assertIn(f'aria-label="{indicator.label}: plán ', html)
        self.assertRegex(html, r'aria-label="[^"]+: plán [^"]+, dosaženo [^"]+ \(splněno\)"')

    def test_uploaded_video_plays_from_the_portal_with_czech_captions(self):
        html = self.get(SPOT_TELC)
        source = re.search(r'<source src="([^"]+)" type="video/webm">', html).group(1)
        self.assertIn('<track kind="captions" srclang="cs" label="Čeština"', html)
        self.assertIn('id="prepis"', html)
        response = self.client.get(source)
        self.assertEqual(response.status_code, 200)
        data = b"".join(response.streaming_content)
        self.assertEqual(data[:4], b"\x1a\x45\xdf\xa3", "a WebM (EBML) file")
        self.assertLess(len(data), 200_000)

    def test_embedded_video_loads_nothing_from_the_provider_until_clicked(self):
        index = VideoIndexPage.objects.get()
        video = VideoPage(
            title="Spot u poskytovatele",
            slug="spot-u-poskytovatele",
            embed_url="https://www.youtube.com/watch?v=abcDEF12345",
            transcript="<p>Přepis.</p>",
        )
        index.add_child(instance=video)
        html = self.get(video.url)
        self.assertNotIn("<iframe", html)
        self.assertNotRegex(html, r'(src|href)="https?://[^"]*youtube-nocookie')
        self.assertIn('data-player-url="https://www.youtube-nocookie.com/embed/abcDEF12345', html)
        self.assertIn("Přehrajeme ho až na vaše kliknutí", html)
        self.assertIn('href="https://www.youtube.com/watch?v=abcDEF12345"', html)

    def test_period_report_carries_its_projects_funding_block_with_the_eu_emblem(self):
        project = self.report.get_parent().specific
        html = self.get(self.report.url)
        footer = html[html.index('<footer class="site-footer">') :]
        self.assertIn('alt="Vlajka Evropské unie"', footer)
        self.assertIn(project.registration_number, footer)
        self.assertIn("Evropský sociální fond", footer)

    def test_project_timeline_lists_period_reports_newest_first(self):
        project = self.report.get_parent().specific
        html = self.get(project.url)
        timeline = html[html.index('<ol class="timeline">') :]
        numbers = [int(n) for n in re.findall(r"(\d+)\.&nbsp;období</span>", timeline)]
        self.assertEqual(numbers, sorted(numbers, reverse=True))
        self.assertGreaterEqual(len(numbers), 2)
