"""The admin's date hierarchy, with its years found through the date's index.

Django's own tag (``date_hierarchy`` in ``admin_list``) starts a change list
with ``MIN``/``MAX`` of the date and then ``SELECT DISTINCT
DATE_TRUNC('year', ...)`` over every row the list shows: a full pass over a
search that matches 30,000 incidents (140 ms), or over the whole table
unfiltered (70 ms). The years are found here instead one at a time, each as
the first date on or after the next 1 January (``MIN`` with the list's own
filters, which PostgreSQL answers by walking the date's index to the first
match): a query per year present, about a millisecond each. The choices, links
and template are Django's; only the top level changes. Below it (a year or a
month chosen, or every row within one year) and for date-time fields, Django's
tag answers as before.
"""

import datetime

from django import template
from django.contrib.admin.templatetags.admin_list import date_hierarchy
from django.contrib.admin.templatetags.base import InclusionAdminNode
from django.contrib.admin.utils import get_fields_from_path
from django.db import models

register = template.Library()

#: Beyond this many distinct years, the rest come from one DISTINCT query (Django's way).
MAX_YEAR_PROBES = 40


def years_present(queryset, field_name: str) -> list[int]:
    """The years of ``field_name`` among ``queryset``'s rows, in order (``NULL`` dates left out)."""
    rows = queryset.order_by()
    years: list[int] = []
    start = None
    while len(years) < MAX_YEAR_PROBES:
        probe = rows if start is None else rows.filter(**{f"{field_name}__gte": start})
        first = probe.aggregate(first=models.Min(field_name))["first"]
        if first is None:
            return years
        years.append(first.year)
        if first.year == datetime.MAXYEAR:
            return years
        start = datetime.date(first.year + 1, 1, 1)
    later = rows.filter(**{f"{field_name}__gte": start}).dates(field_name, "year")
    return years + [day.year for day in later]


def indexed_date_hierarchy(cl):
    field_name = cl.date_hierarchy
    field = get_fields_from_path(cl.model, field_name)[-1]
    chosen = any(cl.params.get(f"{field_name}__{part}") for part in ("year", "month", "day"))
    if chosen or isinstance(field, models.DateTimeField):
        return date_hierarchy(cl)
    years = years_present(cl.queryset, field_name)
    if len(years) < 2:
        return date_hierarchy(cl)  # one year or none: Django goes down to its months or days
    return {
        "show": True,
        "back": None,
        "choices": [
            {
                "link": cl.get_query_string({f"{field_name}__year": str(year)}, [f"{field_name}__"]),
                "title": str(year),
            }
            for year in years
        ],
    }


@register.tag(name="indexed_date_hierarchy")
def indexed_date_hierarchy_tag(parser, token):
    return InclusionAdminNode(
        parser, token, func=indexed_date_hierarchy, template_name="date_hierarchy.html", takes_context=False
    )
