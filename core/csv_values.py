"""SQL building blocks for the public CSV downloads, which read ``values_list()`` rows.

A download of 100,000 rows must not build model instances or reverse a URL per
row: the values come straight from SQL (joins, and aggregated lists of
related rows), and the few derived cells are cheap lookups in Python.
"""

import re

from django.db import connection
from django.db.models import Aggregate, CharField, F, OuterRef, Subquery, Value, Window
from django.db.models.expressions import RowRange
from django.urls import reverse

from .converters import PublicCodeConverter

# Rows fetched from the database at a time (a server-side cursor on PostgreSQL).
CSV_CHUNK = 2000
LIST_SEPARATOR = ";"
# A code that ``reverse()`` puts into a URL unchanged (no quoting): the <code:...> converter's alphabet.
_PLAIN_CODE = re.compile(PublicCodeConverter.regex)
_MARKER = "__code__"


class GroupConcat(Aggregate):
    """SQLite's ``GROUP_CONCAT(value, separator)``; used as a window function for a fixed order."""

    function = "GROUP_CONCAT"
    output_field = CharField()


def joined(queryset, outer: str, value, separator: str = LIST_SEPARATOR) -> Subquery:
    """Subquery: ``value`` over the rows of ``queryset`` whose ``outer`` is the outer row, in pk order,
    joined with ``separator``; NULL when there are none.

    PostgreSQL aggregates with ``string_agg(... ORDER BY id)``. SQLite's
    ``GROUP_CONCAT`` takes no order before 3.44, but as a window function over
    the whole partition it concatenates in the window's order.
    """
    rows = queryset.filter(**{outer: OuterRef("pk")}).order_by()
    value = F(value) if isinstance(value, str) else value
    if connection.vendor == "postgresql":
        from django.contrib.postgres.aggregates import StringAgg

        aggregated = rows.values(outer).annotate(
            _joined=StringAgg(value, delimiter=separator, order_by=F("pk").asc())
        )
        return Subquery(aggregated.values("_joined"), output_field=CharField())
    window = Window(
        GroupConcat(value, Value(separator)),
        order_by=F("pk").asc(),
        frame=RowRange(start=None, end=None),
    )
    return Subquery(rows.annotate(_joined=window).values("_joined")[:1], output_field=CharField())


def detail_url(request, viewname: str):
    """A function giving the URL of ``viewname`` for a code, as ``reverse()`` would: absolute
    for ``request``, the path alone when ``request`` is None.

    One ``reverse()`` gives the URL's shape; codes of the converter's alphabet
    (all generated codes) are then put in by concatenation. Any other code
    goes through ``reverse()`` itself, so the answer is always reverse()'s.
    """
    base = request.build_absolute_uri("/")[:-1] if request is not None else ""
    before, _marker, after = reverse(viewname, args=[_MARKER]).partition(_MARKER)
    prefix = base + before
    plain = _PLAIN_CODE.fullmatch

    def url(code: str) -> str:
        if plain(code):
            return prefix + code + after
        return base + reverse(viewname, args=[code])

    return url
