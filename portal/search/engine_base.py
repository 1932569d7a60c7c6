"""The search flow every engine shares.

An engine answers ``search()`` with one page of ranked hits, the total and the facet
counts over the whole matching set. The matching set is every entry with at least two
thirds of the query's words (all of them for one or two words), those with all the words
ranked first: one entry with all three words no longer hides the better ones with two.
Only when no entry has that many does the set fall back to entries with any word.
"""

from portal.search import engine_sql, facet_table, ranking
from portal.search.hits import SearchResult, entries_in_order
from portal.search.visibility import sees_staff_material


class SearchEngine:
    """The shared flow; a database engine supplies ``term_matches()`` and ``autocomplete()``.

    ``find()`` returns the best matches by tier and first score with the totals and facet
    counts (on SQLite and PostgreSQL: one statement per query word finds its matches, the
    in-memory ``facet_table`` works out the tiers, ranks and counts); the order of the
    first page is worked out here, so it is the same on every database.
    """

    name = "base"

    def search(self, query, filters, user, page=1, per_page=20):
        include_staff = sees_staff_material(user)
        limit = max(ranking.CANDIDATES, page * per_page)
        found = self.find(query, filters, include_staff, limit)
        ids = self.result_ids(found.ids, query, page, per_page, found.tiers)
        return SearchResult(entries_in_order(ids), found.total, found.facets, found.matched_all)

    def result_ids(self, ordered, query, page, per_page, tiers=None):
        """Ids of one result page from the engine's best matches (best first).

        The best ``ranking.CANDIDATES`` are put in the shared order (``ranking.py``),
        within their tiers; later pages continue in the engine's order.
        """
        top = ordered[: ranking.CANDIDATES]
        ranked = ranking.rerank(ranking.candidates(top), query, tiers)
        ids = ranked + ordered[ranking.CANDIDATES :]
        offset = (page - 1) * per_page
        return ids[offset : offset + per_page]

    def find(self, query, filters, include_staff, limit):
        """A ``Found``: the best ``limit`` matches by tier and first score, totals, facets."""
        return engine_sql.find(self, query, filters, include_staff, limit)

    def term_matches(self, term, include_staff):
        """(ids of the entries with the term, ids of those with it in the title), arrays."""
        raise NotImplementedError

    def term_counts(self, terms, include_staff):
        """{term: how many entries this visitor may see hold it} (typo suggestions)."""
        table = facet_table.current()
        return {
            term: table.visible_count(
                table.matches(term, include_staff, self.term_matches)[0], include_staff
            )
            for term in terms
        }

    def autocomplete(self, words, prefixes, user, limit=8):
        """Titles whose terms start with the typed words (the last one may be unfinished)."""
        raise NotImplementedError

    # --- keeping an external index in step (database engines need nothing: SQL does it) -----

    def entries_saved(self, entries):
        pass

    def entries_removed(self, entry_ids):
        pass

    def rebuilt(self):
        pass

    def synonyms_changed(self):
        """Database engines expand synonyms per query: nothing to redo."""
