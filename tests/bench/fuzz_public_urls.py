"""Fuzz every public URL with hostile query parameters and path segments: no 500s allowed.

    python tests/bench/fuzz_public_urls.py                       # 10,000 requests on SQLite
    python tests/bench/fuzz_public_urls.py --db postgres         # the same on PostgreSQL
    python tests/bench/fuzz_public_urls.py --requests 500 --seed 7

The script builds a throwaway test database (in-memory SQLite, or ``test_<name>_fuzz`` on
the PostgreSQL server of ``TEST_DATABASE_URL``, default ``postgres://postgres@127.0.0.1:5432/
portal``), loads the demo content and sends requests through Django's test client in this
process (no network). It prints the requests per route and status, and every 500 with the
request and the exception; it exits with status 1 if there was any 500.

What is fuzzed, all discovered so that new pages, parameters and feeds are covered without
editing this file:

- every live public page of the page tree (its URL from Wagtail);
- every named route of the URLconf outside the admin (topics, documents, sitemap, search,
  search API and suggestions, and any ``rss/``/``atom/``/feed routes), with their path
  converters filled by real values (topic slugs, document URLs) and by generated ones;
- query parameters: the names the code reads (``request.GET.get("…")``, ``getlist``, the
  search facets) and the names templates link with (``?name=``), plus random names; values
  mix real slugs, numbers and years with hostile text: NUL and other control characters,
  invalid UTF-8 bytes, Unicode digits such as "²", huge numbers, very long strings;
- path segments: a real URL with a segment appended, replaced or inserted.

Hypothesis generates the requests (``phases=[generate]``: the script reports every 500 it
meets rather than shrinking one); ``tests/test_fuzz_smoke.py`` runs a few hundred with
shrinking in the test suite.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, quote_from_bytes

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIRS = ("portal", "home", "news", "methodology", "templates")
EXCLUDED_PREFIXES = ("admin/", "django-admin/", "media/", "static/", "__")
FEED_HINTS = ("rss", "atom", "feed")
SEARCH_ROUTES = ("search", "search_api", "search_autocomplete")

# Parameters any listing or feed may grow; discovery adds what the code really reads.
COMMON_PARAMS = ("strana", "q", "p", "page", "format", "tema", "typ", "rok", "kategorie")

HOSTILE_VALUES = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\x00\x00\x00",
    "\x1b[31m",
    "\r\n",
    "²",
    "٣",
    "１２",
    "-1",
    "0",
    "00",
    "+1",
    "1.5",
    "1e309",
    "9" * 40,
    "NaN",
    "inf",
    "'",
    '"',
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "%",
    "%00",
    "%%",
    "[]",
    "{}",
    "null",
    "a" * 5000,
    "ž" * 300,
    "\u202e",
    "\ufeff",
    "🙂",
    "*",
    "AND OR NOT",
    '"kolizní',
]
HOSTILE_BYTES = [b"\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\x00", b"\xfe\xff", b"\xc3"]


@dataclass
class Route:
    """One thing to fuzz: a name for the report, real paths, and a pattern for fake ones."""

    name: str
    paths: list[str]
    segment_regex: str | None = None  # a path generated to match the route's own pattern
    prefix: str = ""
    params: tuple[str, ...] = ()


@dataclass
class FuzzReport:
    counts: Counter = field(default_factory=Counter)  # (route, status) -> requests
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (route, url, error)
    seconds: float = 0.0

    @property
    def total(self):
        return sum(self.counts.values())

    @property
    def server_errors(self):
        return sum(n for (_, status), n in self.counts.items() if status >= 500)

    def lines(self):
        by_route = defaultdict(Counter)
        for (route, status), count in self.counts.items():
            by_route[route][status] += count
        yield f"{'route':<64} {'requests':>8}  statuses"
        for route in sorted(by_route):
            statuses = by_route[route]
            shown = "  ".join(f"{status}: {n}" for status, n in sorted(statuses.items()))
            yield f"{route[:64]:<64} {sum(statuses.values()):>8}  {shown}"
        totals = Counter()
        for (_, status), count in self.counts.items():
            totals[status] += count
        shown = "  ".join(f"{status}: {n}" for status, n in sorted(totals.items()))
        yield f"{'all routes':<64} {self.total:>8}  {shown}"
        rate = self.total / self.seconds if self.seconds else 0
        yield f"requests: {self.total}  500s: {self.server_errors}  ({rate:.0f} requests/s)"
        for route, url, error in self.errors[:50]:
            yield f"500 on {route}: {url!r}\n    {error}"


# --- discovery ----------------------------------------------------------------------------

_GET_IN_CODE = re.compile(r"""GET(?:\.get|\.getlist|\.__getitem__)?\(?\[?\s*["'](\w+)["']""")
_PARAM_IN_TEMPLATE = re.compile(r"[?&](\w+)=")


def discover_params():
    """Query parameter names the code reads or the templates link with."""
    from portal.search.service import FACET_PARAMS

    names = set(COMMON_PARAMS) | set(FACET_PARAMS)
    for folder in SOURCE_DIRS:
        for path in (ROOT / folder).rglob("*"):
            if "tests" in path.parts or path.suffix not in (".py", ".html"):
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            names.update(_GET_IN_CODE.findall(text))
            if path.suffix == ".html":
                names.update(_PARAM_IN_TEMPLATE.findall(text))
    return tuple(sorted(names))


def _url_patterns(patterns=None, prefix=""):
    """(route prefix + pattern, URLPattern) for every pattern, includes flattened."""
    from django.urls import URLResolver, get_resolver

    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        text = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
        if isinstance(pattern, URLResolver):
            yield from _url_patterns(pattern.url_patterns, text)
        else:
            yield text, pattern


_CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


def _fill(route_text, values):
    def value(match):
        return values.get(match.group(2), "x")

    return _CONVERTER.sub(value, route_text)


def _pattern_regex(route_text, pattern):
    """A regex for the whole path of a route, for hypothesis to generate from."""
    from django.urls.resolvers import RoutePattern

    if isinstance(pattern.pattern, RoutePattern):
        converters = pattern.pattern.converters
        parts, last = [], 0
        for match in _CONVERTER.finditer(route_text):
            parts.append(re.escape(route_text[last : match.start()]))
            converter = converters.get(match.group(2))
            parts.append(f"(?:{converter.regex if converter else '[^/]+'})")
            last = match.end()
        parts.append(re.escape(route_text[last:]))
        return "/" + "".join(parts)
    return "/" + route_text


def _sample_values():
    """Real values for path converters, by keyword name."""
    from portal.taxonomy.models import Topic

    slugs = list(Topic.objects.order_by("slug").values_list("slug", flat=True)[:5])
    return {"slug": slugs or ["x"], "restriction_id": ["1"], "document_id": ["1"]}


def discover_routes():
    """Every public page of the page tree and every public named route of the URLconf."""
    from django.urls.resolvers import RoutePattern
    from wagtail.models import Page

    from portal.core.models import PortalDocument

    params = discover_params()
    routes = []
    for page in Page.objects.live().public().specific().order_by("path"):
        url = page.get_url()
        if url:
            name = f"page {url} ({type(page).__name__})"
            routes.append(Route(name, [url], params=params))

    samples = _sample_values()
    for route_text, pattern in _url_patterns():
        if not pattern.name or route_text.startswith(EXCLUDED_PREFIXES):
            continue
        if pattern.name == "wagtaildocs_serve":
            paths = [doc.url for doc in PortalDocument.objects.order_by("pk")[:5]]
        elif not isinstance(pattern.pattern, RoutePattern):
            paths = ["/" + re.match(r"[\w/.-]*", route_text).group(0)]
        else:
            keywords = _CONVERTER.findall(route_text)
            choices = [samples.get(kw, ["x"]) for _, kw in keywords]
            count = max((len(c) for c in choices), default=1)
            paths = [
                "/"
                + _fill(
                    route_text,
                    {kw: c[i % len(c)] for (_, kw), c in zip(keywords, choices, strict=True)},
                )
                for i in range(count)
            ]
        is_feed = any(hint in (pattern.name + route_text).lower() for hint in FEED_HINTS)
        kind = "feed" if is_feed else "url"
        regex = _pattern_regex(route_text, pattern)
        routes.append(Route(f"{kind} {pattern.name} /{route_text}", paths, regex, params=params))
    return routes


# --- requests ----------------------------------------------------------------------------


def strategies(route, real_values):
    """The hypothesis strategy for one route: (path, query string)."""
    from hypothesis import strategies as st

    text = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
    encoded_text = text.map(lambda s: quote(s, safe=""))
    encoded_bytes = st.one_of(st.sampled_from(HOSTILE_BYTES), st.binary(max_size=8)).map(
        lambda b: quote_from_bytes(b, safe="")
    )
    hostile = st.sampled_from(HOSTILE_VALUES).map(lambda s: quote(s, safe=""))
    real = st.sampled_from(real_values).map(lambda s: quote(s, safe=""))
    value = st.one_of(real, real, hostile, hostile, encoded_text, encoded_bytes)
    name = st.one_of(
        st.sampled_from(route.params or COMMON_PARAMS),
        st.sampled_from(route.params or COMMON_PARAMS),
        encoded_text,
    )
    pair = st.tuples(name, value).map(lambda kv: f"{kv[0]}={kv[1]}")
    query = st.one_of(
        st.lists(pair, max_size=6).map("&".join),
        st.lists(st.one_of(pair, encoded_text, encoded_bytes), max_size=4).map("&".join),
    )
    segment = st.one_of(hostile, encoded_text, encoded_bytes, real)
    base = st.sampled_from(route.paths)

    def mutate(args):
        path, how, seg = args
        parts = path.rstrip("/").split("/")
        if how == "append":
            parts.append(seg)
        elif how == "replace" and len(parts) > 1:
            parts[-1] = seg
        elif how == "insert" and len(parts) > 1:
            parts.insert(1, seg)
        return "/".join(parts) + ("/" if path.endswith("/") else "")

    how = st.sampled_from(["keep", "keep", "keep", "append", "replace", "insert"])
    paths = [st.tuples(base, how, segment).map(mutate)]
    if route.segment_regex:
        generated = st.from_regex(re.compile(route.segment_regex + r"\Z"), fullmatch=True)
        paths.append(generated.map(lambda p: quote(p, safe="/")))
    return st.tuples(st.one_of(*paths), query)


def real_values():
    """Values the portal knows: slugs of topics, projects, regions, categories; kinds; years."""
    from wagtail.models import Page

    from portal.search import kinds
    from portal.taxonomy.models import Region, Topic

    values = [str(n) for n in (1, 2, 3, 5, 12, 500, 501)] + [str(y) for y in (2019, 2021, 2024)]
    values += list(Topic.objects.values_list("slug", flat=True)[:10])
    values += list(Region.objects.values_list("slug", flat=True)[:5])
    values += list(Page.objects.live().values_list("slug", flat=True)[:15])
    values += list(kinds.kinds_by_key())[:10]
    values += ["kolizní opatrovník", "pěstounská péče", "ospod", "Cochemská praxe"]
    return values


def _route_runner(client, route, values, report, strict):
    from django.db import transaction
    from hypothesis import given
    from hypothesis import strategies as st

    @given(request=strategies(route, values), head=st.booleans())
    def one_request(request, head):
        path, query = request
        url = f"{path}?{query}" if query else path
        # A savepoint per request: a failed query must not poison the next request's
        # transaction when this runs inside a test case.
        with transaction.atomic():
            response = (client.head if head else client.get)(url)
        report.counts[(route.name, response.status_code)] += 1
        if response.status_code >= 500:
            error = repr(response.exc_info[1]) if response.exc_info else "(no exception)"
            report.errors.append((route.name, url, error))
            if strict:
                raise AssertionError(f"500 on {url!r}: {error}")

    return one_request


def fuzz(client, routes, requests, seed=0, strict=False, report=None, progress=False):
    """Send about `requests` fuzzed GET/HEAD requests spread over the routes.

    `strict` raises AssertionError at the first 500 (hypothesis then shrinks it to the
    smallest failing request); otherwise every 500 is recorded in the report.
    """
    from hypothesis import HealthCheck, Phase, settings
    from hypothesis import seed as hypothesis_seed

    report = report or FuzzReport()
    values = real_values()
    quota = max(1, -(-requests // len(routes)))
    started = time.perf_counter()
    for index, route in enumerate(routes):
        runner = _route_runner(client, route, values, report, strict)
        phases = [Phase.generate, Phase.shrink] if strict else [Phase.generate]
        options = settings(
            max_examples=quota,
            deadline=None,
            database=None,
            phases=phases,
            suppress_health_check=list(HealthCheck),
        )
        hypothesis_seed(seed * 1000 + index)(options(runner))()
        if progress:
            done = sum(n for (name, _), n in report.counts.items() if name == route.name)
            print(f"  [{index + 1}/{len(routes)}] {route.name}: {done} requests", flush=True)
    report.seconds += time.perf_counter() - started
    return report


# --- the script ---------------------------------------------------------------------------


def _setup_django(db, postgres_url):
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    if db == "postgres":
        os.environ["TEST_DATABASE_URL"] = postgres_url
    else:
        os.environ.pop("TEST_DATABASE_URL", None)
    import django

    django.setup()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal"),
    )
    args = parser.parse_args(argv)
    _setup_django(args.db, args.postgres_url)

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    test_settings = connection.settings_dict.setdefault("TEST", {})
    if args.db == "postgres":
        test_settings["NAME"] = f"test_{connection.settings_dict['NAME']}_fuzz"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            call_command("load_demo_content")
        routes = discover_routes()
        print(
            f"database: {connection.vendor}; {len(routes)} routes; "
            f"parameters: {', '.join(discover_params())}"
        )
        client = Client(raise_request_exception=False)
        report = fuzz(client, routes, args.requests, seed=args.seed, progress=True)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    for line in report.lines():
        print(line)
    return 1 if report.server_errors else 0


if __name__ == "__main__":
    sys.exit(main())
