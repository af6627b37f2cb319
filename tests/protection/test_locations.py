"""Rule 6 (domain.md): recorded coordinates of facilities and incidents never reach a public
output. Hospitals that shared their coordinates for deconfliction were then struck.

Public outputs read ``facilities.models.public_coordinates()``. Until records carry
``public_location``, every record has the rule's default (its place's point) and places have no
point, so no coordinates are public; staff see the recorded ones in the admin.
"""

import csv
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.protection.test_canaries import body, planted, public_urls  # noqa: F401

pytestmark = pytest.mark.django_db

# Distinctive digits: a match is a leak, not a coincidence.
INCIDENT_POINT = (Decimal("34.917263"), Decimal("38.264519"))
FACILITY_POINT = (Decimal("33.408157"), Decimal("37.593846"))


def traces(point: tuple[Decimal, Decimal]) -> list[str]:
    """The coordinates as written and rounded to 2-5 decimals (a map or a CSV may round)."""
    found = []
    for value in point:
        found.append(str(value))
        found += [f"{value:.{places}f}" for places in (5, 4, 3, 2)]
    return found


@pytest.fixture
def located(planted):  # noqa: F811
    incident, facility = planted["incident"], planted["facility"]
    # As the admin or an import would store them (no side effect of a save on what is public).
    type(incident).objects.filter(pk=incident.pk).update(
        latitude=INCIDENT_POINT[0], longitude=INCIDENT_POINT[1]
    )
    type(facility).objects.filter(pk=facility.pk).update(
        latitude=FACILITY_POINT[0], longitude=FACILITY_POINT[1]
    )
    return planted


def test_no_recorded_coordinates_in_any_public_output(client, located):
    for url in public_urls(located):
        response = client.get(url)
        assert response.status_code == 200, url
        text = body(response)
        leaked = [trace for trace in traces(INCIDENT_POINT) + traces(FACILITY_POINT) if trace in text]
        assert not leaked, (url, leaked)


def test_the_downloads_keep_their_coordinate_columns_empty(client, located):
    """Readers' scripts keep working: the columns are there, with nothing in them."""
    incident, facility = located["incident"], located["facility"]
    for url, code in [
        (reverse("incidents:incident_list") + "?format=csv", incident.code),
        (reverse("incidents:facility_list") + "?format=csv", facility.code),
    ]:
        lines = body(client.get(url)).lstrip("\ufeff").splitlines()
        header = lines[0].split(",")
        row = next(line for line in lines if line.startswith(code + ","))

        values = dict(zip(header, next(csv.reader([row])), strict=True))
        assert values["latitude"] == "" and values["longitude"] == "", url


def test_staff_still_see_the_recorded_coordinates(admin_client, located):
    incident, facility = located["incident"], located["facility"]
    page = admin_client.get(reverse("admin:incidents_incident_change", args=[incident.pk])).content.decode()
    assert str(INCIDENT_POINT[0]) in page and str(INCIDENT_POINT[1]) in page
    page = admin_client.get(reverse("admin:facilities_facility_change", args=[facility.pk])).content.decode()
    assert str(FACILITY_POINT[0]) in page and str(FACILITY_POINT[1]) in page
