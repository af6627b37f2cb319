"""On PostgreSQL: the public incident list's order (date, then id, newest first) as an index,
and no trigram index on incident narratives (trigram search is for names; see core.search).
"""

from django.db import migrations

from core.db import RunSQLOnPostgreSQL


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0004_search_text_and_indexes"),
    ]

    operations = [
        RunSQLOnPostgreSQL(
            "CREATE INDEX incidents_incident_list_order ON incidents_incident (date DESC, id DESC)",
            "DROP INDEX IF EXISTS incidents_incident_list_order",
        ),
        RunSQLOnPostgreSQL(
            "DROP INDEX IF EXISTS incidents_incident_search_trgm",
            "CREATE INDEX incidents_incident_search_trgm ON incidents_incident USING gin (search_text gin_trgm_ops)",
        ),
    ]
