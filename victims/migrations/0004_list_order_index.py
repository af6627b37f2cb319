"""The public victim list's order (date of harm, undated last, then id) as an index, on PostgreSQL.

A plain index on date_of_harm cannot serve "DESC NULLS LAST"; without this one
every page sorts all public victims.
"""

from django.db import migrations

from core.db import RunSQLOnPostgreSQL


class Migration(migrations.Migration):
    dependencies = [
        ("victims", "0003_search_text_and_indexes"),
    ]

    operations = [
        RunSQLOnPostgreSQL(
            "CREATE INDEX victims_victim_list_order ON victims_victim (date_of_harm DESC NULLS LAST, id DESC)",
            "DROP INDEX IF EXISTS victims_victim_list_order",
        ),
    ]
