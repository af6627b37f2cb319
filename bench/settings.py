"""The environment the benchmark runs Django in: production settings against the bench database.

Used by the in-process measurements, the export-memory subprocesses and the
gunicorn workers alike, so all of them run the same code path as a deployment
(DEBUG off, WhiteNoise manifest, production middleware), minus HTTPS redirects.
"""

import os
import secrets
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/hrdb_bench"
STATE_FILE = "bench_env.json"


def bench_url() -> str:
    return os.environ.get("BENCH_DATABASE_URL") or DEFAULT_URL


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def production_env(url: str, secret_key: str | None = None, field_keys: str | None = None) -> dict[str, str]:
    """Environment variables for production settings against ``url``, only on 127.0.0.1."""
    from cryptography.fernet import Fernet

    return {
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secret_key or secrets.token_urlsafe(50),
        "FIELD_ENCRYPTION_KEYS": field_keys or Fernet.generate_key().decode(),
        "DJANGO_DEBUG": "0",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
        # Static files collected outside the checkout.
        "STATIC_ROOT": str(Path(tempfile.gettempdir()) / "hrdb_bench_static"),
        # A cache of this run's own: nothing left from another data set.
        "DJANGO_CACHE_DIR": tempfile.mkdtemp(prefix="hrdb-bench-cache-"),
    }


def configure(env: dict[str, str]) -> None:
    """Apply ``env`` to this process and set Django up."""
    os.environ.update(env)
    import django

    django.setup()
