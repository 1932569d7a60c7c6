"""Scale benchmark: every public page type, the sitemap and the admin, on the demo portal and on
a 20,000-page portal, in one run, on SQLite and PostgreSQL.

    python tests/bench/bench_scale.py --keep /tmp/scale             # both databases
    python tests/bench/bench_scale.py --db sqlite --keep /tmp/scale --repeat 5
    python tests/bench/bench_scale.py --pages 300 --repeat 1        # a quick look

Each (database, portal) pair runs in its own process, and the two portals of a database are
measured side by side, check by check, so that the ratio holds while the machine's speed
drifts. "demo" is the demo portal (``load_demo_content``); "large" is the demo portal plus
``--pages`` generated pages shaped like a grown portal: a news index with most of them as
children, each news item from a project, 1,200 projects (each in a kraj), one of them with
500 outputs under it, methodologies, tools and videos from random projects, a topic on a
quarter of all pages, dated pages with listing images. With ``--keep DIR`` both portals are
built only on the first run (SQLite files in DIR; PostgreSQL databases ``portal_scale_demo``
and ``portal_scale_large`` are kept) and later runs measure them again.

Each check is requested through Django's test client as an anonymous visitor (the admin as a
superuser): "warm" repeats the request with the caches filled, "cold" empties the caches
(as a publish does) before every request. The table prints median and p95 ms, SQL queries and
KB per check on both portals and the ratio of the medians large / demo.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.scale_corpus import build_large  # noqa: E402

POSTGRES_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
RESULT_MARKER = "SCALE-RESULT "
ADMIN_USER = "bench-admin"


# --- what is measured ----------------------------------------------------------------------


def checks():
    """[(label, path, admin)]: one page of every public type, listings, sitemap, admin."""
    from django.db.models import Count
    from django.urls import reverse

    from home.models import HomePage
    from methodology.models import MethodologyIndexPage, MethodologyPage, ToolIndexPage, ToolPage
    from news.models import NewsIndexPage, NewsPage, PeriodReportPage, VideoIndexPage, VideoPage
    from portal.core.models import StandardPage
    from portal.operations.sitemap import SECTION_SIZE, PortalSitemap
    from portal.projects.models import ProjectIndexPage, ProjectPage
    from portal.taxonomy.models import Region, Topic

    def first(model):
        return model.objects.live().order_by("-first_published_at", "pk").first()

    news_index = NewsIndexPage.objects.get()
    topic = Topic.objects.annotate(n=Count("tagged_pages")).order_by("-n").first()
    kraj = Region.objects.annotate(n=Count("projectpage")).order_by("-n", "slug").first()
    biggest = biggest_project()
    year = first(NewsPage).published_at.year
    result = [("úvodní stránka", "/", False)]
    for label, model in (
        ("projekty", ProjectIndexPage),
        ("aktuality", NewsIndexPage),
        ("metodiky", MethodologyIndexPage),
        ("nástroje", ToolIndexPage),
        ("videa", VideoIndexPage),
    ):
        result.append((label, model.objects.get().url, False))
    for label, model in (
        ("projekt", ProjectPage),
        ("aktualita", NewsPage),
        ("zpráva za období", PeriodReportPage),
        ("metodika", MethodologyPage),
        ("nástroj", ToolPage),
        ("video", VideoPage),
        ("obsahová stránka", StandardPage),
    ):
        page = first(model)
        if page:
            result.append((label, page.url, False))
    result.append(("projekt s 500 výstupy", biggest.url, False))
    url = news_index.url
    result += [
        ("aktuality ?tema", f"{url}?tema={topic.slug}", False),
        ("aktuality ?projekt", f"{url}?projekt={biggest.slug}", False),
        ("aktuality ?rok", f"{url}?rok={year}", False),
        ("aktuality ?typ", f"{url}?typ=zpravy", False),
        ("aktuality ?kraj", f"{url}?kraj={kraj.slug}", False),
        ("aktuality poslední strana", f"{url}?strana=999999", False),
        ("témata", reverse("topic_index"), False),
        ("téma", reverse("topic_detail", args=[topic.slug]), False),
        ("RSS aktuality", reverse("feed_news"), False),
        ("sitemap index", "/sitemap.xml", False),
    ]
    sections = -(-PortalSitemap().paginator.count // SECTION_SIZE)
    for number in range(1, sections + 1):
        result.append((f"sitemap část {number}", f"/sitemap-stranky.xml?p={number}", False))
    result += [
        ("admin: přehled aktualit", f"/admin/pages/{news_index.pk}/", True),
        ("admin: řazení aktualit", f"/admin/pages/{news_index.pk}/?ordering=ord", True),
        ("admin: přehled, strana 200", f"/admin/pages/{news_index.pk}/?p=200", True),
        ("admin: výběr stránky", "/admin/choose-page/", True),
        ("admin: výběr osoby", "/admin/snippets/choose/taxonomy/person/", True),
    ]
    for label, model in (
        ("admin: úprava aktuality", NewsPage),
        ("admin: úprava zprávy", PeriodReportPage),
        ("admin: úprava projektu", ProjectPage),
        ("admin: úprava metodiky", MethodologyPage),
        ("admin: úprava nástroje", ToolPage),
        ("admin: úprava videa", VideoPage),
    ):
        page = first(model)
        if page:
            result.append((label, f"/admin/pages/{page.pk}/edit/", True))
    result.append(("home edit", f"/admin/pages/{HomePage.objects.get().pk}/edit/", True))
    return result


def biggest_project():
    """The project with the most pages under it (one grouped query)."""
    from django.db.models import Count
    from django.db.models.functions import Substr
    from wagtail.models import Page

    from portal.projects.models import ProjectPage

    some = ProjectPage.objects.live().first()
    length = len(some.path)
    row = (
        Page.objects.filter(path__startswith=some.path[: length - 4], depth__gt=some.depth)
        .annotate(project=Substr("path", 1, length))
        .values("project")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    return ProjectPage.objects.get(path=row["project"]) if row else some


def measure(client, path, repeat, cold):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)
    timings, queries, response = [], 0, None
    for _ in range(repeat):
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
        queries = max(queries, len(captured))
    timings.sort()
    return {
        "median": statistics.median(timings),
        "p95": timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))],
        "queries": queries,
        "kb": len(response.content) / 1000,
        "status": response.status_code,
    }


def clients():
    from django.contrib.auth import get_user_model
    from django.test import Client

    user, _ = get_user_model().objects.get_or_create(
        username=ADMIN_USER, defaults={"is_superuser": True, "is_staff": True}
    )
    anonymous, admin = Client(), Client()
    admin.force_login(user)
    return anonymous, admin


def measure_check(clients, check, repeat):
    """{row label: figures} of one check: cold and warm for a public page, warm for the admin."""
    label, path, is_admin = check
    anonymous, admin = clients
    if is_admin:
        return {label: {**measure(admin, path, repeat, cold=False), "path": path}}
    return {
        f"{label} ({mode})": {**measure(anonymous, path, repeat, cold=mode == "cold"), "path": path}
        for mode in ("cold", "warm")
    }


def measure_all(repeat):
    both = clients()
    rows = {}
    for check in checks():
        rows.update(measure_check(both, check, repeat))
    return rows


# --- processes and databases ---------------------------------------------------------------


def _database_url(database, portal, keep):
    if database == "sqlite":
        return f"sqlite:///{Path(keep) / f'scale-{portal}.sqlite3'}"
    return f"postgres://postgres@127.0.0.1:5432/portal_scale_{portal}"


def _ensure_postgres_database(name):
    import psycopg

    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not found.fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def worker(args):
    """Set up one portal, then measure the checks the coordinator names on standard input,
    one at a time, so that the demo and the large portal are measured side by side."""
    import django

    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.bench"
    os.environ["PORTAL_VAR_DIR"] = str(Path(args.keep) / f"var-{args.portal}")
    Path(os.environ["PORTAL_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    url = _database_url(args.db, args.portal, args.keep)
    if args.db == "postgresql":
        _ensure_postgres_database(f"portal_scale_{args.portal}")
    os.environ["BENCH_DATABASE_URL"] = url
    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from wagtail.models import Page

    build_seconds = None
    call_command("migrate", verbosity=0, interactive=False)  # a kept portal gets new migrations
    # Built means complete: an interrupted build (the generated pages are one transaction)
    # is built again (the demo content loads idempotently).
    wanted = args.pages if args.portal == "large" else 1
    if Page.objects.filter(depth__gt=2).count() < wanted:
        started = time.perf_counter()
        call_command("load_demo_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
        if args.portal == "large":
            build_large(args.pages)
        build_seconds = time.perf_counter() - started
    refresh_ms = time_refresh()  # before the vacuum, which clears the rows it replaced
    if args.db == "postgresql":
        vacuum()

    # As a served request ends: Django's test client keeps the connection open, and the
    # SQLite engine keeps the planner's statistics as a connection closes.
    connection.close()
    import portal.wsgi  # noqa: F401  # loaded as the server loads it, which freezes the heap

    by_label = {check[0]: check for check in checks()}
    both = clients()
    _say(
        {
            "pages": Page.objects.count(),
            "build_seconds": build_seconds,
            "refresh_ms": refresh_ms,
            "checks": list(by_label),
        }
    )
    for line in sys.stdin:
        check = by_label.get(line.strip())
        _say(measure_check(both, check, args.repeat) if check else {})


def time_refresh(times=3):
    """The median ms of a refresh of the listings' tallies, the background task that follows
    every content change (the table's pages read them afterwards)."""
    from portal.core.tallies import refresh_listing_tallies

    timings = []
    for _ in range(times):
        started = time.perf_counter()
        refresh_listing_tallies()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def _say(result):
    print(RESULT_MARKER + json.dumps(result), flush=True)


def vacuum():
    """PostgreSQL's table statistics and visibility map, as a running portal's database has
    them: autovacuum may not have come round to a portal built a minute ago. Without the
    statistics the planner walks the whole page tree to find one index page (11 ms instead
    of 0.1); without the map a count reads the table where the index alone would do."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


class Worker:
    """A worker process measuring one portal (see `worker`)."""

    def __init__(self, database, portal, args):
        command = [sys.executable, __file__, "--worker", "--db", database, "--portal", portal]
        command += ["--keep", args.keep, "--pages", str(args.pages), "--repeat", str(args.repeat)]
        self.name = f"{database}/{portal}"
        self.process = subprocess.Popen(  # noqa: S603 (this script, with its own arguments)
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT
        )
        self.setup = self.read()
        self.rows = {}

    def read(self):
        for line in self.process.stdout:
            if line.startswith(RESULT_MARKER):
                return json.loads(line.removeprefix(RESULT_MARKER))
        raise RuntimeError(f"{self.name} failed (its errors are above)")

    def measure(self, label):
        self.process.stdin.write(label + "\n")
        self.process.stdin.flush()
        self.rows.update(self.read())

    def result(self):
        """What `main` reports of the portal: its size, build time and measured rows."""
        return {
            "pages": self.setup["pages"],
            "build_seconds": self.setup["build_seconds"],
            "refresh_ms": self.setup["refresh_ms"],
            "rows": self.rows,
        }

    def close(self):
        self.process.stdin.close()
        self.process.wait()


def run(database, args):
    """(demo, large) results of one database, each check measured on both portals in turn
    (the demo first for every other check), so that a drift of the machine's speed shows in
    both columns of a row alike."""
    workers = [Worker(database, portal, args) for portal in ("demo", "large")]
    try:
        for number, label in enumerate(workers[1].setup["checks"]):
            for worker_ in workers if number % 2 == 0 else workers[::-1]:
                worker_.measure(label)
    finally:
        for worker_ in workers:
            worker_.close()
    return tuple(worker_.result() for worker_ in workers)


def report(database, demo, large):
    print(
        f"\n{database}: demo {demo['pages']} pages, large {large['pages']} pages"
        + (f" (built in {large['build_seconds']:.0f} s)" if large["build_seconds"] else "")
    )
    print(
        f"refresh of the listings' tallies after a change: demo {demo['refresh_ms']:.0f} ms,"
        f" large {large['refresh_ms']:.0f} ms"
    )
    print(
        f"{'check':<36} {'demo ms':>8} {'p95':>6} {'SQL':>4} {'KB':>6} │ "
        f"{'large ms':>8} {'p95':>6} {'SQL':>4} {'KB':>6} │ {'×':>5}"
    )
    for label, small in demo["rows"].items():
        big = large["rows"].get(label)
        if big is None:
            continue
        ratio = big["median"] / small["median"] if small["median"] else 0
        flag = "" if big["status"] == 200 else f"  HTTP {big['status']}"
        print(
            f"{label[:36]:<36} {small['median']:>8.1f} {small['p95']:>6.1f} "
            f"{small['queries']:>4} {small['kb']:>6.1f} │ {big['median']:>8.1f} "
            f"{big['p95']:>6.1f} {big['queries']:>4} {big['kb']:>6.1f} │ {ratio:>5.2f}{flag}"
        )


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--keep", default="/tmp/portal-scale", help="where the portals stay")
    parser.add_argument("--pages", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--portal", choices=["demo", "large"], help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    if args.worker:
        return worker(args)
    Path(args.keep).mkdir(parents=True, exist_ok=True)
    databases = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    results = {}
    for database in databases:
        demo, large = run(database, args)
        report(database, demo, large)
        results[database] = {"demo": demo, "large": large}
    return results


if __name__ == "__main__":
    main()
