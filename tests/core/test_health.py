"""The health endpoint (core.health) and the page a request gets while the database is down
(core.views.handler500). The restart of a real database under gunicorn is
tests/deploy/test_database_restart.py."""

import json

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext
from health_check.exceptions import ServiceUnavailable

from core import health

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _forget_migrated():
    health._MIGRATED.clear()
    yield
    health._MIGRATED.clear()


def test_health_reports_every_check_as_json(client):
    response = client.get("/health/?format=json")
    assert response.status_code == 200
    results = json.loads(response.content)
    assert {name.split("(")[0] for name in results} == {"Database", "Cache", "Storage", "MigrationsApplied"}
    assert set(results.values()) == {"OK"}
    # A monitor must see the state of now, never a stored copy.
    assert "no-store" in response["Cache-Control"]


def test_health_is_the_same_under_the_arabic_prefix_as_not_at_all(client):
    assert client.get("/health/?format=json").status_code == 200
    assert client.get("/ar/health/?format=json").status_code == 404


def sql(statement: str, params=()) -> list:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else []


def test_an_unapplied_migration_makes_the_site_unhealthy(client):
    latest = "SELECT app, name FROM django_migrations WHERE app = 'reports' ORDER BY id DESC LIMIT 1"
    [(app, name)] = sql(latest)
    sql("DELETE FROM django_migrations WHERE app = %s AND name = %s", [app, name])
    try:
        with pytest.raises(ServiceUnavailable, match="1 migration"):
            health.MigrationsApplied().run()
        response = client.get("/health/?format=json")
        assert response.status_code == 500
        assert json.loads(response.content)["MigrationsApplied(alias='default')"] != "OK"
    finally:
        record = "INSERT INTO django_migrations (app, name, applied) VALUES (%s, %s, CURRENT_TIMESTAMP)"
        sql(record, [app, name])
    assert health.MigrationsApplied().run() is None


def failing_view(request):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


@pytest.mark.parametrize("language", ["en", "ar"])
def test_database_unreachable_is_a_503_in_the_page_language(monkeypatch, language):
    """Django turns the error into the site's 503 (handler500), with a time to come back; the page
    names no server, port or error text."""
    from incidents import views

    monkeypatch.setattr(views.IncidentListView, "get", lambda self, request: failing_view(request))
    client = Client(raise_request_exception=False)
    response = client.get("/ar/incidents/" if language == "ar" else "/incidents/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = response.content.decode()
    with translation.override(language):
        assert gettext("Temporarily unavailable") in body
    assert f'lang="{language}"' in body
    assert "5432" not in body and "Connection refused" not in body


def test_any_other_server_error_stays_a_500(monkeypatch):
    from incidents import views

    def broken(self, request):
        raise RuntimeError("a bug")

    monkeypatch.setattr(views.IncidentListView, "get", broken)
    response = Client(raise_request_exception=False).get("/incidents/")
    assert response.status_code == 500
    assert "Retry-After" not in response
