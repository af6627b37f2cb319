"""Keyset pagination: pages stay fast however deep, and no COUNT(*) over the table.

A page is the ``page_size`` rows after (or before) a cursor in a stable order:
one sort key (such as ``-date``) and then the primary key as the tie-breaker.
The cursor is the sort key and id of the last (or first) row shown. One extra
row is fetched to know whether another page follows.

A cursor comes back from the visitor, so it is decoded with care: at most
``MAX_CURSOR_LENGTH`` characters, no nesting, no ``NaN`` or ``Infinity``, and
exactly ``[text or null, whole number]``. Anything else raises
``InvalidCursor`` (the list answers 400).
"""

import base64
import binascii
import json
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

PAGE_SIZES = (25, 50, 100, 200)
DEFAULT_PAGE_SIZE = 50
COUNT_CAP = 10_000
# The longest cursor accepted: a 250-character name in four-byte characters, encoded, fits.
MAX_CURSOR_LENGTH = 2048
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


class InvalidCursor(ValidationError):
    """A cursor this list did not give out."""


def _refuse_constant(name):
    raise ValueError(f"{name} is not a cursor value")


@dataclass
class Page:
    rows: list
    page_size: int
    next_cursor: str | None = None
    previous_cursor: str | None = None
    first: bool = True
    extra: dict = field(default_factory=dict)

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None

    @property
    def has_previous(self) -> bool:
        return self.previous_cursor is not None


def page_size_from(value, default: int = DEFAULT_PAGE_SIZE) -> int:
    """The requested page size when it is one of ``PAGE_SIZES``; otherwise the default."""
    try:
        size = int(value)
    except (TypeError, ValueError):
        return default
    return size if size in PAGE_SIZES else default


def capped_count(queryset: QuerySet, cap: int = COUNT_CAP, ordering=()) -> tuple[int, bool]:
    """Count at most ``cap`` rows; the flag says there are more.

    ``ordering``: an order to count in (see ``PublicListView.count_ordering``).
    (No ``select_related`` join: Django keeps it in a sliced count.)
    """
    count = queryset.order_by(*ordering).select_related(None)[: cap + 1].count()
    return min(count, cap), count > cap


class KeysetPaginator:
    """Pages of ``queryset`` ordered by ``key`` (a field, ``-`` for descending) then ``pk``."""

    def __init__(self, key: str, *, nullable: bool = False):
        self.descending = key.startswith("-")
        self.field = key.lstrip("-")
        self.nullable = nullable

    def ordering(self, reverse: bool = False):
        """The normal order (rows without a key last), or its exact reverse.

        NULLS FIRST/LAST only for a nullable key: on a NOT NULL column the plain
        order matches a btree index, the spelled-out one does not.
        """
        descending = self.descending != reverse
        key = F(self.field)
        if self.nullable:
            nulls = {"nulls_first": True} if reverse else {"nulls_last": True}
            key = key.desc(**nulls) if descending else key.asc(**nulls)
        else:
            key = key.desc() if descending else key.asc()
        return [key, F("pk").desc() if descending else F("pk").asc()]

    def paginate(self, queryset: QuerySet, *, page_size: int, after=None, before=None) -> Page:
        """The page after cursor ``after``, before cursor ``before``, or the first page.

        A malformed cursor raises ``InvalidCursor``.
        """
        model = queryset.model
        if before:
            return self._page_before(queryset, self.decode(before, model), page_size)
        if after:
            return self._page_after(queryset, self.decode(after, model), page_size)
        return self._page_after(queryset, None, page_size)

    def _page_after(self, queryset, cursor, page_size) -> Page:
        rows = list(
            queryset.filter(self._beyond(cursor, forward=True)).order_by(*self.ordering())[: page_size + 1]
        )
        page = Page(rows=rows[:page_size], page_size=page_size, first=cursor is None)
        if len(rows) > page_size:
            page.next_cursor = self.encode(page.rows[-1])
        if cursor is not None and page.rows:
            page.previous_cursor = self.encode(page.rows[0])
        return page

    def _page_before(self, queryset, cursor, page_size) -> Page:
        rows = list(
            queryset.filter(self._beyond(cursor, forward=False)).order_by(*self.ordering(reverse=True))[
                : page_size + 1
            ]
        )
        shown = list(reversed(rows[:page_size]))
        page = Page(rows=shown, page_size=page_size, first=len(rows) <= page_size)
        if shown:
            page.next_cursor = self.encode(shown[-1])
            if len(rows) > page_size:
                page.previous_cursor = self.encode(shown[0])
        return page

    def _beyond(self, cursor, *, forward: bool) -> Q:
        """Rows after the cursor (``forward``) or before it, in the normal order."""
        if cursor is None:
            return Q()
        value, pk = cursor
        # "later in the list" means smaller for a descending key.
        later = "lt" if self.descending else "gt"
        earlier = "gt" if self.descending else "lt"
        op = later if forward else earlier
        pk_op = ("lt" if self.descending else "gt") if forward else ("gt" if self.descending else "lt")
        f = self.field
        if value is None:
            # Rows without a key come last, ordered by pk among themselves.
            if forward:
                return Q(**{f"{f}__isnull": True, f"pk__{pk_op}": pk})
            return Q(**{f"{f}__isnull": False}) | Q(**{f"{f}__isnull": True, f"pk__{pk_op}": pk})
        condition = Q(**{f"{f}__{op}": value}) | Q(**{f: value, f"pk__{pk_op}": pk})
        if forward and self.nullable:
            condition |= Q(**{f"{f}__isnull": True})
        return condition

    def encode(self, row) -> str:
        value = row
        for part in self.field.split("__"):
            value = getattr(value, part)
        pair = [None if value is None else str(value), row.pk]
        raw = json.dumps(pair, separators=(",", ":"), ensure_ascii=False)
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    def decode(self, cursor: str, model):
        """``(key value, pk)`` from a cursor of ``encode``; ``InvalidCursor`` for anything else."""
        try:
            if len(cursor) > MAX_CURSOR_LENGTH:
                raise ValueError("too long")
            padded = cursor + "=" * (-len(cursor) % 4)
            raw = base64.urlsafe_b64decode(padded.encode("ascii")).decode()
            # One flat list: refuse nesting before the parser descends into it.
            structure = _JSON_STRING.sub('""', raw)
            if structure.count("[") + structure.count("{") > 1:
                raise ValueError("nested")
            data = json.loads(raw, parse_constant=_refuse_constant, parse_float=_refuse_constant)
            if not (isinstance(data, list) and len(data) == 2):
                raise ValueError("not a pair")
            value, pk = data
            if type(pk) is not int or not 0 < pk < 2**63:
                raise ValueError("bad id")
            if value is not None:
                if type(value) is not str or "\x00" in value:
                    raise ValueError("bad key")
                value = self._key_field(model).to_python(value)
        except (ValueError, TypeError, binascii.Error, UnicodeError, ValidationError) as exc:
            raise InvalidCursor(
                _("This page link is broken or out of date: go back to the first page of the list."),
                code="invalid_cursor",
            ) from exc
        return value, pk

    def _key_field(self, model):
        *relations, name = self.field.split("__")
        for relation in relations:
            model = model._meta.get_field(relation).related_model
        return model._meta.get_field(name)
