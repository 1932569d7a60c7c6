"""The region pages in the sitemap: the kraje index and every kraj whose page lists
something a visitor may read, on the demo portal."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from wagtail.models import PageViewRestriction

from portal.core.access import STAFF_GROUP_NAME
from portal.demo.testing import DemoPortalTestCase
from portal.regions.sections import SECTIONS
from portal.taxonomy.models import Region

SITE = "http://testserver"
EMPTY_SECTION = "K tomuto kraji zde zatím nic není."


class RegionSitemapTests(DemoPortalTestCase):
    def setUp(self):
        # The content version and the cached sitemap outlive each test's rolled-back rows.
        cache.clear()

    def get(self, path):
        response = self.client.get(path)
        self.assertEqual(response.status_code, 200, path)
        return response.content.decode()

    def region_page_lists_something(self, slug):
        return self.get(f"/kraje/{slug}/").count(EMPTY_SECTION) < 3

    def test_the_index_names_the_region_section(self):
        self.assertIn(f"<loc>{SITE}/sitemap-kraje.xml</loc>", self.get("/sitemap.xml"))

    def test_the_kraje_index_and_every_kraj_that_lists_something_are_in_it(self):
        sitemap = self.get("/sitemap-kraje.xml")
        self.assertIn(f"<loc>{SITE}/kraje/</loc>", sitemap)
        in_sitemap = {
            region.slug for region in Region.objects.all() if f"/kraje/{region.slug}/<" in sitemap
        }
        listing = {
            region.slug
            for region in Region.objects.all()
            if self.region_page_lists_something(region.slug)
        }
        self.assertEqual(in_sitemap, listing)
        self.assertIn("pardubicky", listing)

    def test_a_kraj_with_only_staff_only_content_stays_out(self):
        slug = "pardubicky"
        self.assertIn(f"/kraje/{slug}/</loc>", self.get("/sitemap-kraje.xml"))
        # Every page the kraj lists becomes readable by the OSPOD staff only.
        staff = Group.objects.get(name=STAFF_GROUP_NAME)
        kraj = Region.objects.get(slug=slug)
        pages = [page for section in SECTIONS for page in section.pages(False, kraj)]
        self.assertGreater(len(pages), 0)
        for page in pages:
            restriction = PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.GROUPS
            )
            restriction.groups.add(staff)

        self.assertFalse(self.region_page_lists_something(slug))
        self.assertNotIn(f"/kraje/{slug}/</loc>", self.get("/sitemap-kraje.xml"))
        for page in pages:
            self.assertNotIn(page.url, self.get("/sitemap-stranky.xml"))

        # Staff still find them on the kraj page: the content is there, only not public.
        reader = get_user_model().objects.create_user("ctenar", password="x")
        reader.groups.add(staff)
        self.client.force_login(reader)
        self.assertIn(f'href="{pages[0].url}"', self.get(f"/kraje/{slug}/"))
        self.assertNotIn(f"/kraje/{slug}/</loc>", self.get("/sitemap-kraje.xml"))
