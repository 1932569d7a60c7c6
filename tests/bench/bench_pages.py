"""Page benchmark: every public page type of the demo portal, as an anonymous visitor gets it.

    python tests/bench/bench_pages.py              # 50 requests per page type
    python tests/bench/bench_pages.py --repeat 5   # a quick look

The script builds the demo portal in a temporary SQLite database (``migrate`` and
``load_demo_content``, as ``make run`` does), then requests each page type through Django's
test client (the whole middleware, URL, view and template stack, without a socket) and
prints, per page type:

- server render time, median and p95 over ``--repeat`` requests (after one warm-up request);
- SQL queries per request;
- page weight: the HTML plus the CSS and JS files it links (images, video excluded).

The budget: under 50 ms median, at most 15 queries, under 100 KB.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUDGET_MS, BUDGET_QUERIES, BUDGET_KB = 50, 15, 100
ASSET_RE = re.compile(
    r"<(?:link[^>]+rel=\"stylesheet\"[^>]+href|script[^>]+src)=\"(?P<url>/static/[^\"]+)\""
)


def page_types():
    """[(label, [path, …])]: every public page of each type, and the other public views."""
    from django.urls import reverse

    from home.models import HomePage
    from methodology.models import MethodologyIndexPage, MethodologyPage, ToolIndexPage, ToolPage
    from news.models import (
        NewsIndexPage,
        NewsPage,
        PeriodReportPage,
        VideoIndexPage,
        VideoPage,
    )
    from portal.core.models import StandardPage
    from portal.core.privacy import public
    from portal.glossary.models import GlossaryPage, GlossaryTermPage
    from portal.guide.models import CaseGuidePage
    from portal.projects.models import ProjectIndexPage, ProjectPage
    from portal.taxonomy.models import Topic

    models = [
        ("úvodní stránka", HomePage),
        ("projekty", ProjectIndexPage),
        ("projekt", ProjectPage),
        ("zpráva za období", PeriodReportPage),
        ("aktuality", NewsIndexPage),
        ("aktualita", NewsPage),
        ("videa", VideoIndexPage),
        ("video", VideoPage),
        ("metodiky", MethodologyIndexPage),
        ("metodika", MethodologyPage),
        ("nástroje", ToolIndexPage),
        ("nástroj", ToolPage),
        ("obsahová stránka", StandardPage),
        ("slovník", GlossaryPage),
        ("pojem", GlossaryTermPage),
        ("postup v případu", CaseGuidePage),
    ]
    rows = []
    for label, model in models:
        paths = [page.url for page in public(model.objects.live()).order_by("path")]
        if paths:
            rows.append((label, paths))
    topics = Topic.objects.filter(tagged_pages__isnull=False).distinct()
    rows += [
        ("výpis s filtry", ["/aktuality/?typ=zpravy", "/metodiky/?rok=2021", "/videa/?strana=9"]),
        ("témata", [reverse("topic_index")]),
        ("téma", [reverse("topic_detail", args=[topic.slug]) for topic in topics[:5]]),
        ("hledání", [reverse("search") + "?q=pěstoun"]),
        ("RSS / Atom", ["/rss/aktuality/", "/rss/zpravy/", "/atom/aktuality/"]),
        ("sitemap.xml", ["/sitemap.xml"]),
        ("robots.txt", ["/robots.txt"]),
    ]
    tools = public(ToolPage.objects.live()).order_by("path")[:2]
    if len(tools) == 2:
        rows.append(
            ("porovnání", [reverse("compare") + "?" + "&".join(f"stranky={t.pk}" for t in tools)])
        )
    return rows


def asset_bytes(html):
    """Bytes of the CSS and JS files the page links from /static/."""
    from django.conf import settings
    from django.contrib.staticfiles import finders

    total = 0
    for match in ASSET_RE.finditer(html):
        name = match.group("url")[len(settings.STATIC_URL) :].split("?")[0]
        found = finders.find(name)
        if found:
            total += Path(found).stat().st_size
    return total


def measure_page(client, path, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # warm-up: template loading, image renditions, caches
    timings, cpu, queries = [], [], 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(path)
            cpu.append((time.process_time() - started_cpu) * 1000)
            timings.append((time.perf_counter() - started) * 1000)
        queries = max(queries, len(captured))
    html = response.content.decode("utf-8", "replace")
    weight = len(response.content) + asset_bytes(html)
    return timings, cpu, queries, weight, response.status_code


def measure(client, page_types, repeat):
    """One row per page type over all its pages: median/p95 ms, and the worst page's
    queries, weight and status."""
    rows = []
    for label, paths in page_types:
        timings, cpu = [], []
        worst = {"queries": 0, "weight": 0, "status": 200, "path": paths[0]}
        for path in paths:
            page_timings, page_cpu, queries, weight, status = measure_page(client, path, repeat)
            timings += page_timings
            cpu += page_cpu
            if (queries, weight) > (worst["queries"], worst["weight"]) or status != 200:
                worst = {"queries": queries, "weight": weight, "status": status, "path": path}
            if status != 200:
                break
        timings.sort()
        p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
        rows.append(
            {
                "label": label,
                "pages": len(paths),
                "median_ms": statistics.median(timings),
                "p95_ms": p95,
                "cpu_ms": statistics.median(cpu),
                **worst,
            }
        )
    return rows


def print_table(rows):
    print(
        f"{'page type':<18} {'pages':>5} {'median ms':>9} {'p95 ms':>7} {'CPU ms':>6} {'SQL':>4} "
        f"{'KB':>6}  worst"
    )
    for row in rows:
        over = (
            row["median_ms"] >= BUDGET_MS
            or row["queries"] > BUDGET_QUERIES
            or row["weight"] >= BUDGET_KB * 1000
            or row["status"] != 200
        )
        print(
            f"{row['label']:<18} {row['pages']:>5} {row['median_ms']:>9.1f} {row['p95_ms']:>7.1f} "
            f"{row['cpu_ms']:>6.1f} {row['queries']:>4} {row['weight'] / 1000:>6.1f}  {row['path']}"
            + ("  OVER BUDGET" if over else "")
            + (f"  HTTP {row['status']}" if row["status"] != 200 else "")
        )
    print(
        f"budget: median < {BUDGET_MS} ms, ≤ {BUDGET_QUERIES} SQL queries, < {BUDGET_KB} KB; "
        "SQL and KB are the worst page of the type; CPU ms is the median process time "
        "(what the render costs when other processes share the cores)"
    )


def build_demo_portal():
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo_content", stdout=open(os.devnull, "w"))  # noqa: SIM115


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--var-dir", help="an existing demo portal (PORTAL_VAR_DIR) to reuse")
    args = parser.parse_args(argv)

    var_dir = args.var_dir or tempfile.mkdtemp(prefix="portal-bench-")
    os.environ["PORTAL_VAR_DIR"] = var_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.bench"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    if not args.var_dir:
        build_demo_portal()
    from django.test import Client

    rows = measure(Client(), page_types(), args.repeat)
    print_table(rows)
    return rows


if __name__ == "__main__":
    main()
