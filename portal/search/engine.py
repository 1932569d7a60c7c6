"""Which engine holds the index here.

``get_engine()`` picks it: Elasticsearch/OpenSearch when Wagtail's search backend is
configured for a cluster (``SEARCH_BACKEND=elasticsearch``, see ``backends.py``),
otherwise the database's own full-text search (SQLite FTS5 or PostgreSQL). The shared
flow is in ``engine_base.py``, the types of queries and answers in ``hits.py``.
"""

from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from portal.search.engine_elasticsearch import ElasticsearchEngine
from portal.search.engine_postgres import PostgresEngine
from portal.search.engine_sqlite import SQLiteEngine


def _configured_backend():
    backend = settings.WAGTAILSEARCH_BACKENDS.get("default", {})
    return backend.get("BACKEND", "")


@lru_cache(maxsize=4)
def _engine_for(kind):
    if kind == "elasticsearch":
        return ElasticsearchEngine.from_settings(settings.WAGTAILSEARCH_BACKENDS["default"])
    if kind == "sqlite":
        return SQLiteEngine()
    if kind == "postgresql":
        return PostgresEngine()
    raise ImproperlyConfigured(f"Portal search does not support the {kind} database.")


def engine_kind():
    """Which engine serves searches here: elasticsearch, sqlite or postgresql."""
    forced = getattr(settings, "PORTAL_SEARCH_ENGINE", None)
    if forced:
        return forced
    backend = _configured_backend()
    if "elasticsearch" in backend or "opensearch" in backend:
        return "elasticsearch"
    return connection.vendor


def get_engine():
    return _engine_for(engine_kind())
