"""Model fields shared by the apps."""

from django.contrib.postgres.fields import ArrayField
from django.db import models

from core import crypto


class EncryptedTextField(models.TextField):
    """Text encrypted at rest with the field-encryption keys (MultiFernet).

    The database only ever holds the Fernet token; Python code sees plaintext.
    Tokens are not deterministic, so the field cannot be searched or filtered
    on its value, only on emptiness.
    """

    description = "Text encrypted at rest"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def get_prep_value(self, value):
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
