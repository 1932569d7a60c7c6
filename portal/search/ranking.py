"""The order of results: the same scores on every engine.

A common word matches nearly every entry, and a full-text ranker (FTS5 bm25, PostgreSQL
ts_rank_cd) must read each match's terms to score it: over 20,000 matches that costs more
than everything else a search does. So the databases only say which entries hold each
query word and which hold it in the title; the in-memory facet table (``facet_table.py``)
ranks every match by a cheap first score (``FacetTable.coverage``): this module's score
with what is known without reading the text. A query word in the title counts once
there; in the body it counts as often as the entry's ``key_terms`` say (the terms it
repeats, and those of its summary, stored at index time), else once. So a report that
is about mediation reaches the last step ahead of a short page that names mediation in
passing: ordering matches by length alone (shortest first) kept such reports out of the
best few hundred as soon as thousands of pages held the word. Elasticsearch uses its own
BM25.

This module orders the best ``CANDIDATES`` of them. Without a shared last step SQLite and
PostgreSQL would show different top results for the same query.

The score is a BM25-like sum over the query terms: saturated term frequency (a summary's
term counting ``LEAD_COUNT`` more), title terms weighing ``TITLE_WEIGHT`` times more, a
mild length normalisation for the body, the share of the query's terms an entry contains
(what matters when the search falls back to any word), and the entry's result type
(``rank_weight``, see ``kinds.py``, as ``kind_weight`` lets it count). Words that stand
together as typed (a phrase) or within a few words of each other raise the score:
"kulatý stůl" as a phrase is a better answer than a page with "kulatý" and "stůl" apart.
The tier found by the database (all words, most words, some) comes before the score.
"""

from collections import Counter
from dataclasses import dataclass

from django.db.models.functions import Substr

from portal.search.models import SearchEntry

CANDIDATES = 100
TITLE_WEIGHT = 5.0
K1 = 1.2
B = 0.5
AVERAGE_BODY_TERMS = 400
BODY_SAMPLE = 10_000  # characters of body terms read for term frequencies
KIND_WEIGHT_EXPONENT = 0.0  # how much a page type's weight above 1 counts (0: not at all)
KEY_MIN_COUNT = 2  # a body term this often is one of the entry's key terms
LEAD_COUNT = 2  # a term of the summary (perex) counts as this many more occurrences
KEY_TERMS_LENGTH = 500  # characters of "term:count" pairs kept, the most frequent first
PHRASE_BOOST = 1.5  # the query's words as a run, in order
NEAR_BOOST = 1.2  # all of them within NEAR_CHARS characters of terms (about 8 words)
NEAR_CHARS = 80


def kind_weight(rank_weight):
    """How much the result type counts. Documents, glossary terms and listings (weights
    below 1) stand behind pages as their weight says. Among pages, what a page says
    decides: a type's weight above 1 counts only to the power ``KIND_WEIGHT_EXPONENT``.
    Saturated term frequency gains little past a few occurrences, so a full 1.3 made a
    methodology naming a word three times beat the report about it (eight times in a
    third of the length)."""
    return rank_weight**KIND_WEIGHT_EXPONENT if rank_weight > 1 else rank_weight


def key_terms(body_terms, lead_terms):
    """The entry's key terms as "term:count" pairs, the most frequent first: the terms of
    its summary and those its body repeats, each with how often the body has it (plus
    ``LEAD_COUNT`` for a summary term); the first score reads them instead of the text."""
    counts = Counter(body_terms.split())
    for term in set(lead_terms.split()):
        counts[term] += LEAD_COUNT
    pairs = sorted(
        ((term, count) for term, count in counts.items() if count >= KEY_MIN_COUNT),
        key=lambda pair: (-pair[1], pair[0]),
    )
    text, length = [], 0
    for term, count in pairs:
        pair = f"{term}:{min(count, 99)}"
        if length + len(pair) + 1 > KEY_TERMS_LENGTH:
            break
        text.append(pair)
        length += len(pair) + 1
    return " ".join(text)


def decode_key_terms(text):
    """[(term, count), ...] of a ``key_terms`` value."""
    pairs = (pair.rpartition(":") for pair in (text or "").split())
    return [(term, int(count)) for term, _colon, count in pairs if term and count.isdigit()]


@dataclass
class Candidate:
    id: int
    rank_weight: float
    title_terms: str
    body_sample: str
    body_length: int
    title: str
    key_terms: str = ""


def saturated(frequency, length_ratio):
    """BM25's term frequency saturation (0 for no occurrence; numbers or numpy arrays)."""
    return frequency * (K1 + 1) / (frequency + K1 * (1 - B + B * length_ratio))


def _key_counts(key_terms_text, terms):
    """{term: count} of the query terms among an entry's key terms (a substring search
    per term, no parsing of the rest)."""
    padded = f" {key_terms_text}"
    counts = {}
    for term in terms:
        start = padded.find(f" {term}:")
        if start >= 0:
            digits = padded[start + len(term) + 2 :].split(" ", 1)[0]
            if digits.isdigit():
                counts[term] = int(digits)
    return counts


def _frequencies(terms_text, terms):
    """How often each query term occurs in a space-separated run of terms."""
    padded = f" {terms_text} "
    return {term: padded.count(f" {term} ") for term in terms}


def proximity(texts, terms):
    """PHRASE_BOOST when the terms stand in a run as typed, NEAR_BOOST when their first
    occurrences are close, else 1 (substring searches: no loop over the words)."""
    if len(terms) < 2:
        return 1.0
    phrase = " " + " ".join(terms) + " "
    best = 1.0
    for text in texts:
        padded = f" {text} "
        if phrase in padded:
            return PHRASE_BOOST
        starts = [padded.find(f" {term} ") for term in terms]
        if min(starts) >= 0 and max(starts) - min(starts) < NEAR_CHARS:
            best = NEAR_BOOST
    return best


def score(candidate, query):
    """How well the candidate answers the query (higher is better)."""
    title = _frequencies(candidate.title_terms, query.terms)
    body = _frequencies(candidate.body_sample, query.terms)
    # The key terms count the whole body (not only the sample) and the summary's weight.
    body.update(_key_counts(candidate.key_terms, query.terms))
    length_ratio = candidate.body_length / AVERAGE_BODY_TERMS
    best = 0.0
    for terms in query.alternatives:
        matched, total = 0, 0.0
        for term in terms:
            if title[term] or body[term]:
                matched += 1
            total += TITLE_WEIGHT * saturated(title[term], 1.0)
            total += saturated(body[term], length_ratio)
        coverage = matched / len(terms)
        if coverage == 1:
            total *= proximity((candidate.title_terms, candidate.body_sample), terms)
        best = max(best, total * coverage * coverage)
    return best * kind_weight(candidate.rank_weight)


def rerank(candidates, query, tiers=None):
    """Candidate ids, best first: by tier (all words, most, some), then score; ties go to
    the title, then the id (stable everywhere)."""
    tiers = tiers or {}

    def key(c):
        return (-tiers.get(c.id, 0), -round(score(c, query), 9), c.title, c.id)

    return [candidate.id for candidate in sorted(candidates, key=key)]


def candidates(entry_ids):
    """What scoring needs of the entries (a sample of long bodies, not all of it)."""
    rows = (
        SearchEntry.objects.filter(pk__in=entry_ids)
        .annotate(body_sample=Substr("body_terms", 1, BODY_SAMPLE))
        .values_list(
            "id", "rank_weight", "title_terms", "body_sample", "body_length", "title", "key_terms"
        )
    )
    return [Candidate(*row) for row in rows]
