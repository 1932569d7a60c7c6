"""Search on Elasticsearch 8 or OpenSearch 2: the same entries, the same terms.

Why the pre-analysed terms are what we query: Lucene's ``czech`` analyzer stems words
*with* diacritics and folds nothing, so "kolizniho opatrovnika" (typed without
diacritics, as OSPOD staff often do) would not meet "kolizního opatrovníka"; folding
after its stemmer misses the endings that carry diacritics. ``portal.search.czech`` folds
first and stems with folded rules, and the database engines index exactly its terms.
Sending Elasticsearch the same terms (``title_terms``, ``body_terms``, split on
whitespace) gives the same matches on every backend, so the relevance tests mean the
same everywhere. The native chain (lowercase, Czech stop words, ``czech`` stemmer,
asciifolding) is still defined and used for the raw ``title`` and ``plain_text``
fields, for ad-hoc queries and highlighting on the cluster.

Synonyms: the editable list (``SearchSynonym``) is analysed the same way and put into
the index settings as a ``synonym_graph`` filter of the term fields' search analyzer;
editing the list rebuilds the index (a new index, then an atomic alias swap).

The client is built on first use: nothing here needs a server until a search runs.
"""

import logging
from collections import Counter
from datetime import UTC, datetime

from django.db import transaction

from portal.search import czech, ranking
from portal.search.engine_base import SearchEngine
from portal.search.hits import FACETS, SearchResult, entries_in_order
from portal.search.models import SearchEntry, SearchSynonym
from portal.search.visibility import sees_staff_material

logger = logging.getLogger(__name__)

TITLE_BOOST = 10
ALL_BOOST = 100  # entries with all the words come before those with most of them
MOST_TERMS = "2<67%"  # up to two words: all of them; more: two thirds
FACET_SIZE = 200
BULK_CHUNK = 500

# The facet name in the engine -> the field of the indexed document.
FACET_FIELDS = {
    "kind": "kind",
    "topic": "topics",
    "project": "project",
    "region": "regions",
    "stage": "stage",
    "year": "year",
    "target_group": "target_groups",
    "setting": "settings",
    "evidence": "evidence",
    "standard": "standards",
}
_NUMERIC_FACETS = {"topic", "project", "region", "year", "target_group", "setting", "standard"}

TERMS_FIELD = {
    "type": "text",
    "analyzer": "portal_terms",
    "search_analyzer": "portal_terms_search",
    "copy_to": "all_terms",
}
MAPPINGS = {
    "dynamic": "strict",
    "properties": {
        "kind": {"type": "keyword"},
        "title": {"type": "text", "analyzer": "czech_folded"},
        "url": {"type": "keyword", "index": False},
        "date": {"type": "date"},
        "year": {"type": "keyword"},
        "project": {"type": "keyword"},
        "regions": {"type": "keyword"},
        "topics": {"type": "keyword"},
        "stage": {"type": "keyword"},
        "target_groups": {"type": "keyword"},
        "settings": {"type": "keyword"},
        "evidence": {"type": "keyword"},
        "standards": {"type": "keyword"},
        "staff_only": {"type": "boolean"},
        "rank_weight": {"type": "float"},
        "title_terms": TERMS_FIELD,
        "body_terms": TERMS_FIELD,
        "all_terms": {
            "type": "text",
            "analyzer": "portal_terms",
            "search_analyzer": "portal_terms_search",
        },
        "plain_text": {"type": "text", "analyzer": "czech_folded"},
    },
}


def synonym_rules(lines=None):
    """The synonym list as Solr rules over analysed terms: "ospod, organ spod"."""
    if lines is None:
        lines = [line.phrase_list for line in SearchSynonym.objects.all()]
    rules = []
    for phrases in lines:
        analysed = [" ".join(czech.analyze(phrase)) for phrase in phrases]
        analysed = list(dict.fromkeys(a for a in analysed if a))
        if len(analysed) > 1:
            rules.append(", ".join(analysed))
    return rules


def index_settings(synonyms):
    return {
        "number_of_shards": 1,
        "analysis": {
            "filter": {
                "portal_synonyms": {"type": "synonym_graph", "synonyms": synonyms or ["_, _"]},
                "czech_stop": {"type": "stop", "stopwords": "_czech_"},
                "czech_stemmer": {"type": "stemmer", "language": "czech"},
            },
            "analyzer": {
                # The terms are already analysed by portal.search.czech: split them only.
                "portal_terms": {"type": "custom", "tokenizer": "whitespace"},
                "portal_terms_search": {
                    "type": "custom",
                    "tokenizer": "whitespace",
                    "filter": ["portal_synonyms"],
                },
                # Lucene's Czech chain for raw text; the stemmer needs the diacritics,
                # so asciifolding comes after it.
                "czech_folded": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "czech_stop", "czech_stemmer", "asciifolding"],
                },
            },
        },
    }


def index_template(alias, synonyms):
    """The index template every new index of the alias gets (``<alias>-<timestamp>``)."""
    return {
        "index_patterns": [f"{alias}-*"],
        "priority": 200,
        "template": {"settings": index_settings(synonyms), "mappings": MAPPINGS},
    }


def entry_document(entry):
    return {
        "kind": entry.kind,
        "title": entry.title,
        "url": entry.url,
        "date": entry.date.isoformat() if entry.date else None,
        "year": str(entry.year) if entry.year else None,
        "project": str(entry.project_id) if entry.project_id else None,
        "regions": [str(i) for i in entry.region_id_list],
        "topics": [str(i) for i in entry.topic_id_list],
        "stage": entry.validation_stage or None,
        "target_groups": [str(i) for i in entry.target_group_id_list],
        "settings": [str(i) for i in entry.setting_id_list],
        "evidence": entry.evidence_level or None,
        "standards": [str(i) for i in entry.standard_id_list],
        "staff_only": entry.staff_only,
        "rank_weight": entry.rank_weight,
        "title_terms": entry.title_terms,
        "body_terms": entry.body_terms,
        "plain_text": entry.plain_text,
    }


def _facet_filter(filters, facet):
    values = [str(v) for v in getattr(filters, facet)]
    return {"terms": {FACET_FIELDS[facet]: values}}


def _visibility_filters(include_staff):
    return [] if include_staff else [{"term": {"staff_only": False}}]


def text_query(query, match_all):
    """Match the user's analysed terms (the index expands synonyms); titles weigh more.

    As on the databases: two thirds of the words (all of one or two), entries with all of
    them well ahead (ALL_TERMS_BOOST), and only when that finds nothing any word.
    """
    text = " ".join(query.alternatives[0]) if match_all else " ".join(query.terms)
    match = {"query": text, "operator": "or", "auto_generate_synonyms_phrase_query": False}
    if match_all:
        match["minimum_should_match"] = MOST_TERMS
    return {
        "bool": {
            "must": [{"match": {"all_terms": match}}],
            "should": [
                {"match": {"title_terms": {"query": text, "boost": TITLE_BOOST}}},
                {"match": {"all_terms": {"query": text, "operator": "and", "boost": ALL_BOOST}}},
            ],
        }
    }


def search_body(query, filters, include_staff, match_all, offset, limit):
    """One request: a page of hits (post_filter) and every facet over the matching set."""
    active = filters.active()
    aggregations = {}
    for facet in FACETS:
        others = [_facet_filter(filters, f) for f in active if f != facet]
        aggregations[facet] = {
            "filter": {"bool": {"filter": others}},
            "aggs": {"values": {"terms": {"field": FACET_FIELDS[facet], "size": FACET_SIZE}}},
        }
    weighted = {
        "function_score": {
            "query": text_query(query, match_all),
            "field_value_factor": {"field": "rank_weight", "missing": 1},
            "boost_mode": "multiply",
        }
    }
    return {
        "query": {"bool": {"must": [weighted], "filter": _visibility_filters(include_staff)}},
        "post_filter": {"bool": {"filter": [_facet_filter(filters, f) for f in active]}},
        "aggs": aggregations,
        "sort": ["_score", {"_doc": "asc"}],
        "from": offset,
        "size": limit,
        "track_total_hits": True,
        "_source": False,
    }


def autocomplete_body(words, prefixes, include_staff, limit):
    must = [{"term": {"title_terms": word}} for word in words]
    must.append({"bool": {"should": [{"prefix": {"title_terms": prefix}} for prefix in prefixes]}})
    return {
        "query": {"bool": {"must": must, "filter": _visibility_filters(include_staff)}},
        "size": limit * 3,
        "_source": ["title"],
    }


def facet_counts(aggregations):
    counts = {}
    for facet in FACETS:
        buckets = aggregations.get(facet, {}).get("values", {}).get("buckets", [])
        counter = Counter()
        for bucket in buckets:
            key = int(bucket["key"]) if facet in _NUMERIC_FACETS else bucket["key"]
            counter[key] = bucket["doc_count"]
        counts[facet] = counter
    return counts


class ElasticsearchEngine(SearchEngine):
    name = "elasticsearch"

    def __init__(self, urls, alias, options=None, timeout=10, flavour="elasticsearch"):
        self.urls = urls
        self.alias = alias
        self.options = options or {}
        self.timeout = timeout
        self.flavour = flavour
        self._client = None

    @classmethod
    def from_settings(cls, backend):
        """From the WAGTAILSEARCH_BACKENDS entry that ``backends.elasticsearch_settings`` makes."""
        flavour = "opensearch" if "opensearch" in backend["BACKEND"] else "elasticsearch"
        return cls(
            urls=backend["URLS"],
            alias=f"{backend.get('INDEX', 'ospod-portal')}-search",
            options=backend.get("OPTIONS", {}),
            timeout=backend.get("TIMEOUT", 10),
            flavour=flavour,
        )

    # --- the client, built lazily ----------------------------------------------------------

    @property
    def client(self):
        if self._client is None:
            self._client = self._make_client()
        return self._client

    def _make_client(self):
        if self.flavour == "opensearch":
            from opensearchpy import OpenSearch

            options = dict(self.options)
            if "basic_auth" in options:
                options["http_auth"] = options.pop("basic_auth")
            return OpenSearch(hosts=self.urls, timeout=self.timeout, **options)
        from elasticsearch import Elasticsearch

        return Elasticsearch(self.urls, request_timeout=self.timeout, **self.options)

    def _call_search(self, body):
        if self.flavour == "opensearch":
            return self.client.search(index=self.alias, body=body)
        arguments = dict(body)
        arguments["from_"] = arguments.pop("from", 0)
        return self.client.search(index=self.alias, **arguments)

    def _bulk(self, actions):
        if self.flavour == "opensearch":
            from opensearchpy import helpers
        else:
            from elasticsearch import helpers
        return helpers.bulk(self.client, actions, chunk_size=BULK_CHUNK)

    # --- searching --------------------------------------------------------------------------

    def search(self, query, filters, user, page=1, per_page=20):
        """One request per attempt; the first page's candidates get the shared ranking."""
        include_staff = sees_staff_material(user)
        offset = (page - 1) * per_page
        reranked = offset + per_page <= ranking.CANDIDATES
        window = (0, ranking.CANDIDATES) if reranked else (offset, per_page)
        matched_all = True
        response = self._call_search(search_body(query, filters, include_staff, True, *window))
        if not response["hits"]["total"]["value"] and len(query.terms) > 1:
            matched_all = False
            body = search_body(query, filters, include_staff, False, *window)
            response = self._call_search(body)
        ids = [int(hit["_id"]) for hit in response["hits"]["hits"]]
        if reranked:
            ids = ranking.rerank(ranking.candidates(ids), query)[offset : offset + per_page]
        return SearchResult(
            entries=entries_in_order(ids),
            total=response["hits"]["total"]["value"],
            facets=facet_counts(response.get("aggregations", {})),
            matched_all_terms=matched_all,
        )

    def autocomplete(self, words, prefixes, user, limit=8):
        body = autocomplete_body(words, prefixes, sees_staff_material(user), limit)
        response = self._call_search(body)
        titles = [hit["_source"]["title"] for hit in response["hits"]["hits"]]
        return list(dict.fromkeys(titles))[:limit]

    # --- keeping the cluster in step with SearchEntry -----------------------------------------

    def entries_saved(self, entries):
        actions = [
            {"_op_type": "index", "_index": self.alias, "_id": e.pk, "_source": entry_document(e)}
            for e in entries
        ]
        transaction.on_commit(lambda: self._safely(self._bulk, actions))

    def entries_removed(self, entry_ids):
        actions = [{"_op_type": "delete", "_index": self.alias, "_id": i} for i in entry_ids]
        transaction.on_commit(lambda: self._safely(self._bulk, actions))

    def _safely(self, action, *args):
        """Publishing must not fail because the cluster is away; a rebuild catches up."""
        try:
            action(*args)
        except Exception:
            logger.exception("Search cluster update failed; run rebuild_search_index")

    def rebuilt(self):
        self.rebuild_index()

    def synonyms_changed(self):
        transaction.on_commit(lambda: self._safely(self.rebuild_index))

    def _put_template(self, template):
        if self.flavour == "opensearch":
            return self.client.indices.put_index_template(name=self.alias, body=template)
        return self.client.indices.put_index_template(name=self.alias, **template)

    def _aliased_indices(self):
        """Names of the indices the alias points at now (none before the first build)."""
        indices = self.client.indices
        if not indices.exists_alias(name=self.alias):
            return []
        return list(indices.get_alias(name=self.alias).keys())

    def rebuild_index(self, now=None):
        """A new index from every SearchEntry, then one atomic alias swap; old indices go.

        Indices of the alias's pattern left behind by an interrupted rebuild go too.
        """
        indices = self.client.indices
        self._put_template(index_template(self.alias, synonym_rules()))
        new_index = f"{self.alias}-{(now or datetime.now(UTC)).strftime('%Y%m%d%H%M%S%f')}"
        indices.create(index=new_index)
        self._bulk(
            {"_op_type": "index", "_index": new_index, "_id": e.pk, "_source": entry_document(e)}
            for e in SearchEntry.objects.order_by("pk").iterator(chunk_size=BULK_CHUNK)
        )
        indices.refresh(index=new_index)
        actions = [{"add": {"index": new_index, "alias": self.alias}}]
        actions += [
            {"remove": {"index": name, "alias": self.alias}} for name in self._aliased_indices()
        ]
        if self.flavour == "opensearch":
            indices.update_aliases(body={"actions": actions})
        else:
            indices.update_aliases(actions=actions)
        leftovers = [name for name in indices.get(index=f"{self.alias}-*") if name != new_index]
        for name in leftovers:
            indices.delete(index=name)
        return new_index
