"""Settings shared by every environment; dev, test and production extend these."""

import datetime
import os
from pathlib import Path

from portal.operations.security import PUBLIC_POLICY

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))

INSTALLED_APPS = [
    # The portal's own apps, lowest layer first (see the import contracts in pyproject.toml).
    "portal.core",
    "portal.taxonomy",
    "portal.glossary",
    "portal.projects",
    "portal.accounts",
    "portal.search",
    "portal.adoption",
    "news",
    "methodology",
    "portal.suggestions",
    "home",
    "portal.guide",
    "portal.regions",
    "portal.operations",
    "portal.opendata",
    "portal.alerts",
    "portal.demo",
    "portal.legacy",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.frontend_cache",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "portal.accounts.users_app.UsersAppConfig",  # wagtail.users: superusers guard their status
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",  # its Czech catalogue words Wagtail's "před 5 minutami"
    # Security: login lockout, Content-Security-Policy
    "axes",
    "csp",
    # The admin's second factor (TOTP, recovery codes): portal/accounts/second_factor.py
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Background tasks (front cache purges, reference index) in production's worker.
    "django_tasks_db",
]

MIDDLEWARE = [
    # Outermost: the caches keep the plain response, and each client gets it in the
    # encoding it accepts, brotli or gzip (Varnish keeps one copy per encoding).
    "portal.operations.compression.CompressionMiddleware",
    # Then the front cache, so that it sees the final response (cookies, headers); off unless
    # FRONT_CACHE_SECONDS is set (production).
    "portal.operations.frontcache.FrontCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Production serves static files from gunicorn; elsewhere it finds none to serve.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.operations.security.PortalCSPMiddleware",
    "portal.operations.security.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "portal.accounts.second_factor.SecondFactorMiddleware",  # TOTP before the admin
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Turns a lockout into the Czech 429 page, then limits login attempts per address.
    "axes.middleware.AxesMiddleware",
    "portal.accounts.login_throttle.LoginRateLimitMiddleware",
    # Remembers the restricted page paths for the length of one request.
    "portal.core.privacy.RestrictedPathsMiddleware",
    # A crafted admin form post answers a Czech 400, not Wagtail's 500.
    "portal.operations.security.BadAdminFormMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite as a web site's database: readers go on while one writer commits (WAL), and a
# commit waits for no disk flush (synchronous=NORMAL: a power cut may lose the last
# commits, never corrupt the file), so counting a search's hit costs no fsync. The
# portal's engine keeps the planner's statistics (portal/operations/sqlite/base.py),
# each table's sampled (analysis_limit) so that analyzing one stays in milliseconds.
SQLITE_ENGINE = "portal.operations.sqlite"
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
    "PRAGMA analysis_limit=400;",
    "transaction_mode": "IMMEDIATE",
}


def with_sqlite_options(database):
    """The database settings, with the portal's SQLite engine and SQLITE_OPTIONS when the
    database is SQLite."""
    if database["ENGINE"] in ("django.db.backends.sqlite3", SQLITE_ENGINE):
        database["ENGINE"] = SQLITE_ENGINE
        database["OPTIONS"] = {**SQLITE_OPTIONS, **database.get("OPTIONS", {})}
    return database


DATABASES = {
    "default": with_sqlite_options(
        {"ENGINE": "django.db.backends.sqlite3", "NAME": VAR_DIR / "db.sqlite3"}
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "cs"
LANGUAGES = [("cs", "Čeština")]
TIME_ZONE = "Europe/Prague"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "portal" / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "portal" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# Files the public sends (suggestions): never under MEDIA_ROOT, only reviewers download them.
PRIVATE_MEDIA_ROOT = VAR_DIR / "private"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "Portál pro praxi OSPOD"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("cs", "Čeština")]
WAGTAIL_CONTENT_LANGUAGES = [("cs", "Čeština")]
WAGTAILIMAGES_IMAGE_MODEL = "core.PortalImage"
WAGTAILDOCS_DOCUMENT_MODEL = "core.PortalDocument"
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "docx",
    "odt",
    "xlsx",
    "ods",
    "pptx",
    "odp",
    "rtf",
    "txt",
    "csv",
    "vtt",
    "mp4",
    "webm",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True

TAGGIT_CASE_INSENSITIVE = True

# The open-data API (/api/v2/): up to 100 items a page (Wagtail's default is 20).
WAGTAILAPI_LIMIT_MAX = 100

WAGTAILSEARCH_BACKENDS = {
    # The database backend, with the portal's Czech index for pages and documents.
    "default": {"BACKEND": "portal.search.admin_backend"},
}

# --- Staff-only area, staff login and lockout -----------------------------------------------
# Privacy is by group only: no shared passwords for pages or document collections.
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}  # nosec B105 # a setting, not a password
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}  # nosec B105 # a setting, not a password
WAGTAIL_FRONTEND_LOGIN_URL = "/prihlaseni/"
WAGTAIL_FRONTEND_LOGIN_TEMPLATE = "accounts/login.html"
LOGIN_URL = WAGTAIL_FRONTEND_LOGIN_URL
LOGIN_REDIRECT_URL = "/"
# Logging out (by POST only, on every login form) leads back to the home page.
LOGOUT_REDIRECT_URL = "/"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out credentials
    "django.contrib.auth.backends.ModelBackend",
]
# Five failed attempts for one username from one address lock it for 15 minutes; every
# failure during a lockout starts the 15 minutes again. Applies to every login form that
# authenticates (the staff login, the Wagtail admin, the Django admin).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/login_locked.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Second factor (TOTP, portal/accounts/second_factor.py): anyone with admin access may
# enrol; production requires it of superusers, portal administrators and reviewers.
OTP_TOTP_ISSUER = "Portál pro praxi OSPOD"
PORTAL_SECOND_FACTOR_REQUIRED = False
# The visitor's address behind the front cache: X-Forwarded-For is read only from these
# proxies (addresses or networks; production: TRUSTED_PROXIES). One rule for the lockout,
# the login rate limit and anything else that keys on the visitor.
TRUSTED_PROXIES = []
AXES_CLIENT_IP_CALLABLE = "portal.accounts.client_ip.client_ip"
# At most 30 login attempts per address in 5 minutes, on all login forms together.
PORTAL_LOGIN_RATE = (30, 300)
# Wagtail 8.0's autosave also posts the hidden workflow-action fields that "approve with
# comment" adds to the edit form, so the approval runs twice at once and the second request
# (500) leaves the approved page unpublished. Off until that is fixed upstream.
WAGTAIL_AUTOSAVE_INTERVAL = 0
# The admin would ask Wagtail's release server for updates: an outside call the CSP refuses
# and a leak of which version runs here. Upgrades are planned through pyproject.toml.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from an outside service: editors' e-mail hashes stay on the portal.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# --- Security headers -----------------------------------------------------------------------
# Strict nonce-based CSP on public pages, relaxed under the admin paths
# (portal/operations/security.py); HSTS and secure cookies are production-only.
CONTENT_SECURITY_POLICY = {"DIRECTIVES": PUBLIC_POLICY}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Anonymous public pages kept in the Django cache and marked for the front cache, for this
# many seconds (production; 0 turns FrontCacheMiddleware off).
FRONT_CACHE_SECONDS = 0
# Whitenoise looks for new static files on each request (production serves collected ones).
WHITENOISE_AUTOREFRESH = True
# Production configures the Varnish purge backend (WAGTAILFRONTENDCACHE) when FRONT_CACHE_URL
# is set; elsewhere no front cache is purged.

# --- E-mail (portal/alerts) ----------------------------------------------------------------
# The SMTP server: dev and the browser tests point EMAIL_PORT at a local one.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Portál pro praxi OSPOD <upozorneni@localhost>"
)
# Subscription requests: per client address and per e-mail address (requests, seconds);
# the confirmation link expires after PORTAL_ALERTS_CONFIRM_MAX_AGE seconds.
PORTAL_ALERTS_CLIENT_RATE = (10, 3600)
PORTAL_ALERTS_ADDRESS_RATE = (3, 3600)
PORTAL_ALERTS_CONFIRM_MAX_AGE = 2 * 24 * 3600
