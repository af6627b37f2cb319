"""Bad requests get a JSON answer that says what is wrong, in the language of the URL; a code that
is not public is a 404 like one that does not exist."""

import pytest

from incidents.choices import Status
from tests.factories import FacilityFactory, PerpetratorFactory, VictimFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "params", "names"),
    [
        ("incidents", {"date_after": "2018-13-45"}, ["date_after"]),
        ("incidents", {"date_after": "2018-01-01", "date_before": "0001-01-01"}, ["date_before"]),
        ("incidents", {"month": "2018-1x"}, ["month"]),
        ("incidents", {"perpetrator": "no-such-party"}, ["perpetrator"]),
        ("incidents", {"governorate": "SY99"}, ["governorate"]),
        ("incidents", {"weapon": "catapult"}, ["weapon"]),
        ("incidents", {"double_tap": "maybe"}, ["double_tap"]),
        ("incidents", {"q": "x" * 201}, ["q"]),
        ("incidents", {"after": "not-a-cursor"}, ["after"]),
        ("incidents", {"before": "W1tbXV1d"}, ["before"]),
        ("incidents", {"page_size": "0"}, ["page_size"]),
        ("incidents", {"page_size": "501"}, ["page_size"]),
        ("incidents", {"page_size": "ten"}, ["page_size"]),
        ("incidents", {"format": "xml"}, ["format"]),
        ("attacks", {"damage": "total", "kind": "castle"}, ["damage", "kind"]),
        ("victims", {"child": "sometimes", "sex": "x"}, ["child", "sex"]),
        ("facilities", {"category": "spaceport"}, ["category"]),
        ("perpetrators", {"page_size": "-1"}, ["page_size"]),
        ("reports", {"date_after": "2018-01-01"}, ["date_after"]),
        ("reports", {"date_after": "2018-02-01", "date_before": "2018-01-01"}, ["date_after", "date_before"]),
        ("reports", {"governorate": "nowhere"}, ["governorate"]),
    ],
)
def test_a_malformed_parameter_is_a_400_naming_it(client, world, path, params, names):
    response = client.get(f"/api/v1/{path}/", params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert sorted(body["errors"]) == sorted(names)
    assert all(body["errors"][name] and all(body["errors"][name]) for name in names)
    for name in names:
        assert name in body["detail"]


def test_unknown_parameters_are_ignored(client, world):
    response = client.get("/api/v1/incidents/", {"utm_source": "x", "page": "2"})
    assert response.status_code == 200
    assert response.json()["count"] == 8


def test_errors_are_in_arabic_under_ar(client, world):
    english = client.get("/api/v1/incidents/", {"date_after": "nope"}).json()
    arabic = client.get("/ar/api/v1/incidents/", {"date_after": "nope"}).json()
    assert arabic["errors"]["date_after"] != english["errors"]["date_after"]
    for text in (arabic["detail"], *arabic["errors"]["date_after"]):
        assert any("\u0600" <= ch <= "\u06ff" for ch in text), text
    missing = client.get("/ar/api/v1/incidents/NOPE-1/").json()["detail"]
    assert any("\u0600" <= ch <= "\u06ff" for ch in missing)


def hidden_records(world) -> list[str]:
    draft_victim = VictimFactory(incident=world.incidents["A"], status=Status.DRAFT)
    unpublished_facility = FacilityFactory(place=world.places["maaret"])
    return [
        f"/api/v1/incidents/{world.incidents['G'].code}/",  # draft
        f"/api/v1/incidents/{world.incidents['H'].code}/",  # rumour
        f"/api/v1/victims/{draft_victim.code}/",
        f"/api/v1/victims/{world.victims['hidden_by_incident'].code}/",  # published, incident not
        f"/api/v1/facilities/{unpublished_facility.code}/",
        f"/api/v1/attacks/{world.incidents['G'].code}/{world.facilities['hospital'].code}/",
        f"/api/v1/attacks/{world.incidents['A'].code}/{world.facilities['point'].code}/",  # no such attack
        "/api/v1/incidents/INC-1900-99999/",
        "/api/v1/perpetrators/no-such-party/",
        "/api/v1/incidents/%00/",
        "/api/v1/incidents/a.b/",
        "/api/v1/nothing-here/",
    ]


def test_a_code_that_is_not_public_is_a_json_404(client, world):
    for path in hidden_records(world):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response["Content-Type"] == "application/json", path
        assert response.json()["detail"], path


def test_public_records_answer(client, world):
    party = PerpetratorFactory(code="another-party")
    for path in [
        f"/api/v1/incidents/{world.incidents['A'].code}/",
        f"/api/v1/victims/{world.victims['nurse'].code}/",
        f"/api/v1/victims/{world.victims['duplicate'].code}/",  # a duplicate has its page, as in HTML
        f"/api/v1/facilities/{world.facilities['never'].code}/",
        f"/api/v1/attacks/{world.incidents['A'].code}/{world.facilities['hospital'].code}/",
        f"/api/v1/perpetrators/{party.code}/",
    ]:
        assert client.get(path).status_code == 200, path


def test_the_api_only_reads(client, world):
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)("/api/v1/incidents/")
        assert response.status_code == 405
        assert response.json()["detail"]


def test_an_html_accept_header_still_gets_json(client, world):
    response = client.get("/api/v1/incidents/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
