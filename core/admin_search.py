"""Admin change-list search that PostgreSQL can answer from indexes.

Django's admin search ORs ``icontains`` over the ``search_fields``. When one of
them lies across a foreign key (``incident__code``), the OR spans two tables:
PostgreSQL then joins every row and tests each one, and no index helps (1.5 s
over a million victims). :class:`IndexedSearchMixin` finds the rows of the
related table first, in a query of their own, and puts their ids in the OR as
``incident_id IN (...)``: every condition then concerns the searched table,
and PostgreSQL combines its indexes (trigram GIN indexes on ``UPPER(column)``,
the foreign key's index) in one bitmap scan.

The results are exactly Django's: the same ``icontains`` on the same columns,
words split as Django splits them (``smart_split``, quoted phrases kept
whole), every word required, any field allowed to match each word. When a
word matches more related rows than ``related_ids_limit``, that part is
Django's own condition across the join (the same rows, planned as before).

A search that finds few rows (a code, a rare name: at most ``found_ids_limit``)
is handed on as the list of their ids. The change list runs several queries
on the search (the count, the page, the date hierarchy's MIN/MAX and years),
and PostgreSQL estimates a ``LIKE '%...%'`` to match at least 0.01% of a
table: for MIN/MAX it then walks the date index from each end expecting a
match within a few thousand rows, and for a code that matches one victim it
reads the million instead (2.7 s). A list of ids is estimated exactly.
"""

from django.contrib.admin.utils import lookup_spawns_duplicates
from django.core.exceptions import FieldDoesNotExist
from django.db.models import F, Q
from django.db.models.constants import LOOKUP_SEP
from django.db.models.lookups import In
from django.utils.text import smart_split, unescape_string_literal


class IndexedSearchMixin:
    #: Above this many related rows for one word, the related part stays Django's join.
    related_ids_limit = 2000
    #: A search matching at most this many rows is handed on as their ids (see the module's notes).
    found_ids_limit = 1000

    def get_search_results(self, request, queryset, search_term):
        search_fields = [str(field) for field in self.get_search_fields(request)]
        if not (search_fields and search_term):
            return super().get_search_results(request, queryset, search_term)
        plan = self._search_plan(queryset.model, search_fields)
        if plan is None:
            return super().get_search_results(request, queryset, search_term)
        local, related = plan
        terms = []
        across_joins = False
        for bit in smart_split(search_term):
            if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
                bit = unescape_string_literal(bit)
            matches = [Q(**{f"{field}__icontains": bit}) for field in local]
            for relation, (model, fields) in related.items():
                match, joined = self._related_match(relation, model, fields, bit)
                matches.append(match)
                across_joins |= joined
            terms.append(Q.create(matches, connector=Q.OR))
        searched = queryset.filter(Q.create(terms))
        may_have_duplicates = any(lookup_spawns_duplicates(self.opts, field) for field in search_fields)
        if across_joins:
            return searched, may_have_duplicates
        # A search that matches few rows (a code, a rare name) goes on as their ids. (Only
        # single-valued relations are searched here, so a row cannot match twice.)
        ids = list(searched.order_by().values_list("pk", flat=True)[: self.found_ids_limit + 1])
        if len(ids) <= self.found_ids_limit:
            return queryset.filter(InArray(F("pk"), ids)), may_have_duplicates
        return searched, may_have_duplicates

    def _related_match(self, relation: str, model, fields: list[str], bit: str) -> tuple[Q, bool]:
        """``relation`` among the related rows whose ``fields`` contain ``bit``: their ids when few,
        else Django's own condition across the join (and True)."""
        found = model._base_manager.filter(
            Q.create([Q(**{f"{field}__icontains": bit}) for field in fields], connector=Q.OR)
        ).order_by()
        ids = list(found.values_list("pk", flat=True)[: self.related_ids_limit + 1])
        if len(ids) <= self.related_ids_limit:
            return Q(InArray(F(relation), ids)), False
        # Many (q=INC-2018: every incident of a year). As a subquery this would leave the OR on one
        # table with a hashed subplan, and for MIN/MAX and the first page PostgreSQL would walk the
        # date index through years without a match (5 s); the join plans as Django's search does.
        joined = Q.create([Q(**{f"{relation}__{field}__icontains": bit}) for field in fields], connector=Q.OR)
        return joined, True

    @staticmethod
    def _search_plan(model, search_fields):
        """Split the fields into the model's own and those behind a foreign key, grouped by key.

        ``None`` when a field is not a plain path (``^``, ``=``, ``@`` or an
        explicit lookup) or crosses a many-valued relation: Django's own
        search handles those.
        """
        local: list[str] = []
        related: dict[str, tuple[type, list[str]]] = {}
        for path in search_fields:
            if path[:1] in "^=@":
                return None
            first, _sep, rest = path.partition(LOOKUP_SEP)
            try:
                field = model._meta.get_field(first)
            except FieldDoesNotExist:
                return None
            if not field.is_relation:
                if rest:
                    return None  # an explicit lookup such as name__iexact
                local.append(first)
            elif (field.many_to_one or field.one_to_one) and field.concrete and _is_field_path(field, rest):
                related.setdefault(first, (field.related_model, []))[1].append(rest)
            else:
                return None
        return local, related


class InArray(In):
    """``IN`` whose values travel as one array parameter on PostgreSQL (``= ANY(%s)``).

    A search for a place name hands on hundreds of place ids, and the change list
    repeats the condition in each of its queries (the count, the page, a probe per
    year of the date hierarchy): as ``IN (%s, %s, ...)`` psycopg splits and binds
    every placeholder of every query (60 ms a page for 500 ids); as an array it
    binds one. PostgreSQL plans ``= ANY`` of an array as it plans ``IN``.
    """

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        _placeholders, values = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY(%s)", (*lhs_params, list(values))


def _is_field_path(relation, path: str) -> bool:
    """``path`` names a field (not a lookup) from the model ``relation`` points to."""
    opts = relation.related_model._meta
    for part in path.split(LOOKUP_SEP) if path else ():
        try:
            field = opts.get_field(part)
        except FieldDoesNotExist:
            return False
        if field.is_relation:
            opts = field.related_model._meta
    return bool(path)
