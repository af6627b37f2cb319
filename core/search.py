"""Text search shared by the public lists.

Stored text and queries go through the same ``normalise()``, so spelling
variants meet in the middle: Arabic alef forms, ta marbuta, alef maqsura,
tatweel and diacritics; Latin accents, apostrophes and hyphens of
transliterations ("Ma'aret al Nu'man", "Maarat al-Numan").

Each searchable model keeps a normalised ``search_text`` column, rebuilt in
``save()`` from its public text only. On PostgreSQL a query matches when the
full-text vector of that column matches (GIN index on
``to_tsvector('simple', search_text)``) or, for names, when the query is
similar by trigrams to a stretch of the text (GIN ``gin_trgm_ops`` index,
pg_trgm's ``%>`` operator). Elsewhere every word of the query must occur in
the text.
"""

import re
import unicodedata

from django.db import connection
from django.db.models import Q

# Harakat, shadda, sukun, superscript alef, Quranic marks.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_ARABIC_LETTERS = str.maketrans(
    {
        "\u0622": "\u0627",  # alef with madda
        "\u0623": "\u0627",  # alef with hamza above
        "\u0625": "\u0627",  # alef with hamza below
        "\u0671": "\u0627",  # alef wasla
        "\u0629": "\u0647",  # ta marbuta -> ha
        "\u0649": "\u064a",  # alef maqsura -> ya
        "\u0624": "\u0648",  # waw with hamza
        "\u0626": "\u064a",  # ya with hamza
        "\u0640": None,  # tatweel
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Persian digits
    }
)
# Apostrophes and ayn/hamza signs of transliterations vanish: Ma'aret -> maaret.
_VANISHING = re.compile("['`\u00b4\u2018\u2019\u02bb\u02bc\u02be\u02bf]")
_SEPARATORS = re.compile(r"[\W_]+")

# pg_trgm's default of 0.6 misses short variants such as Idlib / Idleb.
WORD_SIMILARITY_THRESHOLD = 0.5
SEARCH_CONFIG = "simple"


def normalise(text) -> str:
    """Lower-case, accent-free, punctuation-free text with Arabic letter variants unified."""
    if not text:
        return ""
    text = _ARABIC_MARKS.sub("", str(text).casefold()).translate(_ARABIC_LETTERS)
    # Decompose to drop Latin accents (ā -> a); Arabic letters carry no combining marks by now.
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    text = _VANISHING.sub("", unicodedata.normalize("NFKC", text))
    return _SEPARATORS.sub(" ", text).strip()


def search_document(*parts) -> str:
    """The ``search_text`` of a record: its public text parts, normalised and joined."""
    return " ".join(filter(None, (normalise(part) for part in parts)))


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def text_match(query: str, field: str = "search_text", *, fuzzy: bool = True) -> Q:
    """Rows whose normalised ``field`` matches ``query``; a query with no words matches nothing.

    ``fuzzy`` adds trigram similarity, meant for names (places, facilities,
    people): on long narratives it matches too much to be useful.
    """
    normalised = normalise(query)
    if not normalised:
        return Q(pk__in=[])
    if is_postgresql():
        matches = Q(search_vector_matches(field, normalised))
        if fuzzy:
            matches |= Q(**{f"{field}__trigram_word_similar": normalised})
        return matches
    return Q(*[Q(**{f"{field}__contains": word}) for word in normalised.split()])


def any_of(*id_querysets):
    """One ``pk__in`` subquery for several id sets, each free to use its own index.

    ``a OR b OR c`` across joined tables makes PostgreSQL evaluate the text
    match row by row; a UNION of id sets keeps every part on its GIN index.
    """
    parts = [qs.order_by() for qs in id_querysets]
    return parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]


# A query that could be a public code (INC-2018-00042, FAC-000123).
CODE_SHAPE = re.compile(r"^[A-Za-z]+-[0-9][0-9-]*$")


def looks_like_code(query: str) -> bool:
    return bool(CODE_SHAPE.match(query.strip()))


def code_match(query: str, field: str = "code") -> Q:
    """Public codes (INC-2018-00042, FAC-000123, VIC-000042) are upper case: exact, indexed."""
    return Q(**{field: query.strip().upper()})


def search_vector(field: str = "search_text"):
    """The indexed expression; indexes and queries must build it identically."""
    from django.contrib.postgres.search import SearchVector

    return SearchVector(field, config=SEARCH_CONFIG)


def search_vector_matches(field: str, normalised: str):
    from django.contrib.postgres.search import SearchQuery, SearchVectorExact

    return SearchVectorExact(search_vector(field), SearchQuery(normalised, config=SEARCH_CONFIG))


def set_trigram_threshold(sender, connection, **kwargs):
    """``connection_created`` receiver: the similarity threshold of ``%>`` for this session."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)",
                [str(WORD_SIMILARITY_THRESHOLD)],
            )


def keep_search_text(instance, document: str, save_kwargs: dict) -> None:
    """Set ``instance.search_text`` before a save, also when only some fields are saved."""
    instance.search_text = document
    update_fields = save_kwargs.get("update_fields")
    if update_fields is not None:
        save_kwargs["update_fields"] = {*update_fields, "search_text"}
