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

from django.contrib.postgres.search import SearchQuery
from django.db import connection

from core.search import SEARCH_CONFIG, normalise

INCIDENTS = "incidents_incident"
WORDS = "incidents_nameword"
MAX_VARIANTS = 20
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
    words = list(dict.fromkeys(normalise(query).split()))
    groups = variants(words)
    found = None
    for word in words:
        alternatives = reduce(or_, (SearchQuery(v, config=SEARCH_CONFIG) for v in groups[word]))
        found = alternatives if found is None else found & alternatives
    return found
