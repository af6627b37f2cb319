"""What the public incident list filters on, kept on the incident row (PostgreSQL only).

At SNHR scale a filtered list was a join per filter and a UNION of id sets per
search (narratives, codes, facilities named like the query, places named like
it): 0.4-1.6 s a page. Instead, three columns of ``incidents_incident`` hold
what those joins looked up, and one GIN index (btree_gin, partial on public
incidents) covers them together, so a page and its capped count are a single
bitmap index scan whatever filters combine:

* ``primary_party_id``: the party of the incident's primary Attribution;
* ``place_ids``: the ids along its place's materialised path, the place
  itself included, so ``place_ids @> {id}`` is "within that place";
* ``search_vector``: one ``tsvector`` ('simple' configuration, positions
  stripped: nothing ranks or matches phrases, and it is a third smaller) of the
  incident's own ``search_text``, the ``search_text`` of every facility it hit
  and of its place and the places above it. All are normalised by
  ``core.search.normalise()`` when saved, so the query goes through it too.

The database keeps them, whatever the write path (``save()``, ``update()``,
``bulk_create()``, raw SQL, ``COPY``): a BEFORE row trigger on incidents
computes them from the row being written, and statement-level triggers on
attributions, attacks, facilities (a new name) and places (a new name or path)
rewrite the public incidents they touch, so that trigger runs again (an
incident not public yet is recomputed when it is published, which writes it
too). Django writes
whatever the instance holds and the trigger overwrites it: read the columns
from a fresh query, never from an instance just saved.

Fuzzy names ("Saraqib" for "Saraqeb", "Idleb" for "Idlib") come from a small
vocabulary (``NameWord``): the words of facility and place names, kept by
triggers too. Each word of a query also matches the vocabulary words similar
to it by trigrams (pg_trgm's ``%>``, as the other searches), so the search
stays one GIN lookup instead of a trigram comparison against every facility.

On SQLite (the small embedded default) the columns stay empty and the lists
filter with joins (``incidents.filters``).
"""

from functools import reduce
from operator import or_

from django.db import connection

from core.search import SEARCH_CONFIG, normalise

from .choices import Certainty, Status

INCIDENTS = "incidents_incident"
WORDS = "incidents_nameword"
# A vocabulary word: letters only (numbers and codes match exactly), three or more.
VOCABULARY_WORD = r"^[^0-9]{3,}$"
MAX_VARIANTS = 20
GIN_INDEX = "incidents_incident_listing"
# Rule 1 (IncidentQuerySet.public()), as the partial index's predicate: the queries Django
# writes for .public() imply it.
PUBLIC = f"status = '{Status.PUBLISHED}' AND certainty <> '{Certainty.RUMOUR}'"


def enabled() -> bool:
    return connection.vendor == "postgresql"


# --- what the triggers compute ----------------------------------------------------------------

ROW_FUNCTION = f"""
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
CREATE TRIGGER incidents_listing_row BEFORE INSERT OR UPDATE ON {INCIDENTS}
    FOR EACH ROW EXECUTE FUNCTION incidents_listing_row();
"""


def _touch(ids_select: str) -> str:
    """SQL rewriting the public incidents ``ids_select`` yields, so their row trigger recomputes
    them. Others are recomputed when they are next written, as publishing one is."""
    return f"UPDATE {INCIDENTS} SET primary_party_id = NULL WHERE {PUBLIC} AND id IN ({ids_select});"


def _learn(rows: str) -> str:
    """SQL adding the new words of ``rows``' ``search_text`` to the vocabulary."""
    return (
        f"INSERT INTO {WORDS} (word) SELECT DISTINCT w FROM {rows} r, "
        "regexp_split_to_table(r.search_text, ' ') AS w "
        f"WHERE w ~ '{VOCABULARY_WORD}' AND NOT EXISTS (SELECT 1 FROM {WORDS} v WHERE v.word = w);"
    )


# Per table: statement-trigger bodies by event, on transition tables new_rows / old_rows.
_CHANGED_NAME = "o.search_text IS DISTINCT FROM n.search_text"
STATEMENT_TRIGGERS = {
    "incidents_attribution": {
        "INSERT": _touch("SELECT incident_id FROM new_rows"),
        "UPDATE": _touch("SELECT incident_id FROM new_rows UNION SELECT incident_id FROM old_rows"),
        "DELETE": _touch("SELECT incident_id FROM old_rows"),
    },
    "incidents_attack": {
        "INSERT": _touch("SELECT incident_id FROM new_rows"),
        "UPDATE": _touch("SELECT incident_id FROM new_rows UNION SELECT incident_id FROM old_rows"),
        "DELETE": _touch("SELECT incident_id FROM old_rows"),
    },
    "facilities_facility": {
        "INSERT": _learn("new_rows"),
        "UPDATE": _learn("new_rows")
        + _touch(
            "SELECT t.incident_id FROM incidents_attack t JOIN new_rows n ON n.id = t.facility_id "
            f"JOIN old_rows o ON o.id = n.id WHERE {_CHANGED_NAME}"
        ),
    },
    "facilities_place": {
        "INSERT": _learn("new_rows"),
        # A new path moves everything below too (Place.save() rewrites their paths in one
        # statement); a new name changes the text of every incident within.
        "UPDATE": _learn("new_rows")
        + _touch(
            f"SELECT i.id FROM {INCIDENTS} i WHERE {PUBLIC} AND i.place_ids && ARRAY("
            "SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id "
            f"WHERE o.path IS DISTINCT FROM n.path OR {_CHANGED_NAME})"
        ),
    },
}
TRUNCATE_TRIGGERS = ("incidents_attribution", "incidents_attack")


def _statement_trigger_sql() -> tuple[str, str]:
    create, drop = [], []
    for table, events in STATEMENT_TRIGGERS.items():
        for event, body in events.items():
            name = f"incidents_listing_{table}_{event.lower()}"
            transitions = {
                "INSERT": "NEW TABLE AS new_rows",
                "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
                "DELETE": "OLD TABLE AS old_rows",
            }[event]
            create.append(
                f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {body} "
                f"RETURN NULL; END $$;\n"
                f"CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {transitions} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {name}();"
            )
            drop.append(f"DROP TRIGGER IF EXISTS {name} ON {table}; DROP FUNCTION IF EXISTS {name}();")
    create.append(
        "CREATE FUNCTION incidents_listing_everything() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN UPDATE {INCIDENTS} SET primary_party_id = NULL WHERE {PUBLIC}; RETURN NULL; END $$;"
    )
    for table in TRUNCATE_TRIGGERS:
        name = f"incidents_listing_{table}_truncate"
        create.append(
            f"CREATE TRIGGER {name} AFTER TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION incidents_listing_everything();"
        )
        drop.append(f"DROP TRIGGER IF EXISTS {name} ON {table};")
    drop.append("DROP FUNCTION IF EXISTS incidents_listing_everything();")
    return "\n".join(create), "\n".join(drop)


def install_sql() -> str:
    statements, _drop = _statement_trigger_sql()
    return "\n".join(
        [
            ROW_FUNCTION,
            statements,
            f"CREATE INDEX {WORDS}_trgm ON {WORDS} USING gin (word gin_trgm_ops);",
            # Every current name into the vocabulary, every incident computed once.
            _learn("facilities_facility"),
            _learn("facilities_place"),
            f"UPDATE {INCIDENTS} SET primary_party_id = NULL;",
            f"CREATE INDEX {GIN_INDEX} ON {INCIDENTS} USING gin "
            f"(search_vector, place_ids, primary_party_id) WHERE {PUBLIC};",
        ]
    )


def uninstall_sql() -> str:
    _create, statements = _statement_trigger_sql()
    return "\n".join(
        [
            f"DROP INDEX IF EXISTS {GIN_INDEX};",
            f"DROP INDEX IF EXISTS {WORDS}_trgm;",
            statements,
            f"DROP TRIGGER IF EXISTS incidents_listing_row ON {INCIDENTS};",
            "DROP FUNCTION IF EXISTS incidents_listing_row();",
        ]
    )


def recompute_all() -> int:
    """Recompute every incident's columns (after a restore that bypassed triggers); the count."""
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {INCIDENTS} SET primary_party_id = NULL")
        return cursor.rowcount


# --- what the filters ask ---------------------------------------------------------------------


def variants(words: list[str]) -> dict[str, list[str]]:
    """For each query word, the vocabulary words similar to it by trigrams (itself first)."""
    found = {word: [word] for word in words}
    fuzzy = [word for word in words if len(word) >= 3 and not any(ch.isdigit() for ch in word)]
    if not fuzzy:
        return found
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT q.word, v.word FROM unnest(%s::text[]) AS q(word) "
            f"CROSS JOIN LATERAL (SELECT DISTINCT word, word_similarity(q.word, word) AS s "
            f"FROM {WORDS} WHERE word %%> q.word ORDER BY s DESC, word LIMIT %s) AS v",
            [fuzzy, MAX_VARIANTS],
        )
        for word, variant in cursor.fetchall():
            if variant != word:
                found[word].append(variant)
    return found


def search_query(query: str):
    """The ``tsquery`` of ``query``: every word, each as itself or one of its variants.

    Each variant is its own ``plainto_tsquery`` parameter, combined with ``||`` and ``&&``:
    nothing in a query is ever read as tsquery syntax.
    """
    from django.contrib.postgres.search import SearchQuery

    words = list(dict.fromkeys(normalise(query).split()))
    groups = variants(words)
    found = None
    for word in words:
        alternatives = reduce(or_, (SearchQuery(v, config=SEARCH_CONFIG) for v in groups[word]))
        found = alternatives if found is None else found & alternatives
    return found
