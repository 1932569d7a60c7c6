"""The facet values and first scores of every index entry, in memory, for large result sets.

A common word ("dítě", "OSPOD") matches nearly every entry. Counting ten facets over
20,000 matches in SQL costs a sort per facet; reading the matches' facet columns row by
row into Python costs as much. So each process keeps those columns of the whole index as
numpy arrays (a few dozen bytes an entry) and asks the database only which entries hold
each word of the query, in the body or the title. Which entries have all, most (two
thirds) or some of the words is then a sum of boolean rows, filtering a boolean mask,
counting a facet a ``bincount``, and the best matches an ``lexsort`` of their tier and
first score (``ranking.py``). The table also keeps every entry's key terms (the terms its
summary has or its body repeats, with their counts) as one array of entries and counts
per term, so the first score knows how often a match holds a query word.

The arrays are reloaded when the index changed: triggers on the entry table give
``schema.VERSION_TABLE`` a new value on every write, and every search reads it (one
single-row query).

The table also keeps what the database answered for the common words of its version
(``matches``): the database visits the row of every match to say which entries hold a word,
about 30 ms for "dítě" on PostgreSQL at 20,000 entries, and the answer cannot change before
the index does, when a new table, with nothing kept, replaces this one.
"""

import threading
from collections import Counter

import numpy as np
from django.db import connection

from portal.search import ranking, schema
from portal.search.hits import ALL_TERMS, FACETS, MOST_TERMS, MOST_TERMS_TIER, SOME_TERMS, Found
from portal.search.models import SearchEntry, decode_ids

SCALAR = {
    "kind": "kind",
    "project": "project_id",
    "year": "year",
    "stage": "validation_stage",
    "evidence": "evidence_level",
}
MULTI_VALUED = {
    "region": "region_ids",
    "topic": "topic_ids",
    "target_group": "target_group_ids",
    "setting": "setting_ids",
    "standard": "standard_ids",
}
_COLUMNS = (
    "id",
    "rank_weight",
    "body_length",
    "key_terms",
    "staff_only",
    *SCALAR.values(),
    *MULTI_VALUED.values(),
)


class Codes:
    """One facet's value of every entry as a small integer; code 0 means no value."""

    def __init__(self, values_per_entry, multi_valued):
        self.values = [None]  # code -> value
        code_of = {}
        self.multi_valued = multi_valued
        lists = values_per_entry if multi_valued else ([v] for v in values_per_entry)
        flat, lengths = [], []
        for values in lists:
            present = [v for v in values if v not in (None, "")]
            for value in present:
                if value not in code_of:
                    code_of[value] = len(self.values)
                    self.values.append(value)
                flat.append(code_of[value])
            lengths.append(len(present) if multi_valued else 1)
            if not multi_valued and not present:
                flat.append(0)
        self.code_of = code_of
        self.flat = np.array(flat, dtype=np.int32)
        # For lists: which entry each flat code belongs to.
        self.owner = np.repeat(np.arange(len(lengths)), lengths) if multi_valued else None

    def has_any(self, selected, size):
        """Per entry: whether it has one of the selected values."""
        wanted = np.array([self.code_of[v] for v in selected if v in self.code_of], np.int32)
        hits = np.isin(self.flat, wanted)
        if not self.multi_valued:
            return hits
        result = np.zeros(size, dtype=bool)
        result[self.owner[hits]] = True
        return result

    def count(self, chosen):
        """Counter {value: entries} over the chosen entries (a boolean mask over all)."""
        codes = self.flat[chosen[self.owner]] if self.multi_valued else self.flat[chosen]
        counts = np.bincount(codes, minlength=len(self.values))
        return Counter(
            {self.values[code]: int(counts[code]) for code in np.flatnonzero(counts) if code}
        )


# A word with this many matches is kept (fewer: cheap to ask again); a table keeps at most
# MAX_KEPT_IDS ids of kept words (8 bytes each, about 16 MB a process).
COMMON_WORD_MATCHES = 2000
MAX_KEPT_IDS = 2_000_000


class FacetTable:
    """Every entry's id, first score and facet codes, as of one index version."""

    def __init__(self, version, rows):
        self.version = version
        self._kept, self._kept_ids, self._kept_lock = {}, 0, threading.Lock()
        columns = list(zip(*rows, strict=True)) if rows else [()] * len(_COLUMNS)
        by_name = dict(zip(_COLUMNS, columns, strict=True))
        self.ids = np.array(by_name["id"], dtype=np.int64)
        self.kind_weight = np.array(
            [ranking.kind_weight(weight) for weight in by_name["rank_weight"]], dtype=np.float64
        )
        self.length_ratio = (
            np.array(by_name["body_length"], dtype=np.float64) / ranking.AVERAGE_BODY_TERMS
        )
        self.key_terms = _key_term_index(by_name["key_terms"])
        self.public = ~np.array(by_name["staff_only"], dtype=bool)
        self.size = len(self.ids)
        self.codes = {
            facet: Codes(by_name[column], multi_valued=False) for facet, column in SCALAR.items()
        }
        for facet, column in MULTI_VALUED.items():
            self.codes[facet] = Codes([decode_ids(v) for v in by_name[column]], True)

    @classmethod
    def load(cls):
        version = schema.index_version(connection)  # first: rows read later are never older
        rows = SearchEntry.objects.order_by("id").values_list(*_COLUMNS)
        return cls(version, list(rows))

    def matches(self, term, include_staff, ask):
        """``ask(term, include_staff)``: the database's (ids, title ids) of a word's matches,
        kept for the next searches of this index version when the word is common."""
        key = term, include_staff
        kept = self._kept.get(key)
        if kept is not None:
            return kept
        answer = ask(term, include_staff)
        size = sum(len(ids) for ids in answer)
        if size >= COMMON_WORD_MATCHES:
            with self._kept_lock:
                if self._kept_ids + size <= MAX_KEPT_IDS:
                    for ids in answer:
                        ids.flags.writeable = False  # shared by every later search
                    self._kept[key] = answer
                    self._kept_ids += size
        return answer

    def forget_matches(self):
        """Ask the database again (the search benchmark's first search of a version)."""
        with self._kept_lock:
            self._kept, self._kept_ids = {}, 0

    def positions(self, ids):
        """Where the given entry ids are (ids missing from the table get -1)."""
        where = np.searchsorted(self.ids, ids)
        where[where >= self.size] = 0
        found = self.ids[where] == ids if self.size else np.zeros(len(ids), bool)
        return np.where(found, where, -1)

    def known(self, ids):
        """Positions of the ids the table holds."""
        where = self.positions(ids)
        return where[where >= 0]

    def visible_count(self, ids, include_staff):
        """How many of the ids the visitor may see."""
        where = self.known(ids)
        return int(where.size if include_staff else self.public[where].sum())

    def coverage(self, query, hits, include_staff):
        """Per entry: the best share of an alternative's words it has, and its first score.

        The first score is ``ranking.score`` with what is known without the text: a query
        word in the title once, in the body as often as the entry's key terms say (else
        once), no proximity.
        """
        row = {term: k for k, term in enumerate(query.terms)}
        has = np.zeros((len(hits), self.size), dtype=np.int8)
        in_title = np.zeros((len(hits), self.size), dtype=np.int8)
        body = np.zeros((len(hits), self.size))
        for k, (ids, title_ids) in enumerate(hits):
            has[k, self.known(ids)] = 1
            in_title[k, self.known(title_ids)] = 1
            body[k] = has[k]
            positions, counts = self.key_terms.get(query.terms[k], _NO_KEY_TERMS)
            body[k, positions] = counts
        term_scores = (
            ranking.TITLE_WEIGHT * ranking.saturated(in_title, 1.0)
            + ranking.saturated(body, self.length_ratio)
        ) * has
        share = np.zeros(self.size)
        first = np.zeros(self.size)
        for terms in query.alternatives:
            rows = [row[t] for t in terms]
            coverage = has[rows].sum(axis=0) / len(terms)
            share = np.maximum(share, coverage)
            first = np.maximum(first, term_scores[rows].sum(axis=0) * coverage * coverage)
        if not include_staff:
            share[~self.public] = 0
        return share, first * self.kind_weight

    def found(self, share, first, filters, limit):
        """A ``Found``: entries with most words, else with any word; tiers, facets, best."""
        most = share >= MOST_TERMS - 1e-9
        matched = most if most.any() else share > 0
        tier = np.where(share >= 1, ALL_TERMS, np.where(most, MOST_TERMS_TIER, SOME_TERMS))
        passing = {
            facet: self.codes[facet].has_any(getattr(filters, facet), self.size)
            for facet in filters.active()
        }
        facets = {}
        for facet in FACETS:
            chosen = matched.copy()
            for other, mask in passing.items():
                if other != facet:
                    chosen &= mask
            facets[facet] = self.codes[facet].count(chosen)
        selected = matched.copy()
        for mask in passing.values():
            selected &= mask
        positions = np.flatnonzero(selected)
        best = self.best(positions, first[positions], tier[positions], limit)
        return Found(
            ids=[int(i) for i in self.ids[best]],
            total=len(positions),
            facets=facets,
            matched=int(matched.sum()),
            tiers={int(self.ids[p]): int(tier[p]) for p in best},
            matched_all=bool((share >= 1).any()),
        )

    def best(self, positions, first, tier, limit):
        """Positions by tier, then first score (best first, ties by id), at most ``limit``."""
        order = np.lexsort((self.ids[positions], -first, -tier))[:limit]
        return positions[order]


_NO_KEY_TERMS = (np.zeros(0, dtype=np.int64), np.zeros(0))


def _key_term_index(values):
    """{term: (positions of the entries with it as a key term, its counts there)}."""
    positions, counts = {}, {}
    for position, text in enumerate(values):
        for term, count in ranking.decode_key_terms(text):
            positions.setdefault(term, []).append(position)
            counts.setdefault(term, []).append(count)
    return {
        term: (np.array(positions[term], dtype=np.int64), np.array(counts[term], dtype=float))
        for term in positions
    }


_lock = threading.Lock()
_tables = {}


def current(reload=False):
    """This process's table of the database's index, reloaded if the index changed."""
    key = connection.alias, connection.settings_dict["NAME"]
    table = _tables.get(key)
    if reload or table is None or table.version != schema.index_version(connection):
        with _lock:
            table = FacetTable.load()
            _tables[key] = table
    return table


def found_terms(query, hits, filters, include_staff, limit, table=None):
    """A ``Found`` from each query term's (matching ids, title-matching ids)."""
    table = table or current()
    everything = [ids for pair in hits for ids in pair]
    if any((table.positions(ids) < 0).any() for ids in everything):  # written after load
        table = current(reload=True)
    share, first = table.coverage(query, hits, include_staff)
    return table.found(share, first, filters, limit)
