"""``/api/v1/reports/`` gives the rows of the report's tidy CSV, as JSON objects."""

import pytest

from reports.views import TIDY_HEADER
from tests.public.helpers import csv_dicts

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "params",
    [
        {"date_after": "2018-01-01", "date_before": "2018-01-31"},
        {"date_after": "2018-01-01", "date_before": "2018-12-31", "governorate": "SY07"},
        {"month": "2018-02"},
        {},
    ],
)
def test_the_rows_are_the_csv_download_s(client, world, params):
    csv_rows = csv_dicts(client.get("/reports/", {**params, "format": "csv"}))
    answer = client.get("/api/v1/reports/", params).json()
    assert answer["count"] == len(answer["results"]) == len(csv_rows)
    assert answer["next"] is None and answer["previous"] is None
    assert list(answer["results"][0]) == TIDY_HEADER
    as_text = [{key: str(value) for key, value in row.items()} for row in answer["results"]]
    assert as_text == csv_rows


def test_the_period_is_said(client, world):
    answer = client.get("/api/v1/reports/", {"month": "2018-01", "governorate": "SY07"}).json()
    assert answer["period"] == {
        "date_after": "2018-01-01",
        "date_before": "2018-01-31",
        "governorate": "SY07",
    }
    casualties = {
        (row["category"], row["count"]) for row in answer["results"] if row["table"] == "casualties"
    }
    assert casualties == {("killed", 2), ("injured", 5)}  # incident A, in Idleb; numbers, not text
