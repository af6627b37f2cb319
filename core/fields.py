"""Model fields shared by the apps."""

from django.contrib.postgres.fields import ArrayField
from django.db import models

from core import crypto


class StoredToken:
    """An encrypted field's token held as stored, without its plaintext.

    Reading a token that none of the configured keys can decrypt gives one, so a wrong or
    dropped key makes pages say so instead of failing, and saving the record writes the token
    back unchanged. Assigning one writes a token back as it is (restoring an earlier value from
    the identity correction log). It never shows the token: ``str()`` is empty.
    """

    __slots__ = ("token",)

    def __init__(self, token: str):
        self.token = token

    def __str__(self) -> str:
        return ""

    def __repr__(self) -> str:
        return "<StoredToken>"

    def __eq__(self, other) -> bool:
        return isinstance(other, StoredToken) and other.token == self.token

    def __hash__(self) -> int:
        return hash(self.token)


def unreadable(value) -> bool:
    """Whether an encrypted field's value is a token the configured keys cannot decrypt."""
    return isinstance(value, StoredToken) and not crypto.readable(value.token)


class EncryptedTextField(models.TextField):
    """Text encrypted at rest with the field-encryption keys (MultiFernet).

    The database only ever holds the Fernet token; Python code sees plaintext, or a
    :class:`StoredToken` when no configured key decrypts it. Tokens are not deterministic and
    their length and timestamp say something about the plaintext, so the admin refuses every
    lookup, search and ordering on these fields (``core.admin_site``).
    """

    description = "Text encrypted at rest"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        try:
            return crypto.decrypt(value)
        except crypto.DecryptionError:
            return StoredToken(value)

    def get_prep_value(self, value):
        if isinstance(value, StoredToken):
            return value.token
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(value)

    def to_python(self, value):
        return value


class DerivedArrayField(ArrayField):
    """An ``ArrayField`` the database fills (by trigger, on PostgreSQL): elsewhere a column that
    stays empty, without the ``::type[]`` cast ArrayField puts on every value it writes."""

    def get_placeholder(self, value, compiler, connection):
        if connection.vendor != "postgresql":
            return "%s"
        return super().get_placeholder(value, compiler, connection)

    def get_db_prep_value(self, value, connection, prepared=False):
        if connection.vendor != "postgresql":
            return None
        return super().get_db_prep_value(value, connection, prepared)


def encrypted_fields(model) -> list[EncryptedTextField]:
    """The model's encrypted fields, found by their class (a new one is covered by everything
    that uses this)."""
    return [field for field in model._meta.concrete_fields if isinstance(field, EncryptedTextField)]


def stored_tokens(queryset, field_names) -> list[tuple]:
    """``(pk, token, ...)`` rows of ``queryset`` with the tokens as stored, never decrypted."""
    raw = [models.ExpressionWrapper(models.F(name), output_field=models.TextField()) for name in field_names]
    return list(queryset.values_list("pk", *raw))
