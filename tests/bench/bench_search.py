"""Search benchmark: the portal's engine against Wagtail's stock database search.

    python tests/bench/bench_search.py               # 20,000 pages + 2,000 PDFs, both databases
    python tests/bench/bench_search.py --db sqlite   # one database
    python tests/bench/bench_search.py --pages 200 --pdfs 20 --real-pdfs 5 --repeat 1  # smoke
    python tests/bench/bench_search.py --keep /tmp/bench --no-stock   # build once, then re-measure

With ``--keep DIR`` the corpus is built only on the first run: the SQLite file stays in
DIR and the PostgreSQL database ``portal_bench`` is not dropped; later runs with the same
DIR (and the same corpus size) reuse them and their index (``--reindex`` rebuilds it) and
measure again; the build times printed are those of the first run.

For each database the script builds a separate database (a temporary SQLite file; the
PostgreSQL database ``portal_bench`` on 127.0.0.1:5432, created and dropped here), fills
it with a generated Czech corpus, and prints:

- corpus build time, and index build time for our index and for Wagtail's stock index;
- query latency (median, p95, max) over a fixed query mix: the dev queries, queries that
  find nothing and very common words. "portal API" is the whole JSON request (parameters,
  engine, facets over the full matching set, labels, snippets, promotions, hit logging)
  asked again, as people ask the common words again and again; "portal API, new" the same
  request as the first search after a change to the index (the matches of the common words
  that each process keeps until the index changes are forgotten before it);
  "portal engine" the engine call alone; "admin pages", "admin page chooser" and "admin
  doc chooser" the editors' searches (whole admin requests as a superuser, answered from
  the portal's index by ``portal.search.admin_backend``); "stock" is the first 20 live
  pages from Wagtail's own database backend (no count, no facets);
- the ratio stock / portal.

The corpus (``search_corpus.py``): pages of every type with generated, inflected Czech text,
and PDFs, some real ones among them (``--real-pdfs``), around the demo portal (unless
``--no-demo``). With the demo present, the dev queries of ``test_relevance`` are asked again
among the generated pages, and the script prints how many still have their expected page in
the first three.

Each database is benchmarked in a child process (``--worker``) so Django is set up once per
database; the parent prints the table.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.search_corpus import build_corpus  # noqa: E402

POSTGRES_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
# Its own name per engineer on a shared server: PORTAL_BENCH_DB=portal_bench_<name>.
POSTGRES_BENCH_DB = os.environ.get("PORTAL_BENCH_DB", "portal_bench")
RESULT_MARKER = "BENCH-RESULT "

DEV_QUERIES = [
    "kolizní opatrovnictví",
    "Cochemská praxe",
    "kolizního opatrovníka",
    "asistovaný kontakt",
    "asistovane kontakty",
    "pěstounská péče",
    "pěstounů",
    "edukační spot",
    "spot Telč",
    "OSPOD sobě",
    "setkání v Šlapanicích",
    "průvodce změnou",
    "evaluační zpráva",
    "mediace",
    "kulatý stůl",
    "pobytová péče",
    "krajské modely sítě služeb",
    "Česká Třebová",
    "supervize",
    "ohrozene deti",
]
NO_HIT_QUERIES = ["xylofon", "kvantová chromodynamika", "qwertzuiop", "lyžařský vlek", "zzzz"]
COMMON_QUERIES = ["dítě", "rodina", "sociální práce", "OSPOD", "děti a rodiny"]
QUERY_MIX = DEV_QUERIES + NO_HIT_QUERIES + COMMON_QUERIES

# --- the worker: one database ------------------------------------------------------------


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()


def _stock_auto_update(enabled):
    from django.conf import settings

    for backend in settings.WAGTAILSEARCH_BACKENDS.values():
        backend["AUTO_UPDATE"] = enabled


def _timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - started, result


def _summary(samples):
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return {
        "median_ms": statistics.median(ordered) * 1000,
        "p95_ms": p95 * 1000,
        "max_ms": ordered[-1] * 1000,
        "samples": len(ordered),
    }


def measure_portal(repeat):
    from django.contrib.auth.models import AnonymousUser
    from django.test import Client

    from portal.search import facet_table
    from portal.search.engine import get_engine
    from portal.search.hits import Filters
    from portal.search.query import term_query

    client = Client()
    engine = get_engine()
    api_samples, new_version_samples, engine_samples, hits = [], [], [], {}
    for query in QUERY_MIX:  # warm-up
        client.get("/api/hledat/", {"q": query})
    for _ in range(repeat):
        for query in QUERY_MIX:
            seconds, response = _timed(client.get, "/api/hledat/", {"q": query})
            assert response.status_code == 200, response.content[:200]
            api_samples.append(seconds)
            hits[query] = response.json()["count"]
            seconds, _result = _timed(
                engine.search, term_query(query), Filters(), AnonymousUser(), 1, 20
            )
            engine_samples.append(seconds)
    for _ in range(repeat):
        for query in QUERY_MIX:
            # As the first search after a change to the index: no common word's matches kept.
            facet_table.current().forget_matches()
            seconds, _response = _timed(client.get, "/api/hledat/", {"q": query})
            new_version_samples.append(seconds)
    return (
        _summary(api_samples),
        _summary(new_version_samples),
        _summary(engine_samples),
        hits,
    )


def _stock_search(query):
    """Wagtail's own database backend (the default backend now answers from our index)."""
    from modelsearch.backends.database import SearchBackend
    from wagtail.models import Page

    return list(SearchBackend({}).search(query, Page.objects.live())[:20])


ADMIN_VIEWS = {
    "admin pages": "/admin/pages/search/",
    "admin page chooser": "/admin/choose-page/search/",
    "admin doc chooser": "/admin/documents/chooser/results/",
}


def measure_admin(repeat):
    """The admin's page search, page chooser and document chooser, as a superuser."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    user, _created = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client()
    client.force_login(user)
    figures = {}
    for label, url in ADMIN_VIEWS.items():
        client.get(url, {"q": QUERY_MIX[0]})  # warm-up
        samples = []
        for _ in range(max(1, repeat // 2)):
            for query in QUERY_MIX:
                seconds, response = _timed(client.get, url, {"q": query})
                assert response.status_code == 200, (url, response.status_code)
                samples.append(seconds)
        figures[label] = _summary(samples)
    return figures


def check_dev_queries():
    """Whether each dev query still puts its expected demo page in the first three, with the
    generated pages around the demo portal as distractors."""
    from portal.search.tests.test_relevance import EXPECTED, top_urls

    missed = {}
    for query, fragments in EXPECTED.items():
        urls = top_urls(query)
        if not any(fragment in url for url in urls for fragment in fragments):
            missed[query] = urls
    return {"queries": len(EXPECTED), "missed": missed}


def measure_stock(timeout):
    """One run per query (the stock backend can take seconds); a slower query is cut at
    ``timeout`` seconds and counted as that long."""
    from django.db import OperationalError, connection

    samples, timeouts = [], 0
    for query in QUERY_MIX:
        started = time.perf_counter()
        try:
            with _statement_timeout(connection, timeout):
                _stock_search(query)
        except OperationalError:
            timeouts += 1
        samples.append(min(time.perf_counter() - started, timeout))
    return {**_summary(samples), "timeouts": timeouts}


class _statement_timeout:
    """Abort a query running longer than ``seconds`` (SQLite progress handler, PostgreSQL
    statement_timeout)."""

    def __init__(self, connection, seconds):
        self.connection, self.seconds = connection, seconds

    def __enter__(self):
        self.connection.ensure_connection()
        if self.connection.vendor == "sqlite":
            deadline = time.perf_counter() + self.seconds
            handler = lambda: 1 if time.perf_counter() > deadline else 0  # noqa: E731
            self.connection.connection.set_progress_handler(handler, 100_000)
        else:
            with self.connection.cursor() as cursor:
                cursor.execute("SET statement_timeout = %s", [int(self.seconds * 1000)])

    def __exit__(self, *exc_info):
        if self.connection.vendor == "sqlite":
            self.connection.connection.set_progress_handler(None, 0)
        else:
            with self.connection.cursor() as cursor:
                cursor.execute("SET statement_timeout = 0")
        return False


def _kept_corpus(args, database):
    """Where a kept corpus of this size is described (a path that never exists without --keep)."""
    if not args.keep:
        return Path(os.devnull, "none")
    demo = "-demo" if args.demo else ""
    return Path(args.keep, f"{database}-{args.pages}-{args.pdfs}-{args.real_pdfs}{demo}.json")


def _migrate():
    """A new SQLite corpus starts as a copy of the suite's migrated empty database when the
    suite offers one (PORTAL_MIGRATED_SQLITE): migrating from nothing takes most of a minute."""
    from django.core.management import call_command
    from django.db import connection

    template = os.environ.get("PORTAL_MIGRATED_SQLITE")
    if template and connection.vendor == "sqlite" and not connection.introspection.table_names():
        connection.ensure_connection()
        source = sqlite3.connect(template)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    call_command("migrate", verbosity=0)  # whatever the copy lacks


def worker(args):
    _setup_django()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from portal.search.indexing import rebuild_index

    _migrate()
    _stock_auto_update(False)
    kept = _kept_corpus(args, connection.vendor)
    built = json.loads(kept.read_text()) if kept.exists() else {}
    if not built:
        if args.demo:
            built["demo_seconds"], _ = _timed(call_command, "load_demo_content", verbosity=0)
        built["corpus_seconds"], built["corpus"] = _timed(
            build_corpus, args.pages, args.pdfs, args.real_pdfs
        )
    if args.reindex or "entries" not in built:
        built["index_seconds"], built["entries"] = _timed(rebuild_index)
    if args.keep:
        kept.write_text(json.dumps(built))
    build_seconds, made = built["corpus_seconds"], built["corpus"]
    index_seconds, entries = built["index_seconds"], built["entries"]
    api, api_new_version, engine, hits = measure_portal(args.repeat)
    admin = measure_admin(args.repeat)
    result = {
        "database": connection.vendor,
        "corpus": made,
        "real_pdfs": min(args.real_pdfs, args.pdfs),
        "entries": entries,
        "corpus_seconds": build_seconds,
        "index_seconds": index_seconds,
        "portal_api": api,
        "portal_api_new_version": api_new_version,
        "portal_engine": engine,
        "admin": admin,
        "hits": hits,
    }
    if args.demo:
        result["relevance"] = check_dev_queries()
    if args.stock:
        _stock_auto_update(True)
        result["stock_index_seconds"], _ = _timed(call_command, "update_index", verbosity=0)
        result["stock"] = measure_stock(args.stock_timeout)
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    print(RESULT_MARKER + json.dumps(result), flush=True)


# --- the parent: one child per database, then the table ---------------------------------


def _postgres(statement):
    import psycopg

    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as connection:
        connection.execute(statement)


def _database_url(database, workdir, args):
    kept = _kept_corpus(args, database).exists()
    if database == "sqlite":
        if not kept:  # a half-built corpus of an interrupted run
            Path(workdir, "bench.sqlite3").unlink(missing_ok=True)
        return f"sqlite:///{workdir}/bench.sqlite3"
    if kept:
        return POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{POSTGRES_BENCH_DB}"
    _postgres(f"DROP DATABASE IF EXISTS {POSTGRES_BENCH_DB}")
    _postgres(f"CREATE DATABASE {POSTGRES_BENCH_DB}")
    return POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{POSTGRES_BENCH_DB}"


def run_database(database, args):
    if args.keep:
        os.makedirs(args.keep, exist_ok=True)
    workdir = args.keep or tempfile.mkdtemp(prefix="portal-bench-")
    try:
        environment = {
            **os.environ,
            "TEST_DATABASE_URL": _database_url(database, workdir, args),
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "PYTHONPATH": str(ROOT),
        }
        command = [sys.executable, __file__, "--worker", *_forwarded(args)]
        completed = subprocess.run(
            command, env=environment, capture_output=True, text=True, check=False
        )
        lines = [line for line in completed.stdout.splitlines() if line.startswith(RESULT_MARKER)]
        if completed.returncode or not lines:
            raise RuntimeError(f"{database} benchmark failed:\n{completed.stderr[-3000:]}")
        return json.loads(lines[-1][len(RESULT_MARKER) :])
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
            if database == "postgresql":
                _postgres(f"DROP DATABASE IF EXISTS {POSTGRES_BENCH_DB}")


def _forwarded(args):
    forwarded = (
        [
            f"--pages={args.pages}",
            f"--pdfs={args.pdfs}",
            f"--real-pdfs={args.real_pdfs}",
            f"--repeat={args.repeat}",
            f"--stock-timeout={args.stock_timeout}",
        ]
        + ([f"--keep={args.keep}"] if args.keep else [])
        + (["--reindex"] if args.reindex else [])
    )
    forwarded += [] if args.demo else ["--no-demo"]
    return forwarded + ([] if args.stock else ["--no-stock"])


def _row(label, figures):
    return (
        f"  {label:<18} median {figures['median_ms']:8.1f} ms   p95 {figures['p95_ms']:8.1f} ms"
        f"   max {figures['max_ms']:8.1f} ms   ({figures['samples']} searches)"
    )


def report(results, args):
    print(
        f"Search benchmark: {args.pages} pages + {args.pdfs} documents "
        f"({min(args.real_pdfs, args.pdfs)} real PDFs extracted by pypdf on upload, "
        f"the rest with their text inserted), {len(QUERY_MIX)} queries "
        f"({len(DEV_QUERIES)} dev, {len(NO_HIT_QUERIES)} no-hit, {len(COMMON_QUERIES)} common), "
        f"portal: {args.repeat} runs each after a warm-up"
    )
    for result in results:
        corpus = result["corpus"]
        print(
            f"\n[{result['database']}] {corpus['pages']} pages, {corpus['documents']} documents; "
            f"corpus built in {result['corpus_seconds']:.1f} s"
        )
        print(
            f"  index build      portal {result['index_seconds']:.1f} s "
            f"({result['entries']} entries)",
            end="",
        )
        if "stock" in result:
            print(f", stock update_index {result['stock_index_seconds']:.1f} s")
        else:
            print()
        print(_row("portal API", result["portal_api"]))
        print(_row("portal API, new", result["portal_api_new_version"]))
        print(_row("portal engine", result["portal_engine"]))
        for label, figures in result["admin"].items():
            print(_row(label, figures))
        if "stock" in result:
            stock = result["stock"]
            print(
                _row("stock", stock)
                + (
                    f", {stock['timeouts']} cut at {args.stock_timeout:.0f} s"
                    if stock["timeouts"]
                    else ""
                )
            )
            api = result["portal_api"]
            print(
                f"  ratio stock/portal API: median {stock['median_ms'] / api['median_ms']:.1f}x, "
                f"p95 {stock['p95_ms'] / api['p95_ms']:.1f}x"
            )
        if "relevance" in result:
            relevance = result["relevance"]
            found = relevance["queries"] - len(relevance["missed"])
            print(
                f"  dev queries with the expected page in the first three: {found} of "
                f"{relevance['queries']}"
            )
            for query, urls in relevance["missed"].items():
                print(f"    missed: {query!r} -> {urls}")
        common = ", ".join(f"{q} {result['hits'][q]}" for q in COMMON_QUERIES)
        print(f"  hits of the common queries: {common}")


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=20_000)
    parser.add_argument("--pdfs", type=int, default=2_000)
    parser.add_argument("--real-pdfs", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--db", action="append", choices=["sqlite", "postgresql"], help="default: both"
    )
    parser.add_argument("--no-stock", dest="stock", action="store_false")
    parser.add_argument(
        "--no-demo",
        dest="demo",
        action="store_false",
        help="generated pages only (by default they surround the demo portal, and the dev "
        "queries are checked among them)",
    )
    parser.add_argument("--stock-timeout", type=float, default=60.0)
    parser.add_argument(
        "--keep", metavar="DIR", help="keep the corpus in DIR and reuse it on later runs"
    )
    parser.add_argument(
        "--reindex", action="store_true", help="with --keep: rebuild the kept index too"
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    if args.worker:
        worker(args)
        return
    results = [run_database(database, args) for database in args.db or ["sqlite", "postgresql"]]
    report(results, args)


if __name__ == "__main__":
    main()
