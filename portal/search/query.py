"""From what a user typed to analysed terms: cleaning, Czech analysis and synonyms.

Everything typed is plain words: operators, quotes and wildcards are not syntax here;
the analysis keeps letters and digits only.
"""

from django.core.cache import cache

from portal.search import czech
from portal.search.hits import TermQuery
from portal.search.models import SearchSynonym

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
MAX_ALTERNATIVES = 16
SYNONYMS_CACHE_KEY = "portal-search-synonyms"


def clean_text(raw):
    """The query as we keep it: no NUL or other control characters, at most 200 characters."""
    text = "".join(ch if ch.isprintable() else " " for ch in (raw or "")[: MAX_QUERY_LENGTH * 2])
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def synonym_map():
    """{phrase: [equivalent phrases]} from the editable synonym list (cached)."""
    synonyms = cache.get(SYNONYMS_CACHE_KEY)
    if synonyms is None:
        synonyms = {}
        for line in SearchSynonym.objects.all():
            phrases = line.phrase_list
            for phrase in phrases:
                others = [other for other in phrases if other != phrase]
                synonyms.setdefault(phrase, []).extend(others)
        cache.set(SYNONYMS_CACHE_KEY, synonyms, 3600)
    return synonyms


def forget_synonyms():
    cache.delete(SYNONYMS_CACHE_KEY)


def term_query(text):
    """The analysed query with its synonym alternatives; empty when no word is left."""
    terms = list(dict.fromkeys(czech.analyze_query(text)))[:MAX_TERMS]
    if not terms:
        return TermQuery(())
    alternatives = czech.expand_synonyms(terms, synonym_map())[:MAX_ALTERNATIVES]
    return TermQuery.from_alternatives(alternatives)


def prefix_query(text):
    """For autocomplete: (finished words as terms, [prefixes of the unfinished last word])."""
    tokens = czech.tokenize(czech.fold(clean_text(text)))[:MAX_TERMS]
    if not tokens:
        return [], []
    *finished, last = tokens
    words = [czech.term(t) for t in finished if t not in czech.STOP_WORDS]
    # The unfinished word as typed, and its lemma or stem when it already is a whole word;
    # a lemma shorter than three letters ("opa" -> "op") would match nearly every title.
    prefixes = list(dict.fromkeys([last, czech.term(last), czech.stem_folded(last)]))
    return list(dict.fromkeys(words)), [p for p in prefixes if p == last or len(p) >= 3]
