"""Trigram indexes for the admin's victim search, on PostgreSQL.

The admin searches ``icontains`` on code, name and Arabic name, which Django
writes as ``UPPER(column::text) LIKE UPPER('%word%')``. A GIN ``gin_trgm_ops``
index on exactly ``UPPER(column)`` answers that for any part of the text, so
a search need not read a million rows. ``search_text`` cannot serve: it leaves
out names that are not published, which documenters must still find.
(pg_trgm is created by facilities 0003.)
"""

from django.db import migrations

from core.db import RunSQLOnPostgreSQL

COLUMNS = ("code", "name", "name_ar")


class Migration(migrations.Migration):
    dependencies = [
        ("facilities", "0003_search_text_and_indexes"),
        ("victims", "0004_list_order_index"),
    ]

    operations = [
        RunSQLOnPostgreSQL(
            f"CREATE INDEX victims_victim_{column}_upper_trgm ON victims_victim "
            f"USING gin (UPPER({column}) gin_trgm_ops)",
            f"DROP INDEX IF EXISTS victims_victim_{column}_upper_trgm",
        )
        for column in COLUMNS
    ]
