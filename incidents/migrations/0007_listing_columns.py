"""The public list's filter columns on incidents, kept by triggers, and their one GIN index
(PostgreSQL only; see incidents.listing). Computing them for every incident takes about a
minute at SNHR scale (300,000 incidents).

The SQL is a frozen copy of what ``incidents.listing.install_sql()`` and ``uninstall_sql()``
gave when this migration was written (commit 49b3ee0); it used to be imported from that live
module. Today's definitions are installed by 0009_listing_triggers_reinstalled, whatever
version of these a database ran. Never edit this migration: add a new one.
"""

import core.fields
from django.contrib.postgres.operations import BtreeGinExtension
import django.contrib.postgres.search
from django.db import migrations, models

from core.db import RunSQLOnPostgreSQL

INSTALL_SQL = r"""
CREATE OR REPLACE FUNCTION incidents_listing_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.primary_party_id := (
        SELECT a.perpetrator_id FROM incidents_attribution a
        WHERE a.incident_id = NEW.id AND a."primary" LIMIT 1);
    NEW.place_ids := (
        SELECT string_to_array(trim(BOTH '/' FROM p.path), '/')::bigint[]
        FROM facilities_place p WHERE p.id = NEW.place_id);
    NEW.search_vector := to_tsvector('simple', concat_ws(' ',
        NEW.search_text,
        (SELECT string_agg(f.search_text, ' ' ORDER BY t.id)
         FROM incidents_attack t JOIN facilities_facility f ON f.id = t.facility_id
         WHERE t.incident_id = NEW.id),
        (SELECT string_agg(p.search_text, ' ' ORDER BY p.path)
         FROM facilities_place p WHERE p.id = ANY (NEW.place_ids))));
    RETURN NEW;
END $$;
CREATE TRIGGER incidents_listing_row BEFORE INSERT OR UPDATE ON incidents_incident
    FOR EACH ROW EXECUTE FUNCTION incidents_listing_row();

CREATE FUNCTION incidents_listing_incidents_attribution_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE incidents_incident SET primary_party_id = NULL WHERE status = 'published' AND certainty <> 'rumour' AND id IN (SELECT incident_id FROM new_rows); RETURN NULL; END $$;
CREATE TRIGGER incidents_listing_incidents_attribution_insert AFTER INSERT ON incidents_attribution REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incidents_listing_incidents_attribution_insert();
CREATE FUNCTION incidents_listing_incidents_attribution_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE incidents_incident SET primary_party_id = NULL WHERE status = 'published' AND certainty <> 'rumour' AND id IN (SELECT incident_id FROM new_rows UNION SELECT incident_id FROM old_rows); RETURN NULL; END $$;
CREATE TRIGGER incidents_listing_incidents_attribution_update AFTER UPDATE ON incidents_attribution REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incidents_listing_incidents_attribution_update();
CREATE FUNCTION incidents_listing_incidents_attribution_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE incidents_incident SET primary_party_id = NULL WHERE status = 'published' AND certainty <> 'rumour' AND id IN (SELECT incident_id FROM old_rows); RETURN NULL; END $$;
CREATE TRIGGER incidents_listing_incidents_attribution_delete AFTER DELETE ON incidents_attribution REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION incidents_listing_incidents_attribution_delete();
CREATE FUNCTION incidents_listing_incidents_attack_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE incidents_incident SET primary_party_id = NULL WHERE status = 'published' AND certainty <> 'rumour' AND id IN (SELECT incident_id FROM new_rows); RETURN NULL; END $$;
CREATE TRIGGER incidents_listing_incidents_attack_insert AFTER INSERT ON incidents_attack REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incidents_listing_incidents_attack_insert();
CREATE FUNCTION incidents_listing_incidents_attack_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE incidents_incident SET primary_party_id = NULL WHERE status = 'published' AND certainty <> 'rumour' AND id IN (SELECT incident_id FROM new_rows UNION SELECT incident_id FROM old_rows); RETURN NULL; END $$;
CREATE TRIGGER incidents_listing_incidents_attack_update AFTER UPDATE ON incidents_attack REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incidents_listing_incidents_attack_update();
CREATE FUNCTION incidents_listing_incidents_attack_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE incidents_incident SET primary_party_id = NULL WHERE status = 'published' AND certainty <> 'rumour' AND id IN (SELECT incident_id FROM old_rows); RETURN NULL; END $$;
CREATE TRIGGER incidents_listing_incidents_attack_delete AFTER DELETE ON incidents_attack REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION incidents_listing_incidents_attack_delete();
CREATE FUNCTION incidents_listing_facilities_facility_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO incidents_nameword (word) SELECT DISTINCT w FROM new_rows r, regexp_split_to_table(r.search_text, ' ') AS w WHERE w ~ '^[^0-9]{3,}$' AND NOT EXISTS (SELECT 1 FROM incidents_nameword v WHERE v.word = w); RETURN NULL; END $$;
CREATE TRIGGER incidents_listing_facilities_facility_insert AFTER INSERT ON facilities_facility REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incidents_listing_facilities_facility_insert();
CREATE FUNCTION incidents_listing_facilities_facility_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO incidents_nameword (word) SELECT DISTINCT w FROM new_rows r, regexp_split_to_table(r.search_text, ' ') AS w WHERE w ~ '^[^0-9]{3,}$' AND NOT EXISTS (SELECT 1 FROM incidents_nameword v WHERE v.word = w);UPDATE incidents_incident SET primary_party_id = NULL WHERE status = 'published' AND certainty <> 'rumour' AND id IN (SELECT t.incident_id FROM incidents_attack t JOIN new_rows n ON n.id = t.facility_id JOIN old_rows o ON o.id = n.id WHERE o.search_text IS DISTINCT FROM n.search_text); RETURN NULL; END $$;
CREATE TRIGGER incidents_listing_facilities_facility_update AFTER UPDATE ON facilities_facility REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incidents_listing_facilities_facility_update();
CREATE FUNCTION incidents_listing_facilities_place_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO incidents_nameword (word) SELECT DISTINCT w FROM new_rows r, regexp_split_to_table(r.search_text, ' ') AS w WHERE w ~ '^[^0-9]{3,}$' AND NOT EXISTS (SELECT 1 FROM incidents_nameword v WHERE v.word = w); RETURN NULL; END $$;
CREATE TRIGGER incidents_listing_facilities_place_insert AFTER INSERT ON facilities_place REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incidents_listing_facilities_place_insert();
CREATE FUNCTION incidents_listing_facilities_place_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO incidents_nameword (word) SELECT DISTINCT w FROM new_rows r, regexp_split_to_table(r.search_text, ' ') AS w WHERE w ~ '^[^0-9]{3,}$' AND NOT EXISTS (SELECT 1 FROM incidents_nameword v WHERE v.word = w);UPDATE incidents_incident SET primary_party_id = NULL WHERE status = 'published' AND certainty <> 'rumour' AND id IN (SELECT i.id FROM incidents_incident i WHERE status = 'published' AND certainty <> 'rumour' AND i.place_ids && ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE o.path IS DISTINCT FROM n.path OR o.search_text IS DISTINCT FROM n.search_text)); RETURN NULL; END $$;
CREATE TRIGGER incidents_listing_facilities_place_update AFTER UPDATE ON facilities_place REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incidents_listing_facilities_place_update();
CREATE FUNCTION incidents_listing_everything() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE incidents_incident SET primary_party_id = NULL WHERE status = 'published' AND certainty <> 'rumour'; RETURN NULL; END $$;
CREATE TRIGGER incidents_listing_incidents_attribution_truncate AFTER TRUNCATE ON incidents_attribution FOR EACH STATEMENT EXECUTE FUNCTION incidents_listing_everything();
CREATE TRIGGER incidents_listing_incidents_attack_truncate AFTER TRUNCATE ON incidents_attack FOR EACH STATEMENT EXECUTE FUNCTION incidents_listing_everything();
CREATE INDEX incidents_nameword_trgm ON incidents_nameword USING gin (word gin_trgm_ops);
INSERT INTO incidents_nameword (word) SELECT DISTINCT w FROM facilities_facility r, regexp_split_to_table(r.search_text, ' ') AS w WHERE w ~ '^[^0-9]{3,}$' AND NOT EXISTS (SELECT 1 FROM incidents_nameword v WHERE v.word = w);
INSERT INTO incidents_nameword (word) SELECT DISTINCT w FROM facilities_place r, regexp_split_to_table(r.search_text, ' ') AS w WHERE w ~ '^[^0-9]{3,}$' AND NOT EXISTS (SELECT 1 FROM incidents_nameword v WHERE v.word = w);
UPDATE incidents_incident SET primary_party_id = NULL;
CREATE INDEX incidents_incident_listing ON incidents_incident USING gin (search_vector, place_ids, primary_party_id) WHERE status = 'published' AND certainty <> 'rumour';
"""

UNINSTALL_SQL = r"""
DROP INDEX IF EXISTS incidents_incident_listing;
DROP INDEX IF EXISTS incidents_nameword_trgm;
DROP TRIGGER IF EXISTS incidents_listing_incidents_attribution_insert ON incidents_attribution; DROP FUNCTION IF EXISTS incidents_listing_incidents_attribution_insert();
DROP TRIGGER IF EXISTS incidents_listing_incidents_attribution_update ON incidents_attribution; DROP FUNCTION IF EXISTS incidents_listing_incidents_attribution_update();
DROP TRIGGER IF EXISTS incidents_listing_incidents_attribution_delete ON incidents_attribution; DROP FUNCTION IF EXISTS incidents_listing_incidents_attribution_delete();
DROP TRIGGER IF EXISTS incidents_listing_incidents_attack_insert ON incidents_attack; DROP FUNCTION IF EXISTS incidents_listing_incidents_attack_insert();
DROP TRIGGER IF EXISTS incidents_listing_incidents_attack_update ON incidents_attack; DROP FUNCTION IF EXISTS incidents_listing_incidents_attack_update();
DROP TRIGGER IF EXISTS incidents_listing_incidents_attack_delete ON incidents_attack; DROP FUNCTION IF EXISTS incidents_listing_incidents_attack_delete();
DROP TRIGGER IF EXISTS incidents_listing_facilities_facility_insert ON facilities_facility; DROP FUNCTION IF EXISTS incidents_listing_facilities_facility_insert();
DROP TRIGGER IF EXISTS incidents_listing_facilities_facility_update ON facilities_facility; DROP FUNCTION IF EXISTS incidents_listing_facilities_facility_update();
DROP TRIGGER IF EXISTS incidents_listing_facilities_place_insert ON facilities_place; DROP FUNCTION IF EXISTS incidents_listing_facilities_place_insert();
DROP TRIGGER IF EXISTS incidents_listing_facilities_place_update ON facilities_place; DROP FUNCTION IF EXISTS incidents_listing_facilities_place_update();
DROP TRIGGER IF EXISTS incidents_listing_incidents_attribution_truncate ON incidents_attribution;
DROP TRIGGER IF EXISTS incidents_listing_incidents_attack_truncate ON incidents_attack;
DROP FUNCTION IF EXISTS incidents_listing_everything();
DROP TRIGGER IF EXISTS incidents_listing_row ON incidents_incident;
DROP FUNCTION IF EXISTS incidents_listing_row();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("facilities", "0003_search_text_and_indexes"),
        ("incidents", "0006_admin_search_trigram_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="NameWord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("word", models.CharField(db_index=True, max_length=200)),
            ],
            options={
                "verbose_name": "name word",
                "verbose_name_plural": "name words",
            },
        ),
        migrations.AddField(
            model_name="incident",
            name="place_ids",
            field=core.fields.DerivedArrayField(
                base_field=models.BigIntegerField(), blank=True, editable=False, null=True, size=None
            ),
        ),
        migrations.AddField(
            model_name="incident",
            name="primary_party_id",
            field=models.IntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="incident",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(blank=True, editable=False, null=True),
        ),
        # CreateExtension does nothing on databases other than PostgreSQL.
        BtreeGinExtension(),
        RunSQLOnPostgreSQL(INSTALL_SQL, UNINSTALL_SQL),
    ]
