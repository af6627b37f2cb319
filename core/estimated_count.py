"""Admin change lists without COUNT(*) over a big table.

Django's admin paginator counts the change list's queryset for the page
links. Over an unfiltered table of a million victims that is a full scan on
every page view; PostgreSQL's own estimate (``pg_class.reltuples``, kept by
ANALYZE and autovacuum) is free and close enough for "page 1 of ~20,000".

A filtered or searched list is counted exactly up to ``COUNT_CAP`` rows; past it
the count stops and the list says "more than 10,000" (a search for a town's
name matches tens of thousands of incidents, and counting them all cost more
than the rest of the page). Pages up to the cap are linked; the select-all
action still acts on every matching row. Small tables are counted exactly.
"""

from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

# Below this many rows an exact count is cheap and looks better.
EXACT_BELOW = 20_000
#: A filtered list's count stops past this many rows (PostgreSQL).
COUNT_CAP = 10_000


class AtLeast(int):
    """A count that stopped at its cap: the list holds more rows than this."""

    capped = True


def estimated_rows(queryset) -> int | None:
    """The planner's row estimate for an unfiltered table on PostgreSQL, else ``None``."""
    query = queryset.query
    connection = connections[queryset.db]
    if connection.vendor != "postgresql" or query.has_filters() or query.distinct or query.combinator:
        return None
    with connection.cursor() as cursor:
        table = queryset.model._meta.db_table
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(%s)", [table])
        row = cursor.fetchone()
    return row[0] if row and row[0] >= EXACT_BELOW else None


def capped_count(queryset) -> int:
    """``queryset``'s size, or ``AtLeast(COUNT_CAP)`` past the cap, on PostgreSQL."""
    if connections[queryset.db].vendor != "postgresql" or queryset.query.combinator:
        return queryset.count()
    # Unordered: a sorted subquery would sort every match before the limit.
    found = queryset.order_by()[: COUNT_CAP + 1].count()
    return AtLeast(COUNT_CAP) if found > COUNT_CAP else found


class EstimatedCountPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        if not hasattr(self.object_list, "query"):
            return super().count
        estimate = estimated_rows(self.object_list)
        return estimate if estimate is not None else capped_count(self.object_list)
