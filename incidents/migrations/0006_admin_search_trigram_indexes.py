"""Trigram indexes for the admin's incident search, on PostgreSQL.

The admin searches ``icontains`` on code and title (and place names, matched
first by ``core.admin_search``), which Django writes as
``UPPER(column::text) LIKE UPPER('%word%')``. A GIN ``gin_trgm_ops`` index on
exactly ``UPPER(column)`` answers that without reading 300,000 incidents; it
also serves the victim search's incident codes. (pg_trgm is created by
facilities 0003.)
"""

from django.db import migrations

from core.db import RunSQLOnPostgreSQL

COLUMNS = ("code", "title")


class Migration(migrations.Migration):
    dependencies = [
        ("facilities", "0003_search_text_and_indexes"),
        ("incidents", "0005_list_order_index_without_narrative_trigram"),
    ]

    operations = [
        RunSQLOnPostgreSQL(
            f"CREATE INDEX incidents_incident_{column}_upper_trgm ON incidents_incident "
            f"USING gin (UPPER({column}) gin_trgm_ops)",
            f"DROP INDEX IF EXISTS incidents_incident_{column}_upper_trgm",
        )
        for column in COLUMNS
    ]
