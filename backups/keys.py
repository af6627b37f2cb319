"""The age key of the backups, from ``BACKUP_ENCRYPTION_KEY``.

A secret key (``AGE-SECRET-KEY-1...``, from ``manage.py generate_backup_key``) both encrypts and
decrypts. Its public half (``age1...``) only encrypts: a server that makes backups but should not
be able to read them holds that one, and the secret key is kept offline for a restore.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from pyrage import x25519

from backups.errors import BackupError

PUBLIC_PREFIX = "age1"


def _configured() -> str:
    key = (getattr(settings, "BACKUP_ENCRYPTION_KEY", "") or "").strip()
    if not key:
        raise BackupError(
            _(
                "BACKUP_ENCRYPTION_KEY is not set. Make a key with `python manage.py generate_backup_key` "
                "and keep a copy of it away from the server: without it no backup can be restored."
            )
        )
    return key


def _identity(key: str) -> x25519.Identity:
    try:
        return x25519.Identity.from_str(key)
    except Exception as exc:  # pyrage raises its own IdentityError, or ValueError on some inputs
        raise BackupError(
            _("BACKUP_ENCRYPTION_KEY is not an age key (AGE-SECRET-KEY-1... or age1...).")
        ) from exc


def recipient() -> x25519.Recipient:
    """The key a backup is encrypted to: the configured public key, or the secret key's public half."""
    key = _configured()
    if key.startswith(PUBLIC_PREFIX):
        try:
            return x25519.Recipient.from_str(key)
        except Exception as exc:
            raise BackupError(
                _("BACKUP_ENCRYPTION_KEY is not an age key (AGE-SECRET-KEY-1... or age1...).")
            ) from exc
    return _identity(key).to_public()


def identity() -> x25519.Identity:
    """The secret key that decrypts a backup."""
    key = _configured()
    if key.startswith(PUBLIC_PREFIX):
        raise BackupError(
            _(
                "BACKUP_ENCRYPTION_KEY holds a public key (age1...), which can make backups but not "
                "read them: set it to the secret key (AGE-SECRET-KEY-1...) to restore or check one."
            )
        )
    return _identity(key)


def generate() -> tuple[str, str]:
    """A new secret key and its public half."""
    new = x25519.Identity.generate()
    return str(new), str(new.to_public())
