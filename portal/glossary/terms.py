"""The published terms as one matcher, cached until the site's content changes.

The term list is kept in the cache under the site-wide content version (any publish or
view restriction starts a new one), so a page render reads it without a query; the
compiled pattern is kept per process for each distinct list.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from django.core.cache import cache

from portal.core.content_version import FRAGMENT_SECONDS, content_version
from portal.core.visibility import visible
from portal.glossary.models import GlossaryTermPage

CACHE_KEY = "glossary:terms:{version}"


@dataclass(frozen=True)
class Term:
    slug: str
    title: str
    definition: str
    url: str
    forms: tuple[str, ...]


def load_terms():
    pages = visible(GlossaryTermPage.objects.all()).order_by("path")
    pages = pages.only("title", "slug", "definition", "forms", "url_path", "path")
    return tuple(
        Term(page.slug, page.title, page.definition, page.get_url() or "", tuple(page.form_list()))
        for page in pages
    )


def published_terms():
    key = CACHE_KEY.format(version=content_version())
    terms = cache.get(key)
    if terms is None:
        terms = load_terms()
        cache.set(key, terms, FRAGMENT_SECONDS)
    return terms


def _form_key(form):
    """Acronyms (OSPOD, NRP) match only in capitals, other forms in any case."""
    return form if form.isupper() else form.casefold()


def _form_pattern(form):
    words = r"\s+".join(re.escape(word) for word in form.split())
    return words if form.isupper() else f"(?i:{words})"


class Matcher:
    """Finds the forms of the terms in a text, whole words only, the longest form first."""

    def __init__(self, terms):
        self.by_form = {}
        for term in terms:
            for form in term.forms:
                self.by_form.setdefault(_form_key(form), term)
        forms = sorted({form for term in terms for form in term.forms}, key=len, reverse=True)
        alternatives = "|".join(_form_pattern(form) for form in forms)
        self.pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)") if forms else None

    def finditer(self, text):
        """(match, term) for every use of a term in the text."""
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text):
            found = " ".join(match.group().split())
            term = self.by_form.get(found) or self.by_form.get(found.casefold())
            if term is not None:
                yield match, term


@lru_cache(maxsize=8)
def matcher_for(terms):
    return Matcher(terms)


def current_matcher():
    return matcher_for(published_terms())
