"""Append-only records: logs that may grow but never change or shrink."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

APPEND_ONLY_MESSAGE = _("This log is append-only: entries cannot be changed or deleted.")


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError(APPEND_ONLY_MESSAGE)

    def delete(self):
        raise ValidationError(APPEND_ONLY_MESSAGE)


class AppendOnlyModel(models.Model):
    """Refuses updates and deletes through the ORM, whatever the write path."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(APPEND_ONLY_MESSAGE)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(APPEND_ONLY_MESSAGE)
