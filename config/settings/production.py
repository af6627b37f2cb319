"""Production: every secret from the environment, HTTPS everywhere."""

import os
import tempfile
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_int, env_list

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")
if not FIELD_ENCRYPTION_KEYS:  # noqa: F405
    raise ImproperlyConfigured(
        "FIELD_ENCRYPTION_KEYS must be set in production (comma-separated Fernet keys, "
        "newest first; generate one with `python manage.py generate_field_key`). "
        "Witness identities cannot be stored or read without it."
    )
# Production never falls back to a key file on disk.
FIELD_ENCRYPTION_KEY_FILE = None
if DEBUG:  # noqa: F405
    raise ImproperlyConfigured("DJANGO_DEBUG must be off in production.")

PUBLIC_PAGE_CACHE_SECONDS = env_int("PUBLIC_PAGE_CACHE_SECONDS", 60)
# One cache for all gunicorn workers of a host (a per-process cache would miss half the time).
# Django creates the directory readable by this user only.
CACHE_DIR = Path(
    os.environ.get("DJANGO_CACHE_DIR") or Path(tempfile.gettempdir()) / f"hrdb-cache-{os.getuid()}"
)
CACHE_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
# The file cache unpickles what it finds: a directory someone else owns or can write to
# (say, created in /tmp by another account first) would let them run code here.
_cache_dir_stat = CACHE_DIR.stat()
if _cache_dir_stat.st_uid != os.getuid() or _cache_dir_stat.st_mode & 0o022:
    raise ImproperlyConfigured(
        f"The cache directory {CACHE_DIR} must belong to this user and be writable by no one else; "
        "remove it or set DJANGO_CACHE_DIR to a private directory."
    )
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(CACHE_DIR),
        "OPTIONS": {"MAX_ENTRIES": env_int("DJANGO_CACHE_MAX_ENTRIES", 10_000)},
    }
}
REQUIRE_2FA = env_bool("DJANGO_REQUIRE_2FA", True)
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", False)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
