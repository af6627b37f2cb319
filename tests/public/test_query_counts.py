"""The number of queries of a page does not grow with its rows (no N+1)."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from incidents.choices import Status
from tests.factories import (
    AttackFactory,
    AttributionFactory,
    EvidenceMediaFactory,
    FacilityFactory,
    PublishedIncidentFactory,
    VictimFactory,
    WitnessAccountFactory,
)

pytestmark = pytest.mark.django_db

LISTS = ["/incidents/", "/attacks/", "/victims/", "/facilities/"]


@pytest.fixture
def many(world):
    """World plus 120 more published incidents, each with an attack and a victim."""
    for n in range(120):
        incident = PublishedIncidentFactory(
            date=datetime.date(2017, 1, 1) + datetime.timedelta(days=n), place=world.places["douma"]
        )
        AttributionFactory(incident=incident, perpetrator=world.parties["regime"])
        AttackFactory(incident=incident, facility=FacilityFactory(place=world.places["douma"]))
        VictimFactory(incident=incident, status=Status.PUBLISHED)
    return world


def count_queries(client, url, params) -> int:
    cache.clear()  # the filter form's option lists are kept for a few minutes
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
        assert response.status_code == 200
    return len(captured)


FILTERS = {"perpetrator": "syrian-regime", "governorate": "SY03", "month": "", "date_after": "2017-01-01"}
SEARCH = {
    "/incidents/": "Hospital",
    "/attacks/": "Hospital",
    "/victims/": "Victim",
    "/facilities/": "Hospital",
}


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("filtered", [False, True], ids=["unfiltered", "filtered"])
def test_list_queries_do_not_depend_on_page_size(client, many, django_assert_num_queries, path, filtered):
    filters = {**FILTERS, "q": SEARCH[path]} if filtered else {}
    small = count_queries(client, path, {**filters, "per_page": 25})
    cache.clear()
    with django_assert_num_queries(small):
        response = client.get(path, {**filters, "per_page": 100})
    assert len(response.context["page"].rows) > 25  # the larger page really shows more rows
    assert small <= 12


@pytest.mark.parametrize("path", LISTS)
def test_list_queries_do_not_depend_on_the_page(client, many, path):
    first = client.get(path, {"per_page": 25})
    cursor = first.context["page"].next_cursor
    assert cursor
    assert count_queries(client, path, {"per_page": 25}) == count_queries(
        client, path, {"per_page": 25, "after": cursor}
    )


def detail_queries(client, url) -> int:
    cache.clear()  # the party pages keep their all-time totals for a few minutes
    return count_queries(client, url, {})


def test_incident_detail_has_no_n_plus_one(client, world):
    incident = world.incidents["F"]
    before = detail_queries(client, f"/incidents/{incident.code}/")
    for n in range(5):
        AttackFactory(incident=incident, facility=FacilityFactory(place=world.places["douma"]))
        VictimFactory(incident=incident, status=Status.PUBLISHED)
        WitnessAccountFactory(incident=incident)
        EvidenceMediaFactory(incident=incident, visibility="public", url=f"https://example.org/{n}")
    assert detail_queries(client, f"/incidents/{incident.code}/") == before


def test_facility_detail_has_no_n_plus_one(client, world):
    facility = world.facilities["point"]
    before = detail_queries(client, f"/facilities/{facility.code}/")
    for n in range(5):
        incident = PublishedIncidentFactory(date=datetime.date(2018, 3, n + 1), place=world.places["douma"])
        AttributionFactory(incident=incident, perpetrator=world.parties["russia"])
        AttackFactory(incident=incident, facility=facility)
        VictimFactory(incident=incident, affiliation=facility, status=Status.PUBLISHED)
    assert detail_queries(client, f"/facilities/{facility.code}/") == before


def report_queries(client) -> int:
    """Queries of the report once its tallies are up to date (a refresh's own queries do not
    depend on the data either: tests/reports/test_tallies.py)."""
    from reports import tallies

    tallies.refresh()
    return detail_queries(client, "/reports/?month=2018-01")


def test_report_and_party_pages_have_a_fixed_number_of_queries(client, world, many):
    report = report_queries(client)
    parties = detail_queries(client, "/perpetrators/")
    party = detail_queries(client, "/perpetrators/syrian-regime/")
    for n in range(5):
        incident = PublishedIncidentFactory(date=datetime.date(2018, 1, n + 1), place=world.places["douma"])
        AttributionFactory(incident=incident, perpetrator=world.parties["isis"])
        AttackFactory(incident=incident, facility=FacilityFactory(place=world.places["douma"]))
        VictimFactory(incident=incident, status=Status.PUBLISHED)
    assert report_queries(client) == report
    assert detail_queries(client, "/perpetrators/") == parties
    assert detail_queries(client, "/perpetrators/syrian-regime/") == party
