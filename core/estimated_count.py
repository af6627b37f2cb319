"""Admin change lists without COUNT(*) over a big table.

Django's admin paginator counts the change list's queryset for the page
links. Over an unfiltered table of a million victims that is a full scan on
every page view; PostgreSQL's own estimate (``pg_class.reltuples``, kept by
ANALYZE and autovacuum) is free and close enough for "page 1 of ~20,000".
Filtered or small tables are counted exactly.
"""

from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

# Below this many rows an exact count is cheap and looks better.
EXACT_BELOW = 20_000


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


class EstimatedCountPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        estimate = estimated_rows(self.object_list) if hasattr(self.object_list, "query") else None
        return estimate if estimate is not None else super().count
