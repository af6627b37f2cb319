"""Checks shared by the report tests."""

import csv
import io

from tests.public.helpers import csv_dicts, csv_text


def tidy(client, params) -> list[tuple]:
    text = csv_text(client.get("/reports/", {**params, "format": "csv"}))
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0] == ["table", "perpetrator", "parent_perpetrator", "category", "sex", "count"]
    return [tuple(row[:5]) + (int(row[5]),) for row in rows[1:]]


def rows_behind(client, url: str) -> int:
    """How many rows the list at ``url`` gives (read through its CSV download)."""
    return len(csv_dicts(client.get(url + "&format=csv")))


def assert_every_number_matches_its_list(client, params):
    """Each figure of the report page equals the row count of the list it links to."""
    response = client.get("/reports/", params)
    assert response.status_code == 200
    context = response.context
    checked = 0
    for table in (context["victim_table"], context["attack_table"]):
        for line in [*table["rows"], {"cells": table["totals"]}]:
            for cell in line["cells"]:
                assert rows_behind(client, cell["url"]) == cell["n"], cell["url"]
                checked += 1
    for month in context["chart_rows"]:
        assert rows_behind(client, month["attacks_url"]) == month["attacks"], month["attacks_url"]
        assert rows_behind(client, month["killed_url"]) == month["killed"], month["killed_url"]
    repeat = {entry["facility"].code for entry in context["report"].repeat_facilities["entries"]}
    assert context["report"].repeat_facilities["total"] == len(repeat)
    listed = {row["code"] for row in csv_dicts(client.get(context["repeat_link"] + "&format=csv"))}
    assert listed == repeat
    return checked
