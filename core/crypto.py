"""Field encryption with MultiFernet; keys come from settings, newest first.

``FIELD_ENCRYPTION_KEYS`` is read from the environment and is never derived
from ``SECRET_KEY``. Development and test settings may point
``FIELD_ENCRYPTION_KEY_FILE`` at a local file instead (created by
``make run``, kept out of git).
"""

from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class DecryptionError(Exception):
    """A stored value could not be decrypted with any configured key."""


def configured_keys() -> list[str]:
    keys = list(getattr(settings, "FIELD_ENCRYPTION_KEYS", []) or [])
    if keys:
        return keys
    key_file = getattr(settings, "FIELD_ENCRYPTION_KEY_FILE", None)
    if key_file and key_file.exists():
        return [line.strip() for line in key_file.read_text().splitlines() if line.strip()]
    return []


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured(
            "No field-encryption key: set FIELD_ENCRYPTION_KEYS (comma-separated "
            "Fernet keys, newest first). Generate one with "
            "`python manage.py generate_field_key`."
        )
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS holds a value that is not a Fernet key.") from exc


def fernet() -> MultiFernet:
    return _fernet(tuple(configured_keys()))


def encrypt(plaintext: str) -> str:
    return fernet().encrypt(plaintext.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise DecryptionError("Encrypted value cannot be read with the configured keys.") from exc


def readable(token: str) -> bool:
    """Whether one of the configured keys decrypts ``token`` (the plaintext is dropped)."""
    try:
        decrypt(token)
    except DecryptionError:
        return False
    return True


def rotate(token: str) -> str:
    """Re-encrypt ``token`` under the newest key."""
    return fernet().rotate(token.encode()).decode()


def generate_key() -> str:
    return Fernet.generate_key().decode()
