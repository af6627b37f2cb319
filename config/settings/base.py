"""Settings shared by every environment, read from the environment.

Every variable is listed in `.env.example`. The defaults give a working
development set-up on the embedded SQLite database.
"""

import os
import re
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

import jinja2

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {value!r}") from exc


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT: compiling a page's query costs tens of milliseconds and never pays back on web queries.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    # Django's admin, whose model admins refuse every lookup on an encrypted field.
    "core.admin_site.ProtectedAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "simple_history",
    "django_filters",
    "pgtrigger",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    # The read-only JSON API (api): Django REST framework, its OpenAPI schema and the schema's
    # pages from the sidecar package's own static files; CORS for other sites' scripts.
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    # The health endpoint's view and page (core.health).
    "health_check",
    "core",
    "accounts",
    "facilities",
    "incidents",
    "victims",
    "reports",
    "api",
    "demo",
    # The spreadsheet import/export commands; before import_export, so `import` / `export` are ours.
    "interchange",
    "import_export",
    # `manage.py backup` / `restore` / `generate_backup_key`: encrypted archives of the database and media.
    "backups",
]

MIDDLEWARE = [
    # CORS headers on the API's answers, and its preflight requests (off unless API_CORS_ALLOWED_ORIGINS).
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Permissions-Policy on every response (PERMISSIONS_POLICY below).
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the URL (config/urls.py): unprefixed is English, /ar/ Arabic.
    "django.middleware.locale.LocaleMiddleware",
    # A body over REQUEST_BODY_MAX_BYTES is refused (413) before anything reads it.
    "core.request_size.RequestBodyLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Public pages for anonymous visitors from the cache (off unless PUBLIC_PAGE_CACHE_SECONDS).
    "core.page_cache.AnonymousPageCacheMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes requires: it turns lockouts into a clear response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out user or address is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
    {
        # Large generated fragments (the report's tables): Jinja2 renders them several times faster
        # than the Django engine. Autoescaping on; an undefined name is an error, not a blank.
        "NAME": "jinja2",
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"undefined": jinja2.StrictUndefined},
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ar", _("Arabic"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
# No MEDIA_URL is served: evidence originals go through an authenticated view.
MEDIA_URL = "/media/"

EVIDENCE_MAX_UPLOAD_MB = env_int("EVIDENCE_MAX_UPLOAD_MB", 200)
# The largest request body (core.request_size): the largest upload, evidence or spreadsheet import,
# plus 1 MB for the form's other fields. The TLS proxy's client_max_body_size should match.
REQUEST_BODY_MAX_BYTES = (max(EVIDENCE_MAX_UPLOAD_MB, env_int("IMPORT_MAX_FILE_MB", 20)) + 1) * 1024 * 1024
# How long (seconds) an anonymous visitor's public page may come from the cache (core.page_cache);
# 0 turns the page cache off. Production defaults to 60.
PUBLIC_PAGE_CACHE_SECONDS = env_int("PUBLIC_PAGE_CACHE_SECONDS", 0)
# Comma-separated Fernet keys, newest first; separate from SECRET_KEY.
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS")
FIELD_ENCRYPTION_KEY_FILE = Path(
    os.environ.get("FIELD_ENCRYPTION_KEY_FILE") or BASE_DIR / ".field-encryption-keys"
)

# The age key that encrypts backups (`manage.py backup`): a secret key (AGE-SECRET-KEY-1...) backs up and
# restores; a public key (age1...) only backs up. Kept apart from FIELD_ENCRYPTION_KEYS on purpose.
BACKUP_ENCRYPTION_KEY = os.environ.get("BACKUP_ENCRYPTION_KEY", "").strip()

LOGIN_URL = "admin:login"

# Where a signed-in user lands when the login form's `next` is missing or unsafe.
LOGIN_REDIRECT_URL = "admin:index"

# How many proxies in front of the service append to X-Forwarded-For (0: none, REMOTE_ADDR is the
# client). The sign-in lockout reads the client's address through accounts.client_ip.
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("DJANGO_TRUSTED_PROXY_COUNT must be 0 or more.")

# Login lockout: five failures lock one account name from one address (both together), so failures
# from a shared address (a proxy, an office) lock nobody else, and nobody can lock an account from
# everywhere. An administrator lifts a lockout with `manage.py axes_reset_username NAME` or by
# deleting the access attempt in the back office.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "accounts.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_HTTP_RESPONSE_CODE = 429

# Staff must pass a TOTP second factor (django-otp) when this is on.
REQUIRE_2FA = env_bool("DJANGO_REQUIRE_2FA", False)
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "HRDB")

# Content Security Policy (django-csp): nothing from other origins, no inline scripts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # Django's admin sets a few inline style attributes.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Permissions-Policy (django-permissions-policy): the site uses no device or browser feature.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "usb",
    )
}
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# The read-only JSON API under /api/v1/ (the api app; README "API").
# Requests a client without an account may make (DRF's rates: "120/minute", "5000/day"); "off"
# lifts the limit. Counted per address (DJANGO_TRUSTED_PROXY_COUNT says which one) in the cache.
API_THROTTLE_RATE = os.environ.get("API_THROTTLE_RATE", "").strip() or "120/minute"
if API_THROTTLE_RATE.lower() != "off" and not re.fullmatch(
    r"[1-9]\d*/(second|minute|hour|day|[smhd])", API_THROTTLE_RATE
):
    raise ImproperlyConfigured(
        f"API_THROTTLE_RATE must be a number of requests per second, minute, hour or day "
        f"(such as 120/minute), or off; got {API_THROTTLE_RATE!r}"
    )
REST_FRAMEWORK = {
    # Public records only, the same for everyone: no sign-in, so every client is throttled alike.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "api.negotiation.FormatNegotiation",
    "DEFAULT_FILTER_BACKENDS": ["api.filtering.PublicFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.KeysetPagination",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AnonymousRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    # The client's address for the throttle: as the sign-in lockout reads it (accounts.client_ip).
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "UNICODE_JSON": True,
    "COMPACT_JSON": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": _("Attacks on health care: public records API"),
    "DESCRIPTION": _(
        "Read-only access to the published records: incidents, attacks on facilities, victims, "
        "facilities, parties and the period report's tidy table. Lists take the filters of the "
        "public lists and are paged with cursors (the next and previous links)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SCHEMA_PATH_PREFIX": r"/(ar/)?api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.describe_components",
    ],
    # The documentation pages load Swagger UI and Redoc from this site's static files (no CDN).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # A blank vocabulary code is null in the answers (api.fields.CodeField), not an extra "" choice.
    "ENUM_ADD_EXPLICIT_BLANK_NULL_CHOICE": False,
    "ENUM_NAME_OVERRIDES": {
        "FacilityKindEnum": "facilities.models.FacilityKind",
        "FacilityCategoryEnum": "facilities.models.FacilityCategory",
        "PlaceLevelEnum": "facilities.models.PlaceLevel",
        "PerpetratorKindEnum": "incidents.choices.PerpetratorKind",
        "SourceKindEnum": "incidents.choices.SourceKind",
        "EvidenceKindEnum": "incidents.choices.EvidenceKind",
        "AttributionCertaintyEnum": "incidents.choices.AttributionCertainty",
        "IncidentCertaintyEnum": "incidents.filters.PUBLIC_CERTAINTIES",
        "AttributionBasisEnum": "incidents.choices.AttributionBasis",
    },
}
# Cross-origin reads of the API by scripts on other sites (django-cors-headers): none unless listed.
# A comma-separated list of origins (https://example.org), or * for any site. The API only reads
# and sets no cookie, so no credentials are ever allowed.
API_CORS_ALLOWED_ORIGINS = env_list("API_CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/(ar/)?api/"
CORS_ALLOW_ALL_ORIGINS = API_CORS_ALLOWED_ORIGINS == ["*"]
CORS_ALLOWED_ORIGINS = [] if CORS_ALLOW_ALL_ORIGINS else API_CORS_ALLOWED_ORIGINS
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False

# Public codes: INC-2018-00042, FAC-000123, VIC-000042.
PUBLIC_CODE_PREFIXES = {"incident": "INC", "facility": "FAC", "victim": "VIC"}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
IMPORT_EXPORT_USE_TRANSACTIONS = True
# Import and export need the model's own "import_<model>" / "export_<model>" permission.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# An admin import's uploaded file between its preview and its confirmation (core.import_files):
# a private folder, each copy deleted as the import reads it, abandoned ones after this many hours.
IMPORT_TMP_DIR = Path(os.environ.get("IMPORT_TMP_DIR") or Path(tempfile.gettempdir()) / "hrdb-imports")
IMPORT_PREVIEW_HOURS = env_int("IMPORT_PREVIEW_HOURS", 24)
# Django spools an upload larger than 2.5 MB to disk here; core.import_files sweeps what a killed
# worker left (core.apps creates the folder).
FILE_UPLOAD_TEMP_DIR = str(IMPORT_TMP_DIR / "uploads")

# Error pages and e-mails blank witness identity fields and key-like settings.
DEFAULT_EXCEPTION_REPORTER_FILTER = "core.reporting.IdentityRedactingFilter"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
