"""Search backend configuration chosen by environment variables (see README)."""

BACKENDS = {
    "elasticsearch": "wagtail.search.backends.elasticsearch8",
    "opensearch": "wagtail.search.backends.opensearch2",
}


def elasticsearch_settings(environ):
    """WAGTAILSEARCH_BACKENDS["default"] for a cluster described by the environment.

    ELASTICSEARCH_URL (comma-separated for several nodes), ELASTICSEARCH_USER and
    ELASTICSEARCH_PASSWORD or ELASTICSEARCH_API_KEY, ELASTICSEARCH_INDEX (prefix),
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
    return {
        "BACKEND": BACKENDS[environ.get("SEARCH_ENGINE", "elasticsearch")],
        "URLS": urls,
        "INDEX": environ.get("ELASTICSEARCH_INDEX", "ospod-portal"),
        "TIMEOUT": int(environ.get("ELASTICSEARCH_TIMEOUT", "10")),
        "OPTIONS": options,
        "ATOMIC_REBUILD": True,
    }
