"""The search box of the incident and attack lists: the one place a query becomes a match.

A query is normalised as stored text is (``core.search.normalise``). On
PostgreSQL an incident matches when every word of the query, or a name similar
to it, is in its ``search_vector`` (its own public text, the names of the
facilities it hit and of its places: ``incidents.listing``), or when the query
is its code. Fuzzy names ("Saraqib" for "Saraqeb", "Idleb" for "Idlib") come
from a small vocabulary (``NameWord``) of the words of facility and place
names, kept by triggers: each query word also matches the vocabulary words
similar to it by trigrams (pg_trgm's ``%>``), so the search stays one GIN
lookup instead of a trigram comparison against every facility. Elsewhere the
same is answered with joins: narratives by their text, facilities and places
by their names.
"""

from functools import reduce
from operator import or_

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Q

from core.search import SEARCH_CONFIG, any_of, code_match, looks_like_code, normalise, text_match
from facilities.filters import matching_places, within
from facilities.models import Facility

from . import listing
from .models import Attack, Incident

MAX_VARIANTS = 20


def variants(words: list[str]) -> dict[str, list[str]]:
    """For each query word, the vocabulary words similar to it by trigrams (itself first)."""
    found = {word: [word] for word in words}
    fuzzy = [word for word in words if len(word) >= 3 and not any(ch.isdigit() for ch in word)]
    if not fuzzy:
        return found
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT q.word, v.word FROM unnest(%s::text[]) AS q(word) "
            "CROSS JOIN LATERAL (SELECT DISTINCT word, word_similarity(q.word, word) AS s "
            "FROM incidents_nameword WHERE word %%> q.word ORDER BY s DESC, word LIMIT %s) AS v",
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


def incidents_matching(query: str) -> Q:
    """Q for the incidents a query finds (``query`` has words: ``normalise(query)`` is not empty)."""
    if listing.enabled():
        found = Q(search_vector=search_query(query))
        # An OR beside the full text keeps PostgreSQL from the one GIN index: codes only when
        # the query looks like one.
        return found | code_match(query) if looks_like_code(query) else found
    facilities = Facility.objects.public().filter(text_match(query)).values("pk")
    parts = [
        # Narratives by full text; transliterated names through places and facilities.
        Incident.objects.filter(text_match(query, fuzzy=False)).values("pk"),
        Incident.objects.filter(code_match(query)).values("pk"),
        Attack.objects.filter(facility__in=facilities).values("incident_id"),
    ]
    places = matching_places(query)
    if places:
        parts.append(Incident.objects.filter(within(places, "place")).values("pk"))
    return Q(pk__in=any_of(*parts))


def attacks_matching(query: str) -> Q:
    """Q for the attacks a query finds: by their incident's text or code, or their facility's
    name or code."""
    return Q(
        pk__in=any_of(
            Attack.objects.filter(
                incident__in=Incident.objects.filter(text_match(query, fuzzy=False))
            ).values("pk"),
            Attack.objects.filter(code_match(query, "incident__code")).values("pk"),
            Attack.objects.filter(facility__in=Facility.objects.filter(text_match(query))).values("pk"),
            Attack.objects.filter(code_match(query, "facility__code")).values("pk"),
        )
    )
