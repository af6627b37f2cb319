"""Checks shared by the report tests."""

import csv
import io
from collections import Counter

from django.db.models import Sum

from incidents.models import Incident, Munition
from tests.public.helpers import csv_dicts, csv_text

HEADER = ["table", "perpetrator", "parent_perpetrator", "category", "sex", "count", "kind", "age_group"]


def tidy_full(client, params) -> list[dict]:
    """The tidy download's rows (``count`` as a number)."""
    text = csv_text(client.get("/reports/", {**params, "format": "csv"}))
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0] == HEADER
    return [dict(zip(HEADER, row[:5] + [int(row[5])] + row[6:], strict=True)) for row in rows[1:]]


def tidy(client, params, tables=("victims_killed", "attacks")) -> list[tuple]:
    """``(table, perpetrator, parent_perpetrator, category, sex, count)`` of ``tables``, summed over
    kinds and age groups."""
    summed = Counter()
    for row in tidy_full(client, params):
        if row["table"] in tables:
            summed[tuple(row[name] for name in HEADER[:5])] += row["count"]
    return [(*key, n) for key, n in summed.items()]


def rows_behind(client, url: str) -> int:
    """How many rows the list at ``url`` gives (read through its CSV download)."""
    return len(csv_dicts(client.get(url + "&format=csv")))


def assert_every_number_matches_its_list(client, params):
    """Each figure of the report page equals the row count of the list it links to."""
    response = client.get("/reports/", params)
    assert response.status_code == 200
    context = response.context
    checked = 0
    for table in context["tables"]:
        for line in [*table.rows, {"cells": table.totals}]:
            for column, cell in zip(table.columns, line["cells"], strict=True):
                if cell.n or cell.url:
                    assert behind(client, table.id, column.code, cell.url) == cell.n, cell.url
                    checked += 1
    for row in context["kind_rows"]:
        for name in ("attacks", "facilities"):
            assert rows_behind(client, row[name].url) == row[name].n, row[name].url
            checked += 1
    for month in context["chart_rows"]:
        assert rows_behind(client, month["attacks_url"]) == month["attacks"], month["attacks_url"]
        assert rows_behind(client, month["killed_url"]) == month["killed"], month["killed_url"]
    repeat = {entry["facility"].code for entry in context["report"].repeat_facilities["entries"]}
    assert context["report"].repeat_facilities["total"] == len(repeat)
    listed = {row["code"] for row in csv_dicts(client.get(context["repeat_link"] + "&format=csv"))}
    assert listed == repeat
    return checked


def behind(client, table: str, column: str, url: str) -> int:
    """What the list at ``url`` gives for a number of ``table``: its row count, or for munitions
    and casualties (which count strikes and people, not incidents) the sum over its incidents of
    their munitions of the column's weapon, or of their own killed or injured counts."""
    if table not in ("munitions", "casualties"):
        return rows_behind(client, url)
    codes = [row["code"] for row in csv_dicts(client.get(url + "&format=csv"))]
    if table == "munitions":
        munitions = Munition.objects.filter(incident__code__in=codes, weapon=column)
        return munitions.aggregate(n=Sum("count"))["n"] or 0
    return Incident.objects.filter(code__in=codes).aggregate(n=Sum(f"{column}_count"))["n"] or 0
