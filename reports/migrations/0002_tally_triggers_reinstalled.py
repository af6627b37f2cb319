"""Today's report-tally triggers (see reports.tallies), reinstalled on every database.

Migration 0001 installed them from the live module ``reports.tallies`` and was then edited
(stale days stopped being unique, and the triggers' ``ON CONFLICT DO NOTHING`` went): a
database migrated before that edit kept ``day`` as the table's primary key and the old
functions. This migration repairs the table and is the triggers' definition now, frozen as
literal SQL: each function is replaced, each trigger dropped and created again, so every
database ends with the same triggers (``tests/core/test_triggers.py`` compares them with the
database). PostgreSQL only for the triggers.

Nothing is marked stale: the old functions noted the same days as these.

To change a trigger, never edit this migration: add a new one that replaces the function
(CREATE OR REPLACE FUNCTION) or drops and creates the trigger.
"""

from django.db import migrations

from core.db import RunSQLOnPostgreSQL

INSTALL_SQL = r"""
CREATE OR REPLACE FUNCTION reports_stale_everything() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
INSERT INTO reports_staleday (day) VALUES ('0001-01-01');
RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION reports_stale_victims_victim() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
IF TG_OP = 'INSERT' THEN
INSERT INTO reports_staleday (day) SELECT DISTINCT d FROM (SELECT date_of_harm FROM new_rows) AS s(d) WHERE d IS NOT NULL;
END IF;
IF TG_OP = 'UPDATE' THEN
INSERT INTO reports_staleday (day) SELECT DISTINCT d FROM (SELECT date_of_harm FROM new_rows) AS s(d) WHERE d IS NOT NULL;
INSERT INTO reports_staleday (day) SELECT DISTINCT d FROM (SELECT date_of_harm FROM old_rows) AS s(d) WHERE d IS NOT NULL;
END IF;
IF TG_OP = 'DELETE' THEN
INSERT INTO reports_staleday (day) SELECT DISTINCT d FROM (SELECT date_of_harm FROM old_rows) AS s(d) WHERE d IS NOT NULL;
END IF;
RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS reports_stale_victims_victim_insert ON victims_victim;
CREATE TRIGGER reports_stale_victims_victim_insert AFTER INSERT ON victims_victim REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_victims_victim();
DROP TRIGGER IF EXISTS reports_stale_victims_victim_update ON victims_victim;
CREATE TRIGGER reports_stale_victims_victim_update AFTER UPDATE ON victims_victim REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_victims_victim();
DROP TRIGGER IF EXISTS reports_stale_victims_victim_delete ON victims_victim;
CREATE TRIGGER reports_stale_victims_victim_delete AFTER DELETE ON victims_victim REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_victims_victim();
DROP TRIGGER IF EXISTS reports_stale_victims_victim_truncate ON victims_victim;
CREATE TRIGGER reports_stale_victims_victim_truncate AFTER TRUNCATE ON victims_victim
    FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_everything();

CREATE OR REPLACE FUNCTION reports_stale_incidents_incident() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
IF TG_OP = 'INSERT' THEN
INSERT INTO reports_staleday (day) SELECT DISTINCT d FROM (SELECT date FROM new_rows UNION ALL SELECT v.date_of_harm FROM victims_victim v WHERE v.incident_id IN (SELECT id FROM new_rows)) AS s(d) WHERE d IS NOT NULL;
END IF;
IF TG_OP = 'UPDATE' THEN
INSERT INTO reports_staleday (day) SELECT DISTINCT d FROM (SELECT date FROM new_rows UNION ALL SELECT v.date_of_harm FROM victims_victim v WHERE v.incident_id IN (SELECT id FROM new_rows)) AS s(d) WHERE d IS NOT NULL;
INSERT INTO reports_staleday (day) SELECT DISTINCT d FROM (SELECT date FROM old_rows UNION ALL SELECT v.date_of_harm FROM victims_victim v WHERE v.incident_id IN (SELECT id FROM old_rows)) AS s(d) WHERE d IS NOT NULL;
END IF;
IF TG_OP = 'DELETE' THEN
INSERT INTO reports_staleday (day) SELECT DISTINCT d FROM (SELECT date FROM old_rows UNION ALL SELECT v.date_of_harm FROM victims_victim v WHERE v.incident_id IN (SELECT id FROM old_rows)) AS s(d) WHERE d IS NOT NULL;
END IF;
RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS reports_stale_incidents_incident_insert ON incidents_incident;
CREATE TRIGGER reports_stale_incidents_incident_insert AFTER INSERT ON incidents_incident REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_incidents_incident();
DROP TRIGGER IF EXISTS reports_stale_incidents_incident_update ON incidents_incident;
CREATE TRIGGER reports_stale_incidents_incident_update AFTER UPDATE ON incidents_incident REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_incidents_incident();
DROP TRIGGER IF EXISTS reports_stale_incidents_incident_delete ON incidents_incident;
CREATE TRIGGER reports_stale_incidents_incident_delete AFTER DELETE ON incidents_incident REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_incidents_incident();
DROP TRIGGER IF EXISTS reports_stale_incidents_incident_truncate ON incidents_incident;
CREATE TRIGGER reports_stale_incidents_incident_truncate AFTER TRUNCATE ON incidents_incident
    FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_everything();

CREATE OR REPLACE FUNCTION reports_stale_incidents_attribution() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
IF TG_OP = 'INSERT' THEN
INSERT INTO reports_staleday (day) SELECT DISTINCT d FROM (SELECT i.date FROM incidents_incident i WHERE i.id IN (SELECT incident_id FROM new_rows) UNION ALL SELECT v.date_of_harm FROM victims_victim v WHERE v.incident_id IN (SELECT incident_id FROM new_rows)) AS s(d) WHERE d IS NOT NULL;
END IF;
IF TG_OP = 'UPDATE' THEN
INSERT INTO reports_staleday (day) SELECT DISTINCT d FROM (SELECT i.date FROM incidents_incident i WHERE i.id IN (SELECT incident_id FROM new_rows) UNION ALL SELECT v.date_of_harm FROM victims_victim v WHERE v.incident_id IN (SELECT incident_id FROM new_rows)) AS s(d) WHERE d IS NOT NULL;
INSERT INTO reports_staleday (day) SELECT DISTINCT d FROM (SELECT i.date FROM incidents_incident i WHERE i.id IN (SELECT incident_id FROM old_rows) UNION ALL SELECT v.date_of_harm FROM victims_victim v WHERE v.incident_id IN (SELECT incident_id FROM old_rows)) AS s(d) WHERE d IS NOT NULL;
END IF;
IF TG_OP = 'DELETE' THEN
INSERT INTO reports_staleday (day) SELECT DISTINCT d FROM (SELECT i.date FROM incidents_incident i WHERE i.id IN (SELECT incident_id FROM old_rows) UNION ALL SELECT v.date_of_harm FROM victims_victim v WHERE v.incident_id IN (SELECT incident_id FROM old_rows)) AS s(d) WHERE d IS NOT NULL;
END IF;
RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS reports_stale_incidents_attribution_insert ON incidents_attribution;
CREATE TRIGGER reports_stale_incidents_attribution_insert AFTER INSERT ON incidents_attribution REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_incidents_attribution();
DROP TRIGGER IF EXISTS reports_stale_incidents_attribution_update ON incidents_attribution;
CREATE TRIGGER reports_stale_incidents_attribution_update AFTER UPDATE ON incidents_attribution REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_incidents_attribution();
DROP TRIGGER IF EXISTS reports_stale_incidents_attribution_delete ON incidents_attribution;
CREATE TRIGGER reports_stale_incidents_attribution_delete AFTER DELETE ON incidents_attribution REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_incidents_attribution();
DROP TRIGGER IF EXISTS reports_stale_incidents_attribution_truncate ON incidents_attribution;
CREATE TRIGGER reports_stale_incidents_attribution_truncate AFTER TRUNCATE ON incidents_attribution
    FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_everything();

CREATE OR REPLACE FUNCTION reports_stale_incidents_attack() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
IF TG_OP = 'INSERT' THEN
INSERT INTO reports_staleday (day) SELECT DISTINCT d FROM (SELECT i.date FROM incidents_incident i WHERE i.id IN (SELECT incident_id FROM new_rows)) AS s(d) WHERE d IS NOT NULL;
END IF;
IF TG_OP = 'UPDATE' THEN
INSERT INTO reports_staleday (day) SELECT DISTINCT d FROM (SELECT i.date FROM incidents_incident i WHERE i.id IN (SELECT incident_id FROM new_rows)) AS s(d) WHERE d IS NOT NULL;
INSERT INTO reports_staleday (day) SELECT DISTINCT d FROM (SELECT i.date FROM incidents_incident i WHERE i.id IN (SELECT incident_id FROM old_rows)) AS s(d) WHERE d IS NOT NULL;
END IF;
IF TG_OP = 'DELETE' THEN
INSERT INTO reports_staleday (day) SELECT DISTINCT d FROM (SELECT i.date FROM incidents_incident i WHERE i.id IN (SELECT incident_id FROM old_rows)) AS s(d) WHERE d IS NOT NULL;
END IF;
RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS reports_stale_incidents_attack_insert ON incidents_attack;
CREATE TRIGGER reports_stale_incidents_attack_insert AFTER INSERT ON incidents_attack REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_incidents_attack();
DROP TRIGGER IF EXISTS reports_stale_incidents_attack_update ON incidents_attack;
CREATE TRIGGER reports_stale_incidents_attack_update AFTER UPDATE ON incidents_attack REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_incidents_attack();
DROP TRIGGER IF EXISTS reports_stale_incidents_attack_delete ON incidents_attack;
CREATE TRIGGER reports_stale_incidents_attack_delete AFTER DELETE ON incidents_attack REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_incidents_attack();
DROP TRIGGER IF EXISTS reports_stale_incidents_attack_truncate ON incidents_attack;
CREATE TRIGGER reports_stale_incidents_attack_truncate AFTER TRUNCATE ON incidents_attack
    FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_everything();

CREATE OR REPLACE FUNCTION reports_stale_facilities_facility() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
IF TG_OP = 'UPDATE' THEN
INSERT INTO reports_staleday (day) SELECT DISTINCT d FROM (SELECT i.date FROM incidents_attack a JOIN incidents_incident i ON i.id = a.incident_id WHERE a.facility_id IN (SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.kind IS DISTINCT FROM o.kind)) AS s(d) WHERE d IS NOT NULL;
END IF;
IF TG_OP = 'DELETE' THEN
INSERT INTO reports_staleday (day) SELECT DISTINCT d FROM (SELECT i.date FROM incidents_attack a JOIN incidents_incident i ON i.id = a.incident_id WHERE a.facility_id IN (SELECT id FROM old_rows)) AS s(d) WHERE d IS NOT NULL;
END IF;
RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS reports_stale_facilities_facility_update ON facilities_facility;
CREATE TRIGGER reports_stale_facilities_facility_update AFTER UPDATE ON facilities_facility REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_facilities_facility();
DROP TRIGGER IF EXISTS reports_stale_facilities_facility_delete ON facilities_facility;
CREATE TRIGGER reports_stale_facilities_facility_delete AFTER DELETE ON facilities_facility REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_facilities_facility();
DROP TRIGGER IF EXISTS reports_stale_facilities_facility_truncate ON facilities_facility;
CREATE TRIGGER reports_stale_facilities_facility_truncate AFTER TRUNCATE ON facilities_facility
    FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_everything();

CREATE OR REPLACE FUNCTION reports_stale_facilities_place() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
IF TG_OP = 'UPDATE' THEN
IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.path IS DISTINCT FROM o.path) THEN INSERT INTO reports_staleday (day) VALUES ('0001-01-01'); END IF;
END IF;
IF TG_OP = 'DELETE' THEN
INSERT INTO reports_staleday (day) VALUES ('0001-01-01');
END IF;
RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS reports_stale_facilities_place_update ON facilities_place;
CREATE TRIGGER reports_stale_facilities_place_update AFTER UPDATE ON facilities_place REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_facilities_place();
DROP TRIGGER IF EXISTS reports_stale_facilities_place_delete ON facilities_place;
CREATE TRIGGER reports_stale_facilities_place_delete AFTER DELETE ON facilities_place REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_facilities_place();
DROP TRIGGER IF EXISTS reports_stale_facilities_place_truncate ON facilities_place;
CREATE TRIGGER reports_stale_facilities_place_truncate AFTER TRUNCATE ON facilities_place
    FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_everything();
"""


def repair_stale_days(apps, schema_editor):
    """Give ``reports_staleday`` the ``id`` primary key 0001 declares, where it has ``day``."""
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        columns = {c.name for c in connection.introspection.get_table_description(cursor, "reports_staleday")}
    if "id" in columns:
        return
    if connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE reports_staleday DROP CONSTRAINT reports_staleday_pkey")
        schema_editor.execute(
            "ALTER TABLE reports_staleday ADD COLUMN id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
        )
    else:
        # Only PostgreSQL's triggers write stale days: the table is empty elsewhere.
        stale_day = apps.get_model("reports", "StaleDay")
        schema_editor.execute("DROP TABLE reports_staleday")
        schema_editor.create_model(stale_day)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_tallies"),
    ]

    operations = [
        migrations.RunPython(repair_stale_days, migrations.RunPython.noop),
        # Going back leaves today's functions: 0001's reverse drops them by name.
        RunSQLOnPostgreSQL(INSTALL_SQL, migrations.RunSQL.noop),
    ]
