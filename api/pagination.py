"""Cursor pages of the API's lists: the public lists' keyset pages (``core.pagination``).

A page is ``page_size`` rows (1 to 500, default 50) after the cursor ``after`` or before the
cursor ``before``, in the list's stable order (its view's ``keyset``, then id). ``next`` and
``previous`` are whole URLs with the same filters. ``count`` is the list's count, as the HTML
list counts it: exact up to 10,000 rows, then ``count_capped`` says there are more.
"""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from core.pagination import COUNT_CAP, DEFAULT_PAGE_SIZE, InvalidCursor, KeysetPaginator, capped_count
from core.views import count_ordering

MAX_PAGE_SIZE = 500


def page_size_of(request) -> int:
    raw = request.query_params.get("page_size", "").strip()
    if not raw:
        return DEFAULT_PAGE_SIZE
    if raw.isascii() and raw.isdigit() and len(raw) <= 4 and 1 <= int(raw) <= MAX_PAGE_SIZE:
        return int(raw)
    message = _("Give a whole number from 1 to %(most)s.") % {"most": MAX_PAGE_SIZE}
    raise ValidationError({"page_size": [message]})


class KeysetPagination(BasePagination):
    """Reads the view's ``keyset`` (a field, ``-`` for descending) and ``keyset_nullable``."""

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        size = page_size_of(request)
        paginator = KeysetPaginator(view.keyset, nullable=getattr(view, "keyset_nullable", False))
        before, after = request.query_params.get("before"), request.query_params.get("after")
        try:
            self.page = paginator.paginate(queryset, page_size=size, after=after, before=before)
        except InvalidCursor as exc:
            raise ValidationError({"before" if before else "after": [exc.message]}) from exc
        filterset = getattr(view, "filterset", None)
        ordering = count_ordering(filterset, paginator) if filterset is not None else []
        self.count, self.capped = capped_count(queryset, ordering=ordering)
        return self.page.rows

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.count,
                "count_capped": self.capped,
                "next": self.link("after", self.page.next_cursor),
                "previous": self.link("before", self.page.previous_cursor),
                "results": data,
            }
        )

    def link(self, direction: str, cursor: str | None) -> str | None:
        if cursor is None:
            return None
        url = self.request.build_absolute_uri()
        url = remove_query_param(url, "before" if direction == "after" else "after")
        return replace_query_param(url, direction, cursor)

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["count", "count_capped", "next", "previous", "results"],
            "properties": {
                "count": {
                    "type": "integer",
                    "minimum": 0,
                    "description": _("How many records the filters select, as the HTML list counts them."),
                },
                "count_capped": {
                    "type": "boolean",
                    "description": _("True when more than %(cap)s records match: counting stops there.")
                    % {"cap": COUNT_CAP},
                },
                "next": {
                    "type": "string",
                    "format": "uri",
                    "nullable": True,
                    "description": _("The next page, or null on the last one."),
                },
                "previous": {
                    "type": "string",
                    "format": "uri",
                    "nullable": True,
                    "description": _("The previous page, or null on the first one."),
                },
                "results": {**schema, "description": _("This page's records.")},
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "page_size",
                "in": "query",
                "required": False,
                "description": _("Records per page, from 1 to %(most)s (default %(default)s).")
                % {"most": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE},
                "schema": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": MAX_PAGE_SIZE,
                    "default": DEFAULT_PAGE_SIZE,
                },
            },
            {
                "name": "after",
                "in": "query",
                "required": False,
                "description": _("A cursor from a page's next link: the page after it."),
                "schema": {"type": "string"},
            },
            {
                "name": "before",
                "in": "query",
                "required": False,
                "description": _("A cursor from a page's previous link: the page before it."),
                "schema": {"type": "string"},
            },
        ]
