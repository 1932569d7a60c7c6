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
  engine, facets over the full matching set, labels, snippets, promotions, hit logging);
  "portal engine" the engine call alone; "admin pages", "admin page chooser" and "admin
  doc chooser" the editors' searches (whole admin requests as a superuser, answered from
  the portal's index by ``portal.search.admin_backend``); "stock" is the first 20 live
  pages from Wagtail's own database backend (no count, no facets);
- the ratio stock / portal.

The corpus: pages of every type whose summaries and bodies are sentences built from Czech
domain words in their inflected forms (a Zipf-like choice, so some words are everywhere and
some rare). Documents: ``--real-pdfs`` real PDFs (fpdf2 with DejaVu Sans, 1-3 pages each)
go through the upload path, so their text is extracted by pypdf in the save signal; the
rest are inserted in bulk with their text already in ``extracted_text`` (for speed).

Each database is benchmarked in a child process (``--worker``) so Django is set up once per
database; the parent prints the table.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
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

# --- the corpus: inflected Czech domain words --------------------------------------------

NOUNS = [
    "dítě dítěte dítěti dětem dětí děti dětmi",
    "rodina rodiny rodině rodinu rodinou rodin rodinám rodinách",
    "rodič rodiče rodiči rodičů rodičům rodiči",
    "OSPOD OSPODu OSPODy",
    "pracovník pracovníka pracovníci pracovníků pracovníkům pracovnice pracovnic",
    "služba služby službě službu službou služeb službám službách",
    "péče péči",
    "kontakt kontaktu kontakty kontaktů kontaktem",
    "opatrovník opatrovníka opatrovníkem opatrovnictví",
    "pěstoun pěstouna pěstouni pěstounů pěstounům pěstouny",
    "soud soudu soudem soudy soudů",
    "projekt projektu projektem projekty projektů",
    "metodika metodiky metodice metodiku metodikou metodik",
    "nástroj nástroje nástroji nástrojů nástroji",
    "prototyp prototypu prototypy prototypů",
    "spolupráce spolupráci",
    "setkání",
    "supervize supervizi supervizí",
    "intervize intervizi",
    "mediace mediaci",
    "konference konferenci konferencí",
    "stůl stolu stoly stolů",
    "zpráva zprávy zprávě zprávu zprávou zpráv",
    "spot spotu spoty spotů",
    "průvodce průvodci průvodců",
    "změna změny změně změnu změnou změn",
    "síť sítě síti sítí",
    "model modelu modely modelů",
    "kraj kraje kraji krajů krajem",
    "obec obce obci obcí",
    "úřad úřadu úřady úřadů",
    "klient klienta klienti klientů klientům",
    "vzdělávání",
    "kurz kurzu kurzy kurzů",
    "hodina hodiny hodin",
    "období",
    "analýza analýzy analýze analýzu",
    "potřeba potřeby potřeb potřebám",
    "škola školy škole školu",
    "plán plánu plány plánů",
    "bezpečí",
    "porada porady poradě porad",
    "tým týmu týmy týmů",
    "role role roli rolí",
    "evaluace evaluaci",
    "ochrana ochrany ochraně ochranu",
    "asistence asistenci",
    "poradenství",
    "výkon výkonu výkonem",
    "standard standardu standardy standardů",
]
ADJECTIVES = [
    "sociální",
    "právní",
    "kolizní",
    "asistovaný asistovaného asistované asistovaných asistovanými",
    "pěstounský pěstounská pěstounské pěstounskou pěstounských",
    "náhradní",
    "rodinný rodinná rodinné rodinnou rodinných",
    "edukační",
    "evaluační",
    "pobytový pobytová pobytové pobytovou pobytových",
    "krajský krajská krajské krajského krajských",
    "ohrožený ohrožená ohrožené ohrožených ohroženým",
    "kulatý kulatého kulaté kulatých",
    "mezioborový mezioborová mezioborové mezioborové mezioborových",
    "metodický metodická metodické metodického",
    "nový nová nové nového nových",
    "závěrečný závěrečná závěrečné závěrečného",
    "cochemský cochemská cochemské cochemskou",
    "bezpečný bezpečné bezpečném",
    "odborný odborná odborné odborného",
    "akreditovaný akreditované akreditovaného",
    "inovativní",
    "rozvodový rozvodové rozvodového",
]
VERBS = [
    "pomáhá",
    "podporuje",
    "zlepšuje",
    "rozvíjí",
    "ověřuje",
    "zavádí",
    "vyhodnocuje",
    "nabízí",
    "sdílí",
    "plánuje",
    "zajišťuje",
    "připravuje",
    "popisuje",
    "posiluje",
    "mapuje",
    "koordinuje",
]
PLACES = [
    "Jihlava Jihlavě Jihlavy",
    "Telč Telči",
    "Pardubice Pardubicích Pardubic",
    "Šlapanice Šlapanicích",
    "Česká Třebová České Třebové",
    "Brno Brně",
    "Vysočina Vysočině",
    "Lanškroun Lanškrouně",
    "Žamberk Žamberku",
    "Olomouc Olomouci",
]
FILLERS = ["a", "v", "na", "s", "pro", "při", "o", "k", "ve", "do", "z", "po", "u", "mezi"]
PAGE_MIX = {  # share of the pages per type
    "news": 0.45,
    "period_report": 0.15,
    "methodology": 0.12,
    "tool": 0.12,
    "video": 0.05,
    "standard": 0.05,
    "project": 0.06,
}


def demo_sources():
    """Czech passages of the demo content (``portal/demo/data``), as lists of sentences.

    Generated pages recombine them, so the corpus has the demo's vocabulary and word
    frequencies, and topics cluster the way real pages do (a page about foster care
    repeats foster-care words). Without the demo module the corpus is generated words only.
    """
    import inspect
    import re

    try:
        from portal.demo import loader
    except ImportError:
        return []
    texts = []

    def collect(value, depth=0):
        if depth > 8:
            return
        if isinstance(value, str):
            if len(value) > 80:
                texts.append(re.sub(r"<[^>]+>", " ", value))
        elif isinstance(value, dict):
            for item in value.values():
                collect(item, depth + 1)
        elif isinstance(value, (list, tuple, set)):
            for item in value:
                collect(item, depth + 1)
        elif hasattr(value, "__dict__") and not inspect.ismodule(value):
            collect(vars(value), depth + 1)

    collect([loader.portal_data(), loader.project_data()])
    for path in sorted((loader.DATA_DIR / "texts").glob("*.md")):
        collect(path.read_text(encoding="utf-8"))
    sources = []
    for text in dict.fromkeys(texts):
        sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split()))]
        sentences = [s for s in sentences if len(s.split()) >= 4]
        if sentences:
            sources.append(sentences)
    return sources


class TextMaker:
    """Czech text for generated pages (seeded, reproducible).

    Mostly sentences of one demo passage (the page's topic) and of a few others, with
    words swapped for other inflected forms; plus sentences of domain words in inflected
    forms chosen with a Zipf-like weight.
    """

    def __init__(self, seed=20260101):
        self.rng = random.Random(seed)
        sources = demo_sources()
        self.topics = [source for source in sources if len(source) >= 3]
        self.topic_weights = [len(source) for source in self.topics]
        self.sentences = [sentence for source in sources for sentence in source]
        self.forms = {}
        for group in NOUNS + ADJECTIVES + PLACES:
            forms = group.split()
            for form in forms:
                self.forms[form.lower()] = forms
        self.nouns = [group.split() for group in NOUNS]
        self.adjectives = [group.split() for group in ADJECTIVES]
        self.places = [group.split() for group in PLACES]
        self.noun_weights = [1 / (rank + 1) ** 0.9 for rank in range(len(self.nouns))]
        self.adjective_weights = [1 / (rank + 1) ** 0.9 for rank in range(len(self.adjectives))]

    def _form(self, groups, weights):
        return self.rng.choice(self.rng.choices(groups, weights)[0])

    def phrase(self):
        words = []
        if self.rng.random() < 0.7:
            words.append(self._form(self.adjectives, self.adjective_weights))
        words.append(self._form(self.nouns, self.noun_weights))
        return words

    def sentence(self):
        words = self.phrase() + [self.rng.choice(VERBS)] + self.phrase()
        if self.rng.random() < 0.6:
            words += [self.rng.choice(FILLERS)] + self.phrase()
        if self.rng.random() < 0.15:
            words += [
                self.rng.choice(["v", "ve", "z"]),
                self.rng.choice(self.rng.choice(self.places)),
            ]
        if self.rng.random() < 0.1:
            words.append(str(self.rng.randint(2015, 2025)))
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def _varied(self, sentence):
        """The sentence with some words in another inflected form."""
        words = sentence.split()
        for index, word in enumerate(words):
            forms = self.forms.get(word.lower())
            if forms and self.rng.random() < 0.5:
                words[index] = self.rng.choice(forms)
        return " ".join(words)

    def _topical_sentence(self, topic):
        roll = self.rng.random()
        if not topic or roll < 0.3:
            return self.sentence()
        source = topic if roll < 0.75 else self.sentences
        return self._varied(self.rng.choice(source))

    def text(self, words):
        topic = self.rng.choices(self.topics, self.topic_weights)[0] if self.topics else None
        sentences, count = [], 0
        while count < words:
            sentence = self._topical_sentence(topic)
            sentences.append(sentence)
            count += sentence.count(" ") + 1
        return " ".join(sentences)

    def title(self):
        return " ".join(self.phrase() + self.phrase()).capitalize()[:200]


# --- the worker: one database ------------------------------------------------------------


def _setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()


def _stock_auto_update(enabled):
    from django.conf import settings

    for backend in settings.WAGTAILSEARCH_BACKENDS.values():
        backend["AUTO_UPDATE"] = enabled


def _paragraph(text):
    return [("paragraph", f"<p>{text}</p>")]


def build_corpus(pages, pdfs, real_pdfs, seed=20260101):
    """Create the pages and documents; returns what was made."""
    import datetime

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.db import transaction
    from wagtail.models import Collection

    from home.models import HomePage
    from methodology.models import (
        MethodologyDocument,
        MethodologyIndexPage,
        MethodologyPage,
        ToolIndexPage,
        ToolPage,
    )
    from news.models import NewsIndexPage, NewsPage, PeriodReportPage, VideoIndexPage, VideoPage
    from portal.core.models import PortalDocument, StandardPage
    from portal.projects.models import ProjectDocument, ProjectIndexPage, ProjectPage
    from portal.taxonomy.models import PageTopic, Region, Topic

    rng = random.Random(seed)
    words = TextMaker(seed)
    home = HomePage.objects.get()

    def add(parent, model, **fields):
        title = fields.pop("title", None) or words.title()
        number = add.counter = getattr(add, "counter", 0) + 1
        page = model(
            title=title,
            slug=f"stranka-{number}",
            summary=words.text(rng.randint(15, 40)),
            **fields,
        )
        return parent.add_child(instance=page)

    counts = {kind: max(1, round(pages * share)) for kind, share in PAGE_MIX.items()}
    made = []
    with transaction.atomic():
        indexes = {
            "project": add(home, ProjectIndexPage, title="Projekty"),
            "news": add(home, NewsIndexPage, title="Aktuality"),
            "methodology": add(home, MethodologyIndexPage, title="Metodiky"),
            "tool": add(home, ToolIndexPage, title="Nástroje"),
            "video": add(home, VideoIndexPage, title="Videa"),
        }
        topics = [Topic.objects.create(name=f"téma {words.title()[:60]} {n}") for n in range(30)]
        regions = list(Region.objects.all())
        with _without_project_teams():
            projects = [
                add(
                    indexes["project"],
                    ProjectPage,
                    body=_paragraph(words.text(rng.randint(300, 800))),
                    start_date=datetime.date(rng.randint(2015, 2024), 1, 1),
                )
                for _ in range(counts["project"])
            ]
        made += projects
        for project in projects:
            project.regions.add(rng.choice(regions))
        for number in range(counts["period_report"]):
            project = projects[number % len(projects)]
            start = datetime.date(2015 + number % 10, 1 + number % 6, 1)
            made.append(
                add(
                    project,
                    PeriodReportPage,
                    period_number=number // len(projects) + 1,
                    period_start=start,
                    period_end=start + datetime.timedelta(days=180),
                    body=_paragraph(words.text(rng.randint(150, 500))),
                )
            )
        for _ in range(counts["news"]):
            made.append(
                add(
                    indexes["news"],
                    NewsPage,
                    body=_paragraph(words.text(rng.randint(100, 400))),
                    published_at=datetime.datetime(
                        rng.randint(2015, 2025), rng.randint(1, 12), 1, tzinfo=datetime.UTC
                    ),
                )
            )
        for _ in range(counts["methodology"]):
            made.append(
                add(
                    indexes["methodology"],
                    MethodologyPage,
                    body=_paragraph(words.text(rng.randint(200, 700))),
                    source_project=rng.choice(projects),
                )
            )
        for _ in range(counts["tool"]):
            made.append(
                add(
                    indexes["tool"],
                    ToolPage,
                    how_to_use=_paragraph(words.text(rng.randint(100, 400))),
                    source_project=rng.choice(projects),
                )
            )
        for _ in range(counts["video"]):
            made.append(
                add(
                    indexes["video"],
                    VideoPage,
                    transcript=f"<p>{words.text(rng.randint(80, 250))}</p>",
                    source_project=rng.choice(projects),
                )
            )
        for _ in range(counts["standard"]):
            made.append(add(home, StandardPage, body=_paragraph(words.text(rng.randint(100, 300)))))
        PageTopic.objects.bulk_create(
            PageTopic(content_object_id=page.pk, tag=topic)
            for page in made
            for topic in rng.sample(topics, rng.randint(0, 3))
        )

    collection = Collection.get_first_root_node()
    methodologies = [page for page in made if isinstance(page, MethodologyPage)]
    real_count = min(real_pdfs, pdfs)
    pdf_documents = []
    for number in range(real_count):  # through the upload path: pypdf extracts in the signal
        document = PortalDocument(
            title=f"Dokument {number}: {words.title()}",
            file=ContentFile(
                czech_pdf([words.text(rng.randint(150, 300)) for _ in range(rng.randint(1, 3))]),
                name=f"dokument-{number}.pdf",
            ),
            collection=collection,
        )
        document.save()
        pdf_documents.append(document)
    shared_file = default_storage.save("documents/bench.pdf", ContentFile(czech_pdf(["bench"])))
    bulk = [
        PortalDocument(
            title=f"Dokument {number}: {words.title()}",
            file=shared_file,
            collection=collection,
            extracted_text=words.text(rng.randint(300, 1500)),
        )
        for number in range(real_count, pdfs)
    ]
    pdf_documents += PortalDocument.objects.bulk_create(bulk, batch_size=500)
    attachments_project, attachments_methodology = [], []
    for number, document in enumerate(pdf_documents):
        if number % 2 == 0 and methodologies:
            page = methodologies[number % len(methodologies)]
            attachments_methodology.append(MethodologyDocument(page=page, document=document))
        elif number % 3 == 0:
            project = projects[number % len(projects)]
            attachments_project.append(ProjectDocument(page=project, document=document))
    MethodologyDocument.objects.bulk_create(attachments_methodology)
    ProjectDocument.objects.bulk_create(attachments_project)
    return {"pages": len(made) + len(indexes), "documents": len(pdf_documents)}


@contextlib.contextmanager
def _without_project_teams():
    """Create projects, then their teams in title order.

    Wagtail keeps collections sorted by name: a team collection added in a random place
    moves every later one, which over 1,200 projects in one PostgreSQL transaction takes
    most of an hour. Added in title order, each goes last.
    """
    from django.db.models.signals import post_save

    from portal.accounts.roles import setup_project_team
    from portal.accounts.signals import create_project_team
    from portal.projects.models import ProjectPage

    post_save.disconnect(create_project_team, sender=ProjectPage)
    try:
        yield
    finally:
        post_save.connect(create_project_team, sender=ProjectPage)
    for project in ProjectPage.objects.order_by("title"):
        setup_project_team(project)


def czech_pdf(paragraphs):
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.set_font("DejaVu", size=10)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 5, paragraph, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


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

    from portal.search.engine import Filters, get_engine
    from portal.search.query import term_query

    client = Client()
    engine = get_engine()
    api_samples, engine_samples, hits = [], [], {}
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
    return _summary(api_samples), _summary(engine_samples), hits


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
    return Path(args.keep, f"{database}-{args.pages}-{args.pdfs}-{args.real_pdfs}.json")


def worker(args):
    _setup_django()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from portal.search.indexing import rebuild_index

    call_command("migrate", verbosity=0)
    _stock_auto_update(False)
    kept = _kept_corpus(args, connection.vendor)
    built = json.loads(kept.read_text()) if kept.exists() else {}
    if not built:
        built["corpus_seconds"], built["corpus"] = _timed(
            build_corpus, args.pages, args.pdfs, args.real_pdfs
        )
    if args.reindex or "entries" not in built:
        built["index_seconds"], built["entries"] = _timed(rebuild_index)
    if args.keep:
        kept.write_text(json.dumps(built))
    build_seconds, made = built["corpus_seconds"], built["corpus"]
    index_seconds, entries = built["index_seconds"], built["entries"]
    api, engine, hits = measure_portal(args.repeat)
    admin = measure_admin(args.repeat)
    result = {
        "database": connection.vendor,
        "corpus": made,
        "real_pdfs": min(args.real_pdfs, args.pdfs),
        "entries": entries,
        "corpus_seconds": build_seconds,
        "index_seconds": index_seconds,
        "portal_api": api,
        "portal_engine": engine,
        "admin": admin,
        "hits": hits,
    }
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
