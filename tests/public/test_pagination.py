"""Keyset pages: a stable order (date, then id), every row once, no COUNT(*) of the whole table."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.pagination import KeysetPaginator
from incidents.choices import Status
from incidents.models import Incident
from tests.factories import PlaceFactory, PublishedIncidentFactory, VictimFactory
from victims.models import Victim

pytestmark = pytest.mark.django_db


@pytest.fixture
def incidents(db):
    place = PlaceFactory()
    days = [datetime.date(2018, 1, 1 + n % 7) for n in range(40)]  # many share a date
    return [PublishedIncidentFactory(date=d, place=place) for d in days]


def walk(client, path, params, direction="after"):
    seen, cursor = [], None
    while True:
        query = dict(params)
        if cursor:
            query[direction] = cursor
        page = client.get(path, query).context["page"]
        seen.append([row.pk for row in page.rows])
        cursor = page.next_cursor if direction == "after" else page.previous_cursor
        if not cursor:
            return seen


def test_walking_forward_gives_every_row_once_in_date_then_id_order(client, incidents):
    pages = walk(client, "/incidents/", {"per_page": 25})
    flat = [pk for page in pages for pk in page]
    expected = list(Incident.objects.public().order_by("-date", "-pk").values_list("pk", flat=True))
    assert flat == expected
    assert [len(p) for p in pages] == [25, 15]


def test_previous_page_returns_to_the_same_rows(client, incidents):
    first = client.get("/incidents/", {"per_page": 25}).context["page"]
    second = client.get("/incidents/", {"per_page": 25, "after": first.next_cursor}).context["page"]
    back = client.get("/incidents/", {"per_page": 25, "before": second.previous_cursor}).context["page"]
    assert [r.pk for r in back.rows] == [r.pk for r in first.rows]
    assert back.first
    assert not back.has_previous


def test_victims_without_a_date_come_last_and_are_paged_too(client, db):
    place = PlaceFactory()
    dated = [
        VictimFactory(incident=PublishedIncidentFactory(place=place), status=Status.PUBLISHED)
        for _ in range(30)
    ]
    from tests.factories import PerpetratorFactory

    party = PerpetratorFactory()
    undated = [
        VictimFactory(incident=None, perpetrator=party, date_of_harm=None, status=Status.PUBLISHED)
        for _ in range(30)
    ]
    flat = [pk for page in walk(client, "/victims/", {"per_page": 25}) for pk in page]
    assert sorted(flat) == sorted(v.pk for v in dated + undated)
    assert len(flat) == len(set(flat))
    assert set(flat[-30:]) == {v.pk for v in undated}
    paginator = KeysetPaginator("-date_of_harm", nullable=True)
    last = Victim.objects.get(pk=flat[-1])
    assert paginator.decode(paginator.encode(last), Victim) == (None, last.pk)


def test_list_page_never_counts_the_whole_table(client, incidents):
    with CaptureQueriesContext(connection) as captured:
        client.get("/incidents/")
    counts = [q["sql"] for q in captured if "COUNT(" in q["sql"].upper()]
    assert counts, "the page shows a (capped) count"
    assert all("LIMIT" in sql.upper() for sql in counts), counts


def test_count_is_capped(client, incidents, monkeypatch):
    monkeypatch.setattr("core.views.capped_count.__defaults__", (10, ()))
    response = client.get("/incidents/")
    assert response.context["count"] == 10 and response.context["more"]
    assert "More than 10 incidents match." in response.content.decode()


def test_filters_survive_paging(client, incidents):
    first = client.get("/incidents/", {"per_page": 25, "date_after": "2018-01-03"}).context["page"]
    html = client.get("/incidents/", {"per_page": 25, "date_after": "2018-01-03"}).content.decode()
    assert "date_after=2018-01-03" in html and first.next_cursor in html


def test_a_date_range_is_counted_in_the_lists_order(client, incidents):
    """A capped count in table order can read half the table before its first match when the
    matches cluster (a date range); in the list's order it finds them as the page does. A
    text search is counted in table order, where PostgreSQL can use its index."""

    def count_sql(params):
        with CaptureQueriesContext(connection) as captured:
            client.get("/incidents/", params)
        counts = [q["sql"] for q in captured if "COUNT(" in q["sql"].upper()]
        assert len(counts) == 1, counts
        return counts[0]

    ordered = 'ORDER BY "incidents_incident"."date" DESC'
    assert ordered in count_sql({"date_after": "2018-01-03"})
    assert ordered in count_sql({"month": "2018-01", "q": "strike"})
    assert ordered not in count_sql({"q": "strike"})
    assert ordered not in count_sql({})
