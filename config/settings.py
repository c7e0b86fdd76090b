"""Settings for the diplomatic-meetings API.

Everything that differs between a laptop and production is read from the environment,
and a production deployment that forgets a secret fails at start-up instead of running
with a default.
"""

import datetime
import os
import re
from pathlib import Path

import dj_database_url
import orjson
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    normalized = value.strip().lower()
    if normalized in {"1", "true", "yes", "on"}:
        return True
    if normalized in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false, yes/no, on/off), not {value!r}.")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise ImproperlyConfigured(f"{name} must be a whole number of 0 or more, not {value!r}.")
    return number


def env_throttle_rate(name: str, default: str) -> str | None:
    """A throttle rate such as ``200/min`` (per ``s``, ``min``, ``hour`` or ``day``); ``off`` gives None: no limit."""
    value = os.environ.get(name, "").strip().lower() or default
    if value == "off":
        return None
    if not re.fullmatch(r"[1-9][0-9]*/(s|sec|second|m|min|minute|h|hour|d|day)", value):
        raise ImproperlyConfigured(
            f"{name} must be a number of requests per s, min, hour or day (such as 200/min), or off; not {value!r}."
        )
    return value


def env_cache(name: str) -> dict:
    """Django's CACHES from a Redis URL; without one, each process keeps its own in memory.

    ``default`` holds the throttle counters and kept counts; ``responses`` the response cache
    (meetings/api/response_cache.py), apart so that its size is bounded on its own.
    """
    url = os.environ.get(name, "").strip()
    if not url:
        return {
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "responses": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "responses",
                "OPTIONS": {"MAX_ENTRIES": env_int("DJANGO_RESPONSE_CACHE_ENTRIES", 500)},
            },
        }
    if url.split("://", 1)[0] not in {"redis", "rediss", "unix"}:
        raise ImproperlyConfigured(f"{name} must be a redis://, rediss:// or unix:// URL, not {url!r}.")
    redis = {
        # Django's Redis cache, with one client per connection pool instead of one per operation (meetings/cache.py).
        "BACKEND": "meetings.cache.RedisCache",
        "LOCATION": url,
        # A cache that does not answer must not hold requests up (throttles then let them through).
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
    return {"default": {**redis, "KEY_PREFIX": "meetings"}, "responses": {**redis, "KEY_PREFIX": "meetings-responses"}}


DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off. Set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "insecure-development-key-only-used-when-DJANGO_DEBUG-is-on"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")

# Transport security, on whenever debug is off unless switched off explicitly (a deployment behind
# a proxy that already redirects, or served over plain HTTP on a private network, says so):
# secure cookies, HTTP redirected to HTTPS (``/healthz/`` excepted, for load balancers), and HSTS
# for a year with subdomains and preload. Debug serves plain HTTP with none of them.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", default=not DEBUG)
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("DJANGO_SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("DJANGO_CSRF_COOKIE_SECURE", default=not DEBUG)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# Browsers on other origins may read the API only from the origins listed here.
CORS_ALLOWED_ORIGINS = env_list("DJANGO_CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "corsheaders",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "meetings",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous reads on a read replica, when there are any (meetings/replicas.py); before anything that reads.
    "meetings.replicas.ReplicaReadsMiddleware",
    # An anonymous conditional request the API answered 304 before, under the same data version, is answered
    # 304 again here, after the version's one query (meetings/api/fast_path.py): just after the replica
    # middleware, so that the version is read where the API would read it.
    "meetings.api.fast_path.ConditionalFastPathMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A query string that is not UTF-8 or holds a NUL character is a 400 (meetings/querystring.py).
    "meetings.querystring.QueryStringMiddleware",
    # Public GET answers of the API from the cache, under the data version (meetings/api/response_cache.py):
    # as early as a checked query string allows, so that a hit skips the rest.
    "meetings.api.response_cache.ResponseCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # A lost database connection is a quick 503 with Retry-After, not a 500 (meetings/middleware.py).
    "meetings.middleware.DatabaseUnavailableMiddleware",
    # Refuses sign-in while an account or an address is locked out (see "Sign-in" below); last, as axes asks.
    "axes.middleware.AxesMiddleware",
]

# Sign-in that resists guessing (django-axes): failed sign-ins to the admin, or any other password
# form, are counted per username and per client address; past the limit within the cool-off period,
# sign-in from that address or to that account is refused (429, a clear message), even with the right
# password, until the period has passed or an operator lifts it (`manage.py axes_reset_username`,
# `axes_reset_ip`, `axes_reset`). Each lockout is logged. The address is the one throttling uses
# (DJANGO_NUM_PROXIES).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("DJANGO_SIGN_IN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("DJANGO_SIGN_IN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "meetings.sign_in.client_address"
AXES_VERBOSE = False  # no banner at every start; lockouts are still logged as warnings

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# SQLite by default so that a newcomer needs no server; DATABASE_URL selects PostgreSQL (set but empty, the default).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable server fails the request after this many seconds instead of hanging it.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int("DJANGO_DB_CONNECT_TIMEOUT", 3)
# Read replicas (meetings/replicas.py): DATABASE_REPLICA_URLS, comma-separated PostgreSQL URLs of
# streaming standbys of the primary. Anonymous reads go to one of them; everything else (writes,
# curators' reads, the admin, migrations, commands) to the primary. A client that wrote reads from
# the primary for DJANGO_READ_YOUR_WRITES_SECONDS afterwards.
READ_REPLICAS: list[str] = []
for number, url in enumerate(env_list("DATABASE_REPLICA_URLS"), start=1):
    if url.split("://", 1)[0] not in {"postgres", "postgresql", "pgsql"}:
        raise ImproperlyConfigured(f"DATABASE_REPLICA_URLS must hold PostgreSQL URLs, not {url!r}.")
    replica = dj_database_url.parse(
        url, conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "600")), conn_health_checks=True
    )
    replica.setdefault("OPTIONS", {})["connect_timeout"] = env_int("DJANGO_DB_CONNECT_TIMEOUT", 3)
    replica["TEST"] = {"MIRROR": "default"}
    DATABASES[f"replica_{number}"] = replica
    READ_REPLICAS.append(f"replica_{number}")
DATABASE_ROUTERS = ["meetings.replicas.ReplicaRouter"]
READ_YOUR_WRITES_SECONDS = env_int("DJANGO_READ_YOUR_WRITES_SECONDS", 5)
# A replica that could not be reached is not tried again for this many seconds.
REPLICA_RETRY_SECONDS = env_int("DJANGO_REPLICA_RETRY_SECONDS", 10)

# Web requests only (config/wsgi.py): a query running longer than this many seconds is cancelled
# and the client gets a 503. 0 is no limit. Migrations and management commands are never limited.
DB_STATEMENT_TIMEOUT = env_int("DJANGO_DB_STATEMENT_TIMEOUT", 0)
# Web requests only, too: parallel workers one query may start (PostgreSQL's
# max_parallel_workers_per_gather). None by default: a web server runs many requests at once, and
# starting workers costs a query more (several milliseconds) than they save on the API's queries.
DB_WEB_PARALLEL_WORKERS = env_int("DJANGO_DB_PARALLEL_WORKERS", 0)

# Throttle counters (and nothing else, so far). Local memory counts per process: each gunicorn
# worker then keeps its own counts. Production sets DJANGO_CACHE_URL so that all workers share them.
CACHES = env_cache("DJANGO_CACHE_URL")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# dumpdata's JSON can also write history that refers to deleted records (meetings/dumps/backup.py).
SERIALIZATION_MODULES = {"json": "meetings.dumps.backup"}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# The API documents dates as YYYY-MM-DD; config/formats makes that the only accepted input.
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

REST_FRAMEWORK = {
    # Token first: an anonymous write then gets 401 with a WWW-Authenticate challenge.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.DjangoModelPermissionsOrAnonReadOnly"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "meetings.api.ordering.StrictOrderingFilter",
        "meetings.api.search.WebSearchFilter",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "meetings.api.parsers.LimitedJSONParser",
        "meetings.api.parsers.StrictFormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "meetings.api.pagination.StrictPageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": [
        # The same compact JSON as DRF's renderer, written by orjson several times faster.
        "drf_orjson_renderer.renderers.ORJSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    # As DRF's own encoder writes them: times at UTC end in "Z", and keys that are not strings
    # (the positions of a list's items in a validation error) become strings.
    "ORJSON_RENDERER_OPTIONS": (orjson.OPT_UTC_Z, orjson.OPT_NON_STR_KEYS),
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "EXCEPTION_HANDLER": "meetings.api.exceptions.exception_handler",
    # An unknown ?format= is a 400 that names the parameter and lists the formats.
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "meetings.api.negotiation.StrictContentNegotiation",
    # Anonymous clients are counted by address, signed-in users by account; the rates are below.
    "DEFAULT_THROTTLE_CLASSES": [
        "meetings.api.throttling.AnonRateThrottle",
        "meetings.api.throttling.UserRateThrottle",
    ],
    # How many proxies in front of the app append to X-Forwarded-For; 0 takes the peer's address.
    "NUM_PROXIES": env_int("DJANGO_NUM_PROXIES", 0),
}
# Read at each request (meetings/api/throttling.py); None means no limit.
API_THROTTLE_ANON_RATE = env_throttle_rate("DJANGO_THROTTLE_ANON_RATE", "200/min")
API_THROTTLE_USER_RATE = env_throttle_rate("DJANGO_THROTTLE_USER_RATE", "1000/min")

API_MAX_PAGE_SIZE = 100
# Lists count their results exactly up to this many; beyond it, PostgreSQL's estimate is given.
API_EXACT_COUNT_LIMIT = 10_000
API_MAX_BODY_BYTES = 1_000_000  # a source's text is the largest field; articles run to tens of kilobytes
# The export (/api/v1/export/) is written to a file once per data version and served from it.
# A request builds it when the data set holds at most this many statements; beyond that only
# `python manage.py build_export` does (it takes minutes at a million statements).
API_EXPORT_INLINE_LIMIT = env_int("DJANGO_EXPORT_INLINE_LIMIT", 20_000)
EXPORT_DIR = Path(os.environ.get("DJANGO_EXPORT_DIR", "").strip() or BASE_DIR / "exports")
# The largest file `import_article` and the admin's "Import an article" accept (5 MB).
IMPORT_MAX_BYTES = env_int("DJANGO_IMPORT_MAX_BYTES", 5 * 1024 * 1024)

# The response cache (meetings/api/response_cache.py): public GET answers of the API kept under the data
# version, in the "responses" cache. Each answer at most this many bytes, kept at most this long.
RESPONSE_CACHE = env_bool("DJANGO_RESPONSE_CACHE", True)
RESPONSE_CACHE_MAX_BYTES = env_int("DJANGO_RESPONSE_CACHE_MAX_BYTES", 262_144)
RESPONSE_CACHE_SECONDS = env_int("DJANGO_RESPONSE_CACHE_SECONDS", 600)
# Anonymous conditional requests answered 304 again before the framework (meetings/api/fast_path.py).
CONDITIONAL_FAST_PATH = env_bool("DJANGO_CONDITIONAL_FAST_PATH", True)

# Facets (?facet=) on the meeting and statement lists: the time all facets of one request may take, in ms.
FACET_TIME_LIMIT_MS = env_int("DJANGO_FACET_TIME_LIMIT_MS", 1000)

# The licence of the curated records (not of the articles: see Source.redistributable), declared in the
# OpenAPI document, the data package and the API root's description. An SPDX identifier and its text's URL.
DATA_LICENSE = {
    "name": os.environ.get("DJANGO_DATA_LICENSE", "").strip() or "CC-BY-4.0",
    "path": os.environ.get("DJANGO_DATA_LICENSE_URL", "").strip() or "https://creativecommons.org/licenses/by/4.0/",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Diplomatic Meetings API",
    "DESCRIPTION": (
        "Structured data on diplomatic meetings, their participants, topics and statements, "
        "each fact tied to the source article that reports it. Reads are open; writes need "
        "an authenticated user with the model permission (token or session)."
    ),
    "VERSION": "1.0.0",
    "LICENSE": {"name": DATA_LICENSE["name"], "url": DATA_LICENSE["path"]},
    # The paths start at the host's root, whichever host serves the document.
    "SERVERS": [{"url": "/", "description": "This server"}],
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Writes are documented as JSON, the API's format; the form parsers serve the browsable API's forms.
    "PARSER_WHITELIST": ["meetings.api.parsers.LimitedJSONParser"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "meetings.api.schema.add_query_examples",
        "meetings.api.schema.describe_parameters",
        "meetings.api.schema.add_error_responses",
        "meetings.api.schema.close_write_bodies",
        "meetings.api.schema.add_rate_limit_headers",
        "meetings.api.schema.type_nullable_references",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No online validator badge: the docs make no request to any other host.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "ENUM_NAME_OVERRIDES": {
        "SourceKindEnum": "meetings.choices.SourceKind",
        "ParticipantKindEnum": "meetings.choices.ParticipantKind",
        "MeetingKindEnum": "meetings.choices.MeetingKind",
        "MeetingStatusEnum": "meetings.choices.MeetingStatus",
        "DatePrecisionEnum": "meetings.choices.DatePrecision",
        "DateBasisEnum": "meetings.choices.DateBasis",
        "ParticipantRoleEnum": "meetings.choices.ParticipantRole",
        "StatementKindEnum": "meetings.choices.StatementKind",
        "StatementChannelEnum": "meetings.choices.StatementChannel",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
