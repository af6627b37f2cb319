"""Generated public codes: stable identifiers such as ``FAC-000123``.

A code is assigned once, when a record is first saved without one, and never
changes. The next number follows the highest code already issued under the
same prefix; a concurrent writer that takes the same number loses the race on
the unique index and retries with the next one.
"""

import re

from django.db import IntegrityError, models, transaction

MAX_ATTEMPTS = 5


def next_code(model: type[models.Model], prefix: str, width: int) -> str:
    """Return the next free code ``<prefix><number>`` for ``model``."""
    pattern = re.compile(rf"^{re.escape(prefix)}(\d+)$")
    highest = 0
    candidates = (
        model._default_manager.filter(code__startswith=prefix)
        .order_by(models.functions.Length("code").desc(), "-code")
        .values_list("code", flat=True)[:20]
    )
    for code in candidates:
        match = pattern.match(code)
        if match:
            highest = max(highest, int(match.group(1)))
    return f"{prefix}{highest + 1:0{width}d}"


class PublicCodeMixin(models.Model):
    """Assigns ``code`` from ``code_prefix()`` on first save when left blank."""

    code_width = 6

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.code:
            return super().save(*args, **kwargs)
        for attempt in range(MAX_ATTEMPTS):
            self.code = next_code(type(self), self.code_prefix(), self.code_width)
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                if attempt == MAX_ATTEMPTS - 1 or not self._code_taken():
                    self.code = ""
                    raise
        return None

    def code_prefix(self) -> str:
        raise NotImplementedError

    def _code_taken(self) -> bool:
        return type(self)._default_manager.filter(code=self.code).exists()
