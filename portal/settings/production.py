"""Production: everything that differs between deployments comes from the environment."""

import ipaddress
import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import with_sqlite_options


def env(name, default=None, required=False):
    value = os.environ.get(name, default)
    if required and not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return value


DEBUG = False
SECRET_KEY = env("SECRET_KEY", required=True)
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith(("dev-", "test-", "change", "django-insecure")):
    raise ImproperlyConfigured("SECRET_KEY must be a long random value (50+ characters).")

ALLOWED_HOSTS = [h.strip() for h in env("ALLOWED_HOSTS", "").split(",") if h.strip()]
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the site's host names, comma-separated.")
CSRF_TRUSTED_ORIGINS = [o for o in env("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

DATABASES = {
    "default": with_sqlite_options(
        dj_database_url.parse(
            env("DATABASE_URL", required=True), conn_max_age=600, conn_health_checks=True
        )
    )
}

if env("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env("REDIS_URL"),
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "ospod"),
            "TIMEOUT": 600,
        }
    }

# SEARCH_BACKEND=database (default) or elasticsearch; see README "Search on a cluster".
if env("SEARCH_BACKEND", "database") == "elasticsearch":
    from portal.search.backends import elasticsearch_settings

    WAGTAILSEARCH_BACKENDS = {"default": elasticsearch_settings(os.environ)}

STATIC_ROOT = env("STATIC_ROOT", str(STATIC_ROOT))  # noqa: F405
MEDIA_ROOT = env("MEDIA_ROOT", str(MEDIA_ROOT))  # noqa: F405
MEDIA_URL = env("MEDIA_URL", MEDIA_URL)  # noqa: F405
# Several application servers share the media files: one folder (MEDIA_ROOT on shared
# storage) or an S3-compatible bucket (README "Several application servers").
if env("PORTAL_S3_BUCKET"):
    from portal.core.storage import bucket_storage

    STORAGES["default"] = bucket_storage(os.environ)  # noqa: F405
PRIVATE_MEDIA_ROOT = env("PRIVATE_MEDIA_ROOT", str(PRIVATE_MEDIA_ROOT))  # noqa: F405
# --- Production stack: whitenoise, front cache, background tasks ----------------------------
# Static files get hashed names and are served compressed by whitenoise from gunicorn.
STORAGES["staticfiles"]["BACKEND"] = "portal.operations.static.StaticFilesStorage"  # noqa: F405
WHITENOISE_MAX_AGE = 365 * 24 * 3600
WHITENOISE_AUTOREFRESH = False

# Anonymous public pages are kept in Redis and marked cacheable for the front cache
# (portal/operations/frontcache.py); Wagtail purges a page from Varnish when it is
# published, unpublished or moved.
FRONT_CACHE_SECONDS = int(env("FRONT_CACHE_SECONDS", "600"))
if env("FRONT_CACHE_URL"):
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "portal.operations.frontcache.KeepAliveHTTPBackend",
            "LOCATION": env("FRONT_CACHE_URL"),
        }
    }

# Wagtail's background work (front cache purges, reference index, image focal points) runs
# through Django's tasks framework; a `manage.py db_worker` process executes it.
# TASKS_BACKEND=immediate runs it inside the request instead (no worker needed).
if env("TASKS_BACKEND", "database") == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# E-mail alerts (portal/alerts): EMAIL_HOST, EMAIL_PORT and DEFAULT_FROM_EMAIL are read in
# base.py; the account and TLS here.
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env("EMAIL_USE_TLS", "false").lower() == "true"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}

# Administrators and reviewers cannot reach the admin without their second factor.
PORTAL_SECOND_FACTOR_REQUIRED = env("SECOND_FACTOR_REQUIRED", "true").lower() == "true"
# The front cache (and a TLS proxy before it), comma-separated: X-Forwarded-For is believed
# only from these addresses (portal/accounts/client_ip.py).
TRUSTED_PROXIES = [p.strip() for p in env("TRUSTED_PROXIES", "").split(",") if p.strip()]
try:
    [ipaddress.ip_network(proxy, strict=False) for proxy in TRUSTED_PROXIES]
except ValueError as error:
    raise ImproperlyConfigured(f"TRUSTED_PROXIES: {error}") from error
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", required=True)
