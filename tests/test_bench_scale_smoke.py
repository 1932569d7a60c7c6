"""The scale benchmark's smoke run: a small generated portal, every check answered."""

from django.test import TestCase

from methodology.factories import MethodologyIndexPageFactory, ToolIndexPageFactory
from news.factories import NewsIndexPageFactory, VideoIndexPageFactory
from news.models import NewsPage
from portal.core.tallies import tallies_current
from portal.projects.factories import ProjectIndexPageFactory
from portal.projects.models import ProjectPage
from portal.taxonomy.factories import TopicFactory
from tests.bench import bench_scale
from tests.bench.scale_corpus import build_large


class ScaleBenchmarkSmokeTests(TestCase):
    def test_every_check_of_a_small_generated_portal_answers(self):
        for factory in (
            ProjectIndexPageFactory,
            NewsIndexPageFactory,
            MethodologyIndexPageFactory,
            ToolIndexPageFactory,
            VideoIndexPageFactory,
        ):
            factory()
        TopicFactory(name="Sanace rodiny")
        made = build_large(80)
        self.assertEqual(made, 80)
        # Shaped like a real portal: every news item from a project, every project in a kraj.
        self.assertFalse(NewsPage.objects.filter(related_projects=None).exists())
        self.assertFalse(ProjectPage.objects.filter(regions=None).exists())
        # The refresh the benchmark times leaves the tallies the listings read current.
        self.assertGreater(bench_scale.time_refresh(times=1), 0)
        self.assertTrue(tallies_current())
        rows = bench_scale.measure_all(repeat=1)
        for expected in (
            "aktuality ?projekt (cold)",
            "sitemap část 1 (warm)",
            "admin: výběr osoby",
        ):
            self.assertIn(expected, rows)
        failed = {label: row["status"] for label, row in rows.items() if row["status"] != 200}
        self.assertEqual(failed, {})
        cold = [row["queries"] for label, row in rows.items() if label.endswith("(cold)")]
        self.assertGreater(len(cold), 20)
        self.assertNotIn(0, cold, "a cold request reads the database")
