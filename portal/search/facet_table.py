"""The facet values and first scores of every index entry, in memory, for large result sets.

A common word ("dítě", "OSPOD") matches nearly every entry. Counting six facets over
20,000 matches in SQL costs a sort per facet; reading the matches' facet columns row by
row into Python costs as much. So each process keeps those columns of the whole index as
numpy arrays (a few dozen bytes an entry) and asks the database only which entries match
and whether their titles match too. Filtering is then a boolean mask, counting a facet a
``bincount``, and the best matches an ``lexsort`` of their first scores (``ranking.py``).

The arrays are reloaded when the index changed: triggers on the entry table give
``schema.VERSION_TABLE`` a new value on every write, and every search reads it (one
single-row query).
"""

import threading
from collections import Counter

import numpy as np
from django.db import connection

from portal.search import ranking, schema
from portal.search.engine import FACETS, Found
from portal.search.models import SearchEntry, decode_ids

SCALAR = {"kind": "kind", "project": "project_id", "year": "year", "stage": "validation_stage"}
MULTI_VALUED = {"region": "region_ids", "topic": "topic_ids"}
_COLUMNS = ("id", "base_score", *SCALAR.values(), *MULTI_VALUED.values())


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


class FacetTable:
    """Every entry's id, first score and facet codes, as of one index version."""

    def __init__(self, version, rows):
        self.version = version
        columns = list(zip(*rows, strict=True)) if rows else [()] * len(_COLUMNS)
        by_name = dict(zip(_COLUMNS, columns, strict=True))
        self.ids = np.array(by_name["id"], dtype=np.int64)
        self.base_score = np.array(by_name["base_score"], dtype=np.float64)
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

    def positions(self, ids):
        """Where the given entry ids are (ids missing from the table get -1)."""
        where = np.searchsorted(self.ids, ids)
        where[where >= self.size] = 0
        found = self.ids[where] == ids if self.size else np.zeros(len(ids), bool)
        return np.where(found, where, -1)

    def found(self, positions, title_matches, filters, limit):
        """A ``Found`` for the matches at ``positions`` (and which match by title too)."""
        known = positions >= 0
        positions, title_matches = positions[known], title_matches[known]
        matched = np.zeros(self.size, dtype=bool)
        matched[positions] = True
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
        selected = np.ones(len(positions), dtype=bool)
        for mask in passing.values():
            selected &= mask[positions]
        return Found(
            self.best(positions[selected], title_matches[selected], limit),
            int(selected.sum()),
            facets,
            len(positions),
        )

    def best(self, positions, title_matches, limit):
        """Entry ids by first score (best first, ties by id), at most ``limit``."""
        factor = np.where(title_matches, ranking.TITLE_MATCH_FACTOR, 1.0)
        scores = self.base_score[positions] * factor
        ids = self.ids[positions]
        order = np.lexsort((ids, -scores))[:limit]
        return [int(i) for i in ids[order]]


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


def found(rows, filters, limit):
    """A ``Found`` from the matching rows (entry id, whether the title matches too)."""
    table = current()
    columns = np.array(rows, dtype=np.int64).reshape(-1, 2)
    ids, title_matches = columns[:, 0], columns[:, 1] != 0
    positions = table.positions(ids)
    if (positions < 0).any():  # written after the version was read
        table = current(reload=True)
        positions = table.positions(ids)
    return table.found(positions, title_matches, filters, limit)
