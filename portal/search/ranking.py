"""The order of results: the same scores on every engine.

A common word matches nearly every entry, and a full-text ranker (FTS5 bm25, PostgreSQL
ts_rank_cd) must read each match's terms to score it: over 20,000 matches that costs more
than everything else a search does. So the databases first rank every match by a cheap
``first_score``: whether the title matches the query too, times the entry's
``base_score`` (its result type's weight over the log of its body length, stored at
index time, so it is read from the covering index). PostgreSQL then orders the best few
hundred by ts_rank_cd; Elasticsearch uses its own BM25.

This module orders the best ``CANDIDATES`` of them. Without a shared last step SQLite and
PostgreSQL would show different top results for the same query.

The score is a BM25-like sum over the query terms: saturated term frequency, title terms
weighing ``TITLE_WEIGHT`` times more, a mild length normalisation for the body, the share
of the query's terms an entry contains (what matters when the search falls back to any
word), and the entry's ``rank_weight`` (its result type, see ``kinds.py``). Words that
stand together as typed (a phrase) or within a few words of each other raise the score:
"kulatý stůl" as a phrase is a better answer than a page with "kulatý" and "stůl" apart.
The tier found by the database (all words, most words, some) comes before the score.
"""

import math
from dataclasses import dataclass

from django.db.models.functions import Substr

from portal.search.models import SearchEntry

CANDIDATES = 100
TITLE_WEIGHT = 5.0
K1 = 1.2
B = 0.5
AVERAGE_BODY_TERMS = 400
BODY_SAMPLE = 10_000  # characters of body terms read for term frequencies
TITLE_MATCH_FACTOR = 10.0  # first score: a match whose title matches the query as well
PHRASE_BOOST = 1.5  # the query's words as a run, in order
NEAR_BOOST = 1.2  # all of them within NEAR_CHARS characters of terms (about 8 words)
NEAR_CHARS = 80


def base_score(rank_weight, body_length):
    """What the first score knows of an entry before the query: type, then shorter first."""
    return rank_weight / math.log(2 + body_length)


@dataclass
class Candidate:
    id: int
    rank_weight: float
    title_terms: str
    body_sample: str
    body_length: int
    title: str


def _saturated(frequency, length_ratio):
    if not frequency:
        return 0.0
    return frequency * (K1 + 1) / (frequency + K1 * (1 - B + B * length_ratio))


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
    length_ratio = candidate.body_length / AVERAGE_BODY_TERMS
    best = 0.0
    for terms in query.alternatives:
        matched, total = 0, 0.0
        for term in terms:
            if title[term] or body[term]:
                matched += 1
            total += TITLE_WEIGHT * _saturated(title[term], 1.0)
            total += _saturated(body[term], length_ratio)
        coverage = matched / len(terms)
        if coverage == 1:
            total *= proximity((candidate.title_terms, candidate.body_sample), terms)
        best = max(best, total * coverage * coverage)
    return best * candidate.rank_weight


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
        .values_list("id", "rank_weight", "title_terms", "body_sample", "body_length", "title")
    )
    return [Candidate(*row) for row in rows]
