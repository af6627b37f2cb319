"""Pre-counted report cells, and on PostgreSQL the triggers that mark days to recount.

The statements are a frozen copy of what ``reports.tallies.install_triggers_sql()``,
``drop_triggers_sql()`` and ``MARK_EVERYTHING`` gave when this migration was last edited
(commit 404fe1e, when stale days stopped being unique); they used to be imported from that
live module. A database migrated before that commit ran them with ``ON CONFLICT DO NOTHING``
and a ``day`` primary key: 0002_tally_triggers_reinstalled reinstalls today's definitions and
repairs that table, whatever ran here. Never edit this migration: add a new one.
"""

from django.db import migrations, models


INSTALL_STATEMENTS = [
    r"""
CREATE OR REPLACE FUNCTION reports_stale_everything() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
INSERT INTO reports_staleday (day) VALUES ('0001-01-01');
RETURN NULL;
END
$$;""",
    r"""
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
$$;""",
    'DROP TRIGGER IF EXISTS reports_stale_victims_victim_insert ON victims_victim;',
    'CREATE TRIGGER reports_stale_victims_victim_insert AFTER INSERT ON victims_victim REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_victims_victim();',
    'DROP TRIGGER IF EXISTS reports_stale_victims_victim_update ON victims_victim;',
    'CREATE TRIGGER reports_stale_victims_victim_update AFTER UPDATE ON victims_victim REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_victims_victim();',
    'DROP TRIGGER IF EXISTS reports_stale_victims_victim_delete ON victims_victim;',
    'CREATE TRIGGER reports_stale_victims_victim_delete AFTER DELETE ON victims_victim REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_victims_victim();',
    'DROP TRIGGER IF EXISTS reports_stale_victims_victim_truncate ON victims_victim;',
    'CREATE TRIGGER reports_stale_victims_victim_truncate AFTER TRUNCATE ON victims_victim FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_everything();',
    r"""
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
$$;""",
    'DROP TRIGGER IF EXISTS reports_stale_incidents_incident_insert ON incidents_incident;',
    'CREATE TRIGGER reports_stale_incidents_incident_insert AFTER INSERT ON incidents_incident REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_incidents_incident();',
    'DROP TRIGGER IF EXISTS reports_stale_incidents_incident_update ON incidents_incident;',
    'CREATE TRIGGER reports_stale_incidents_incident_update AFTER UPDATE ON incidents_incident REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_incidents_incident();',
    'DROP TRIGGER IF EXISTS reports_stale_incidents_incident_delete ON incidents_incident;',
    'CREATE TRIGGER reports_stale_incidents_incident_delete AFTER DELETE ON incidents_incident REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_incidents_incident();',
    'DROP TRIGGER IF EXISTS reports_stale_incidents_incident_truncate ON incidents_incident;',
    'CREATE TRIGGER reports_stale_incidents_incident_truncate AFTER TRUNCATE ON incidents_incident FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_everything();',
    r"""
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
$$;""",
    'DROP TRIGGER IF EXISTS reports_stale_incidents_attribution_insert ON incidents_attribution;',
    'CREATE TRIGGER reports_stale_incidents_attribution_insert AFTER INSERT ON incidents_attribution REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_incidents_attribution();',
    'DROP TRIGGER IF EXISTS reports_stale_incidents_attribution_update ON incidents_attribution;',
    'CREATE TRIGGER reports_stale_incidents_attribution_update AFTER UPDATE ON incidents_attribution REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_incidents_attribution();',
    'DROP TRIGGER IF EXISTS reports_stale_incidents_attribution_delete ON incidents_attribution;',
    'CREATE TRIGGER reports_stale_incidents_attribution_delete AFTER DELETE ON incidents_attribution REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_incidents_attribution();',
    'DROP TRIGGER IF EXISTS reports_stale_incidents_attribution_truncate ON incidents_attribution;',
    'CREATE TRIGGER reports_stale_incidents_attribution_truncate AFTER TRUNCATE ON incidents_attribution FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_everything();',
    r"""
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
$$;""",
    'DROP TRIGGER IF EXISTS reports_stale_incidents_attack_insert ON incidents_attack;',
    'CREATE TRIGGER reports_stale_incidents_attack_insert AFTER INSERT ON incidents_attack REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_incidents_attack();',
    'DROP TRIGGER IF EXISTS reports_stale_incidents_attack_update ON incidents_attack;',
    'CREATE TRIGGER reports_stale_incidents_attack_update AFTER UPDATE ON incidents_attack REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_incidents_attack();',
    'DROP TRIGGER IF EXISTS reports_stale_incidents_attack_delete ON incidents_attack;',
    'CREATE TRIGGER reports_stale_incidents_attack_delete AFTER DELETE ON incidents_attack REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_incidents_attack();',
    'DROP TRIGGER IF EXISTS reports_stale_incidents_attack_truncate ON incidents_attack;',
    'CREATE TRIGGER reports_stale_incidents_attack_truncate AFTER TRUNCATE ON incidents_attack FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_everything();',
    r"""
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
$$;""",
    'DROP TRIGGER IF EXISTS reports_stale_facilities_facility_update ON facilities_facility;',
    'CREATE TRIGGER reports_stale_facilities_facility_update AFTER UPDATE ON facilities_facility REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_facilities_facility();',
    'DROP TRIGGER IF EXISTS reports_stale_facilities_facility_delete ON facilities_facility;',
    'CREATE TRIGGER reports_stale_facilities_facility_delete AFTER DELETE ON facilities_facility REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_facilities_facility();',
    'DROP TRIGGER IF EXISTS reports_stale_facilities_facility_truncate ON facilities_facility;',
    'CREATE TRIGGER reports_stale_facilities_facility_truncate AFTER TRUNCATE ON facilities_facility FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_everything();',
    r"""
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
$$;""",
    'DROP TRIGGER IF EXISTS reports_stale_facilities_place_update ON facilities_place;',
    'CREATE TRIGGER reports_stale_facilities_place_update AFTER UPDATE ON facilities_place REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_facilities_place();',
    'DROP TRIGGER IF EXISTS reports_stale_facilities_place_delete ON facilities_place;',
    'CREATE TRIGGER reports_stale_facilities_place_delete AFTER DELETE ON facilities_place REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_facilities_place();',
    'DROP TRIGGER IF EXISTS reports_stale_facilities_place_truncate ON facilities_place;',
    'CREATE TRIGGER reports_stale_facilities_place_truncate AFTER TRUNCATE ON facilities_place FOR EACH STATEMENT EXECUTE FUNCTION reports_stale_everything();',
]

DROP_STATEMENTS = [
    'DROP TRIGGER IF EXISTS reports_stale_victims_victim_insert ON victims_victim;',
    'DROP TRIGGER IF EXISTS reports_stale_victims_victim_update ON victims_victim;',
    'DROP TRIGGER IF EXISTS reports_stale_victims_victim_delete ON victims_victim;',
    'DROP TRIGGER IF EXISTS reports_stale_victims_victim_truncate ON victims_victim;',
    'DROP FUNCTION IF EXISTS reports_stale_victims_victim();',
    'DROP TRIGGER IF EXISTS reports_stale_incidents_incident_insert ON incidents_incident;',
    'DROP TRIGGER IF EXISTS reports_stale_incidents_incident_update ON incidents_incident;',
    'DROP TRIGGER IF EXISTS reports_stale_incidents_incident_delete ON incidents_incident;',
    'DROP TRIGGER IF EXISTS reports_stale_incidents_incident_truncate ON incidents_incident;',
    'DROP FUNCTION IF EXISTS reports_stale_incidents_incident();',
    'DROP TRIGGER IF EXISTS reports_stale_incidents_attribution_insert ON incidents_attribution;',
    'DROP TRIGGER IF EXISTS reports_stale_incidents_attribution_update ON incidents_attribution;',
    'DROP TRIGGER IF EXISTS reports_stale_incidents_attribution_delete ON incidents_attribution;',
    'DROP TRIGGER IF EXISTS reports_stale_incidents_attribution_truncate ON incidents_attribution;',
    'DROP FUNCTION IF EXISTS reports_stale_incidents_attribution();',
    'DROP TRIGGER IF EXISTS reports_stale_incidents_attack_insert ON incidents_attack;',
    'DROP TRIGGER IF EXISTS reports_stale_incidents_attack_update ON incidents_attack;',
    'DROP TRIGGER IF EXISTS reports_stale_incidents_attack_delete ON incidents_attack;',
    'DROP TRIGGER IF EXISTS reports_stale_incidents_attack_truncate ON incidents_attack;',
    'DROP FUNCTION IF EXISTS reports_stale_incidents_attack();',
    'DROP TRIGGER IF EXISTS reports_stale_facilities_facility_insert ON facilities_facility;',
    'DROP TRIGGER IF EXISTS reports_stale_facilities_facility_update ON facilities_facility;',
    'DROP TRIGGER IF EXISTS reports_stale_facilities_facility_delete ON facilities_facility;',
    'DROP TRIGGER IF EXISTS reports_stale_facilities_facility_truncate ON facilities_facility;',
    'DROP FUNCTION IF EXISTS reports_stale_facilities_facility();',
    'DROP TRIGGER IF EXISTS reports_stale_facilities_place_insert ON facilities_place;',
    'DROP TRIGGER IF EXISTS reports_stale_facilities_place_update ON facilities_place;',
    'DROP TRIGGER IF EXISTS reports_stale_facilities_place_delete ON facilities_place;',
    'DROP TRIGGER IF EXISTS reports_stale_facilities_place_truncate ON facilities_place;',
    'DROP FUNCTION IF EXISTS reports_stale_facilities_place();',
    'DROP FUNCTION IF EXISTS reports_stale_everything();',
]

MARK_EVERYTHING = "INSERT INTO reports_staleday (day) VALUES ('0001-01-01');"


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in INSTALL_STATEMENTS:
        schema_editor.execute(statement)
    # Whatever is in the database now gets counted by the first report.
    schema_editor.execute(MARK_EVERYTHING)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in DROP_STATEMENTS:
        schema_editor.execute(statement)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("facilities", "0003_search_text_and_indexes"),
        ("incidents", "0005_list_order_index_without_narrative_trigram"),
        ("victims", "0004_list_order_index"),
    ]

    operations = [
        migrations.CreateModel(
            name='StaleDay',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('day', models.DateField(verbose_name='day')),
            ],
            options={
                'verbose_name': 'stale day',
                'verbose_name_plural': 'stale days',
                'default_permissions': (),
            },
        ),
        migrations.CreateModel(
            name='AttackFact',
            fields=[
                ('attack_id', models.BigIntegerField(primary_key=True, serialize=False, verbose_name='attack')),
                ('day', models.DateField(verbose_name='day')),
                ('governorate_id', models.BigIntegerField(null=True, verbose_name='governorate')),
                ('facility_id', models.BigIntegerField(verbose_name='facility')),
            ],
            options={
                'verbose_name': 'attack fact',
                'verbose_name_plural': 'attack facts',
                'default_permissions': (),
                'indexes': [models.Index(fields=['day', 'facility_id'], name='attack_fact_day')],
            },
        ),
        migrations.CreateModel(
            name='ReportCell',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('start', models.DateField(verbose_name='day or first day of the month')),
                ('monthly', models.BooleanField(verbose_name='whole month')),
                ('measure', models.CharField(choices=[('killed', 'Victims killed'), ('attacks', 'Attacks on facilities')], max_length=10, verbose_name='measure')),
                ('all_places', models.BooleanField(verbose_name='all places')),
                ('governorate_id', models.BigIntegerField(null=True, verbose_name='governorate')),
                ('party_id', models.BigIntegerField(null=True, verbose_name='primary party')),
                ('category', models.CharField(max_length=40, verbose_name='category')),
                ('sex', models.CharField(blank=True, max_length=20, verbose_name='sex')),
                ('n', models.PositiveIntegerField(verbose_name='count')),
                ('children', models.PositiveIntegerField(default=0, verbose_name='of them children')),
            ],
            options={
                'verbose_name': 'report cell',
                'verbose_name_plural': 'report cells',
                'default_permissions': (),
                'indexes': [models.Index(fields=['measure', 'all_places', 'monthly', 'start'], name='report_cell_lookup')],
            },
        ),
        migrations.RunPython(install, uninstall),
    ]
