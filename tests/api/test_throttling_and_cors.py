"""Anonymous clients are throttled (``API_THROTTLE_RATE``) with a clear 429; cross-origin reads are
off unless ``API_CORS_ALLOWED_ORIGINS`` lists the origin."""

import pytest

pytestmark = pytest.mark.django_db


def test_too_many_requests_get_a_429_that_says_when_to_come_back(client, settings):
    settings.API_THROTTLE_RATE = "3/minute"
    statuses = [client.get("/api/v1/perpetrators/").status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    response = client.get("/api/v1/perpetrators/")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert 0 < int(response["Retry-After"]) <= 60
    assert "Too many requests" in response.json()["detail"]
    # Another address has its own allowance.
    assert client.get("/api/v1/perpetrators/", REMOTE_ADDR="192.0.2.7").status_code == 200
    arabic = client.get("/ar/api/v1/perpetrators/").json()["detail"]
    assert any("\u0600" <= ch <= "\u06ff" for ch in arabic)


def test_the_throttle_reads_the_address_the_proxies_give(client, settings):
    settings.API_THROTTLE_RATE = "1/minute"
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    forwarded = {"REMOTE_ADDR": "10.0.0.1"}
    assert (
        client.get("/api/v1/perpetrators/", HTTP_X_FORWARDED_FOR="198.51.100.1", **forwarded).status_code
        == 200
    )
    # A second client behind the same proxy is not held back by the first.
    assert (
        client.get("/api/v1/perpetrators/", HTTP_X_FORWARDED_FOR="198.51.100.2", **forwarded).status_code
        == 200
    )
    assert (
        client.get("/api/v1/perpetrators/", HTTP_X_FORWARDED_FOR="198.51.100.1", **forwarded).status_code
        == 429
    )


def test_off_lifts_the_limit(client, settings):
    settings.API_THROTTLE_RATE = "off"
    assert {client.get("/api/v1/perpetrators/").status_code for _ in range(5)} == {200}


def test_no_cross_origin_reads_by_default(client):
    response = client.get("/api/v1/perpetrators/", HTTP_ORIGIN="https://elsewhere.example")
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


def test_a_listed_origin_may_read_the_api_and_nothing_else(client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://partner.example"]
    origin = {"HTTP_ORIGIN": "https://partner.example"}
    response = client.get("/api/v1/perpetrators/", **origin)
    assert response["Access-Control-Allow-Origin"] == "https://partner.example"
    assert "Access-Control-Allow-Credentials" not in response
    assert client.get("/ar/api/v1/perpetrators/", **origin)["Access-Control-Allow-Origin"]
    assert "Access-Control-Allow-Origin" not in client.get("/perpetrators/", **origin)
    other = client.get("/api/v1/perpetrators/", HTTP_ORIGIN="https://elsewhere.example")
    assert "Access-Control-Allow-Origin" not in other
    preflight = client.options("/api/v1/incidents/", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET", **origin)
    assert preflight.status_code == 200
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
