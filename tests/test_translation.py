"""Every word a visitor reads comes through the Czech catalogue: templates mark their text for
translation, and plurals take the three Czech forms from it."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import TestCase

from methodology.factories import MethodologyPageFactory
from portal.taxonomy.factories import TopicFactory

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE_DIRS = [ROOT / "templates", *ROOT.glob("*/templates"), *ROOT.glob("portal/*/templates")]
TEMPLATES = sorted(path for folder in TEMPLATE_DIRS for path in folder.rglob("*.html"))

# Names of formats read the same in every language; "login" is a CSS class of Wagtail's admin.
UNTRANSLATABLE = {"(WebVTT)", "CSV", "JSON", "login"}

MARKED = re.compile(
    r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|{#.*?#}"
    r"|{%\s*blocktrans(?:late)?\b.*?{%\s*endblocktrans(?:late)?\s*%}"
    r"|{%\s*trans(?:late)?\s.*?%}",
    re.DOTALL,
)
TEMPLATE_CODE = re.compile(r"{%.*?%}|{{.*?}}", re.DOTALL)
# A quoted literal in template code; the first group holds _( when it is marked for translation.
LITERAL = re.compile(r"(_\()?(\"[^\"]*\"|'[^']*')")
WORD = re.compile(r"[^\W\d_]{2,}")
# Attributes a browser shows or reads aloud.
SHOWN_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "label"}


def reads_as_text(literal):
    """A literal in template code that is a word of ours, not a path, name or format."""
    words = WORD.findall(literal)
    return any(not word.isascii() or word[0].isupper() for word in words) or (
        " " in literal.strip() and len(words) > 1
    )


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in {"script", "style"}
        described = tag == "meta" and ("name", "description") in attrs
        for name, value in attrs:
            if value and (name in SHOWN_ATTRIBUTES or (described and name == "content")):
                self._check(value)

    def handle_endtag(self, tag):
        self._skip -= tag in {"script", "style"}

    def handle_data(self, data):
        if not self._skip:
            self._check(data)

    def _check(self, text):
        text = text.strip()
        if WORD.search(text) and text not in UNTRANSLATABLE:
            self.found.append(text)


def unmarked_text(source):
    """The text of a template that no translate tag covers."""
    source = MARKED.sub(" ", source)
    found = []
    for code in TEMPLATE_CODE.findall(source):
        found += [
            lit for mark, lit in LITERAL.findall(code) if not mark and reads_as_text(lit[1:-1])
        ]
    parser = _Text()
    parser.feed(TEMPLATE_CODE.sub(" ", source))
    parser.close()
    return found + parser.found


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(ROOT)))
def test_templates_mark_their_text_for_translation(template):
    assert unmarked_text(template.read_text(encoding="utf-8")) == []


def test_the_check_finds_unmarked_text():
    assert unmarked_text('<p title="Nápověda">Hledat {{ q }}</p>') == ["Nápověda", "Hledat"]
    assert unmarked_text('{% include "x.html" with heading="Kontakt" %}') == ['"Kontakt"']
    assert unmarked_text('<meta name="description" content="Přehled témat">') == ["Přehled témat"]
    marked = (
        '{% load i18n %}<p title="{% translate "Nápověda" %}">{% translate "Hledat" %}</p>'
        "{% blocktranslate count n=n %}{{ n }} stránka{% plural %}{{ n }} stránek"
        '{% endblocktranslate %}{{ x|default:_("Kontakt") }}<a href="{% url "a" %}">1</a>'
    )
    assert unmarked_text(marked) == []


class CzechPluralTests(TestCase):
    """A count takes the Czech form for one, two to four, and five or more."""

    def test_topic_index_counts_pages_in_czech(self):
        for name, count in (("Jedna", 1), ("Dvě", 2), ("Pět", 5)):
            topic = TopicFactory(name=f"Téma {name}")
            for number in range(count):
                MethodologyPageFactory(title=f"Metodika {name} {number}", topics=[topic])
        html = self.client.get("/temata/").content.decode()
        counts = re.findall(r'topic-index__count">([^<]*)<', html)
        assert sorted(counts) == ["1&nbsp;stránka", "2&nbsp;stránky", "5&nbsp;stránek"]
