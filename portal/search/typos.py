"""Typos: a word of five letters or more with one slip still finds its pages.

When a query word of ``MIN_LENGTH`` letters or more matches nothing in the index, its
one-edit neighbours (a letter missing, added, swapped with the next or wrong) that are
Czech words (the dictionary's forms, ``lemmas.py``) and whose terms the index holds are
its corrections; the most frequent one in the index wins. The search then runs with the
corrected words too, and the page offers "Měli jste na mysli …?" with the corrected text.

Only terms the index holds are ever suggested: a suggestion always finds something.
"""

from dataclasses import dataclass

from portal.search import czech, lemmas
from portal.search.hits import TermQuery

MIN_LENGTH = 5
MAX_CANDIDATES = 40  # dictionary words among the neighbours asked about in the index
LETTERS = "aábcčdďeéěfghiíjklmnňoópqrřsštťuúůvwxyýzž"


@dataclass(frozen=True)
class Suggestion:
    text: str  # what the user typed, the misspelt words corrected
    query: TermQuery  # the query's alternatives, then the corrected ones


def neighbours(word):
    """Every string one edit away from the word (lowercase, Czech letters)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    swaps = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in LETTERS if c != b[0]]
    inserts = [a + c + b for a, b in splits for c in LETTERS]
    return dict.fromkeys(deletes + swaps + replaces + inserts)


def dictionary_neighbours(word):
    """{term: the neighbour spelled as typed} for the neighbours that are Czech words."""
    table = lemmas.table()
    if table is None:
        return {}
    found = {}
    for candidate in neighbours(word.lower()):
        folded = czech.fold(candidate)
        if folded in czech.STOP_WORDS or table.get(folded) is None:
            continue
        found.setdefault(czech.term(folded), candidate)
        if len(found) >= MAX_CANDIDATES:
            break
    return found


def suggest(text, query, engine, include_staff):
    """A ``Suggestion`` when a long word of ``text`` matches nothing, else None."""
    tokens = [t for t in czech.tokenize(text) if czech.fold(t) not in czech.STOP_WORDS]
    long_words = {czech.term(czech.fold(t)): t for t in tokens if len(t) >= MIN_LENGTH}
    long_words = {term: t for term, t in long_words.items() if t.isalpha()}
    if not long_words:
        return None
    counts = engine.term_counts(list(long_words), include_staff)
    replacements = {}
    for term, token in long_words.items():
        if counts.get(term):
            continue
        options = dictionary_neighbours(token)
        option_counts = engine.term_counts(list(options), include_staff) if options else {}
        present = {t: n for t, n in option_counts.items() if n}
        if present:
            best = max(present, key=lambda t: (present[t], t))
            replacements[term] = (token, best, options[best])
    if not replacements:
        return None
    corrected_text = text
    for token, _term, spelled in replacements.values():
        corrected_text = corrected_text.replace(token, spelled, 1)
    corrected = [
        tuple(replacements[t][1] if t in replacements else t for t in terms)
        for terms in query.alternatives
    ]
    return Suggestion(corrected_text, TermQuery.from_alternatives(corrected))
