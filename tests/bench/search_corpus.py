"""The search benchmark's corpus: pages and PDFs of generated, inflected Czech text.

Pages of every type around the demo portal. The benchmark measures speed (common words
must match nearly every page, as on a real portal: "dítě", "OSPOD", "rodina") and checks
that the dev queries still find their demo page among the generated ones, so a generated
page must be a realistic distractor:

- the demo's vocabulary and word frequencies, topics clustered the way real pages are (a
  page about foster care repeats foster-care words): each page has a topic, one demo
  passage, and draws on it, but takes at most half of it: a page on the same subject
  shares the passage's words, yet a long generated page must not hold the passage's
  distinctive words more often than the passage itself;
- but not a copy of a real page. Copied demo sentences made each generated page a
  near-duplicate of a demo page (no engine can rank an original above twenty of its
  copies, and a real portal does not hold twenty copies of each page). A generated
  sentence is made of short fragments (two to ``FRAGMENT_WORDS`` words) of demo
  sentences, from its topic's passage and from any other, never two neighbours of one
  source in a row, with words in other inflected forms: the words and their frequencies
  are the demo's, its distinctive passages are nowhere else;
- with titles of the portal's general words (``TITLE_NOUNS``): a title says what a page
  is about, and a generated page is about nothing in particular. Titles drawn from all
  domain words put a dev query's subject ("mediace", "supervize") into the titles of
  hundreds of the 20,000 pages, each then a fair answer to that query;
- 30 % of the sentences are domain words in inflected forms with a Zipf-like weight
  (``NOUNS``, ``ADJECTIVES``), so a dev query's words are in thousands of bodies: the
  ranking must still tell the page about a subject from pages that name it in passing.

Documents: ``real_pdfs`` real PDFs (fpdf2 with DejaVu Sans, 1-3 pages each) go through the
upload path, so their text is extracted by pypdf in the save signal; the rest are inserted
in bulk with their text already in ``extracted_text`` (for speed). Django must be set up
before ``build_corpus`` runs.
"""

from __future__ import annotations

import contextlib
import random

from tests.bench.corpus_words import ADJECTIVES, NOUNS, PLACES, TITLE_ADJECTIVES, TITLE_NOUNS, VERBS

FRAGMENT_WORDS = 4  # at most this many words of a demo sentence stay together
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

    Generated pages recombine fragments of them (see the module's docstring). Without the
    demo module the corpus is generated words only.
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

    A generated page has a topic (one demo passage). 30 % of its sentences are domain words
    in inflected forms chosen with a Zipf-like weight; the rest are new sentences made of
    short fragments (two to four words) of demo sentences: about half of the fragments from
    the topic's passage (at most half of that passage's fragments, each once), the others
    from any passage, with words swapped for other inflected forms. No generated sentence
    is a demo sentence: two fragments in a row are never neighbours in their source, so at
    most ``FRAGMENT_WORDS`` words of a demo sentence stand together as they did there.
    """

    def __init__(self, seed=20260101):
        self.rng = random.Random(seed)
        sources = demo_sources()
        self.topics = [self._fragments(number, source) for number, source in enumerate(sources)]
        self.topics = [fragments for fragments in self.topics if len(fragments) >= 6]
        self.fragments = [fragment for fragments in self.topics for fragment in fragments]
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
        self.title_nouns = [group.split() for group in TITLE_NOUNS]
        self.title_adjectives = [group.split() for group in TITLE_ADJECTIVES]

    def _fragments(self, number, sentences):
        """The passage's sentences cut into runs of 2 to ``FRAGMENT_WORDS`` words, each as
        (source position, words); neighbouring fragments have consecutive positions."""
        fragments = []
        for sentence_number, sentence in enumerate(sentences):
            words = sentence.rstrip(".!?").split()
            start = 0
            while start < len(words):
                end = min(len(words), start + self.rng.randint(2, FRAGMENT_WORDS))
                fragments.append(((number, sentence_number, start, end), words[start:end]))
                start = end
        return fragments

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
        return _capitalised(words)

    def _varied(self, words):
        """The words with some in another inflected form."""
        words = list(words)
        for index, word in enumerate(words):
            forms = self.forms.get(word.lower())
            if forms and self.rng.random() < 0.5:
                words[index] = self.rng.choice(forms)
        return words

    def _recombined(self, topic):
        """A new sentence of fragments, about half of them of the topic's passage (while
        the page has some of them left)."""
        words, used, previous = [], set(), None
        for _ in range(self.rng.randint(3, 5)):
            if topic and self.rng.random() < 0.5:
                where, fragment = topic.pop()
            else:
                where, fragment = self.rng.choice(self.fragments)
            follows = previous and where[:2] == previous[:2] and where[2] == previous[3]
            if where in used or follows:
                continue  # its source's next fragment would bring the demo sentence back
            words += fragment
            used.add(where)
            previous = where
        return _capitalised(self._varied(words))

    def _topical_sentence(self, topic):
        if self.rng.random() < 0.3 or not self.fragments:
            return self.sentence()
        return self._recombined(topic)

    def text(self, words):
        """About ``words`` words on one topic. The page takes at most half of its topic's
        fragments, each once: it shares the passage's vocabulary, yet holds its distinctive
        words less often than the passage does, however long the page is."""
        topic = []
        if self.topics:
            topic = list(self.rng.choice(self.topics))
            self.rng.shuffle(topic)
            topic = topic[: len(topic) // 2]
        sentences, count = [], 0
        while count < words:
            sentence = self._topical_sentence(topic)
            sentences.append(sentence)
            count += sentence.count(" ") + 1
        return " ".join(sentences)

    def title(self):
        """A title of the portal's general words: a page that is about nothing in
        particular does not carry a subject's name in its title."""
        words = []
        for _ in range(2):
            if self.rng.random() < 0.6:
                words.append(self.rng.choice(self.rng.choice(self.title_adjectives)))
            words.append(self.rng.choice(self.rng.choice(self.title_nouns)))
        if self.rng.random() < 0.3:
            words.append(str(self.rng.randint(2015, 2025)))
        text = " ".join(words)
        return (text[0].upper() + text[1:])[:200]


def _capitalised(words):
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


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
            PageTopic.of(page, topic)
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
