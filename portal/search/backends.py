"""Search backend configuration chosen by environment variables (see README).

With ``SEARCH_BACKEND=elasticsearch`` the production settings put the result of
``elasticsearch_settings()`` into ``WAGTAILSEARCH_BACKENDS["default"]``. The admin's
search then uses Wagtail's own index (``<ELASTICSEARCH_INDEX>_...``), and the public search
(``portal.search.engine``) uses the alias ``<ELASTICSEARCH_INDEX>-search`` on the same
cluster, built by ``manage.py rebuild_search_index``.
"""

BACKENDS = {
    "elasticsearch": "wagtail.search.backends.elasticsearch8",
    "opensearch": "wagtail.search.backends.opensearch2",
}


def elasticsearch_settings(environ):
    """WAGTAILSEARCH_BACKENDS["default"] for a cluster described by the environment.

    ELASTICSEARCH_URL (comma-separated for several nodes), ELASTICSEARCH_USER and
    ELASTICSEARCH_PASSWORD or ELASTICSEARCH_API_KEY, ELASTICSEARCH_INDEX (prefix),
    ELASTICSEARCH_CA_CERTS (a CA bundle for a private certificate authority),
    SEARCH_ENGINE=elasticsearch|opensearch.
    """
    urls = [u.strip() for u in environ.get("ELASTICSEARCH_URL", "").split(",") if u.strip()]
    if not urls:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("Set ELASTICSEARCH_URL to the cluster's address.")
    options = {}
    if environ.get("ELASTICSEARCH_API_KEY"):
        options["api_key"] = environ["ELASTICSEARCH_API_KEY"]
    elif environ.get("ELASTICSEARCH_USER"):
        options["basic_auth"] = (environ["ELASTICSEARCH_USER"], environ["ELASTICSEARCH_PASSWORD"])
    if environ.get("ELASTICSEARCH_CA_CERTS"):
        options["ca_certs"] = environ["ELASTICSEARCH_CA_CERTS"]
    return {
        "BACKEND": BACKENDS[environ.get("SEARCH_ENGINE", "elasticsearch")],
        "URLS": urls,
        "INDEX": environ.get("ELASTICSEARCH_INDEX", "ospod-portal"),
        "TIMEOUT": int(environ.get("ELASTICSEARCH_TIMEOUT", "10")),
        "OPTIONS": options,
        "ATOMIC_REBUILD": True,
    }
