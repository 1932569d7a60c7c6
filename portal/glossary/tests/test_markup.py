"""The first use of each term in rendered rich text becomes an inline definition."""

from html.parser import HTMLParser

from django.test import SimpleTestCase

from portal.glossary.markup import mark_first_uses
from portal.glossary.terms import Matcher, Term

OSPOD = Term(
    "ospod", "OSPOD", "Orgán sociálně-právní ochrany dětí.", "/slovnik/ospod/", ("OSPOD", "OSPODu")
)
SANACE = Term(
    "sanace-rodiny",
    "sanace rodiny",
    "Opatření, aby dítě mohlo zůstat v rodině.",
    "/slovnik/sanace-rodiny/",
    ("sanace rodiny", "sanaci rodiny"),
)
MATCHER = Matcher((OSPOD, SANACE))


def mark(html, used=None):
    return mark_first_uses(html, MATCHER, set() if used is None else used)


class Tags(HTMLParser):
    """The tags of a fragment, as (event, tag) in order."""

    def __init__(self, html):
        super().__init__()
        self.events = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", tag))

    def handle_endtag(self, tag):
        self.events.append(("end", tag))


class FirstUseTests(SimpleTestCase):
    def test_only_the_first_use_of_a_term_is_marked(self):
        html = mark("<p>OSPOD pomáhá rodinám.</p><p>Na OSPODu se domluvíte.</p>")
        self.assertEqual(html.count('popovertarget="pojem-ospod">'), 1)
        self.assertIn('popovertarget="pojem-ospod">OSPOD<', html)
        self.assertIn("Na OSPODu se domluvíte.", html)

    def test_an_inflected_form_of_several_words_is_marked_with_the_term_s_definition(self):
        html = mark("<p>Cílem je sanaci\nrodiny zvládnout včas.</p>")
        self.assertIn('popovertarget="pojem-sanace-rodiny">sanaci\nrodiny<', html)
        self.assertIn("Opatření, aby dítě mohlo zůstat v rodině.", html)
        self.assertIn('<a href="/slovnik/sanace-rodiny/">Více ve slovníku</a>', html)

    def test_terms_marked_earlier_on_the_page_stay_unmarked(self):
        used = set()
        mark("<p>OSPOD</p>", used)
        self.assertEqual(mark("<p>OSPOD a sanace rodiny</p>", used).count("popover>"), 1)
        self.assertEqual(used, {"ospod", "sanace-rodiny"})

    def test_links_and_headings_are_left_as_they_are(self):
        untouched = "<h2>OSPOD</h2><p><a href='/ospod/'>Kontakt na OSPOD</a> a "
        marked = mark(untouched + "OSPOD</p>")
        self.assertTrue(marked.startswith(untouched))
        self.assertEqual(marked.count("popover>"), 1)

    def test_whole_words_only_and_acronyms_only_in_capitals(self):
        self.assertNotIn("popover", mark("<p>Slovo OSPODÁŘ ani ospod se neoznačí.</p>"))
        self.assertIn("popover", mark("<p>Dlouhodobá Sanace rodiny</p>"))

    def test_the_paragraph_stays_one_paragraph_of_phrasing_content(self):
        events = Tags(mark("<p>OSPOD dělá sanaci rodiny.</p>")).events
        self.assertEqual(events[0], ("start", "p"))
        self.assertEqual(events[-1], ("end", "p"))
        self.assertEqual([e for e in events if e[1] == "p"], [("start", "p"), ("end", "p")])
        inner = {tag for _event, tag in events[1:-1]}
        self.assertLessEqual(inner, {"button", "span", "strong", "a"})

    def test_the_definition_is_escaped(self):
        term = Term("x", "X<y>", 'a "b" <script>', "", ("XY",))
        html = mark_first_uses("<p>XY</p>", Matcher((term,)), set())
        self.assertIn("X&lt;y&gt;", html)
        self.assertIn("&lt;script&gt;", html)
        self.assertNotIn("<script>", html)
