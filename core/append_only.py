"""Append-only records: logs that may grow but never change or shrink.

Two guards, one behind the other. The model layer refuses updates and deletes
through the ORM with a readable error. On PostgreSQL, triggers declared with
django-pgtrigger (``append_only_triggers()`` in each log's ``Meta.triggers``,
installed by migrations) refuse them in the database itself, so raw SQL, a
shell or another client cannot rewrite the log either.
"""

import pgtrigger
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

APPEND_ONLY_MESSAGE = _("This log is append-only: entries cannot be changed or deleted.")


def append_only_triggers() -> list[pgtrigger.Trigger]:
    """Database triggers refusing UPDATE, DELETE and TRUNCATE on a log table (PostgreSQL only).

    TRUNCATE has no rows, so it is refused by a statement-level trigger of its own. Wiping a
    test database (``flush``) must ignore it explicitly: ``pgtrigger.ignore()``.
    """
    return [
        pgtrigger.Protect(name="append_only", operation=pgtrigger.Update | pgtrigger.Delete),
        pgtrigger.Trigger(
            name="append_only_truncate",
            level=pgtrigger.Statement,
            when=pgtrigger.Before,
            operation=pgtrigger.Truncate,
            func="RAISE EXCEPTION 'pgtrigger: Cannot truncate the append-only table %', TG_TABLE_NAME;",
        ),
    ]


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError(APPEND_ONLY_MESSAGE)

    def delete(self):
        raise ValidationError(APPEND_ONLY_MESSAGE)


class AppendOnlyModel(models.Model):
    """Refuses updates and deletes through the ORM, whatever the write path.

    A concrete log also declares ``triggers = append_only_triggers()`` in its ``Meta``, so the
    database refuses them too.
    """

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(APPEND_ONLY_MESSAGE)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(APPEND_ONLY_MESSAGE)
