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
too). Django writes whatever the instance holds and the trigger overwrites it:
read the columns from a fresh query, never from an instance just saved.

The triggers are SQL in migrations, never here, so a database runs what its
migrations installed: ``incidents/migrations/0009_listing_triggers_reinstalled.py``
holds today's definitions (until a later migration replaces a function), and
``tests/core/test_triggers.py`` checks the database runs exactly those.

The vocabulary of names (``NameWord``) is kept by triggers too; the search
that reads the vector and the vocabulary is ``incidents.search``.

On SQLite (the small embedded default) the columns stay empty and the lists
filter with joins (``incidents.filters``, ``incidents.search``).
"""

from django.db import connection

INCIDENTS = "incidents_incident"
# The partial GIN index on public incidents (Rule 1, IncidentQuerySet.public(), as its
# predicate), created by migration 0007.
GIN_INDEX = "incidents_incident_listing"


def enabled() -> bool:
    return connection.vendor == "postgresql"


def recompute_all() -> int:
    """Recompute every incident's columns (after a restore that bypassed triggers); the count."""
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {INCIDENTS} SET primary_party_id = NULL")
        return cursor.rowcount
