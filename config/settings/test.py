"""Tests: fast hashing, a fixed secret key, media in a temporary folder."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

# A fixed key so encrypted fields work without set-up; real keys come from the environment.
FIELD_ENCRYPTION_KEYS = FIELD_ENCRYPTION_KEYS or [  # noqa: F405
    "u1nWkiL3X5f0Zl2s0oK9mYyV2xQkP9tQq6cR0bH3vLs="
]

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production-use-0123456789"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="hrdb-test-media-"))
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="hrdb-test-static-"))
IMPORT_TMP_DIR = Path(tempfile.mkdtemp(prefix="hrdb-test-imports-"))
FILE_UPLOAD_TEMP_DIR = str(IMPORT_TMP_DIR / "uploads")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# No request limit on the API: a test makes hundreds of requests from one address
# (tests/api/test_throttling.py sets its own rate).
API_THROTTLE_RATE = "off"
