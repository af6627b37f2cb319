"""Today's incident-list triggers (see incidents.listing), reinstalled on every database.

Migration 0007 installed them from the live module ``incidents.listing``, which changed after
it had run (the search vector became ``strip()``-ped): a database kept the functions it was
migrated with. This migration is their definition now, frozen as literal SQL: each function
is replaced, each trigger dropped and created again, so every database ends with the same
triggers whatever it ran before (``tests/core/test_triggers.py`` compares them with the
database). PostgreSQL only; nothing on SQLite.

To change a trigger, never edit this migration: add a new one that replaces the function
(CREATE OR REPLACE FUNCTION) or drops and creates the trigger.
"""

from django.db import migrations

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
    NEW.search_vector := strip(to_tsvector('simple', concat_ws(' ',
        NEW.search_text,
        (SELECT string_agg(f.search_text, ' ' ORDER BY t.id)
         FROM incidents_attack t JOIN facilities_facility f ON f.id = t.facility_id
         WHERE t.incident_id = NEW.id),
        (SELECT string_agg(p.search_text, ' ' ORDER BY p.path)
         FROM facilities_place p WHERE p.id = ANY (NEW.place_ids)))));
    RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS incidents_listing_row ON incidents_incident;
CREATE TRIGGER incidents_listing_row BEFORE INSERT OR UPDATE ON incidents_incident
    FOR EACH ROW EXECUTE FUNCTION incidents_listing_row();

CREATE OR REPLACE FUNCTION incidents_listing_incidents_attribution_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE incidents_incident SET primary_party_id = NULL WHERE status = 'published' AND certainty <> 'rumour' AND id IN (SELECT incident_id FROM new_rows);
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS incidents_listing_incidents_attribution_insert ON incidents_attribution;
CREATE TRIGGER incidents_listing_incidents_attribution_insert AFTER INSERT ON incidents_attribution REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION incidents_listing_incidents_attribution_insert();

CREATE OR REPLACE FUNCTION incidents_listing_incidents_attribution_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE incidents_incident SET primary_party_id = NULL WHERE status = 'published' AND certainty <> 'rumour' AND id IN (SELECT incident_id FROM new_rows UNION SELECT incident_id FROM old_rows);
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS incidents_listing_incidents_attribution_update ON incidents_attribution;
CREATE TRIGGER incidents_listing_incidents_attribution_update AFTER UPDATE ON incidents_attribution REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION incidents_listing_incidents_attribution_update();

CREATE OR REPLACE FUNCTION incidents_listing_incidents_attribution_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE incidents_incident SET primary_party_id = NULL WHERE status = 'published' AND certainty <> 'rumour' AND id IN (SELECT incident_id FROM old_rows);
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS incidents_listing_incidents_attribution_delete ON incidents_attribution;
CREATE TRIGGER incidents_listing_incidents_attribution_delete AFTER DELETE ON incidents_attribution REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION incidents_listing_incidents_attribution_delete();

CREATE OR REPLACE FUNCTION incidents_listing_incidents_attack_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE incidents_incident SET primary_party_id = NULL WHERE status = 'published' AND certainty <> 'rumour' AND id IN (SELECT incident_id FROM new_rows);
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS incidents_listing_incidents_attack_insert ON incidents_attack;
CREATE TRIGGER incidents_listing_incidents_attack_insert AFTER INSERT ON incidents_attack REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION incidents_listing_incidents_attack_insert();

CREATE OR REPLACE FUNCTION incidents_listing_incidents_attack_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE incidents_incident SET primary_party_id = NULL WHERE status = 'published' AND certainty <> 'rumour' AND id IN (SELECT incident_id FROM new_rows UNION SELECT incident_id FROM old_rows);
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS incidents_listing_incidents_attack_update ON incidents_attack;
CREATE TRIGGER incidents_listing_incidents_attack_update AFTER UPDATE ON incidents_attack REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION incidents_listing_incidents_attack_update();

CREATE OR REPLACE FUNCTION incidents_listing_incidents_attack_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE incidents_incident SET primary_party_id = NULL WHERE status = 'published' AND certainty <> 'rumour' AND id IN (SELECT incident_id FROM old_rows);
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS incidents_listing_incidents_attack_delete ON incidents_attack;
CREATE TRIGGER incidents_listing_incidents_attack_delete AFTER DELETE ON incidents_attack REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION incidents_listing_incidents_attack_delete();

CREATE OR REPLACE FUNCTION incidents_listing_facilities_facility_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO incidents_nameword (word) SELECT DISTINCT w FROM new_rows r, regexp_split_to_table(r.search_text, ' ') AS w WHERE w ~ '^[^0-9]{3,}$' AND NOT EXISTS (SELECT 1 FROM incidents_nameword v WHERE v.word = w);
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS incidents_listing_facilities_facility_insert ON facilities_facility;
CREATE TRIGGER incidents_listing_facilities_facility_insert AFTER INSERT ON facilities_facility REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION incidents_listing_facilities_facility_insert();

CREATE OR REPLACE FUNCTION incidents_listing_facilities_facility_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO incidents_nameword (word) SELECT DISTINCT w FROM new_rows r, regexp_split_to_table(r.search_text, ' ') AS w WHERE w ~ '^[^0-9]{3,}$' AND NOT EXISTS (SELECT 1 FROM incidents_nameword v WHERE v.word = w);
    UPDATE incidents_incident SET primary_party_id = NULL WHERE status = 'published' AND certainty <> 'rumour' AND id IN (SELECT t.incident_id FROM incidents_attack t JOIN new_rows n ON n.id = t.facility_id JOIN old_rows o ON o.id = n.id WHERE o.search_text IS DISTINCT FROM n.search_text);
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS incidents_listing_facilities_facility_update ON facilities_facility;
CREATE TRIGGER incidents_listing_facilities_facility_update AFTER UPDATE ON facilities_facility REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION incidents_listing_facilities_facility_update();

CREATE OR REPLACE FUNCTION incidents_listing_facilities_place_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO incidents_nameword (word) SELECT DISTINCT w FROM new_rows r, regexp_split_to_table(r.search_text, ' ') AS w WHERE w ~ '^[^0-9]{3,}$' AND NOT EXISTS (SELECT 1 FROM incidents_nameword v WHERE v.word = w);
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS incidents_listing_facilities_place_insert ON facilities_place;
CREATE TRIGGER incidents_listing_facilities_place_insert AFTER INSERT ON facilities_place REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION incidents_listing_facilities_place_insert();

CREATE OR REPLACE FUNCTION incidents_listing_facilities_place_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO incidents_nameword (word) SELECT DISTINCT w FROM new_rows r, regexp_split_to_table(r.search_text, ' ') AS w WHERE w ~ '^[^0-9]{3,}$' AND NOT EXISTS (SELECT 1 FROM incidents_nameword v WHERE v.word = w);
    UPDATE incidents_incident SET primary_party_id = NULL WHERE status = 'published' AND certainty <> 'rumour' AND id IN (SELECT i.id FROM incidents_incident i WHERE status = 'published' AND certainty <> 'rumour' AND i.place_ids && ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE o.path IS DISTINCT FROM n.path OR o.search_text IS DISTINCT FROM n.search_text));
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS incidents_listing_facilities_place_update ON facilities_place;
CREATE TRIGGER incidents_listing_facilities_place_update AFTER UPDATE ON facilities_place REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION incidents_listing_facilities_place_update();

CREATE OR REPLACE FUNCTION incidents_listing_everything() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE incidents_incident SET primary_party_id = NULL WHERE status = 'published' AND certainty <> 'rumour';
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS incidents_listing_incidents_attribution_truncate ON incidents_attribution;
CREATE TRIGGER incidents_listing_incidents_attribution_truncate AFTER TRUNCATE ON incidents_attribution
    FOR EACH STATEMENT EXECUTE FUNCTION incidents_listing_everything();

DROP TRIGGER IF EXISTS incidents_listing_incidents_attack_truncate ON incidents_attack;
CREATE TRIGGER incidents_listing_incidents_attack_truncate AFTER TRUNCATE ON incidents_attack
    FOR EACH STATEMENT EXECUTE FUNCTION incidents_listing_everything();
"""

# Vectors written by 0007's first version still carry positions: computed again, once.
RECOMPUTE_SQL = r"""
UPDATE incidents_incident SET primary_party_id = NULL
WHERE search_vector IS DISTINCT FROM strip(search_vector);
"""

# Back to 0007's row function (the statement functions are unchanged).
REVERSE_SQL = r"""
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
"""


class Migration(migrations.Migration):
    dependencies = [
        ("facilities", "0003_search_text_and_indexes"),
        ("incidents", "0008_append_only_logs_in_the_database"),
    ]

    operations = [
        RunSQLOnPostgreSQL(INSTALL_SQL, REVERSE_SQL),
        RunSQLOnPostgreSQL(RECOMPUTE_SQL, migrations.RunSQL.noop),
    ]
